import { clientSorts, type ClientListQuery } from '../../../../shared/schemas/clients.js';
import { portalStates, type PortalStateName } from '../../../../shared/schemas/portal-access.js';
import { stateLabels } from '../portal-access/index.js';

export type ClientSort = (typeof clientSorts)[number];
export type ClientStatus = ClientListQuery['status'];

export const PAGE_SIZE = 25;

export const sortOptions: { value: ClientSort; label: string }[] = [
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-created', label: 'Newest' },
  { value: 'created', label: 'Oldest' },
];

export const statusOptions: { value: ClientStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
  { value: 'all', label: 'All' },
];

/** The Portal filter: every state, or one, named as the Portal column names it. */
export type PortalFilter = PortalStateName | 'all';

export const portalOptions: { value: PortalFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  ...portalStates.map((state) => ({ value: state, label: stateLabels[state] })),
];

function isPortalState(value: string | null): value is PortalStateName {
  return value !== null && (portalStates as readonly string[]).includes(value);
}

function isSort(value: string | null): value is ClientSort {
  return value !== null && (clientSorts as readonly string[]).includes(value);
}

function isStatus(value: string | null): value is ClientStatus {
  return value === 'active' || value === 'archived' || value === 'all';
}

/** Reads the list state from the URL query string, falling back to defaults for anything odd. */
export function readListParams(params: URLSearchParams): ClientListQuery {
  const sort = params.get('sort');
  const status = params.get('status');
  const page = Number(params.get('page'));
  const portal = params.get('portal');
  return {
    q: (params.get('q') ?? '').slice(0, 100) || undefined,
    sort: isSort(sort) ? sort : 'name',
    status: isStatus(status) ? status : 'active',
    portal: isPortalState(portal) ? portal : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

/** Writes the list state to a query string, leaving defaults out so URLs stay short. */
export function writeListParams(query: ClientListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.sort !== 'name') params.set('sort', query.sort);
  if (query.status !== 'active') params.set('status', query.status);
  if (query.portal) params.set('portal', query.portal);
  if (query.page > 1) params.set('page', String(query.page));
  return params;
}
