import { onDemand } from '../../../common/on-demand.js';

/** The schemas the sign-in forms check input with, loaded after the page shows (see onDemand). */
export const signInSchemas = onDemand(() => import('../../../../shared/schemas/portal.js'));
