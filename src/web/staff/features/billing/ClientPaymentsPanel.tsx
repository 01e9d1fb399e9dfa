import { Badge, Box, Button, Group, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconReceiptRefund } from '@tabler/icons-react';
import { useState } from 'react';
import { mayDo } from '../../../../shared/permissions.js';
import { formatMoney } from '../../../../shared/money.js';
import type { Payment } from '../../../../shared/schemas/billing-payments.js';
import { formatCalendarDate } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useSignedIn } from '../../common/session.js';
import { BalanceSummary } from './BalanceSummary.js';
import { paymentMethodLabels } from './payment-labels.js';
import { useApplyCredit, useClientBalance, useClientPayments } from './payments.queries.js';
import { RecordPaymentDialog } from './RecordPaymentDialog.js';
import { RefundDialog } from './RefundDialog.js';

/**
 * A client's balance (balance due, credit, aging) and their payments and refunds, with Record
 * payment, Apply credit and Refund for those who manage billing.
 */
export function ClientPaymentsPanel({ clientId }: { clientId: string }) {
  const { staff } = useSignedIn();
  const manages = mayDo(staff.roles, 'manage_billing');
  const balance = useClientBalance(clientId);
  const payments = useClientPayments(clientId);
  const applyCredit = useApplyCredit(clientId);
  const [recording, setRecording] = useState(false);
  const [refunding, setRefunding] = useState<Payment | null>(null);

  const data = balance.data;
  const canApplyCredit = manages && data !== undefined && data.creditMinor > 0 && data.openInvoices.length > 0;
  const apply = () =>
    applyCredit.mutate(
      { allocation: 'oldest', invoices: [] },
      {
        onSuccess: ({ appliedMinor }) =>
          notifications.show({
            color: 'portico',
            title: 'Credit applied',
            message: `${formatMoney(appliedMinor, data?.currency ?? 'USD')} of credit paid the oldest open invoices.`,
          }),
      },
    );

  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="balance-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div>
            <Title order={3} size="h4" id="balance-title">
              Balance
            </Title>
            {data ? (
              <Text size="sm" c="dimmed">
                As of {formatCalendarDate(data.asOf)}, aged by days since each invoice was issued.
              </Text>
            ) : null}
          </div>
          {manages ? (
            <Group gap="sm">
              {canApplyCredit ? (
                <Button variant="default" onClick={apply} loading={applyCredit.isPending}>
                  Apply credit
                </Button>
              ) : null}
              <Button
                leftSection={<IconCash size={16} aria-hidden />}
                onClick={() => setRecording(true)}
                disabled={!data}
              >
                Record payment
              </Button>
            </Group>
          ) : null}
        </Group>
        <ErrorAlert error={balance.error} title="Could not load the balance" />
        <ErrorAlert error={applyCredit.error} title="Could not apply the credit" />
        {data ? (
          <BalanceSummary
            label="Client balance"
            balanceDueMinor={data.balanceDueMinor}
            creditMinor={data.creditMinor}
            aging={data.aging}
            currency={data.currency}
          />
        ) : balance.error ? null : (
          <Group justify="center" py="md">
            <Loader aria-label="Loading the balance" />
          </Group>
        )}
        <Title order={3} size="h4" id="payments-title" mt="sm">
          Payments
        </Title>
        <ErrorAlert error={payments.error} title="Could not load the payments" />
        {payments.data ? (
          payments.data.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              No payments recorded.
            </Text>
          ) : (
            <>
              <Box visibleFrom="sm">
                <PaymentsTable items={payments.data.items} manages={manages} onRefund={setRefunding} />
              </Box>
              <Box hiddenFrom="sm">
                <PaymentCards items={payments.data.items} manages={manages} onRefund={setRefunding} />
              </Box>
            </>
          )
        ) : null}
      </Stack>
      {recording && data ? <RecordPaymentDialog balance={data} onClose={() => setRecording(false)} /> : null}
      {refunding ? (
        <RefundDialog
          clientId={clientId}
          payment={refunding}
          today={data?.asOf ?? refunding.receivedOn}
          onClose={() => setRefunding(null)}
        />
      ) : null}
    </Paper>
  );
}

function appliedTo(payment: Payment): string {
  if (payment.kind === 'refund') return 'Refunded to the client';
  const parts = payment.applications.map((a) => `${a.invoiceNumber} ${formatMoney(a.amountMinor, payment.currency)}`);
  if (payment.creditMinor > 0) parts.push(`Credit ${formatMoney(payment.creditMinor, payment.currency)}`);
  if (payment.refundedMinor > 0) parts.push(`Refunded ${formatMoney(payment.refundedMinor, payment.currency)}`);
  return parts.join(', ') || '—';
}

/** The amount as listed: a refund's with a minus sign. */
function signedAmount(payment: Payment): string {
  return `${payment.kind === 'refund' ? '−' : ''}${formatMoney(payment.amountMinor, payment.currency)}`;
}

function RefundBadge({ payment }: { payment: Payment }) {
  return payment.kind === 'refund' ? (
    <Badge color="gray" variant="light" size="sm">
      Refund
    </Badge>
  ) : null;
}

/** A payment that still holds credit can be refunded (by those who manage billing). */
const refundable = (payment: Payment): boolean => payment.kind === 'payment' && payment.creditMinor > 0;

function RefundButton({
  payment,
  onRefund,
  variant,
}: Pick<PaymentListProps, 'onRefund'> & { payment: Payment; variant: 'subtle' | 'default' }) {
  return (
    <Button
      size="compact-sm"
      variant={variant}
      leftSection={<IconReceiptRefund size={14} aria-hidden />}
      onClick={() => onRefund(payment)}
      aria-label={`Refund the payment of ${formatCalendarDate(payment.receivedOn)}`}
    >
      Refund
    </Button>
  );
}

interface PaymentListProps {
  manages: boolean;
  onRefund: (payment: Payment) => void;
}

function PaymentsTable({ items, manages, onRefund }: PaymentListProps & { items: Payment[] }) {
  return (
    <Table.ScrollContainer minWidth={620} type="native" tabIndex={0} role="region" aria-labelledby="payments-title">
      <Table verticalSpacing="sm" striped aria-labelledby="payments-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Date</Table.Th>
            <Table.Th scope="col">Method</Table.Th>
            <Table.Th scope="col">Reference</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              Amount
            </Table.Th>
            <Table.Th scope="col">Applied to</Table.Th>
            {manages ? (
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((payment) => (
            <Table.Tr key={payment.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatCalendarDate(payment.receivedOn)}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <RefundBadge payment={payment} />
                  <Text size="sm">{paymentMethodLabels[payment.method]}</Text>
                </Group>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{payment.reference ?? '—'}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {signedAmount(payment)}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{appliedTo(payment)}</Text>
              </Table.Td>
              {manages ? (
                <Table.Td>
                  {refundable(payment) ? <RefundButton payment={payment} onRefund={onRefund} variant="subtle" /> : null}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** At phone width each payment is a card holding every column, so nothing is cut off. */
function PaymentCards({ items, manages, onRefund }: PaymentListProps & { items: Payment[] }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="payments-title">
      {items.map((payment) => (
        <Paper key={payment.id} component="li" withBorder p="sm">
          <Stack gap={4}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Group gap={6}>
                <RefundBadge payment={payment} />
                <Text size="sm" fw={600}>
                  {formatCalendarDate(payment.receivedOn)}, {paymentMethodLabels[payment.method]}
                </Text>
              </Group>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {signedAmount(payment)}
              </Text>
            </Group>
            {payment.reference ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Reference: {payment.reference}
              </Text>
            ) : null}
            <Text size="sm">Applied to: {appliedTo(payment)}</Text>
            {manages && refundable(payment) ? (
              <Group>
                <RefundButton payment={payment} onRefund={onRefund} variant="default" />
              </Group>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
