import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { applyDateTimeFormat } from '../../../common/date-format-state.js';
import { errorMessage } from '../../../common/ErrorAlert.js';
import { useSessionQuery } from '../session.js';

/** Loads the session state before any page renders, and sends a fresh install to setup. */
export function SessionGate() {
  const { data, error, refetch, isFetching } = useSessionQuery();
  const location = useLocation();

  if (!data) {
    if (error) {
      return (
        <Center component="main" mih="100vh" p="md">
          <Stack align="center" gap="sm" maw={420} ta="center">
            <Title order={1} size="h2">
              Portico is not reachable
            </Title>
            <Text c="dimmed">{errorMessage(error)}</Text>
            <Button onClick={() => void refetch()} loading={isFetching}>
              Try again
            </Button>
          </Stack>
        </Center>
      );
    }
    return (
      <Center component="main" mih="100vh" aria-busy="true">
        <Loader aria-label="Loading Portico" />
      </Center>
    );
  }

  // Before any page renders (and again whenever the session changes): the practice's date format.
  if (data.practice) applyDateTimeFormat(data.practice.dateTimeFormat);
  if (data.setupRequired && location.pathname !== '/setup') return <Navigate to="/setup" replace />;
  if (!data.setupRequired && location.pathname === '/setup') return <Navigate to="/" replace />;
  return <Outlet />;
}
