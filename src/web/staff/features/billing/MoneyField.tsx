import { TextInput } from '@mantine/core';
import { formatMoney, parseMoney } from '../../../../shared/money.js';

/**
 * An amount typed in the currency (25, 25.00, 1,250.50) for a value kept in minor units. It holds
 * the text as typed; `readMoneyField` turns it into minor units with string arithmetic, never a float.
 */
export function MoneyField({
  label,
  currency,
  value,
  onChange,
  error,
  shownAs = 'Charged as',
}: {
  label: string;
  /** What the amount read back is called ("Charged as $25.00"). */
  shownAs?: string;
  currency: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const parsed = parseMoney(value, currency);
  const shown = parsed.ok ? formatMoney(parsed.minor, currency) : null;
  return (
    <TextInput
      label={label}
      description={shown ? `${shownAs} ${shown}` : `An amount in ${currency}, such as 25.00`}
      inputMode="decimal"
      autoComplete="off"
      rightSection={currency}
      rightSectionWidth={52}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
    />
  );
}

/** The minor units of a money field, or the message that says why it is not an amount. */
export function readMoneyField(value: string, currency: string): { minor: number } | { message: string } {
  const parsed = parseMoney(value, currency);
  return parsed.ok ? { minor: parsed.minor } : { message: parsed.message };
}
