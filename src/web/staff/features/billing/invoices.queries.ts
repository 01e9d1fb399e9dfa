import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invoicesApi } from '../../../../shared/contract/invoices.js';
import type { CreateInvoiceBody, ReissueInvoiceBody, VoidInvoiceBody } from '../../../../shared/schemas/invoices.js';
import { call, urlOf } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

export const invoiceKeys = {
  client: (clientId: string) => [...areaKeys.billing, 'invoices', clientId] as const,
  one: (invoiceId: string) => [...areaKeys.billing, 'invoice', invoiceId] as const,
};

/** A client's invoices and the items not invoiced yet (each reading is audit-logged by the server). */
export function useClientInvoices(clientId: string) {
  return useQuery({
    queryKey: invoiceKeys.client(clientId),
    queryFn: ({ signal }) => call(invoicesApi.list, { params: { id: clientId }, signal }),
  });
}

/** One invoice with the items it bills (for Void and re-issue). */
export function useInvoice(invoiceId: string | null) {
  return useQuery({
    queryKey: invoiceKeys.one(invoiceId ?? ''),
    queryFn: ({ signal }) => call(invoicesApi.get, { params: { id: invoiceId ?? '' }, signal }),
    enabled: invoiceId !== null,
  });
}

export const invoicePdfUrl = (invoiceId: string) => urlOf(invoicesApi.pdf, { id: invoiceId });

/** Invoices change what a client owes everywhere billing shows it: refresh all of billing. */
function useInvoiceChange<V, R>(change: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: areaKeys.billing });
      void queryClient.invalidateQueries({ queryKey: areaKeys.audit });
    },
  });
}

export function useCreateInvoice(clientId: string) {
  return useInvoiceChange((body: CreateInvoiceBody) => call(invoicesApi.create, { params: { id: clientId }, body }));
}

export function useVoidInvoice() {
  return useInvoiceChange(({ id, body }: { id: string; body: VoidInvoiceBody }) =>
    call(invoicesApi.void, { params: { id }, body }),
  );
}

export function useReissueInvoice() {
  return useInvoiceChange(({ id, body }: { id: string; body: ReissueInvoiceBody }) =>
    call(invoicesApi.reissue, { params: { id }, body }),
  );
}
