import { Button, Group, Loader, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { formatMoney } from '../../../../shared/money.js';
import { mayDo } from '../../../../shared/permissions.js';
import {
  billingDocumentBody,
  type BillingDocumentKindName,
  type BillingDocumentSummary,
} from '../../../../shared/schemas/billing-documents.js';
import { formatDate } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { fieldErrorsOf, sentence, zodIssuesToFieldErrors, type FieldErrorMap } from '../../../common/field-errors.js';
import { useSignedIn } from '../../common/session.js';
import { billingDocumentPdfUrl, useBillingDocuments, useCreateBillingDocument } from './billing-documents.queries.js';

const words = {
  statement: {
    title: 'Statements',
    one: 'statement',
    about:
      'What the client owed at the start of a period, what was invoiced and paid in it, and what is owed at its end.',
    total: 'Ending balance',
    none: 'No statements yet.',
  },
  superbill: {
    title: 'Superbills',
    one: 'superbill',
    about:
      'The services of a period with diagnoses, CPT codes, NPIs and what was paid, for the client to file with their insurer.',
    total: 'Total charge',
    none: 'No superbills yet.',
  },
} as const;

/** Client profile → Billing: the client's statements and superbills (decision 041). */
export function BillingDocumentsSection({ clientId }: { clientId: string }) {
  return (
    <>
      <BillingDocumentList clientId={clientId} kind="statement" />
      <BillingDocumentList clientId={clientId} kind="superbill" />
    </>
  );
}

function BillingDocumentList({ clientId, kind }: { clientId: string; kind: BillingDocumentKindName }) {
  const { staff } = useSignedIn();
  const documents = useBillingDocuments(clientId, kind);
  const [creating, setCreating] = useState(false);
  const text = words[kind];
  const titleId = `${kind}-list-title`;
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div style={{ flex: '1 1 16rem' }}>
            <Title order={3} size="h4" id={titleId}>
              {text.title}
            </Title>
            <Text size="sm" c="dimmed">
              {text.about}
            </Text>
          </div>
          {mayDo(staff.roles, 'manage_billing') ? (
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setCreating(true)}
            >
              Create {text.one}
            </Button>
          ) : null}
        </Group>
        <ErrorAlert error={documents.error} title={`Could not load the ${text.title.toLowerCase()}`} />
        {documents.data ? (
          documents.data.length === 0 ? (
            <Text c="dimmed" size="sm">
              {text.none}
            </Text>
          ) : (
            <Stack
              gap={0}
              component="ul"
              aria-labelledby={titleId}
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {documents.data.map((document) => (
                <DocumentRow key={document.id} clientId={clientId} document={document} totalLabel={text.total} />
              ))}
            </Stack>
          )
        ) : documents.error ? null : (
          <Group justify="center" py="md">
            <Loader size="sm" aria-label={`Loading ${text.title.toLowerCase()}`} />
          </Group>
        )}
      </Stack>
      {creating ? <CreateDialog clientId={clientId} kind={kind} onClose={() => setCreating(false)} /> : null}
    </Paper>
  );
}

/** A plain YYYY-MM-DD date in the practice's date format (a calendar day, no time zone to apply). */
const day = (date: string) => formatDate(`${date}T12:00:00.000Z`, 'UTC');

function DocumentRow({
  clientId,
  document,
  totalLabel,
}: {
  clientId: string;
  document: BillingDocumentSummary;
  totalLabel: string;
}) {
  const { practice } = useSignedIn();
  const period = `${day(document.periodStart)} – ${day(document.periodEnd)}`;
  return (
    <Group
      component="li"
      justify="space-between"
      gap="sm"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <div style={{ flex: '1 1 14rem' }}>
        <Text fw={600} size="sm">
          {period}
        </Text>
        <Text size="sm" c="dark.6">
          Created {formatDate(document.createdAt, practice.timeZone)} · {totalLabel}{' '}
          {formatMoney(document.totalMinor, document.currency)}
        </Text>
      </div>
      <Button
        component="a"
        href={billingDocumentPdfUrl(clientId, document.kind, document.id)}
        download
        variant="light"
        size="sm"
        leftSection={<IconDownload size={16} aria-hidden />}
        aria-label={`Download ${document.kind} ${period}`}
      >
        Download
      </Button>
    </Group>
  );
}

/** Today in the practice's time zone, YYYY-MM-DD. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

/** This month so far for a statement; the last 12 months for a superbill (a year of sessions to claim). */
function defaultRange(kind: BillingDocumentKindName, today: string): { periodStart: string; periodEnd: string } {
  const [year, month, date] = today.split('-').map(Number) as [number, number, number];
  if (kind === 'statement') return { periodStart: `${today.slice(0, 8)}01`, periodEnd: today };
  const start = new Date(Date.UTC(year, month - 1 - 12, date + 1)).toISOString().slice(0, 10);
  return { periodStart: start, periodEnd: today };
}

function CreateDialog({
  clientId,
  kind,
  onClose,
}: {
  clientId: string;
  kind: BillingDocumentKindName;
  onClose: () => void;
}) {
  const { practice } = useSignedIn();
  const [range, setRange] = useState(() => defaultRange(kind, todayIn(practice.timeZone)));
  const [clientErrors, setClientErrors] = useState<FieldErrorMap>({});
  const create = useCreateBillingDocument(clientId, kind);
  const text = words[kind];

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = billingDocumentBody.safeParse(range);
    setClientErrors(parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    create.mutate(parsed.data, {
      onSuccess: () => {
        notifications.show({
          color: 'portico',
          title: `${text.title.slice(0, -1)} created`,
          message: 'It is ready to download.',
        });
        onClose();
      },
    });
  };
  const errors: FieldErrorMap = { ...fieldErrorsOf(create.error), ...clientErrors };
  return (
    <Modal opened onClose={onClose} title={`Create ${text.one}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={create.error} title={`Could not create the ${text.one}`} hideWhenOnlyFields />
          <Text size="sm" c="dimmed">
            Dates in {practice.timeZone.replace(/_/g, ' ')}, both included. The {text.one} keeps the figures of the day
            it is created.
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              type="date"
              label="From"
              required
              value={range.periodStart}
              max={range.periodEnd}
              onChange={(event) => setRange({ ...range, periodStart: event.currentTarget.value })}
              error={sentence(errors.periodStart)}
            />
            <TextInput
              type="date"
              label="To"
              required
              value={range.periodEnd}
              min={range.periodStart}
              onChange={(event) => setRange({ ...range, periodEnd: event.currentTarget.value })}
              error={sentence(errors.periodEnd)}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create {text.one}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
