import { SimpleGrid, Button, Group, NumberInput, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { billingSettingsBody, type BillingSettings, type InvoiceMode } from '../../../../shared/schemas/billing.js';
import { knownCurrencies, minorToDecimal } from '../../../../shared/money.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { SettingsFrame, SettingsLoading, SettingsSection } from '../settings/index.js';
import { useBillingSetup, useSaveBillingSettings } from './billing.queries.js';
import { ClinicianBillingList } from './ClinicianBillingList.js';
import { MoneyField, readMoneyField } from './MoneyField.js';

/** Settings → Billing (owners and billers): the practice as it bills, and its clinicians. */
export function BillingSettingsPage() {
  const setup = useBillingSetup();
  return (
    <SettingsFrame
      title="Billing"
      description="What your invoices and superbills say about your practice, how invoices are numbered and when they are due, and the fees for late cancellations and no-shows."
    >
      {setup.data ? (
        <Stack gap="lg">
          <BillingSettingsForm key={setup.dataUpdatedAt} settings={setup.data.settings} />
          <ClinicianBillingList clinicians={setup.data.clinicians} />
        </Stack>
      ) : (
        <SettingsLoading error={setup.error} label="Loading the billing settings" />
      )}
    </SettingsFrame>
  );
}

/** "USD — US Dollar", in the reader's language. */
function currencyOptions(): { value: string; label: string }[] {
  const names = new Intl.DisplayNames(undefined, { type: 'currency' });
  return knownCurrencies().map((code) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` }));
}

const currencyChoices = currencyOptions();

function BillingSettingsForm({ settings }: { settings: BillingSettings }) {
  const [legalName, setLegalName] = useState(settings.legalName ?? '');
  const [address, setAddress] = useState(settings.address ?? '');
  const [phone, setPhone] = useState(settings.phoneDisplay ?? '');
  const [taxId, setTaxId] = useState(settings.taxId ?? '');
  const [groupNpi, setGroupNpi] = useState(settings.groupNpi ?? '');
  const [currency, setCurrency] = useState(settings.currency);
  const [invoicePrefix, setInvoicePrefix] = useState(settings.invoicePrefix);
  const [paymentTermsDays, setPaymentTermsDays] = useState<number | string>(settings.paymentTermsDays);
  const [invoiceMode, setInvoiceMode] = useState<InvoiceMode>(settings.invoiceMode);
  const [lateCancelFee, setLateCancelFee] = useState(minorToDecimal(settings.lateCancelFeeMinor, settings.currency));
  const [noShowFee, setNoShowFee] = useState(minorToDecimal(settings.noShowFeeMinor, settings.currency));
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSaveBillingSettings();

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const late = readMoneyField(lateCancelFee, currency);
    const noShow = readMoneyField(noShowFee, currency);
    const parsed = billingSettingsBody.safeParse({
      legalName,
      address,
      phone,
      taxId,
      groupNpi,
      currency,
      invoicePrefix,
      paymentTermsDays: typeof paymentTermsDays === 'number' ? paymentTermsDays : Number.NaN,
      invoiceMode,
      lateCancelFeeMinor: 'minor' in late ? late.minor : 0,
      noShowFeeMinor: 'minor' in noShow ? noShow.minor : 0,
    });
    const errors: FieldErrorMap = parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues);
    if ('message' in late) errors.lateCancelFeeMinor = late.message;
    if ('message' in noShow) errors.noShowFeeMinor = noShow.message;
    setClientErrors(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    save.mutate(parsed.data, {
      onSuccess: () =>
        notifications.show({
          color: 'portico',
          title: 'Billing settings saved',
          message: 'New invoices and superbills use them.',
        }),
    });
  };

  const errors: FieldErrorMap = { ...fieldErrorsOf(save.error), ...clientErrors };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ErrorAlert error={save.error} title="Could not save the billing settings" hideWhenOnlyFields />
        <SettingsSection
          title="Practice billing details"
          description="The billing provider on invoices and superbills (CMS-1500 boxes 25 and 33)."
        >
          <TextInput
            label="Legal name"
            autoComplete="organization"
            value={legalName}
            onChange={(event) => setLegalName(event.currentTarget.value)}
            error={sentence(errors.legalName)}
          />
          <Textarea
            label="Billing address"
            autoComplete="street-address"
            autosize
            minRows={2}
            maxRows={5}
            value={address}
            onChange={(event) => setAddress(event.currentTarget.value)}
            error={sentence(errors.address)}
          />
          <TextInput
            label="Billing phone"
            type="tel"
            autoComplete="tel"
            value={phone}
            onChange={(event) => setPhone(event.currentTarget.value)}
            error={sentence(errors.phone)}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="Tax ID (EIN)"
              placeholder="12-3456789"
              autoComplete="off"
              value={taxId}
              onChange={(event) => setTaxId(event.currentTarget.value)}
              error={sentence(errors.taxId)}
            />
            <TextInput
              label="Group NPI"
              placeholder="10 digits"
              inputMode="numeric"
              autoComplete="off"
              value={groupNpi}
              onChange={(event) => setGroupNpi(event.currentTarget.value)}
              error={sentence(errors.groupNpi)}
            />
          </SimpleGrid>
        </SettingsSection>

        <SettingsSection title="Invoices">
          <Select
            label="Currency"
            description="Every amount is kept in this currency."
            searchable
            allowDeselect={false}
            data={currencyChoices}
            value={currency}
            onChange={(value) => setCurrency(value ?? currency)}
            error={sentence(errors.currency)}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="Invoice number prefix"
              description="Letters, digits and hyphens, e.g. INV-"
              autoComplete="off"
              value={invoicePrefix}
              onChange={(event) => setInvoicePrefix(event.currentTarget.value)}
              error={sentence(errors.invoicePrefix)}
            />
            <NumberInput
              label="Payment terms"
              description="Invoices are due this many days after they are issued."
              suffix=" days"
              min={0}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              value={paymentTermsDays}
              onChange={setPaymentTermsDays}
              error={sentence(errors.paymentTermsDays)}
            />
          </SimpleGrid>
          <Radio.Group
            label="Creating invoices"
            value={invoiceMode}
            onChange={(value) => setInvoiceMode(value === 'manual' ? 'manual' : 'per_appointment')}
            error={sentence(errors.invoiceMode)}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="per_appointment" label="Automatically, one invoice for each attended appointment" />
              <Radio value="manual" label="By hand, grouping appointments into an invoice" />
            </Stack>
          </Radio.Group>
        </SettingsSection>

        <SettingsSection title="Fees" description="Billed when an appointment is marked late-cancelled or no-show.">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <MoneyField
              label="Late-cancellation fee"
              currency={currency}
              value={lateCancelFee}
              onChange={setLateCancelFee}
              error={sentence(errors.lateCancelFeeMinor)}
            />
            <MoneyField
              label="No-show fee"
              currency={currency}
              value={noShowFee}
              onChange={setNoShowFee}
              error={sentence(errors.noShowFeeMinor)}
            />
          </SimpleGrid>
        </SettingsSection>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save billing settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
