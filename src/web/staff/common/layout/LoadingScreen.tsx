import { Center, Loader } from '@mantine/core';

/** The whole screen while the first page's code loads, like the session gate's own wait (no jump between them). */
export function LoadingScreen() {
  return (
    <Center component="main" mih="100vh" aria-busy="true">
      <Loader aria-label="Loading Portico" />
    </Center>
  );
}
