import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditKindOf, namedAuditActions } from './audit-actions.js';

/** The actions a module's source writes (`action: 'x.y'`), tests left out. */
function actionsWrittenIn(dir: string, named: (name: string) => boolean = () => true): string[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && named(name));
  const actions = files.flatMap((name) =>
    [...readFileSync(path.join(dir, name), 'utf8').matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1] ?? ''),
  );
  return [...new Set(actions)].sort();
}

describe('audit action labels', () => {
  it('gives every action the documents module writes a written label in the Documents kind', () => {
    const actions = actionsWrittenIn(path.resolve(import.meta.dirname, '../server/modules/documents'));
    expect(actions.length).toBeGreaterThan(8);
    expect(actions.filter((action) => !namedAuditActions.includes(action))).toEqual([]);
    for (const action of actions) expect(auditKindOf(action), action).toBe('documents');
  });

  it("gives every action the portal's Billing writes a written label in the Billing kind", () => {
    const dir = path.resolve(import.meta.dirname, '../server/modules/billing');
    const actions = actionsWrittenIn(dir, (name) => name.startsWith('portal-billing'));
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(actions.filter((action) => !namedAuditActions.includes(action))).toEqual([]);
    for (const action of actions) expect(auditKindOf(action), action).toBe('billing');
  });

  it('gives every action the payments write a written label in the Billing kind', () => {
    const dir = path.resolve(import.meta.dirname, '../server/modules/billing');
    const actions = actionsWrittenIn(dir, (name) => name.startsWith('payments'));
    expect(actions).toEqual(expect.arrayContaining(['payment.recorded', 'payment.refunded', 'billing.aging_viewed']));
    expect(actions.filter((action) => !namedAuditActions.includes(action))).toEqual([]);
    for (const action of actions) expect(auditKindOf(action), action).toBe('billing');
  });

  it('gives every action statements and superbills write a written label in the Billing kind', () => {
    const dir = path.resolve(import.meta.dirname, '../server/modules/billing');
    const actions = actionsWrittenIn(dir, (name) => /^(statements|superbills|billing-documents)\./.test(name));
    expect(actions).toEqual(expect.arrayContaining(['statement.created', 'superbill.created']));
    expect(actions.filter((action) => !namedAuditActions.includes(action))).toEqual([]);
    for (const action of actions) expect(auditKindOf(action), action).toBe('billing');
  });

  it('turns an action without a written label into readable words', () => {
    expect(auditActionLabel('document.viewed')).toBe('Viewed a document');
    expect(auditActionLabel('client.email_added')).toBe('Client email added');
  });
});
