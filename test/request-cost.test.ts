import {
  AliasNode,
  DeleteQueryNode,
  InsertQueryNode,
  SelectQueryNode,
  TableNode,
  UpdateQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './factories/clients.js';
import { createConversation } from './factories/messages.js';
import { postMessage } from './helpers/messages.js';
import { messagingWorld } from './helpers/messages.js';
import { buildTestApp, testDatabaseKind, type TestApp } from './helpers/test-app.js';
import { signInAs, type Agent } from './helpers/agent.js';
import { createStaff } from './factories/practices.js';

/**
 * What each request on the hot paths costs the database: how many statements it runs, and which
 * of them write. The bench (`npm run bench`) measures the time; this keeps the count from creeping
 * back up once it has been cut, without timing anything: each route has a budget of statements, the
 * count it has today, to be lowered as the path is cut. The table it prints is the one in
 * docs/decisions/015-request-path-cost.md.
 */

type Kind = 'select' | 'insert' | 'update' | 'delete' | 'other';

const kindOf: Partial<Record<OperationNode['kind'], Kind>> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
};

/** Records the kind and target table of every statement the app runs. */
class StatementLog implements KyselyPlugin {
  statements: { kind: Kind; table: string }[] = [];

  transformQuery({ node }: PluginTransformQueryArgs) {
    const kind = kindOf[node.kind] ?? 'other';
    this.statements.push({ kind, table: tableOf(node) });
    return node;
  }

  transformResult({ result }: PluginTransformResultArgs) {
    return Promise.resolve(result);
  }
}

function tableOf(node: OperationNode): string {
  const target = InsertQueryNode.is(node)
    ? node.into
    : UpdateQueryNode.is(node)
      ? node.table
      : DeleteQueryNode.is(node)
        ? node.from.froms[0]
        : SelectQueryNode.is(node)
          ? node.from?.froms[0]
          : undefined;
  if (!target) return node.kind === 'RawNode' ? 'raw' : '';
  const table = AliasNode.is(target) ? target.node : target;
  return TableNode.is(table) ? table.table.identifier.name : 'subquery';
}

interface Cost {
  route: string;
  statements: number;
  writes: string[];
  all: string;
}

const log = new StatementLog();
let t: TestApp;
let world: Awaited<ReturnType<typeof messagingWorld>>;
const costs: Cost[] = [];

/** Runs the request twice and measures the second: a first request may warm what later ones reuse. */
async function measure(route: string, send: () => Promise<{ statusCode: number; body: string }>): Promise<Cost> {
  const first = await send();
  expect(first.statusCode, `${route}: ${first.body}`).toBeLessThan(300);
  log.statements = [];
  const second = await send();
  expect(second.statusCode, `${route}: ${second.body}`).toBeLessThan(300);
  const writes = log.statements.filter((s) => s.kind !== 'select').map((s) => `${s.kind} ${s.table}`);
  const cost = {
    route,
    statements: log.statements.length,
    writes,
    all: log.statements.map((s) => `${s.kind[0]}:${s.table}`).join(' '),
  };
  costs.push(cost);
  return cost;
}

beforeAll(async () => {
  t = await buildTestApp({}, { plugins: [log] });
  world = await messagingWorld(t);
  for (let i = 0; i < 30; i++) await createClient(t.deps, world.practice.id, { lastName: `Costa${i}` });
  await createConversation(t.deps, world.practice.id, world.client.id, 60);
});

afterAll(async () => {
  console.log(
    `Statements per request (${testDatabaseKind}):\n` +
      costs.map((c) => `  ${c.route.padEnd(36)} ${String(c.statements).padStart(3)}  ${c.all}`).join('\n'),
  );
  await t.close();
});

const staff = (): Agent => world.staff;

describe('request cost', () => {
  it('client search', async () => {
    const cost = await measure('GET /api/clients?q=', () => staff().get('/api/clients?q=Costa1&page=1&pageSize=25'));
    expect(cost.writes).toEqual([]);
    expect(cost.statements).toBeLessThanOrEqual(6);
  });

  it('client list', async () => {
    const cost = await measure('GET /api/clients', () => staff().get('/api/clients?sort=name&page=1&pageSize=25'));
    expect(cost.writes).toEqual([]);
    expect(cost.statements).toBeLessThanOrEqual(4);
  });

  it('client list and search with a Portal filter', async () => {
    const listed = await measure('GET /api/clients?portal=', () =>
      staff().get('/api/clients?sort=name&portal=not_invited&page=1&pageSize=25'),
    );
    expect(listed.writes).toEqual([]);
    expect(listed.statements).toBeLessThanOrEqual(4);
    const searched = await measure('GET /api/clients?q=&portal=', () =>
      staff().get('/api/clients?q=Costa1&portal=not_invited&page=1&pageSize=25'),
    );
    expect(searched.writes).toEqual([]);
    expect(searched.statements).toBeLessThanOrEqual(6);
  });

  it('client profile', async () => {
    const cost = await measure('GET /api/clients/:id', () => staff().get(`/api/clients/${world.client.id}`));
    expect(cost.writes).toEqual(['insert audit_log']);
    expect(cost.statements).toBeLessThanOrEqual(4);
  });

  it('the Client Portal tab', async () => {
    const cost = await measure('GET /api/clients/:id/portal', () =>
      staff().get(`/api/clients/${world.client.id}/portal`),
    );
    // Opening the tab reads the client's records, so it is audited, as opening the profile is.
    expect(cost.writes).toEqual(['insert audit_log']);
    expect(cost.statements).toBeLessThanOrEqual(9);
  });

  it('conversation page', async () => {
    const cost = await measure('GET /api/clients/:id/messages', () => staff().get(`${world.staffUrl}?limit=50`));
    expect(cost.writes).toEqual(['insert audit_log']);
    expect(cost.statements).toBeLessThanOrEqual(6);
  });

  it('portal Home', async () => {
    const base = `/api/portal/${world.practice.slug}`;
    const costs = [
      await measure('GET /api/portal/:slug/session', () => world.clientAgent.get(`${base}/session`)),
      await measure('GET /api/portal/:slug', () => world.clientAgent.get(base)),
      await measure('GET /api/portal/:slug/messages/unread', () => world.clientAgent.get(`${base}/messages/unread`)),
    ];
    const budgets = [2, 1, 2];
    costs.forEach((cost, index) => {
      expect(cost.writes).toEqual([]);
      expect(cost.statements, cost.route).toBeLessThanOrEqual(budgets[index] ?? 0);
    });
  });

  it('portal conversation page', async () => {
    const cost = await measure('GET /api/portal/:slug/messages', () =>
      world.clientAgent.get(`${world.portalUrl}?limit=30`),
    );
    expect(cost.writes).toEqual(['insert audit_log']);
    expect(cost.statements).toBeLessThanOrEqual(6);
  });

  it('send a message', async () => {
    const cost = await measure('POST /api/clients/:id/messages', () =>
      postMessage(staff(), world.staffUrl, { body: 'A short note.' }),
    );
    expect(cost.statements).toBeLessThanOrEqual(12);
  });

  // A clinician's paths check the assignment inside the queries they already run: same budgets.
  it("an assigned clinician's list, search, profile, Client Portal tab and conversation", async () => {
    const clinician = await createStaff(t.deps, world.practice.id, { roles: ['clinician'] });
    for (const [index, client] of [world.client, ...(await costaClients())].entries()) {
      if (index % 2 === 0) await assign(client.id, clinician.id);
    }
    const agent = await signInAs(t.app, clinician.email);
    const budgets: [string, () => Promise<{ statusCode: number; body: string }>, number][] = [
      ['clinician GET /api/clients?q=', () => agent.get('/api/clients?q=Costa1&page=1&pageSize=25'), 6],
      ['clinician GET /api/clients', () => agent.get('/api/clients?sort=name&page=1&pageSize=25'), 4],
      ['clinician GET /api/clients/:id', () => agent.get(`/api/clients/${world.client.id}`), 4],
      ['clinician GET /api/clients/:id/portal', () => agent.get(`/api/clients/${world.client.id}/portal`), 9],
      ['clinician GET /api/clients/:id/messages', () => agent.get(`${world.staffUrl}?limit=50`), 6],
    ];
    for (const [route, send, budget] of budgets) {
      const cost = await measure(route, send);
      expect(cost.statements, route).toBeLessThanOrEqual(budget);
    }
  });
});

async function costaClients(): Promise<{ id: string }[]> {
  return t.deps.db
    .selectFrom('clients')
    .select('id')
    .where('practice_id', '=', world.practice.id)
    .where('last_name', 'like', 'Costa%')
    .execute();
}

async function assign(clientId: string, staffId: string): Promise<void> {
  const answer = await world.staff.put(`/api/clients/${clientId}/clinicians`, {
    primaryId: staffId,
    otherIds: [world.practice.owner.id],
  });
  expect(answer.statusCode, answer.body).toBe(200);
}
