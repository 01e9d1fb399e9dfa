import { Alert, Anchor, Divider, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconClockHour4, IconMailCheck } from '@tabler/icons-react';
import { PageHeading } from '../../common/layout/PageHeading.js';
import { CodeForm } from './CodeForm.js';

interface CheckEmailProps {
  slug: string;
  practiceName: string;
  email: string;
  /** The server asked us to slow down: the answer stays neutral, with a gentle note. */
  rateLimited: boolean;
  onUseDifferentEmail: () => void;
}

/** The neutral answer after asking for a link, and the way in with the emailed code. */
export function CheckEmail({ slug, practiceName, email, rateLimited, onUseDifferentEmail }: CheckEmailProps) {
  return (
    <Stack gap="lg">
      <Stack align="center" ta="center" gap="md">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          <IconMailCheck size={28} stroke={1.6} />
        </ThemeIcon>
        <PageHeading focusOnMount>Check your email</PageHeading>
        <Text c="dimmed" className="portal-break">
          If{' '}
          <Text span fw={600} c="dark.7">
            <bdi>{email}</bdi>
          </Text>{' '}
          has access to the Client Portal of{' '}
          <Text span fw={600} c="dark.7">
            <bdi>{practiceName}</bdi>
          </Text>
          , we sent a sign-in link. It works once.
        </Text>
      </Stack>
      {rateLimited ? (
        <Alert
          role="status"
          variant="light"
          color="yellow"
          icon={<IconClockHour4 aria-hidden />}
          title="Please wait a few minutes"
        >
          You have asked for several links recently. Please wait a few minutes before asking again; links already sent
          still work.
        </Alert>
      ) : null}
      <Divider label="Or enter the code from the email" labelPosition="center" />
      <CodeForm slug={slug} defaultEmail={email} />
      <Text size="sm" c="dimmed" ta="center">
        No email after a few minutes? Check your spam folder, or{' '}
        <Anchor component="button" type="button" size="sm" fw={600} onClick={onUseDifferentEmail}>
          use a different email
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
