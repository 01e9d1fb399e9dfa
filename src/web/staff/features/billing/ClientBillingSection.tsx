import {
  SimpleGrid,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { maxDiagnoses } from '../../../../shared/billing-identifiers.js';
import { clientBillingBody, type ClientBilling } from '../../../../shared/schemas/billing.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { useProfileClient } from '../../common/profile-client.js';
import { useSignedIn } from '../../common/session.js';
import { grantOf } from '../../../../shared/permissions.js';
import { useClientBilling, useSaveClientBilling } from './billing.queries.js';
import { BillingDocumentsSection } from './BillingDocumentsSection.js';
import { ClientPaymentsPanel } from './ClientPaymentsPanel.js';
import { ClientInvoicesSection } from './ClientInvoicesSection.js';
import { DiagnosisRows, pointerLetter, type DiagnosisDraft } from './DiagnosisRows.js';

/**
 * Client profile → Billing: the client's diagnoses (ICD-10-CM, in order), insurance and billing
 * address. Owners and billers change it; the client's clinicians read it.
 */
export function ClientBillingSection() {
  const { staff } = useSignedIn();
  const client = useProfileClient();
  if (grantOf(staff.roles, 'billing') === 'none') {
    return (
      <Alert color="gray" variant="light" title="Billing is not available to you">
        Owners, billers and the client’s clinicians see a client’s billing.
      </Alert>
    );
  }
  return (
    // What is owed and paid first, then the documents, then the details documents are made from.
    <Stack gap="xl">
      <Stack gap="md">
        <Title order={2} size="h3">
          Billing
        </Title>
        <ClientPaymentsPanel clientId={client.id} />
      </Stack>
      <ClientInvoicesSection clientId={client.id} />
      <BillingDocumentsSection clientId={client.id} />
      <ClientBillingDetails />
    </Stack>
  );
}

function ClientBillingDetails() {
  const client = useProfileClient();
  const billing = useClientBilling(client.id);
  return (
    <Stack gap="md">
      <ErrorAlert error={billing.error} title="Could not load the billing details" />
      {billing.data ? (
        billing.data.editable ? (
          <ClientBillingForm key={billing.dataUpdatedAt} billing={billing.data} />
        ) : (
          <ClientBillingView billing={billing.data} />
        )
      ) : billing.error ? null : (
        <Group justify="center" py={32}>
          <Loader aria-label="Loading billing details" />
        </Group>
      )}
    </Stack>
  );
}

let draftKeys = 0;
const newDraft = (code = '', description = ''): DiagnosisDraft => ({
  key: `dx-${(draftKeys += 1)}`,
  code,
  description,
});

function ClientBillingForm({ billing }: { billing: ClientBilling }) {
  const [diagnoses, setDiagnoses] = useState<DiagnosisDraft[]>(() =>
    billing.diagnoses.map((d) => newDraft(d.code, d.description)),
  );
  const [payerName, setPayerName] = useState(billing.payerName ?? '');
  const [memberId, setMemberId] = useState(billing.memberId ?? '');
  const [billingAddress, setBillingAddress] = useState(billing.billingAddress ?? '');
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const save = useSaveClientBilling(billing.clientId);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = clientBillingBody.safeParse({
      diagnoses: diagnoses.map(({ code, description }) => ({ code, description })),
      payerName,
      memberId,
      billingAddress,
    });
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    save.mutate(parsed.data, {
      onSuccess: () =>
        notifications.show({
          color: 'portico',
          title: 'Billing details saved',
          message: 'Invoices and superbills use them from now on.',
        }),
    });
  };

  const errors: FieldErrorMap = { ...fieldErrorsOf(save.error), ...clientErrors };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ErrorAlert error={save.error} title="Could not save the billing details" hideWhenOnlyFields />
        <Paper
          withBorder
          shadow="xs"
          p={{ base: 'md', sm: 'lg' }}
          component="section"
          aria-labelledby="diagnoses-title"
        >
          <Stack gap="md">
            <div>
              <Title order={3} size="h4" id="diagnoses-title">
                Diagnoses
              </Title>
              <Text size="sm" c="dimmed">
                ICD-10-CM codes, the primary first. Superbills point to them by letter (A–L), at most {maxDiagnoses}.
              </Text>
            </div>
            {errors.diagnoses ? (
              <Text size="sm" c="red.8" role="alert">
                {sentence(errors.diagnoses)}
              </Text>
            ) : null}
            <DiagnosisRows diagnoses={diagnoses} onChange={setDiagnoses} errors={errors} />
            <Group>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                disabled={diagnoses.length >= maxDiagnoses}
                onClick={() => setDiagnoses([...diagnoses, newDraft()])}
              >
                Add diagnosis
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Paper
          withBorder
          shadow="xs"
          p={{ base: 'md', sm: 'lg' }}
          component="section"
          aria-labelledby="insurance-title"
        >
          <Stack gap="md">
            <div>
              <Title order={3} size="h4" id="insurance-title">
                Insurance and billing address
              </Title>
              <Text size="sm" c="dimmed">
                For the superbills the client sends to their insurer.
              </Text>
            </div>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <TextInput
                label="Payer name"
                placeholder="Insurance company"
                autoComplete="off"
                value={payerName}
                onChange={(event) => setPayerName(event.currentTarget.value)}
                error={sentence(errors.payerName)}
              />
              <TextInput
                label="Member ID"
                autoComplete="off"
                value={memberId}
                onChange={(event) => setMemberId(event.currentTarget.value)}
                error={sentence(errors.memberId)}
              />
            </SimpleGrid>
            <Textarea
              label="Billing address"
              autosize
              minRows={2}
              maxRows={5}
              value={billingAddress}
              onChange={(event) => setBillingAddress(event.currentTarget.value)}
              error={sentence(errors.billingAddress)}
            />
          </Stack>
        </Paper>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save billing details
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What a clinician sees: the same details, read only. */
function ClientBillingView({ billing }: { billing: ClientBilling }) {
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <div>
          <Title order={3} size="h4">
            Diagnoses
          </Title>
          {billing.diagnoses.length === 0 ? (
            <Text c="dimmed">No diagnoses recorded.</Text>
          ) : (
            <Stack gap={6} component="ol" aria-label="Diagnoses" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {billing.diagnoses.map((d, index) => (
                <Group key={d.code} component="li" gap="sm" wrap="nowrap" align="flex-start">
                  <Badge variant="light" color="gray" aria-label={`Pointer ${pointerLetter(index)}`}>
                    {pointerLetter(index)}
                  </Badge>
                  <Text size="sm">
                    <Text span fw={600} size="sm">
                      {d.code}
                    </Text>{' '}
                    {d.description}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </div>
        <Stack gap={4}>
          <Title order={3} size="h4">
            Insurance and billing address
          </Title>
          <Text size="sm">Payer name: {billing.payerName ?? 'Not recorded'}</Text>
          <Text size="sm">Member ID: {billing.memberId ?? 'Not recorded'}</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            Billing address: {billing.billingAddress ?? 'Not recorded'}
          </Text>
        </Stack>
        <Text size="sm" c="dimmed">
          Owners and billers change a client’s billing details.
        </Text>
      </Stack>
    </Paper>
  );
}
