import { Badge, Box, Button, Divider, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatMoney } from '../../../../shared/money.js';
import type {
  PortalBalance,
  PortalBillingDocument,
  PortalInvoice,
  PortalPayment,
} from '../../../../shared/schemas/portal-billing.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { formatCalendarDate, formatDate } from '../../../common/dates.js';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { useSignedIn } from '../../common/session.js';
import { usePortalTitle } from '../../common/use-portal-title.js';
import { documentKindLabels, invoiceStatusLabels, methodLabels } from './billing-labels.js';
import { documentPdfUrl, invoicePdfUrl, useBilling } from './billing.queries.js';

/** Billing: the balance due, invoices, statements and superbills to download, and payment history. */
export function BillingPage() {
  const me = useSignedIn();
  usePortalTitle('Billing', me.practice.name);
  if (!me.permissions.billing) {
    return (
      <Box maw={860} mx="auto" px="md" py="xl">
        <PageHeading focusOnMount>Billing</PageHeading>
        <Text mt="md">
          Billing is not available in your Client Portal. Please contact your practice about invoices and payments.
        </Text>
      </Box>
    );
  }
  return <BillingContent slug={me.practice.slug} practiceName={me.practice.name} timeZone={me.practice.timeZone} />;
}

function BillingContent({ slug, practiceName, timeZone }: { slug: string; practiceName: string; timeZone: string }) {
  const billing = useBilling(slug);
  const data = billing.data;

  return (
    <Box maw={860} mx="auto" px="md" py={{ base: 'lg', sm: 40 }}>
      <Stack gap="xl">
        <Stack gap={4}>
          <PageHeading focusOnMount>Billing</PageHeading>
          <Text c="dimmed" className="portal-break">
            Invoices, statements and payments with <bdi>{practiceName}</bdi>.
          </Text>
        </Stack>
        {billing.error ? <ErrorAlert error={billing.error} title="Your billing could not be loaded" /> : null}
        {billing.isPending ? <Loader aria-label="Loading your billing" /> : null}
        {data ? (
          <>
            <BalanceCard balances={data.balances} />
            <Section title="Invoices" id="invoices">
              {data.invoices.length === 0 ? (
                <Text c="dimmed">No invoices yet.</Text>
              ) : (
                data.invoices.map((invoice) => <InvoiceRow key={invoice.id} slug={slug} invoice={invoice} />)
              )}
            </Section>
            <Section title="Statements and superbills" id="documents">
              {data.documents.length === 0 ? (
                <Text c="dimmed">No statements or superbills yet.</Text>
              ) : (
                data.documents.map((document) => (
                  <DocumentRow key={document.id} slug={slug} document={document} timeZone={timeZone} />
                ))
              )}
            </Section>
            <Section title="Payment history" id="payments">
              {data.payments.length === 0 ? (
                <Text c="dimmed">No payments recorded yet.</Text>
              ) : (
                <Paper withBorder radius="md" px="md" py="xs">
                  <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                    {data.payments.map((payment, index) => (
                      <PaymentRow key={payment.id} payment={payment} first={index === 0} />
                    ))}
                  </Stack>
                </Paper>
              )}
            </Section>
          </>
        ) : null}
      </Stack>
    </Box>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={`billing-${id}`}>
      <Title order={2} size="h3" id={`billing-${id}`}>
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Stack>
  );
}

/** The balance due, large: what the client owes now, and any credit they hold beyond it. */
function BalanceCard({ balances }: { balances: readonly PortalBalance[] }) {
  const credit = balances.filter((b) => b.creditMinor > 0);
  return (
    <Paper
      withBorder
      radius="lg"
      p={{ base: 'lg', sm: 'xl' }}
      component="section"
      aria-labelledby="billing-balance"
      style={{ borderColor: 'var(--mantine-color-portico-3)', background: 'var(--mantine-color-portico-0)' }}
    >
      <Stack gap={4}>
        <Text id="billing-balance" fw={600} c="dark.6">
          Balance due
        </Text>
        {balances.map((balance) => (
          <Text key={balance.currency} fz={{ base: 32, sm: 40 }} fw={700} lh={1.15} c="dark.8">
            {formatMoney(balance.dueMinor, balance.currency)}
          </Text>
        ))}
        {credit.map((balance) => (
          <Text key={balance.currency} size="sm" c="dark.6">
            You have a credit of {formatMoney(balance.creditMinor, balance.currency)} with the practice.
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

function Amount({
  label,
  minor,
  currency,
  strong,
}: {
  label: string;
  minor: number;
  currency: string;
  strong?: boolean;
}) {
  return (
    <Stack gap={0} miw={84}>
      <Text size="xs" c="dark.5" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={strong ? 700 : 500}>{formatMoney(minor, currency)}</Text>
    </Stack>
  );
}

function InvoiceRow({ slug, invoice }: { slug: string; invoice: PortalInvoice }) {
  const status = invoiceStatusLabels[invoice.status];
  const titleId = `invoice-${invoice.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" gap="md" wrap="wrap" align="flex-start">
        <Stack gap={4} miw={0} style={{ flex: '1 1 240px' }}>
          <Group gap="sm" wrap="wrap">
            <Text fw={700} id={titleId} className="portal-break">
              Invoice {invoice.number}
            </Text>
            <Badge variant="light" color={status.color} c="dark.7" tt="none">
              {status.label}
            </Badge>
          </Group>
          <Text size="sm" c="dark.6">
            Issued {formatCalendarDate(invoice.issueDate)} · Due {formatCalendarDate(invoice.dueDate)}
          </Text>
          {invoice.replacesNumber ? (
            <Text size="sm" c="dark.6">
              Replaces invoice {invoice.replacesNumber}
            </Text>
          ) : null}
          {invoice.replacedByNumber ? (
            <Text size="sm" c="dark.6">
              Replaced by invoice {invoice.replacedByNumber}
            </Text>
          ) : null}
        </Stack>
        <SimpleGrid cols={3} spacing="lg" style={{ flex: '0 1 auto' }}>
          <Amount label="Total" minor={invoice.totalMinor} currency={invoice.currency} />
          <Amount label="Paid" minor={invoice.paidMinor} currency={invoice.currency} />
          <Amount label="Balance" minor={invoice.balanceMinor} currency={invoice.currency} strong />
        </SimpleGrid>
        <DownloadButton href={invoicePdfUrl(slug, invoice.id)} what={`invoice ${invoice.number}`} />
      </Group>
    </Paper>
  );
}

function DocumentRow({
  slug,
  document,
  timeZone,
}: {
  slug: string;
  document: PortalBillingDocument;
  timeZone: string;
}) {
  const name = `${documentKindLabels[document.kind]}, ${formatCalendarDate(document.periodStart)} – ${formatCalendarDate(document.periodEnd)}`;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" gap="md" wrap="wrap">
        <Stack gap={2} miw={0} style={{ flex: '1 1 260px' }}>
          <Text fw={600}>{name}</Text>
          <Text size="sm" c="dark.6">
            Created {formatDate(document.createdAt, timeZone)}
          </Text>
        </Stack>
        <DownloadButton href={documentPdfUrl(slug, document.id)} what={name} />
      </Group>
    </Paper>
  );
}

/** **Download**: the PDF, saved by the browser (the server sends it as an attachment). */
function DownloadButton({ href, what }: { href: string; what: string }) {
  return (
    <Button
      component="a"
      href={href}
      download
      variant="default"
      leftSection={<IconDownload size={18} aria-hidden />}
      aria-label={`Download ${what}`}
      w={{ base: '100%', xs: 'auto' }}
    >
      Download
    </Button>
  );
}

function PaymentRow({ payment, first }: { payment: PortalPayment; first: boolean }) {
  const refund = payment.kind === 'refund';
  return (
    <Box component="li">
      {first ? null : <Divider />}
      <Group justify="space-between" gap="md" wrap="nowrap" py="sm">
        <Stack gap={0} miw={0}>
          <Text fw={600}>{formatCalendarDate(payment.receivedOn)}</Text>
          <Text size="sm" c="dark.6">
            {refund ? 'Refund to you' : 'Payment'} · {methodLabels[payment.method]}
          </Text>
        </Stack>
        <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(refund ? -payment.amountMinor : payment.amountMinor, payment.currency)}
        </Text>
      </Group>
    </Box>
  );
}
