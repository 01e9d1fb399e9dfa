import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { StaffPaymentMethod } from '../../../../shared/schemas/billing-payments.js';
import { sentence, type FieldErrorMap } from '../../../common/field-errors.js';
import { MoneyField } from './MoneyField.js';
import { staffMethodOptions } from './payment-labels.js';

/** What a payment or a refund is typed as: the amount, the day it happened, how, and a reference. */
export interface PaymentFieldValues {
  amount: string;
  date: string;
  method: StaffPaymentMethod;
  reference: string;
}

/**
 * The fields Record payment and Refund share, two columns from a small tablet up. `dateField` is
 * the body's name for the date, so its error shows beside it.
 */
export function PaymentFields({
  currency,
  values,
  onChange,
  errors,
  dateLabel,
  dateField,
  minDate,
  maxDate,
  referenceDescription,
}: {
  currency: string;
  values: PaymentFieldValues;
  onChange: (change: Partial<PaymentFieldValues>) => void;
  errors: FieldErrorMap;
  dateLabel: string;
  dateField: string;
  minDate?: string;
  maxDate: string;
  referenceDescription?: string;
}) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
      <MoneyField
        label="Amount"
        shownAs="Recorded as"
        currency={currency}
        value={values.amount}
        onChange={(amount) => onChange({ amount })}
        error={sentence(errors.amountMinor)}
      />
      <TextInput
        type="date"
        label={dateLabel}
        value={values.date}
        min={minDate}
        max={maxDate}
        onChange={(event) => onChange({ date: event.currentTarget.value })}
        error={sentence(errors[dateField])}
      />
      <NativeSelect
        label="Method"
        data={staffMethodOptions}
        value={values.method}
        onChange={(event) => onChange({ method: event.currentTarget.value as StaffPaymentMethod })}
        error={sentence(errors.method)}
      />
      <TextInput
        label="Reference (optional)"
        description={referenceDescription}
        autoComplete="off"
        value={values.reference}
        onChange={(event) => onChange({ reference: event.currentTarget.value })}
        error={sentence(errors.reference)}
      />
    </SimpleGrid>
  );
}
