import { Center, Loader } from '@mantine/core';

/** A quiet full-page loader while the portal finds out where it is and who is here. */
export function LoadingScreen({ label = 'Loading the Client Portal' }: { label?: string }) {
  return (
    <Center component="main" mih="100dvh" aria-busy="true">
      <Loader aria-label={label} />
    </Center>
  );
}
