import { demoPortalLink } from '../schemas/demo.js';
import { emptyBody } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

/** Only on the server `npm run demo` starts (DEMO=1); elsewhere these routes do not exist. */
export const demoApi = {
  /** A fresh one-time sign-in link to the portal as the demo client: docs/decisions/018. */
  portalLink: endpoint({
    method: 'POST',
    path: '/api/demo/portal-link',
    body: emptyBody,
    response: demoPortalLink,
  }),
};
