import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AgingBuckets } from '../../../../shared/schemas/billing-payments.js';
import { formatMoney } from '../../../../shared/money.js';

export const agingLabels: { key: keyof AgingBuckets; label: string }[] = [
  { key: 'currentMinor', label: 'Current (0–30 days)' },
  { key: 'days31to60Minor', label: '31–60 days' },
  { key: 'days61to90Minor', label: '61–90 days' },
  { key: 'over90Minor', label: '90+ days' },
];

/** One figure: a label over an amount, announced together. */
export function Figure({
  label,
  minor,
  currency,
  strong = false,
}: {
  label: string;
  minor: number;
  currency: string;
  strong?: boolean;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" fw={600}>
          {label}
        </Text>
        <Text fw={strong ? 700 : 500} size={strong ? 'lg' : 'md'} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatMoney(minor, currency)}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Balance due, credit and the aging buckets of what is open. */
export function BalanceSummary({
  balanceDueMinor,
  creditMinor,
  aging,
  currency,
  label,
}: {
  balanceDueMinor: number;
  creditMinor: number;
  aging: AgingBuckets;
  currency: string;
  label: string;
}) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" aria-label={label} role="group">
      <Figure label="Balance due" minor={balanceDueMinor} currency={currency} strong />
      <Figure label="Credit" minor={creditMinor} currency={currency} />
      {agingLabels.map(({ key, label: bucket }) => (
        <Figure key={key} label={bucket} minor={aging[key]} currency={currency} />
      ))}
    </SimpleGrid>
  );
}
