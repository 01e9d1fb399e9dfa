import { Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { formatMoney, minorToDecimal } from '../../../../shared/money.js';
import { recordPaymentBody, type ClientBalance } from '../../../../shared/schemas/billing-payments.js';
import { formatCalendarDate } from '../../../common/dates.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { SettingsFormDialog } from '../settings/index.js';
import { MoneyField, readMoneyField } from './MoneyField.js';
import { PaymentFields, type PaymentFieldValues } from './PaymentFields.js';
import { useRecordPayment } from './payments.queries.js';

interface Chosen {
  checked: boolean;
  amount: string;
}

/**
 * Record payment: the amount typed as money in the practice's currency, the date received, how it
 * came and a reference; applied to the oldest open invoices or to the invoices chosen, with what
 * each gets; what is left stays as credit only when that box is checked.
 */
export function RecordPaymentDialog({ balance, onClose }: { balance: ClientBalance; onClose: () => void }) {
  const { currency } = balance;
  const [values, setValues] = useState<PaymentFieldValues>({
    amount: '',
    date: balance.asOf,
    method: 'cash',
    reference: '',
  });
  const [allocation, setAllocation] = useState<'oldest' | 'chosen'>('oldest');
  const [chosen, setChosen] = useState<Record<string, Chosen>>(() =>
    Object.fromEntries(
      balance.openInvoices.map((invoice) => [
        invoice.id,
        { checked: false, amount: minorToDecimal(invoice.balanceMinor, currency) },
      ]),
    ),
  );
  const [keepCredit, setKeepCredit] = useState(balance.openInvoices.length === 0);
  const [formErrors, setFormErrors] = useState<FieldErrorMap>({});
  const record = useRecordPayment(balance.clientId);

  const picked = balance.openInvoices.filter((invoice) => chosen[invoice.id]?.checked);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrorMap = {};
    const money = readMoneyField(values.amount, currency);
    if ('message' in money) errors.amountMinor = money.message;
    const invoices = picked.map((invoice, index) => {
      const read = readMoneyField(chosen[invoice.id]?.amount ?? '', currency);
      if ('message' in read) errors[`invoices.${index}.amountMinor`] = read.message;
      return { invoiceId: invoice.id, amountMinor: 'minor' in read ? read.minor : 0 };
    });
    const parsed = recordPaymentBody.safeParse({
      amountMinor: 'minor' in money ? money.minor : 0,
      receivedOn: values.date,
      method: values.method,
      reference: values.reference,
      allocation,
      invoices: allocation === 'chosen' ? invoices : [],
      keepCreditRemainder: keepCredit,
    });
    const all = { ...(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues)), ...errors };
    setFormErrors(all);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    record.mutate(parsed.data, {
      onSuccess: (payment) => {
        notifications.show({
          color: 'portico',
          title: 'Payment recorded',
          message:
            payment.creditMinor > 0
              ? `${formatMoney(payment.creditMinor, currency)} stays as credit.`
              : `${formatMoney(payment.appliedMinor, currency)} applied to invoices.`,
        });
        onClose();
      },
    });
  };

  const errors: FieldErrorMap = { ...fieldErrorsOf(record.error), ...formErrors };
  // A chosen invoice's error is named by its place among the chosen ones, as the body lists them.
  const invoiceError = (invoiceId: string): string | undefined => {
    const index = picked.findIndex((invoice) => invoice.id === invoiceId);
    return index < 0
      ? undefined
      : sentence(errors[`invoices.${index}.amountMinor`] ?? errors[`invoices.${index}.invoiceId`]);
  };

  return (
    <SettingsFormDialog
      title="Record payment"
      submitLabel="Record payment"
      pending={record.isPending}
      error={record.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <PaymentFields
        currency={currency}
        values={values}
        onChange={(change) => setValues({ ...values, ...change })}
        errors={errors}
        dateLabel="Date received"
        dateField="receivedOn"
        maxDate={balance.asOf}
        referenceDescription="Check number, receipt or claim"
      />
      <Radio.Group
        label="Apply to"
        value={allocation}
        onChange={(value) => setAllocation(value === 'chosen' ? 'chosen' : 'oldest')}
        error={sentence(errors.invoices)}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="oldest" label="Oldest open invoices first" />
          <Radio value="chosen" label="Invoices I choose" disabled={balance.openInvoices.length === 0} />
        </Stack>
      </Radio.Group>
      {balance.openInvoices.length === 0 ? (
        <Text size="sm" c="dimmed">
          The client has no open invoices: the payment becomes credit.
        </Text>
      ) : null}
      {allocation === 'chosen' ? (
        <Stack gap="sm" role="group" aria-label="Invoices to pay">
          {balance.openInvoices.map((invoice) => {
            const entry = chosen[invoice.id] ?? { checked: false, amount: '' };
            const set = (change: Partial<Chosen>) => setChosen({ ...chosen, [invoice.id]: { ...entry, ...change } });
            return (
              <Group key={invoice.id} align="flex-start" gap="md" wrap="wrap">
                <Checkbox
                  mt={30}
                  style={{ flex: '1 1 220px' }}
                  checked={entry.checked}
                  onChange={(event) => set({ checked: event.currentTarget.checked })}
                  label={`${invoice.number}, issued ${formatCalendarDate(invoice.issueDate)}`}
                  description={`Owes ${formatMoney(invoice.balanceMinor, currency)}`}
                />
                {entry.checked ? (
                  <div style={{ flex: '1 1 180px' }}>
                    <MoneyField
                      label={`Amount for ${invoice.number}`}
                      shownAs="Applied as"
                      currency={currency}
                      value={entry.amount}
                      onChange={(value) => set({ amount: value })}
                      error={invoiceError(invoice.id)}
                    />
                  </div>
                ) : null}
              </Group>
            );
          })}
        </Stack>
      ) : null}
      <Checkbox
        label="Keep what is left as credit"
        description="Without this, a payment larger than what it is applied to is refused."
        checked={keepCredit}
        onChange={(event) => setKeepCredit(event.currentTarget.checked)}
        error={sentence(errors.keepCreditRemainder)}
      />
    </SettingsFormDialog>
  );
}
