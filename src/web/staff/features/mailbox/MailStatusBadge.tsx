import { Badge } from '@mantine/core';
import type { CSSProperties } from 'react';

const colors: Record<string, string> = { sent: 'portico', queued: 'blue', sending: 'blue', failed: 'red', dead: 'red' };

export function MailStatusBadge({ status, style }: { status: string; style?: CSSProperties }) {
  return (
    <Badge variant="light" color={colors[status] ?? 'gray'} size="sm" style={style}>
      {status}
    </Badge>
  );
}
