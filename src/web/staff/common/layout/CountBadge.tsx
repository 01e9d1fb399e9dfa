import { Badge, VisuallyHidden } from '@mantine/core';

/** A count beside a navigation entry (shown up to 99+); read out in words, e.g. "3 unread conversations". */
export function CountBadge({ count, label }: { count: number | null; label: string }) {
  if (!count) return null;
  return (
    <Badge size="sm" variant="filled" color="red.8" circle={count < 10} ml={6} style={{ verticalAlign: 'middle' }}>
      <span aria-hidden>{count > 99 ? '99+' : count}</span>
      <VisuallyHidden> {label}</VisuallyHidden>
    </Badge>
  );
}
