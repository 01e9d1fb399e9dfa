import { Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatMoney, minorToDecimal, parseMoney } from '../../../../shared/money.js';
import type { BillableItem } from '../../../../shared/schemas/invoices.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatCalendarDate } from '../../../common/dates.js';
import { useCreateInvoice } from './invoices.queries.js';

/** "Individual therapy · 90834 95 · POS 10": what a line bills, as a short line. */
export function itemCodes(item: Pick<BillableItem, 'cptCode' | 'modifiers' | 'placeOfService'>): string {
  const cpt = [item.cptCode, item.modifiers].filter((part) => part !== null && part !== '').join(' ');
  return [cpt ? `CPT ${cpt}` : null, `POS ${item.placeOfService}`].filter(Boolean).join(' · ');
}

/**
 * Items to pick, each with its fee as typed (in the currency, read into minor units without
 * floating point): for Create invoice here and for Void and re-issue.
 */
export function ItemPicker({
  items,
  currency,
  picked,
  fees,
  errors,
  onPick,
  onFee,
  readOnly = false,
}: {
  items: BillableItem[];
  currency: string;
  picked: ReadonlySet<string>;
  fees: Readonly<Record<string, string>>;
  errors: Readonly<Record<string, string>>;
  onPick: (id: string, on: boolean) => void;
  onFee: (id: string, text: string) => void;
  readOnly?: boolean;
}) {
  return (
    <Stack gap="xs">
      {items.map((item) => {
        const label = `${item.description}, ${formatCalendarDate(item.dateOfService)}`;
        return (
          <Paper key={item.id} withBorder radius="md" p="sm">
            <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
                {readOnly ? (
                  <Text size="sm" fw={600}>
                    {label}
                  </Text>
                ) : (
                  <Checkbox
                    label={label}
                    checked={picked.has(item.id)}
                    onChange={(event) => onPick(item.id, event.currentTarget.checked)}
                    styles={{ label: { fontWeight: 600, overflowWrap: 'anywhere' } }}
                  />
                )}
                <Text size="xs" c="dimmed" pl={readOnly ? 0 : 30}>
                  {itemCodes(item)}
                </Text>
              </Stack>
              {readOnly ? (
                <Text size="sm">{formatMoney(item.feeMinor, currency)}</Text>
              ) : (
                <TextInput
                  aria-label={`Fee for ${label}`}
                  w={140}
                  size="sm"
                  inputMode="decimal"
                  autoComplete="off"
                  rightSection={<Text size="xs">{currency}</Text>}
                  rightSectionWidth={44}
                  value={fees[item.id] ?? ''}
                  onChange={(event) => onFee(item.id, event.currentTarget.value)}
                  error={errors[item.id]}
                />
              )}
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** The typed fees of the picked items in minor units, or each one's error. */
export function readPicks(
  ids: readonly string[],
  fees: Readonly<Record<string, string>>,
  currency: string,
): { ok: true; items: { id: string; feeMinor: number }[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const items: { id: string; feeMinor: number }[] = [];
  for (const id of ids) {
    const parsed = parseMoney(fees[id] ?? '', currency);
    if (parsed.ok) items.push({ id, feeMinor: parsed.minor });
    else errors[id] = `The fee ${parsed.message}`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, items };
}

export const feeTexts = (items: readonly BillableItem[], currency: string): Record<string, string> =>
  Object.fromEntries(items.map((item) => [item.id, minorToDecimal(item.feeMinor, currency)]));

/**
 * What attended, no-show and late-cancelled appointments owe that no invoice bills yet. Owners
 * and billers tick items, correct a fee if need be, and Create invoice; clinicians read the list.
 */
export function UninvoicedItems({
  clientId,
  currency,
  items,
  manageable,
}: {
  clientId: string;
  currency: string;
  items: BillableItem[];
  manageable: boolean;
}) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const [fees, setFees] = useState<Record<string, string>>(() => feeTexts(items, currency));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateInvoice(clientId);
  const chosen = items.filter((item) => picked.has(item.id)).map((item) => item.id);

  const submit = () => {
    const read = readPicks(chosen, fees, currency);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    create.mutate(
      { items: read.items },
      {
        onSuccess: ({ invoice }) => {
          setPicked(new Set());
          notifications.show({ color: 'green', message: `Invoice ${invoice.number} created.` });
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Not invoiced yet
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nothing to invoice. Attended appointments, no-shows and late cancellations with a fee appear here.
        </Text>
      ) : (
        <>
          <ItemPicker
            items={items}
            currency={currency}
            picked={picked}
            fees={{ ...feeTexts(items, currency), ...fees }}
            errors={errors}
            readOnly={!manageable}
            onPick={(id, on) =>
              setPicked((current) => {
                const next = new Set(current);
                if (on) next.add(id);
                else next.delete(id);
                return next;
              })
            }
            onFee={(id, text) => setFees((current) => ({ ...current, [id]: text }))}
          />
          <ErrorAlert error={create.error} title="Could not create the invoice" />
          {manageable ? (
            <Group justify="flex-end">
              <Button onClick={submit} disabled={chosen.length === 0} loading={create.isPending}>
                Create invoice
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}
