import { Badge, Tooltip } from '@mantine/core';
import type { PortalStateName } from '../../../../shared/schemas/portal-access.js';
import { amberText, stateColors, stateLabels } from './portal-labels.js';

/** Shown instead of a usable-looking state while the practice's portal is off. */
export const portalOffLabel = 'Portal off for practice';

/**
 * The client's Client Portal access at a glance. While the practice has the portal switched off,
 * access that would otherwise work (invited or active) says so instead of "Active": nobody can
 * sign in. The tooltip says what comes back when the portal is turned on again.
 */
export function PortalAccessBadge({
  state,
  practicePortalEnabled,
}: {
  state: PortalStateName;
  practicePortalEnabled: boolean;
}) {
  const common = { variant: 'light', size: 'lg', radius: 'sm', tt: 'none' } as const;
  if (!practicePortalEnabled && (state === 'invited' || state === 'active')) {
    const explanation = `The Client Portal is turned off for the practice, so this client cannot sign in. Their access (${stateLabels[state]}) comes back when it is turned on again.`;
    return (
      <Tooltip label={explanation} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
        <Badge {...common} color="gray" tabIndex={0} aria-label={`${portalOffLabel}. ${explanation}`}>
          {portalOffLabel}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge {...common} color={stateColors[state]} c={state === 'invited' ? amberText : undefined}>
      {stateLabels[state]}
    </Badge>
  );
}
