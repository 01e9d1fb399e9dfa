import '@mantine/core/styles.css';
import '../common/base.css';
import './portal.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { cssVariablesResolver, theme } from '../common/theme.js';
import { LoadingScreen } from './common/layout/LoadingScreen.js';
import { captureLinkToken } from './common/link-token.js';
import { PortalRouter } from './common/router.js';
import { createPortalQueryClient } from './query-client.js';
import { routes } from './routes.js';

// Take a sign-in token out of the address bar before anything else runs or renders.
captureLinkToken();
// A link pasted into a tab already on the portal changes only the fragment: start afresh with it.
window.addEventListener('hashchange', () => {
  if (window.location.hash.includes('token=')) window.location.reload();
});

const queryClient = createPortalQueryClient();
const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <PortalRouter routes={routes} fallback={<LoadingScreen />} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
