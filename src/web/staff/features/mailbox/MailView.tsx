import { Code, DataList, Loader, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../../common/dates.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { useMailMessage } from './mailbox.queries.js';
import { MailStatusBadge } from './MailStatusBadge.js';

/** One message: the HTML part in a sandboxed frame (no scripts, no navigation), the text part, headers. */
export function MailView({ id, timeZone }: { id: string; timeZone: string }) {
  const message = useMailMessage(id);
  if (message.error) return <ErrorAlert error={message.error} title="Could not open the message" />;
  if (!message.data) return <Loader aria-label="Loading the message" />;
  const mail = message.data;

  return (
    <Stack gap="md">
      <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
        {mail.subject}
      </Title>
      <DataList labelWidth={90} gap={6}>
        <DataList.Item>
          <DataList.ItemLabel>From</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{mail.from}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>To</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            <bdi>{mail.to}</bdi>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Status</DataList.ItemLabel>
          <DataList.ItemValue>
            <MailStatusBadge status={mail.status} />
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{mail.sentAt ? 'Sent' : 'Queued'}</DataList.ItemLabel>
          <DataList.ItemValue>{formatDateTime(mail.sentAt ?? mail.createdAt, timeZone)}</DataList.ItemValue>
        </DataList.Item>
      </DataList>

      <Tabs defaultValue={mail.html ? 'html' : 'text'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html" disabled={!mail.html}>
            HTML
          </Tabs.Tab>
          <Tabs.Tab value="text">Text</Tabs.Tab>
          <Tabs.Tab value="headers">Headers</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="md">
          {mail.html ? (
            <iframe
              sandbox=""
              srcDoc={mail.html}
              title={`HTML preview of “${mail.subject}”`}
              style={{
                width: '100%',
                height: 560,
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-md)',
                background: 'white',
              }}
            />
          ) : null}
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="md">
          {mail.text ? (
            <Code block component="pre" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} fz="sm">
              {mail.text}
            </Code>
          ) : (
            <Text c="dimmed" size="sm">
              This message has no text part.
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="headers" pt="md">
          <Table.ScrollContainer minWidth={360} type="native">
            <Table withTableBorder verticalSpacing={6} fz="sm">
              <Table.Tbody>
                {Object.entries(mail.headers).map(([name, value]) => (
                  <Table.Tr key={name}>
                    <Table.Th scope="row" style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                      {name}
                    </Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere', fontFamily: 'var(--mantine-font-family-monospace)' }}>
                      {value}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
