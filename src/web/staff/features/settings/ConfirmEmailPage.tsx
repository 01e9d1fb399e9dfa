import { Alert, Anchor, Button } from '@mantine/core';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../common/api.js';
import { ErrorAlert } from '../../../common/ErrorAlert.js';
import { usePageTitle } from '../../../common/use-page-title.js';
import { AuthLayout } from '../../common/AuthLayout.js';
import { useSession } from '../../common/session.js';
import { useConfirmEmail } from './settings.queries.js';

/** The link's token travels in the fragment (`#token=…`), which browsers never send to a server. */
function tokenFromHash(): string {
  if (typeof window === 'undefined') return '';
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

/** Where the link emailed to a new address leads: one click makes it the account's sign-in email. */
export function ConfirmEmailPage() {
  usePageTitle('Confirm your new email');
  const [token] = useState(tokenFromHash);
  const confirm = useConfirmEmail();
  const session = useSession();
  const next = session.staff
    ? { to: '/settings/account', label: 'Go to My account' }
    : { to: '/sign-in', label: 'Sign in' };

  if (!token || (isApiError(confirm.error) && confirm.error.code === 'token_invalid')) {
    return (
      <AuthLayout title="This link does not work">
        <Alert
          color="red"
          variant="light"
          icon={<IconLinkOff aria-hidden />}
          title="Confirmation link not valid"
          role="alert"
        >
          {token
            ? 'This link has expired, was replaced by a newer one, or was already used. Your email has not changed. Ask for a new link under Settings → My account.'
            : 'The link is missing its code. Open the link from the email again.'}
        </Alert>
        <Button component={Link} to={next.to} fullWidth>
          {next.label}
        </Button>
      </AuthLayout>
    );
  }
  if (confirm.isSuccess) {
    return (
      <AuthLayout title="Email changed">
        <Alert color="portico" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
          Your new email is confirmed. Sign in with it from now on.
        </Alert>
        <Button component={Link} to={next.to} fullWidth>
          {next.label}
        </Button>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Confirm your new email" subtitle="From now on you will sign in to Portico with this address.">
      <ErrorAlert error={confirm.error} title="Could not change your email" />
      <Button fullWidth loading={confirm.isPending} onClick={() => confirm.mutate(token)}>
        Confirm this email
      </Button>
      <Anchor component={Link} to={next.to} ta="center" size="sm">
        Not now
      </Anchor>
    </AuthLayout>
  );
}
