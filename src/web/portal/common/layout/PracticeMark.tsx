import { Avatar } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { initials } from '../names.js';

interface PracticeMarkProps {
  name: string;
  size?: number;
  /** The practice's logo (Settings → Practice profile); its monogram without one. */
  logoUrl?: string | null;
}

/** The practice's logo or monogram, its brand in the portal; decorative (the name is always beside it). */
export function PracticeMark({ name, size = 40, logoUrl = null }: PracticeMarkProps) {
  if (logoUrl) {
    return (
      <img
        src={logoUrl}
        alt=""
        className="portal-practice-logo"
        style={{
          height: size,
          width: 'auto',
          maxWidth: size * 3,
          objectFit: 'contain',
          borderRadius: 6,
          flexShrink: 0,
        }}
      />
    );
  }
  const letters = initials(name);
  return (
    <Avatar size={size} radius="md" color="portico" variant="filled" aria-hidden>
      {letters || <IconBuildingCommunity size={size * 0.55} stroke={1.6} />}
    </Avatar>
  );
}
