import { IconReceipt } from '@tabler/icons-react';
import { portalPaths } from '../../common/paths.js';
import { balanceDueText, creditText, useBalance } from '../billing/index.js';
import { HomeTile } from './HomeTile.js';

/** Home's Billing tile: the balance due, and the way to invoices, statements and payments. */
export function BillingCard({ practice }: { practice: { name: string; slug: string } }) {
  const balance = useBalance(practice.slug);
  const balances = balance.data?.balances;
  const due = balances?.reduce((sum, b) => sum + b.dueMinor, 0);
  const credit = balances ? creditText(balances) : null;
  return (
    <HomeTile
      title="Billing"
      icon={<IconReceipt size={26} stroke={1.7} />}
      count={due}
      label={(count) =>
        count > 0 && balances ? `Balance due ${balanceDueText(balances.filter((b) => b.dueMinor > 0))}` : 'Nothing due'
      }
      waitingText={
        <>
          You have a balance due with <bdi>{practice.name}</bdi>. Your invoices are ready to download.
        </>
      }
      idleText={
        credit
          ? `Nothing is due. You have a credit of ${credit}.`
          : 'Your invoices, statements, superbills and payment history.'
      }
      to={portalPaths.billing(practice.slug)}
      action="Open billing"
    />
  );
}
