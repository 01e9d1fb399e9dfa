import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { paymentsApi } from '../../../../shared/contract/billing-payments.js';
import type {
  AgingQuery,
  ApplyCreditBody,
  RecordPaymentBody,
  RefundBody,
} from '../../../../shared/schemas/billing-payments.js';
import { call } from '../../../common/api.js';
import { areaKeys } from '../../common/query-keys.js';

/** Payments, balance and aging: keys under billing's root, so any billing change can refresh them. */
export const paymentKeys = {
  balance: (clientId: string) => [...areaKeys.billing, 'balance', clientId] as const,
  payments: (clientId: string) => [...areaKeys.billing, 'payments', clientId] as const,
  aging: (query: AgingQuery) => [...areaKeys.billing, 'aging', query] as const,
};

export function useClientBalance(clientId: string) {
  return useQuery({
    queryKey: paymentKeys.balance(clientId),
    queryFn: ({ signal }) => call(paymentsApi.balance, { params: { id: clientId }, signal }),
  });
}

export function useClientPayments(clientId: string) {
  return useQuery({
    queryKey: paymentKeys.payments(clientId),
    queryFn: ({ signal }) => call(paymentsApi.list, { params: { id: clientId }, signal }),
  });
}

export function usePracticeAging(query: AgingQuery) {
  return useQuery({
    queryKey: paymentKeys.aging(query),
    queryFn: ({ signal }) => call(paymentsApi.aging, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Money moved: every billing view (balances, payments, invoices, aging) is read again. */
function useRefreshBilling() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: areaKeys.billing });
}

export function useRecordPayment(clientId: string) {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (body: RecordPaymentBody) => call(paymentsApi.record, { params: { id: clientId }, body }),
    onSuccess: refresh,
  });
}

export function useApplyCredit(clientId: string) {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: (body: ApplyCreditBody) => call(paymentsApi.applyCredit, { params: { id: clientId }, body }),
    onSuccess: refresh,
  });
}

export function useRefund(clientId: string) {
  const refresh = useRefreshBilling();
  return useMutation({
    mutationFn: ({ paymentId, body }: { paymentId: string; body: RefundBody }) =>
      call(paymentsApi.refund, { params: { id: clientId, paymentId }, body }),
    onSuccess: refresh,
  });
}
