import { Alert, Button, Group, Loader, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BillableItem, InvoiceSummary } from '../../../../shared/schemas/invoices.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence } from '../../../common/field-errors.js';
import { useInvoice, useReissueInvoice, useVoidInvoice } from './invoices.queries.js';
import { feeTexts, ItemPicker, readPicks } from './UninvoicedItems.js';

export type VoidMode = 'void' | 'reissue';

/**
 * Void an invoice (with a reason), or Void and re-issue it: the same items, and any others not
 * invoiced yet, at corrected fees, on a new invoice that names this one. Either is one transaction.
 */
export function VoidInvoiceDialog({
  invoice,
  mode,
  unbilledItems,
  onClose,
}: {
  invoice: InvoiceSummary;
  mode: VoidMode;
  unbilledItems: BillableItem[];
  onClose: () => void;
}) {
  const detail = useInvoice(mode === 'reissue' ? invoice.id : null);
  const voiding = useVoidInvoice();
  const reissuing = useReissueInvoice();
  const pending = voiding.isPending || reissuing.isPending;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [picked, setPicked] = useState<ReadonlySet<string> | null>(null);
  const [fees, setFees] = useState<Record<string, string>>({});
  const [feeErrors, setFeeErrors] = useState<Record<string, string>>({});
  const onInvoice = detail.data?.items ?? [];
  const candidates = [...onInvoice, ...unbilledItems];
  const chosen = picked ?? new Set(onInvoice.map((item) => item.id));
  const serverErrors = fieldErrorsOf(voiding.error ?? reissuing.error);
  const title = mode === 'void' ? `Void ${invoice.number}?` : `Void and re-issue ${invoice.number}`;

  const submit = () => {
    if (reason.trim() === '') {
      setReasonError('Say why the invoice is voided.');
      return;
    }
    setReasonError(undefined);
    const done = (message: string) => {
      notifications.show({ color: 'green', message });
      onClose();
    };
    if (mode === 'void') {
      voiding.mutate(
        { id: invoice.id, body: { reason } },
        { onSuccess: () => done(`Invoice ${invoice.number} voided.`) },
      );
      return;
    }
    const ids = candidates.filter((item) => chosen.has(item.id)).map((item) => item.id);
    const read = readPicks(ids, { ...feeTexts(candidates, invoice.currency), ...fees }, invoice.currency);
    if (!read.ok) {
      setFeeErrors(read.errors);
      return;
    }
    setFeeErrors({});
    reissuing.mutate(
      { id: invoice.id, body: { reason, items: read.items } },
      { onSuccess: ({ invoice: next }) => done(`Invoice ${invoice.number} voided; ${next.number} issued.`) },
    );
  };

  return (
    <Modal opened onClose={onClose} title={title} centered size={mode === 'reissue' ? 'lg' : 'md'}>
      <Stack gap="md">
        <Text size="sm">
          {mode === 'void'
            ? 'The invoice stays on record, marked void, and its PDF can still be downloaded. Its items go back to Not invoiced yet, and payments applied to it become the client’s credit.'
            : 'The invoice is voided and a new one is issued that names it. Payments applied to it become the client’s credit.'}
        </Text>
        <Textarea
          label="Reason"
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={reasonError ?? sentence(serverErrors.reason)}
        />
        {mode === 'reissue' ? (
          detail.data ? (
            candidates.length === 0 ? (
              <Alert color="gray" variant="light">
                Nothing to bill on a new invoice.
              </Alert>
            ) : (
              <Stack gap={6}>
                <Text size="sm" fw={600}>
                  Lines of the new invoice
                </Text>
                <ItemPicker
                  items={candidates}
                  currency={invoice.currency}
                  picked={chosen}
                  fees={{ ...feeTexts(candidates, invoice.currency), ...fees }}
                  errors={feeErrors}
                  onPick={(id, on) => {
                    const next = new Set(chosen);
                    if (on) next.add(id);
                    else next.delete(id);
                    setPicked(next);
                  }}
                  onFee={(id, text) => setFees((current) => ({ ...current, [id]: text }))}
                />
              </Stack>
            )
          ) : (
            <Group justify="center" py="md">
              {detail.error ? null : <Loader aria-label="Loading the invoice" />}
            </Group>
          )
        ) : null}
        <ErrorAlert error={detail.error ?? voiding.error ?? reissuing.error} title="Could not do that" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            onClick={submit}
            loading={pending}
            disabled={mode === 'reissue' && (!detail.data || chosen.size === 0)}
          >
            {mode === 'void' ? 'Void' : 'Void and re-issue'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
