import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPractice } from '../../../../test/factories/practices.js';
import { signInAs } from '../../../../test/helpers/agent.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { audit } from '../../platform/audit.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('audit log', () => {
  it('pages through entries that share a timestamp without skipping any', async () => {
    const practice = await createPractice(t.deps);
    // The test clock stands still: every entry below has the same time.
    for (let i = 0; i < 7; i += 1) {
      await audit(t.deps.db, t.deps.clock, { kind: 'system' }, null, { action: `test.${i}`, practiceId: practice.id });
    }
    const owner = await signInAs(t.app, practice.owner.email);
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const url: string = `/api/audit?limit=3${before ? `&before=${encodeURIComponent(before)}` : ''}`;
      const page = (await owner.get(url)).json<{ items: { id: string }[]; nextBefore: string | null }>();
      seen.push(...page.items.map((item) => item.id));
      before = page.nextBefore;
    } while (before);
    const all = await t.deps.db.selectFrom('audit_log').select('id').where('practice_id', '=', practice.id).execute();
    expect(new Set(seen).size).toBe(all.length);
    expect(seen).toHaveLength(all.length);
  });

  it('is for owners only', async () => {
    const practice = await createPractice(t.deps);
    const { createStaff } = await import('../../../../test/factories/practices.js');
    const clinician = await createStaff(t.deps, practice.id);
    const agent = await signInAs(t.app, clinician.email);
    expect((await agent.get('/api/audit')).statusCode).toBe(403);
  });
});
