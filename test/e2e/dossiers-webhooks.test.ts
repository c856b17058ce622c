// Webhooks end to end against a REAL receiver process that answers 500 or times out at random
// (seeded): dossiers driven through the gateway by an organisation's, the operator's and a
// prescriber's integrations, the dossiers process SIGKILLed and restarted in the middle. Then every
// event each webhook may see was acknowledged at least once, a dossier's events arrived in order (the
// next only after the previous was acknowledged), every signature verifies, the delivery log shows the
// retries, and a replay from a cursor delivers the rest again. Own stack, loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@formations/schema/auth';
import { repoRoot, startStack, type RunningStack } from '../../scripts/stack.ts';
import { verifySignature } from '../../subgraphs/dossiers/src/webhooks/signing.ts';
import { graphql, tokenFor } from '../src/client.ts';

const CAMILLE: Viewer = { sub: 'camille-martin', role: 'holder' };
const ORGANISATION: Viewer = { sub: 'of-83412567600017', role: 'organisation', siret: '83412567600017' };
const OPERATOR: Viewer = { sub: 'operator-mcf', role: 'operator' };
const PRESCRIBER: Viewer = { sub: 'prescriber-france-travail-85', role: 'prescriber' };
const SESSION = 'PDL-F0001-A1-S1';
const ORGANISATION_SECRET = 'organisation-secret-of-the-e2e-test';
const TIMEOUT_MS = 300;

let stack: RunningStack;
let dataDir: string;
let receiver: ChildProcess;
let receiverUrl = '';
let logFile = '';
const tokens = new Map<string, string>();
async function as(viewer: Viewer, query: string, variables: Record<string, unknown> = {}) {
  const k = JSON.stringify(viewer);
  if (!tokens.has(k)) tokens.set(k, await tokenFor(viewer));
  return graphql(stack.gatewayUrl, query, variables, { token: tokens.get(k)! });
}
async function ok(viewer: Viewer, query: string, variables: Record<string, unknown> = {}) {
  const res = await as(viewer, query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}
let keys = 0;
const key = () => `wh-${++keys}`;
const step = (name: string, extra = '') => `mutation ($id: ID!, $k: String!) { ${name}(id: $id, idempotencyKey: $k${extra}) { dossier { id state } } }`;

interface Received {
  path: string;
  at: number;
  eventId: string;
  signature: string;
  body: string;
  answer: 'ok' | 'fail' | 'slow';
  event: { id: string; dossierId: string; transition: string; replay: boolean };
}
const received = (): Received[] =>
  fs.existsSync(logFile)
    ? fs
        .readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const r = JSON.parse(line);
          return { ...r, event: JSON.parse(r.body) };
        })
    : [];

async function feed(viewer: Viewer, after: string | null) {
  const events: { cursor: string; dossierId: string; transition: string }[] = [];
  let cursor = after;
  for (;;) {
    const page = (
      await ok(viewer, `query ($a: String) { dossierEvents(after: $a, first: 500) { events { cursor dossierId transition } endCursor hasMore } }`, {
        a: cursor,
      })
    ).dossierEvents;
    events.push(...page.events);
    cursor = page.endCursor;
    if (!page.hasMore) return { events, endCursor: cursor };
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-dossiers-webhooks-'));
  logFile = path.join(dataDir, 'receiver.jsonl');
  receiver = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/webhook-receiver.ts', logFile, '18', '0.3', '0.15', String(TIMEOUT_MS * 4)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  receiverUrl = await new Promise<string>((resolve, reject) => {
    receiver.once('exit', (code) => reject(new Error(`receiver exited ${code}`)));
    receiver.stdout!.on('data', (chunk: Buffer) => {
      const port = /listening (\d+)/.exec(String(chunk))?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
  });
  stack = await startStack({
    dataDir,
    ports: 'random',
    output: 'quiet',
    env: {
      CLOCK_NOW: '2026-11-25',
      OUTBOX_INTERVAL_MS: '100',
      WEBHOOKS_ALLOW_PRIVATE_URLS: '1',
      WEBHOOK_INTERVAL_MS: '50',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_BACKOFF_MS: '50',
      WEBHOOK_MAX_BACKOFF_MS: '400',
    },
  });
}, 180_000);
afterAll(async () => {
  receiver?.kill('SIGTERM');
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('webhooks against a flaky receiver, through a SIGKILL of dossiers', () => {
  const hooks: Record<'organisation' | 'operator' | 'prescriber', { id: string; secret: string; viewer: Viewer; path: string }> = {} as never;
  let start: string | null = null;
  const dossierIds: string[] = [];
  let positioned = '';

  it('who may register: organisations, prescribers and the operator, each seeing only their own', async () => {
    const register = `mutation ($u: String!, $s: String) { registerWebhook(url: $u, secret: $s) { secret webhook { id url pendingDeliveries } } }`;
    const holder = await as(CAMILLE, register, { u: `${receiverUrl}/camille` });
    expect(holder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const short = await as(ORGANISATION, register, { u: `${receiverUrl}/of`, s: 'short' });
    expect(short.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const [name, viewer, secret] of [
      ['organisation', ORGANISATION, ORGANISATION_SECRET],
      ['operator', OPERATOR, null],
      ['prescriber', PRESCRIBER, null],
    ] as const) {
      const data = (await ok(viewer, register, { u: `${receiverUrl}/${name}`, s: secret })).registerWebhook;
      if (secret) expect(data.secret).toBe(secret);
      else expect(data.secret).toMatch(/^whsec_/);
      hooks[name] = { id: data.webhook.id, secret: data.secret, viewer, path: `/${name}` };
    }
    const own = (await ok(ORGANISATION, `{ webhooks { id url } }`)).webhooks;
    expect(own).toEqual([{ id: hooks.organisation.id, url: `${receiverUrl}/organisation` }]);
    const other = await as(
      { sub: 'of-other', role: 'organisation', siret: '79105233500019' },
      `query ($w: ID!) { webhookDeliveries(webhookId: $w) { endCursor } }`,
      { w: hooks.organisation.id },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    start = (await feed(OPERATOR, null)).endCursor;
  });

  it('drives dossiers (the dossiers process killed and restarted between batches)', async () => {
    await ok(CAMILLE, `mutation { grantConsent(viewerSub: "${PRESCRIBER.sub}", scopes: [FUNDING], expiresAt: "2030-01-01T00:00:00Z") { id } }`);
    positioned = (
      await ok(
        PRESCRIBER,
        `mutation ($k: String!) { positionOnSession(personId: "camille-martin", sessionId: "${SESSION}", idempotencyKey: $k) { dossier { id } } }`,
        { k: key() },
      )
    ).positionOnSession.dossier.id;
    await ok(CAMILLE, `mutation ($id: ID!, $k: String!) { requestDossier(dossierId: $id, idempotencyKey: $k) { dossier { id } } }`, {
      id: positioned,
      k: key(),
    });
    await ok(ORGANISATION, step('validateDossier'), { id: positioned, k: key() });
    await ok(CAMILLE, step('declineDossier'), { id: positioned, k: key() });
    for (let batch = 0; batch < 3; batch++) {
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          const id = (
            await ok(CAMILLE, `mutation ($k: String!) { requestDossier(sessionId: "${SESSION}", idempotencyKey: $k) { dossier { id } } }`, { k: key() })
          ).requestDossier.dossier.id;
          dossierIds.push(id);
          await ok(ORGANISATION, step('validateDossier'), { id, k: key() });
          await ok(CAMILLE, step('declineDossier'), { id, k: key() });
        }),
      );
      if (batch === 1) {
        // Deliveries are still pending (failures, backoff): they live in dossiers.sqlite.
        await stack.kill('dossiers');
        await stack.start('dossiers');
      }
    }
  });

  it('every event each webhook may see is acknowledged at least once, in order per dossier, signed', async () => {
    for (const hook of Object.values(hooks)) {
      await expect
        .poll(async () => (await ok(hook.viewer, `{ webhooks { pendingDeliveries } }`)).webhooks[0].pendingDeliveries, { timeout: 45_000, interval: 250 })
        .toBe(0);
    }
    const log = received();
    // Payloads: ids and states only.
    expect(log.some((r) => /camille|martin/i.test(r.body))).toBe(false);
    for (const r of log) {
      const secret = Object.values(hooks).find((h) => h.path === r.path)!.secret;
      expect(verifySignature(secret, r.signature, r.body, Math.floor(r.at / 1000)), r.body).toBe(true);
      expect(r.eventId).toBe(r.event.id);
    }
    const expected = {
      operator: (await feed(OPERATOR, start)).events,
      organisation: (await feed(ORGANISATION, start)).events,
      // The prescriber sees the dossier it positioned (Camille consented), nothing else.
      prescriber: (await feed(OPERATOR, start)).events.filter((e) => e.dossierId === positioned),
    };
    expect(expected.operator.length).toBe(4 + 12 * 3);
    expect(expected.organisation.length).toBe(expected.operator.length);
    for (const [name, hook] of Object.entries(hooks) as [keyof typeof expected, (typeof hooks)['operator']][]) {
      const mine = log.filter((r) => r.path === hook.path);
      const acked = new Set(mine.filter((r) => r.answer === 'ok').map((r) => r.eventId));
      expect(
        expected[name].filter((e) => !acked.has(e.cursor)),
        `${name}: events never acknowledged`,
      ).toEqual([]);
      expect(new Set(mine.map((r) => r.eventId))).toEqual(new Set(expected[name].map((e) => e.cursor)));
      // In order per dossier: an event arrives only once every earlier event of its dossier was acknowledged.
      const ackedSoFar = new Set<string>();
      for (const r of mine) {
        const earlier = expected[name].filter((e) => e.dossierId === r.event.dossierId && Number(e.cursor) < Number(r.eventId));
        expect(
          earlier.filter((e) => !ackedSoFar.has(e.cursor)),
          `${name}: ${r.event.transition} of ${r.event.dossierId} before its predecessors`,
        ).toEqual([]);
        if (r.answer === 'ok') ackedSoFar.add(r.eventId);
      }
    }
    // The random receiver did fail and time out: retries happened.
    const organisation = log.filter((r) => r.path === '/organisation');
    expect(organisation.filter((r) => r.answer === 'fail').length).toBeGreaterThan(0);
    expect(organisation.filter((r) => r.answer === 'slow').length).toBeGreaterThan(0);
  }, 60_000);

  it('the delivery log shows each attempt: retries with their status or timeout, then the acknowledgement', async () => {
    const attempts: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        await ok(
          ORGANISATION,
          `query ($w: ID!, $a: String) { webhookDeliveries(webhookId: $w, first: 100, after: $a) { attempts { cursor eventId dossierId attempt statusCode error durationMs at } endCursor hasMore } }`,
          { w: hooks.organisation.id, a: after },
        )
      ).webhookDeliveries;
      attempts.push(...page.attempts);
      after = page.endCursor;
      if (!page.hasMore) break;
    }
    expect(attempts.some((a) => a.statusCode === 500 && a.error === 'HTTP 500')).toBe(true);
    expect(attempts.some((a) => a.statusCode === null && /timeout/.test(a.error) && a.durationMs >= TIMEOUT_MS - 5)).toBe(true);
    expect(attempts.some((a) => a.attempt >= 2 && a.statusCode === 204)).toBe(true);
    const acknowledged = attempts.filter((a) => a.statusCode === 204);
    expect(new Set(acknowledged.map((a) => a.eventId)).size).toBe(4 + 12 * 3);
    // The log holds no more attempts than the receiver saw (one killed in flight is not logged: it is tried again).
    expect(attempts.length).toBeLessThanOrEqual(received().filter((r) => r.path === '/organisation').length);
  });

  it('a replay from a cursor delivers the events after it again, in order, marked as replays', async () => {
    const events = (await feed(ORGANISATION, start)).events;
    const from = events[9]!.cursor;
    const replay = (
      await ok(ORGANISATION, `mutation ($w: ID!, $a: String) { replayWebhook(id: $w, after: $a) { queued endCursor } }`, { w: hooks.organisation.id, a: from })
    ).replayWebhook;
    expect(replay).toEqual({ queued: events.length - 10, endCursor: events.at(-1)!.cursor });
    await expect
      .poll(
        () =>
          new Set(
            received()
              .filter((r) => r.path === '/organisation' && r.event.replay && r.answer === 'ok')
              .map((r) => r.eventId),
          ).size,
        { timeout: 30_000, interval: 250 },
      )
      .toBe(events.length - 10);
    const replayed = received().filter((r) => r.path === '/organisation' && r.event.replay);
    expect(replayed.every((r) => Number(r.eventId) > Number(from))).toBe(true);
    const removed = await ok(ORGANISATION, `mutation ($w: ID!) { removeWebhook(id: $w) }`, { w: hooks.organisation.id });
    expect(removed.removeWebhook).toBe(true);
    expect((await ok(ORGANISATION, `{ webhooks { id } }`)).webhooks).toEqual([]);
  }, 45_000);
});
