import { createBrowserRouter, Navigate } from 'react-router';
import { AuditLogPage } from './features/audit/AuditLogPage.js';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage.js';
import { ResetPasswordPage } from './features/auth/ResetPasswordPage.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { ClientEdit } from './features/clients/ClientEdit.js';
import { ClientOverview } from './features/clients/ClientOverview.js';
import { ClientProfilePage } from './features/clients/ClientProfilePage.js';
import { ClientsListPage } from './features/clients/ClientsListPage.js';
import { CreateClientPage } from './features/clients/CreateClientPage.js';
import { AppLayout } from './features/layout/AppLayout.js';
import { NotFoundPage } from './features/layout/NotFoundPage.js';
import { PublicOnly, RequireDevMailbox, RequireOwner, RequireStaff } from './features/layout/guards.js';
import { RouteError } from './features/layout/RouteError.js';
import { SessionGate } from './features/layout/SessionGate.js';
import { MailboxPage } from './features/mailbox/MailboxPage.js';
import { RequireMessaging } from './features/messages/access.js';
import { ClientMessagesSection } from './features/messages/ClientMessagesSection.js';
import { ConversationPane, NoConversationSelected } from './features/messages/ConversationPane.js';
import { MessagesPage } from './features/messages/MessagesPage.js';
import { PortalSettingsPage } from './features/settings/PortalSettingsPage.js';
import { SetupPage } from './features/setup/SetupPage.js';
import { SignUpPage } from './features/setup/SignUpPage.js';
import type { StaffRouteHandle } from './features/layout/focus-on-navigation.js';

// Picking a conversation changes only part of the Messages page: focus stays on the list.
const keepsFocus: StaffRouteHandle = { keepsFocus: true };

export const router = createBrowserRouter([
  {
    element: <SessionGate />,
    errorElement: <RouteError />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      {
        element: <PublicOnly />,
        children: [
          { path: '/sign-in', element: <SignInPage /> },
          { path: '/sign-up', element: <SignUpPage /> },
        ],
      },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      {
        element: <RequireStaff />,
        children: [
          {
            element: <AppLayout />,
            children: [
              {
                errorElement: <RouteError inShell />,
                children: [
              { index: true, element: <Navigate to="/clients" replace /> },
              { path: '/clients', element: <ClientsListPage /> },
              { path: '/clients/new', element: <CreateClientPage /> },
              {
                path: '/clients/:id',
                element: <ClientProfilePage />,
                children: [
                  { index: true, element: <ClientOverview /> },
                  { path: 'edit', element: <ClientEdit /> },
                  { path: 'messages', element: <ClientMessagesSection /> },
                ],
              },
              {
                element: <RequireMessaging />,
                children: [
                  {
                    path: '/messages',
                    element: <MessagesPage />,
                    children: [
                      { index: true, element: <NoConversationSelected />, handle: keepsFocus },
                      { path: ':clientId', element: <ConversationPane />, handle: keepsFocus },
                    ],
                  },
                ],
              },
              {
                element: <RequireOwner />,
                children: [
                  { path: '/audit', element: <AuditLogPage /> },
                  { path: '/settings', element: <Navigate to="/settings/portal" replace /> },
                  { path: '/settings/portal', element: <PortalSettingsPage /> },
                ],
              },
              {
                element: <RequireDevMailbox />,
                children: [{ path: '/dev/mailbox', element: <MailboxPage /> }],
              },
              { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);
