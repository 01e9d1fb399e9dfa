import { Tabs } from '@mantine/core';
import { IconId } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { ClientInfoTab } from './ClientInfoTab.js';
import { useProfileClient } from './ClientProfilePage.js';

/**
 * Edit: one tab per part of the client's record. New tabs (e.g. "Client Portal") are another
 * Tabs.Tab + Tabs.Panel pair; the open tab lives in `?tab=` so it can be linked to.
 */
const tabs = ['info'] as const;
type EditTab = (typeof tabs)[number];

function isTab(value: string | null): value is EditTab {
  return value !== null && (tabs as readonly string[]).includes(value);
}

export function ClientEdit() {
  const client = useProfileClient();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: EditTab = isTab(requested) ? requested : 'info';

  return (
    <Tabs
      value={tab}
      onChange={(value) => {
        if (isTab(value)) setParams(value === 'info' ? {} : { tab: value }, { replace: true });
      }}
      keepMounted={false}
    >
      <Tabs.List mb="lg">
        <Tabs.Tab value="info" leftSection={<IconId size={16} aria-hidden />}>
          Client Info
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="info">
        <ClientInfoTab client={client} />
      </Tabs.Panel>
    </Tabs>
  );
}
