import type { PortalAccessView } from '../../../../shared/schemas/portal-access.js';

type Eligible = PortalAccessView['eligibleEmails'][number];

/** The email to preselect: the current portal email, else the primary consenting one, else the first. */
export function preselectedEmail(view: PortalAccessView): Eligible | undefined {
  const current = view.email;
  const byCurrent = current
    ? view.eligibleEmails.find((e) => (current.id !== null && e.id === current.id) || e.address === current.address)
    : undefined;
  return byCurrent ?? view.eligibleEmails.find((e) => e.isPrimary) ?? view.eligibleEmails[0];
}
