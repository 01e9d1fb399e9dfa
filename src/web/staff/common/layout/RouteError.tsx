import { Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';
import { usePageTitle } from '../../../common/use-page-title.js';

/** Shown when rendering a page throws: a calm message rather than a blank screen. */
interface RouteErrorProps {
  /** Inside the app shell, which already provides the `main` landmark. */
  inShell?: boolean;
}

export function RouteError({ inShell = false }: RouteErrorProps) {
  const error = useRouteError();
  usePageTitle('Something went wrong');
  const detail = error instanceof Error ? error.message : null;
  return (
    <Center component={inShell ? 'div' : 'main'} mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Title order={1} size="h2">
          Something went wrong
        </Title>
        <Text c="dimmed">This page could not be shown. Reloading usually helps.</Text>
        {detail ? <Code block>{detail}</Code> : null}
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </Center>
  );
}
