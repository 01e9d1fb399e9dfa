import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { billingDocumentsApi } from '../../../../shared/contract/billing-documents.js';
import type { BillingDocumentBody, BillingDocumentKindName } from '../../../../shared/schemas/billing-documents.js';
import { call, urlOf } from '../../../common/api.js';
import { billingKeys } from './billing.queries.js';

const documentKeys = (clientId: string, kind: BillingDocumentKindName) =>
  [...billingKeys.client(clientId), kind] as const;

const endpoints = {
  statement: {
    list: billingDocumentsApi.statements,
    create: billingDocumentsApi.createStatement,
    pdf: billingDocumentsApi.statementPdf,
  },
  superbill: {
    list: billingDocumentsApi.superbills,
    create: billingDocumentsApi.createSuperbill,
    pdf: billingDocumentsApi.superbillPdf,
  },
} as const;

/** A client's statements or superbills, newest first. */
export function useBillingDocuments(clientId: string, kind: BillingDocumentKindName) {
  return useQuery({
    queryKey: documentKeys(clientId, kind),
    queryFn: ({ signal }) => call(endpoints[kind].list, { params: { id: clientId }, signal }),
  });
}

export function useCreateBillingDocument(clientId: string, kind: BillingDocumentKindName) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BillingDocumentBody) => call(endpoints[kind].create, { params: { id: clientId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys(clientId, kind) }),
  });
}

/** Where a document's PDF downloads from (rendered from its stored snapshot). */
export const billingDocumentPdfUrl = (clientId: string, kind: BillingDocumentKindName, documentId: string) =>
  urlOf(endpoints[kind].pdf, { clientId, documentId });
