import { idParams, okSchema } from '../schemas/common.js';
import {
  conversationsPage,
  conversationsQuery,
  markReadBody,
  message,
  messagePage,
  messagesQuery,
  staffConversation,
  staffUnreadSummary,
} from '../schemas/messages.js';
import { endpoint } from './endpoint.js';

/** Secure messaging, the practice's side: the Messages inbox and each client's conversation. */
export const messagingApi = {
  conversations: endpoint({
    method: 'GET',
    path: '/api/conversations',
    query: conversationsQuery,
    response: conversationsPage,
  }),
  unread: endpoint({ method: 'GET', path: '/api/conversations/unread', response: staffUnreadSummary }),
  conversation: endpoint({
    method: 'GET',
    path: '/api/clients/:id/conversation',
    params: idParams,
    response: staffConversation,
  }),
  messages: endpoint({
    method: 'GET',
    path: '/api/clients/:id/messages',
    params: idParams,
    query: messagesQuery,
    response: messagePage,
  }),
  send: endpoint({
    method: 'POST',
    path: '/api/clients/:id/messages',
    params: idParams,
    body: 'multipart',
    response: message,
    status: 201,
  }),
  markRead: endpoint({
    method: 'POST',
    path: '/api/clients/:id/messages/read',
    params: idParams,
    body: markReadBody,
    response: okSchema,
  }),
  attachment: endpoint({ method: 'GET', path: '/api/attachments/:id', params: idParams, answers: 'download' }),
  events: endpoint({ method: 'GET', path: '/api/events', answers: 'events', hidden: true }),
};
