/** The clients module: clients, their emails and the client list's search. Others use it only through this face. */
export {
  findClient,
  getClient,
  listClientEmails,
  setClientPortalState,
  type ClientEmailRow,
  type ClientRow,
} from './clients.queries.js';
export {
  clientSearchDocument,
  clientSearchText,
  clientSearchWords,
  clientSortName,
  foldPhoneDigits,
  prefixUpperBound,
  searchPrefixRows,
  searchRowsFromClients,
  searchWordRows,
} from './clients.search.js';
export { keepSearchRows } from './clients.search-rows.js';
export { clientMatchesTerms } from './clients.search-queries.js';
export { changeClientCounts, changePortalStateCounts } from './clients.counts.js';
export { clientRoutes, type ClientRouteHooks } from './clients.routes.js';
export type { AlsoInTransaction } from './clients.service.js';
export { reachConditions, withinReach } from './clients.reach.js';
export { listClientClinicians } from './client-clinicians.queries.js';
