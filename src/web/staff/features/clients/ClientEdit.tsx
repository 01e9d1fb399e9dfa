import { Tabs } from '@mantine/core';
import { IconId, IconWorld } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { grantOf } from '../../../../shared/permissions.js';
import { useProfileClient } from '../../common/profile-client.js';
import { useSignedIn } from '../../common/session.js';
import { ClientPortalTab } from '../portal-access/index.js';
import { ClientInfoTab } from './ClientInfoTab.js';

/**
 * Edit: one tab per part of the client's record. The open tab lives in `?tab=` so it can be
 * linked to (Client Info has none, Client Portal is `?tab=portal`).
 */
const tabs = ['info', 'portal'] as const;
type EditTab = (typeof tabs)[number];

function isTab(value: string | null): value is EditTab {
  return value !== null && (tabs as readonly string[]).includes(value);
}

export function ClientEdit() {
  const client = useProfileClient();
  const { staff } = useSignedIn();
  // The Client Portal tab is for owners and the client's clinicians (billers and schedulers keep to Client Info).
  const portal = grantOf(staff.roles, 'portal') !== 'none';
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: EditTab = isTab(requested) && (requested !== 'portal' || portal) ? requested : 'info';
  const show = (value: EditTab) => setParams(value === 'info' ? {} : { tab: value }, { replace: true });

  return (
    <Tabs
      value={tab}
      onChange={(value) => {
        if (isTab(value)) show(value);
      }}
      keepMounted={false}
    >
      <Tabs.List mb="lg">
        <Tabs.Tab value="info" leftSection={<IconId size={16} aria-hidden />}>
          Client Info
        </Tabs.Tab>
        {portal ? (
          <Tabs.Tab value="portal" leftSection={<IconWorld size={16} aria-hidden />}>
            Client Portal
          </Tabs.Tab>
        ) : null}
      </Tabs.List>
      <Tabs.Panel value="info">
        <ClientInfoTab client={client} />
      </Tabs.Panel>
      {portal ? (
        <Tabs.Panel value="portal">
          <ClientPortalTab client={client} onGoToInfo={() => show('info')} />
        </Tabs.Panel>
      ) : null}
    </Tabs>
  );
}
