import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

interface MessagePageProps {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  action?: ReactNode;
}

/** A centred message with an h1, for not-found and not-allowed pages inside the app shell. */
export function MessagePage({ icon, title, description, action }: MessagePageProps) {
  return (
    <EmptyState py={64} variant="light" icon={icon} title={null} description={null}>
      <EmptyState.Title order={1}>{title}</EmptyState.Title>
      <EmptyState.Description>{description}</EmptyState.Description>
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}
