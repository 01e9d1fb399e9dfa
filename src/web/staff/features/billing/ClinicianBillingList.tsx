import { SimpleGrid, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { licenseStates } from '../../../../shared/billing-identifiers.js';
import { clinicianBillingBody, type ClinicianBilling } from '../../../../shared/schemas/billing.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { SettingsFormDialog, SettingsSection } from '../settings/index.js';
import { useSaveClinicianBilling } from './billing.queries.js';

/** "LCSW · NPI 1234567893 · License 118822 (MA)", or what is missing. */
function identityLine(clinician: ClinicianBilling): string {
  const parts = [
    clinician.credentials,
    clinician.npi ? `NPI ${clinician.npi}` : null,
    clinician.licenseNumber
      ? `License ${clinician.licenseNumber}${clinician.licenseState ? ` (${clinician.licenseState})` : ''}`
      : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : 'No billing details yet';
}

/** Settings → Billing → Clinicians: each clinician of the team as a superbill names them. */
export function ClinicianBillingList({ clinicians }: { clinicians: ClinicianBilling[] }) {
  const [editing, setEditing] = useState<ClinicianBilling | null>(null);
  return (
    <SettingsSection
      title="Clinicians"
      description="The rendering provider on superbills: credentials, individual NPI and license. Team members with the clinician role are listed."
    >
      {clinicians.length === 0 ? (
        <Text c="dimmed">No clinicians in the team yet.</Text>
      ) : (
        <Stack gap={0} component="ul" aria-label="Clinicians" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {clinicians.map((clinician) => (
            <Group
              key={clinician.staffId}
              component="li"
              justify="space-between"
              wrap="nowrap"
              py="sm"
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{clinician.name}</Text>
                <Text size="sm" c="dimmed">
                  {identityLine(clinician)}
                </Text>
              </div>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPencil size={14} aria-hidden />}
                aria-label={`Edit billing details of ${clinician.name}`}
                onClick={() => setEditing(clinician)}
                style={{ flexShrink: 0 }}
              >
                Edit
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      {editing ? <ClinicianBillingDialog clinician={editing} onClose={() => setEditing(null)} /> : null}
    </SettingsSection>
  );
}

const stateOptions = licenseStates.map((code) => ({ value: code, label: code }));

function ClinicianBillingDialog({ clinician, onClose }: { clinician: ClinicianBilling; onClose: () => void }) {
  const [credentials, setCredentials] = useState(clinician.credentials ?? '');
  const [npi, setNpi] = useState(clinician.npi ?? '');
  const [licenseNumber, setLicenseNumber] = useState(clinician.licenseNumber ?? '');
  const [licenseState, setLicenseState] = useState<string | null>(clinician.licenseState);
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSaveClinicianBilling();

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = clinicianBillingBody.safeParse({
      credentials,
      npi,
      licenseNumber,
      licenseState: licenseState ?? '',
    });
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate({ staffId: clinician.staffId, body: parsed.data }, { onSuccess: onClose });
  };

  const errors = { ...fieldErrorsOf(save.error), ...clientErrors };
  return (
    <SettingsFormDialog
      title={`Billing details of ${clinician.name}`}
      submitLabel="Save billing details"
      pending={save.isPending}
      error={save.error}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <TextInput
        label="Credentials"
        placeholder="LCSW"
        value={credentials}
        onChange={(e) => setCredentials(e.currentTarget.value)}
        error={sentence(errors.credentials)}
        data-autofocus
      />
      <TextInput
        label="Individual NPI"
        placeholder="10 digits"
        inputMode="numeric"
        autoComplete="off"
        value={npi}
        onChange={(e) => setNpi(e.currentTarget.value)}
        error={sentence(errors.npi)}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <TextInput
          label="License number"
          autoComplete="off"
          value={licenseNumber}
          onChange={(e) => setLicenseNumber(e.currentTarget.value)}
          error={sentence(errors.licenseNumber)}
        />
        <Select
          label="License state"
          placeholder="State"
          searchable
          clearable
          data={stateOptions}
          value={licenseState}
          onChange={setLicenseState}
          error={sentence(errors.licenseState)}
        />
      </SimpleGrid>
    </SettingsFormDialog>
  );
}
