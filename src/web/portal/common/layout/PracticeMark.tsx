import { Avatar } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { initials } from '../names.js';

interface PracticeMarkProps {
  name: string;
  size?: number;
}

/** The practice's monogram, its brand in the portal; decorative (the name is always beside it). */
export function PracticeMark({ name, size = 40 }: PracticeMarkProps) {
  const letters = initials(name);
  return (
    <Avatar size={size} radius="md" color="portico" variant="filled" aria-hidden>
      {letters || <IconBuildingCommunity size={size * 0.55} stroke={1.6} />}
    </Avatar>
  );
}
