import { useQuery } from '@tanstack/react-query';
import { api } from '../../../common/api.js';

export interface MailSummary {
  id: string;
  to: string;
  subject: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface MailMessage {
  id: string;
  to: string;
  from: string;
  subject: string;
  kind: string;
  status: string;
  messageId: string | null;
  html: string | null;
  text: string | null;
  createdAt: string;
  sentAt: string | null;
  headers: Record<string, string>;
}

const POLL_MS = 2000;

export function useMailbox() {
  return useQuery({
    queryKey: ['mailbox', 'list'],
    queryFn: ({ signal }) => api.get<{ items: MailSummary[] }>('/api/dev/mailbox', undefined, signal),
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}

export function useMailMessage(id: string | null) {
  return useQuery({
    queryKey: ['mailbox', 'message', id],
    queryFn: ({ signal }) => api.get<MailMessage>(`/api/dev/mailbox/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'sent' ? false : POLL_MS),
  });
}
