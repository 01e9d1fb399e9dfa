import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { formatMoney, minorToDecimal } from '../../../../shared/money.js';
import { refundBody, type Payment } from '../../../../shared/schemas/billing-payments.js';
import { formatCalendarDate } from '../../../common/dates.js';
import { fieldErrorsOf, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { SettingsFormDialog } from '../settings/index.js';
import { readMoneyField } from './MoneyField.js';
import { PaymentFields, type PaymentFieldValues } from './PaymentFields.js';
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
  const [values, setValues] = useState<PaymentFieldValues>({
    amount: minorToDecimal(payment.creditMinor, currency),
    date: today,
    method: payment.method === 'online' ? 'card' : payment.method,
    reference: '',
  });
  const [formErrors, setFormErrors] = useState<FieldErrorMap>({});
  const refund = useRefund(clientId);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const money = readMoneyField(values.amount, currency);
    const parsed = refundBody.safeParse({
      amountMinor: 'minor' in money ? money.minor : 0,
      refundedOn: values.date,
      method: values.method,
      reference: values.reference,
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
      <PaymentFields
        currency={currency}
        values={values}
        onChange={(change) => setValues({ ...values, ...change })}
        errors={errors}
        dateLabel="Date refunded"
        dateField="refundedOn"
        minDate={payment.receivedOn}
        maxDate={today}
      />
    </SettingsFormDialog>
  );
}
