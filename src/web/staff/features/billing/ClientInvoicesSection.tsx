import { Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { formatMoney } from '../../../../shared/money.js';
import type { InvoiceStatus, InvoiceSummary } from '../../../../shared/schemas/invoices.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatCalendarDate } from '../../../common/dates.js';
import { invoicePdfUrl, useClientInvoices } from './invoices.queries.js';
import { UninvoicedItems } from './UninvoicedItems.js';
import { VoidInvoiceDialog, type VoidMode } from './VoidInvoiceDialog.js';

const statusLabels: Record<InvoiceStatus, string> = { open: 'Open', paid: 'Paid', void: 'Void' };
const statusColors: Record<InvoiceStatus, string> = { open: 'blue', paid: 'green', void: 'gray' };

/**
 * Client profile → Billing → Invoices: every invoice (number, dates, total, paid, balance, status)
 * with its PDF to download; owners and billers also void one, or void and re-issue it corrected,
 * and invoice the items not invoiced yet.
 */
export function ClientInvoicesSection({ clientId }: { clientId: string }) {
  const invoices = useClientInvoices(clientId);
  const [voiding, setVoiding] = useState<{ invoice: InvoiceSummary; mode: VoidMode } | null>(null);
  const data = invoices.data;
  const actions = (invoice: InvoiceSummary, wrap: boolean) => (
    <InvoiceActions
      invoice={invoice}
      manageable={data?.manageable ?? false}
      wrap={wrap}
      onVoid={(mode) => setVoiding({ invoice, mode })}
    />
  );

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Invoices
      </Title>
      <ErrorAlert error={invoices.error} title="Could not load the invoices" />
      {!data && !invoices.error ? (
        <Group justify="center" py={32}>
          <Loader aria-label="Loading invoices" />
        </Group>
      ) : null}
      {data && data.invoices.length === 0 ? <Text c="dimmed">No invoices yet.</Text> : null}
      {data && data.invoices.length > 0 ? (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }} visibleFrom="sm">
          <Table verticalSpacing="sm" horizontalSpacing="md" miw={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Issue date</Table.Th>
                <Table.Th>Due date</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
                <Table.Th ta="right">Paid</Table.Th>
                <Table.Th ta="right">Balance</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.invoices.map((invoice) => (
                <Table.Tr key={invoice.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {invoice.number}
                    </Text>
                    <InvoiceLinks invoice={invoice} />
                  </Table.Td>
                  <Table.Td>{formatCalendarDate(invoice.issueDate)}</Table.Td>
                  <Table.Td>{formatCalendarDate(invoice.dueDate)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(invoice.totalMinor, invoice.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(invoice.paidMinor, invoice.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(invoice.balanceMinor, invoice.currency)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={invoice.status} />
                  </Table.Td>
                  <Table.Td>{actions(invoice, false)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {data && data.invoices.length > 0 ? (
        // On a phone each invoice is a card: eight columns cannot fit 390 pixels.
        <Stack gap="xs" hiddenFrom="sm">
          {data.invoices.map((invoice) => (
            <Paper key={invoice.id} withBorder radius="md" p="sm">
              <Stack gap={6}>
                <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600} size="sm">
                      {invoice.number}
                    </Text>
                    <InvoiceLinks invoice={invoice} />
                  </div>
                  <StatusBadge status={invoice.status} />
                </Group>
                <Text size="xs" c="dimmed">
                  Issued {formatCalendarDate(invoice.issueDate)} · Due {formatCalendarDate(invoice.dueDate)}
                </Text>
                <Text size="sm">
                  Total {formatMoney(invoice.totalMinor, invoice.currency)} · Paid{' '}
                  {formatMoney(invoice.paidMinor, invoice.currency)} · Balance{' '}
                  <strong>{formatMoney(invoice.balanceMinor, invoice.currency)}</strong>
                </Text>
                {actions(invoice, true)}
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : null}
      {data ? (
        <UninvoicedItems
          clientId={clientId}
          currency={data.currency}
          items={data.unbilledItems}
          manageable={data.manageable}
        />
      ) : null}
      {voiding ? (
        <VoidInvoiceDialog
          key={`${voiding.invoice.id}-${voiding.mode}`}
          invoice={voiding.invoice}
          mode={voiding.mode}
          unbilledItems={data?.unbilledItems ?? []}
          onClose={() => setVoiding(null)}
        />
      ) : null}
    </Stack>
  );
}

/** "Replaces INV-0001" on a re-issue, "Replaced by INV-0002" on what it corrected. */
function InvoiceLinks({ invoice }: { invoice: InvoiceSummary }) {
  return (
    <>
      {invoice.replacesNumber ? (
        <Text size="xs" c="dimmed">
          Replaces {invoice.replacesNumber}
        </Text>
      ) : null}
      {invoice.replacedByNumber ? (
        <Text size="xs" c="dimmed">
          Replaced by {invoice.replacedByNumber}
        </Text>
      ) : null}
    </>
  );
}

function InvoiceActions({
  invoice,
  manageable,
  wrap,
  onVoid,
}: {
  invoice: InvoiceSummary;
  manageable: boolean;
  wrap: boolean;
  onVoid: (mode: VoidMode) => void;
}) {
  return (
    <Group gap="xs" wrap={wrap ? 'wrap' : 'nowrap'} justify={wrap ? 'flex-start' : 'flex-end'}>
      <Button
        size="compact-sm"
        variant="default"
        component="a"
        href={invoicePdfUrl(invoice.id)}
        leftSection={<IconDownload size={14} aria-hidden />}
        aria-label={`Download ${invoice.number}`}
      >
        Download
      </Button>
      {manageable && invoice.status !== 'void' ? (
        <>
          <Button
            size="compact-sm"
            variant="subtle"
            aria-label={`Void and re-issue ${invoice.number}`}
            onClick={() => onVoid('reissue')}
          >
            Void and re-issue
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            aria-label={`Void ${invoice.number}`}
            onClick={() => onVoid('void')}
          >
            Void
          </Button>
        </>
      ) : null}
    </Group>
  );
}

function StatusBadge({ status }: { status: InvoiceStatus }) {
  // The light badge's own text is below 4.5:1 at badge size: its colour's darkest shade, darker still.
  const color = statusColors[status];
  return (
    <Badge
      color={color}
      variant="light"
      miw="max-content"
      style={{ flexShrink: 0, color: `color-mix(in srgb, var(--mantine-color-${color}-9) 70%, black)` }}
    >
      {statusLabels[status]}
    </Badge>
  );
}
