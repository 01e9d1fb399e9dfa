import { NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { formatMoney, minorToDecimal } from '../../../../shared/money.js';
import { refundBody, type Payment, type StaffPaymentMethod } from '../../../../shared/schemas/billing-payments.js';
import { formatCalendarDate } from '../../../common/dates.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { SettingsFormDialog } from '../settings/index.js';
import { MoneyField, readMoneyField } from './MoneyField.js';
import { staffMethodOptions } from './payment-labels.js';
import { useRefund } from './payments.queries.js';

/** Refund: returns part or all of a payment's credit to the client, recorded as a refund. */
export function RefundDialog({
  clientId,
  payment,
  today,
  onClose,
}: {
  clientId: string;
  payment: Payment;
  today: string;
  onClose: () => void;
}) {
  const currency = payment.currency;
  const [amount, setAmount] = useState(minorToDecimal(payment.creditMinor, currency));
  const [refundedOn, setRefundedOn] = useState(today);
  const [method, setMethod] = useState<StaffPaymentMethod>(payment.method === 'online' ? 'card' : payment.method);
  const [reference, setReference] = useState('');
  const [formErrors, setFormErrors] = useState<FieldErrorMap>({});
  const refund = useRefund(clientId);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const money = readMoneyField(amount, currency);
    const parsed = refundBody.safeParse({
      amountMinor: 'minor' in money ? money.minor : 0,
      refundedOn,
      method,
      reference,
    });
    const errors = {
      ...(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues)),
      ...('message' in money ? { amountMinor: money.message } : {}),
    };
    setFormErrors(errors);
    if (!parsed.success || 'message' in money) return;
    refund.mutate(
      { paymentId: payment.id, body: parsed.data },
      {
        onSuccess: (row) => {
          notifications.show({
            color: 'portico',
            title: 'Refund recorded',
            message: `${formatMoney(row.amountMinor, currency)} returned to the client.`,
          });
          onClose();
        },
      },
    );
  };

  const errors: FieldErrorMap = { ...fieldErrorsOf(refund.error), ...formErrors };
  return (
    <SettingsFormDialog
      title="Refund"
      submitLabel="Record refund"
      pending={refund.isPending}
      error={refund.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text size="sm">
        From the payment of {formatMoney(payment.amountMinor, currency)} received{' '}
        {formatCalendarDate(payment.receivedOn)}: {formatMoney(payment.creditMinor, currency)} of credit can be
        refunded.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <MoneyField
          label="Amount"
          shownAs="Recorded as"
          currency={currency}
          value={amount}
          onChange={setAmount}
          error={sentence(errors.amountMinor)}
        />
        <TextInput
          type="date"
          label="Date refunded"
          value={refundedOn}
          min={payment.receivedOn}
          max={today}
          onChange={(event) => setRefundedOn(event.currentTarget.value)}
          error={sentence(errors.refundedOn)}
        />
        <NativeSelect
          label="Method"
          data={staffMethodOptions}
          value={method}
          onChange={(event) => setMethod(event.currentTarget.value as StaffPaymentMethod)}
          error={sentence(errors.method)}
        />
        <TextInput
          label="Reference (optional)"
          autoComplete="off"
          value={reference}
          onChange={(event) => setReference(event.currentTarget.value)}
          error={sentence(errors.reference)}
        />
      </SimpleGrid>
    </SettingsFormDialog>
  );
}
