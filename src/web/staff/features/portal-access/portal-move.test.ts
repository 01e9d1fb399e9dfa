import { describe, expect, it } from 'vitest';
import type { PortalAccessView } from '../../../../shared/schemas/portal-access.js';
import { portalEmailLossBeforeSave } from './portal-move.js';

const portalEmail = { id: 'e1', address: 'old@example.test' };

function view(overrides: Partial<PortalAccessView> = {}): PortalAccessView {
  return {
    state: 'active',
    practicePortalEnabled: true,
    portalUrl: 'http://portico.test/portal/oak',
    email: portalEmail,
    eligibleEmails: [{ ...portalEmail, isPrimary: true }],
    permissions: { appointments: true, messaging: true, billing: true, pay: false },
    payEffective: false,
    payUnavailableReason: null,
    firstInvitedAt: null,
    lastInvitedAt: null,
    firstSignedInAt: null,
    lastSignedInAt: null,
    disabledAt: null,
    defaultMessage: 'Welcome.',
    invitations: [],
    events: [],
    ...overrides,
  };
}

const email = (address: string, extra: { id?: string; emailOk?: boolean; isPrimary?: boolean } = {}) => ({
  address,
  emailOk: true,
  isPrimary: false,
  ...extra,
});

describe('portalEmailLossBeforeSave', () => {
  it('asks nothing while the portal address stays, on its row or another, or when access is not in use', () => {
    expect(portalEmailLossBeforeSave(view(), [email('old@example.test', { id: 'e1', isPrimary: true })])).toBeNull();
    expect(portalEmailLossBeforeSave(view(), [email('old@example.test', { isPrimary: true })])).toBeNull();
    expect(portalEmailLossBeforeSave(null, [])).toBeNull();
    for (const state of ['not_invited', 'disabled'] as const) {
      expect(portalEmailLossBeforeSave(view({ state }), [email('new@example.test', { id: 'e1' })])).toBeNull();
    }
  });

  it('an address edited in place: the new address is the one to invite, if it has Email OK on', () => {
    expect(
      portalEmailLossBeforeSave(view({ state: 'invited' }), [email('new@example.test', { id: 'e1', isPrimary: true })]),
    ).toEqual({
      oldAddress: 'old@example.test',
      how: { kind: 'changed', newAddress: 'new@example.test' },
      resendTo: 'new@example.test',
      whyNoResend: null,
      message: 'Welcome.',
    });
    const noConsent = portalEmailLossBeforeSave(view(), [
      email('new@example.test', { id: 'e1', emailOk: false, isPrimary: true }),
      email('other@example.test'),
    ]);
    expect(noConsent).toMatchObject({
      resendTo: null,
      whyNoResend: expect.stringContaining('new@example.test') as unknown,
    });
  });

  it('a removed email: the primary consenting email is offered, else the first consenting one, else none', () => {
    const primary = portalEmailLossBeforeSave(view(), [
      email('a@example.test'),
      email('b@example.test', { isPrimary: true }),
    ]);
    expect(primary).toMatchObject({ how: { kind: 'removed' }, resendTo: 'b@example.test' });
    const first = portalEmailLossBeforeSave(view(), [
      email('a@example.test', { isPrimary: true, emailOk: false }),
      email('b@example.test'),
    ]);
    expect(first?.resendTo).toBe('b@example.test');
    const none = portalEmailLossBeforeSave(view(), []);
    expect(none).toMatchObject({
      how: { kind: 'removed' },
      resendTo: null,
      whyNoResend: expect.stringContaining('Email OK') as unknown,
    });
  });

  it('offers no invitation while the practice has the portal off', () => {
    const loss = portalEmailLossBeforeSave(view({ practicePortalEnabled: false }), [
      email('new@example.test', { id: 'e1' }),
    ]);
    expect(loss).toMatchObject({ resendTo: null, whyNoResend: expect.stringContaining('turned off') as unknown });
  });
});
