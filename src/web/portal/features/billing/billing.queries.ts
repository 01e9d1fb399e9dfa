import { useQuery } from '@tanstack/react-query';
import { portalBillingApi } from '../../../../shared/contract/portal-billing.js';
import { call, urlOf } from '../../../common/api.js';

/** Under ['portal', slug, …] so that signing out forgets them (see useSignOut). */
export const billingKeys = {
  all: (slug: string) => ['portal', slug, 'billing'] as const,
  overview: (slug: string) => ['portal', slug, 'billing', 'overview'] as const,
  balance: (slug: string) => ['portal', slug, 'billing', 'balance'] as const,
};

/** The Billing page: balance, invoices, statements and superbills, payments. */
export function useBilling(slug: string) {
  return useQuery({
    queryKey: billingKeys.overview(slug),
    queryFn: ({ signal }) => call(portalBillingApi.overview, { params: { slug }, signal }),
    staleTime: 5_000,
  });
}

/** Home's Billing tile: the balance due. */
export function useBalance(slug: string) {
  return useQuery({
    queryKey: billingKeys.balance(slug),
    queryFn: ({ signal }) => call(portalBillingApi.balance, { params: { slug }, signal }),
    staleTime: 10_000,
  });
}

export const invoicePdfUrl = (slug: string, invoiceId: string) =>
  urlOf(portalBillingApi.invoicePdf, { slug, invoiceId });
export const documentPdfUrl = (slug: string, documentId: string) =>
  urlOf(portalBillingApi.documentPdf, { slug, documentId });
