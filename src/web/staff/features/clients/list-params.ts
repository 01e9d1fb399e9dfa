import { clientSorts, type ClientListQuery } from '../../../../shared/schemas/clients.js';

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
  return {
    q: (params.get('q') ?? '').slice(0, 100) || undefined,
    sort: isSort(sort) ? sort : 'name',
    status: isStatus(status) ? status : 'active',
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
  if (query.page > 1) params.set('page', String(query.page));
  return params;
}
