import { Button, EmptyState } from '@mantine/core';
import { IconArchive, IconFilter, IconSearch, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import { mayDo } from '../../../../shared/permissions.js';
import type { ClientListQuery } from '../../../../shared/schemas/clients.js';
import { stateLabels } from '../portal-access/index.js';
import { useSignedIn } from '../../common/session.js';

interface ClientsEmptyStateProps {
  query: ClientListQuery;
  onClearSearch: () => void;
  onShowActive: () => void;
  onShowAllPortalStates: () => void;
}

/** Why the list is empty, and the one useful next step. */
export function ClientsEmptyState({
  query,
  onClearSearch,
  onShowActive,
  onShowAllPortalStates,
}: ClientsEmptyStateProps) {
  const portal = query.portal ? stateLabels[query.portal] : null;
  const allPortalStates = (
    <Button variant="default" onClick={onShowAllPortalStates}>
      Show all portal states
    </Button>
  );
  const { staff } = useSignedIn();
  if (query.q) {
    return (
      <EmptyState py="xl" icon={<IconSearch size={28} aria-hidden />} withIndicatorBackground title={null}>
        <EmptyState.Title order={2}>No clients match your search</EmptyState.Title>
        <EmptyState.Description>
          Nothing found for “<bdi>{query.q}</bdi>”{portal ? <> among clients whose portal access is {portal}</> : null}.
          Try part of a name or an email address.
        </EmptyState.Description>
        <EmptyState.Actions>
          <Button variant="default" onClick={onClearSearch}>
            Clear search
          </Button>
          {portal ? allPortalStates : null}
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  if (portal) {
    return (
      <EmptyState py="xl" icon={<IconFilter size={28} aria-hidden />} withIndicatorBackground title={null}>
        <EmptyState.Title order={2}>No clients with this portal access</EmptyState.Title>
        <EmptyState.Description>
          No {query.status === 'all' ? '' : `${query.status} `}clients show “{portal}” in the Portal column.
        </EmptyState.Description>
        <EmptyState.Actions>{allPortalStates}</EmptyState.Actions>
      </EmptyState>
    );
  }
  if (query.status === 'archived') {
    return (
      <EmptyState py="xl" icon={<IconArchive size={28} aria-hidden />} withIndicatorBackground title={null}>
        <EmptyState.Title order={2}>No archived clients</EmptyState.Title>
        <EmptyState.Description>
          Clients you archive appear here and can be restored at any time.
        </EmptyState.Description>
        <EmptyState.Actions>
          <Button variant="default" onClick={onShowActive}>
            Show active clients
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <EmptyState py="xl" variant="light" icon={<IconUsers size={28} aria-hidden />} title={null}>
      <EmptyState.Title order={2}>No clients yet</EmptyState.Title>
      <EmptyState.Description>
        Add your first client to keep their details in one place and invite them to the Client Portal.
      </EmptyState.Description>
      {mayDo(staff.roles, 'create_client') ? (
        <EmptyState.Actions>
          <Button component={Link} to="/clients/new">
            Create client
          </Button>
        </EmptyState.Actions>
      ) : null}
    </EmptyState>
  );
}
