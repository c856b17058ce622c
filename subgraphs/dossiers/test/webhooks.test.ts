// Webhooks: the signature a receiver checks, the ordering rule (a dossier's next event waits for the
// previous one's 2xx), visibility (organisation by SIRET, prescriber its own, operator all), and the
// deliverer retrying over real HTTP with the attempts logged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { clockFrom } from '@formations/schema/clock';
import { webhookAttempts, webhooks } from '../src/db/schema.ts';
import { startDeliverer, webhookBackoffMs, type Deliverer } from '../src/webhooks/deliverer.ts';
import { signatureHeader, signatureOf, verifySignature } from '../src/webhooks/signing.ts';
import { dueDeliveries, recordAttempt, removeWebhookRow, replayFrom, type WebhookRow } from '../src/webhooks/store.ts';
import { at, create, step, tempDatabase } from './helpers.ts';

// The receivers of these tests listen on 127.0.0.1: the explicit opt-in of test stacks (webhooks/address.ts).
process.env.WEBHOOKS_ALLOW_PRIVATE_URLS = '1';

const SECRET = 'whsec_test_secret_0123456789';
type Db = ReturnType<typeof tempDatabase>['db'];

function register(db: Db, id: string, role: WebhookRow['ownerRole'], extra: Partial<WebhookRow> = {}, url = 'http://127.0.0.1:9/hook') {
  const row: WebhookRow = {
    id,
    ownerRole: role,
    ownerSub: `${role}-sub`,
    ownerSiret: null,
    url,
    secret: SECRET,
    createdAt: '2026-11-25T10:00:00.000Z',
    removedAt: null,
    ...extra,
  };
  db.insert(webhooks).values(row).run();
  return row;
}

describe('signing', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>", verified with a tolerance and in constant time', () => {
    const body = '{"id":"1"}';
    // Computed apart: printf '1764590400.{"id":"1"}' | openssl dgst -sha256 -hmac whsec_test_secret_0123456789
    expect(signatureOf(SECRET, 1764590400, body)).toBe('39ba9054de399ad269fed961753d8cd116975ce8e2b22bdd9e4d12ce95176bd7');
    const header = signatureHeader(SECRET, 1764590400, body);
    expect(header).toBe(`t=1764590400,v1=${signatureOf(SECRET, 1764590400, body)}`);
    expect(verifySignature(SECRET, header, body, 1764590400 + 10)).toBe(true);
    expect(verifySignature(SECRET, header, body + ' ', 1764590400)).toBe(false);
    expect(verifySignature('another-secret-of-enough-length', header, body, 1764590400)).toBe(false);
    expect(verifySignature(SECRET, header, body, 1764590400 + 301)).toBe(false);
    expect(verifySignature(SECRET, header.replace(/v1=../, 'v1=00'), body, 1764590400)).toBe(false);
    expect(verifySignature(SECRET, undefined, body, 1764590400)).toBe(false);
    // The timestamp is signed: moving it breaks the signature.
    expect(verifySignature(SECRET, header.replace('t=1764590400', 't=1764590401'), body, 1764590400)).toBe(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(webhookBackoffMs(0, 1000, 60_000, () => 0)).toBe(500);
    expect(webhookBackoffMs(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(webhookBackoffMs(3, 1000, 60_000, () => 0.5)).toBe(6000);
    expect(webhookBackoffMs(40, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('webhook deliveries in the database', () => {
  it('are written with the transition, for the webhooks whose owner sees the dossier', () => {
    const { db } = tempDatabase();
    register(db, 'wh-of', 'organisation', { ownerSiret: '83412567600017' });
    register(db, 'wh-other-of', 'organisation', { ownerSiret: '11111111111111' });
    register(db, 'wh-op', 'operator');
    register(db, 'wh-presc', 'prescriber', { ownerSub: 'prescriber-1' });
    create(db, 'd1', '2026-11-25');
    const due = dueDeliveries(db, Date.now());
    expect(due.map((d) => d.webhook.id).sort()).toEqual(['wh-of', 'wh-op']);
    expect(due[0]!.event).toMatchObject({
      type: 'dossier.transition',
      dossierId: 'd1',
      transition: 'requestDossier',
      toState: 'notProcessed',
      actorRole: 'holder',
    });
    // Ids and states only: nothing about the person.
    expect(JSON.stringify(due[0]!.event)).not.toContain('camille');
  });

  it("a dossier's next event waits until the previous one is acknowledged; other dossiers do not wait", () => {
    const { db } = tempDatabase();
    register(db, 'wh-op', 'operator');
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    step(db, 'd1', 'declineDossier', 'holder', '2026-11-25');
    create(db, 'd2', '2026-11-25');
    const now = at('2026-11-25');
    const first = dueDeliveries(db, now.getTime());
    expect(first.map((d) => [d.event.dossierId, d.event.transition])).toEqual([
      ['d1', 'requestDossier'],
      ['d2', 'requestDossier'],
    ]);
    // d1's first event fails: retried later, and d1's second event is still not due, even once the first is due again.
    recordAttempt(db, first[0]!.delivery.id, { outcome: 'retry', statusCode: 500, error: 'HTTP 500', nextAttemptAt: now.getTime() + 1000 }, 3, now);
    expect(dueDeliveries(db, now.getTime()).map((d) => d.event.dossierId)).toEqual(['d2']);
    expect(dueDeliveries(db, now.getTime() + 1000).map((d) => [d.event.dossierId, d.event.transition, d.delivery.attempts])).toEqual([
      ['d1', 'requestDossier', 1],
      ['d2', 'requestDossier', 0],
    ]);
    recordAttempt(db, first[0]!.delivery.id, { outcome: 'done', statusCode: 204 }, 3, now);
    expect(dueDeliveries(db, now.getTime() + 1000).map((d) => [d.event.dossierId, d.event.transition])).toEqual([
      ['d1', 'validateDossier'],
      ['d2', 'requestDossier'],
    ]);
    const log = db.select().from(webhookAttempts).all();
    expect(log.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 204, null],
    ]);
  });

  it('a replay queues the visible events after the cursor again, behind what is pending; removal drops the rest', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    const webhook = register(db, 'wh-of', 'organisation', { ownerSiret: '83412567600017' });
    expect(dueDeliveries(db, Date.now())).toHaveLength(0); // registered after the events
    expect(replayFrom(db, webhook, 0, at('2026-11-25'))).toEqual({ queued: 2, endCursor: '2' });
    expect(replayFrom(db, webhook, 1, at('2026-11-25'))).toEqual({ queued: 1, endCursor: '2' });
    const due = dueDeliveries(db, Date.now());
    expect(due.map((d) => [d.event.transition, d.event.replay])).toEqual([['requestDossier', true]]);
    const other = register(db, 'wh-other', 'organisation', { ownerSiret: '11111111111111' });
    expect(replayFrom(db, other, 0, at('2026-11-25')).queued).toBe(0);
    removeWebhookRow(db, 'wh-of', at('2026-11-25'));
    expect(dueDeliveries(db, Date.now())).toHaveLength(0);
  });
});

let deliverer: Deliverer | undefined;
afterEach(() => deliverer?.stop());

describe('deliverer over HTTP', () => {
  it('retries a failing receiver with backoff, signs each attempt, and keeps the order per dossier', async () => {
    const received: { id: string; transition: string; ok: boolean; verified: boolean }[] = [];
    let calls = 0;
    const server = http.createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const event = JSON.parse(body);
      calls += 1;
      const ok = calls % 2 === 0; // every other call fails
      received.push({
        id: String(req.headers['x-formations-event-id']),
        transition: event.transition,
        ok,
        verified: verifySignature(SECRET, req.headers['x-formations-signature'] as string, body, Math.floor(Date.now() / 1000)),
      });
      res.writeHead(ok ? 204 : 500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { db } = tempDatabase();
    register(db, 'wh-op', 'operator', {}, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    step(db, 'd1', 'declineDossier', 'holder', '2026-11-25');
    const urls = { passport: 'http://127.0.0.1:9', catalog: 'http://127.0.0.1:9', rights: 'http://127.0.0.1:9', abondements: 'http://127.0.0.1:9' };
    deliverer = startDeliverer(db, clockFrom(new Date()), urls, { intervalMs: 10, timeoutMs: 1000, backoffMs: 20, maxBackoffMs: 100 });
    await expect
      .poll(() => received.filter((r) => r.ok).map((r) => r.transition), { timeout: 10_000 })
      .toEqual(['requestDossier', 'validateDossier', 'declineDossier']);
    expect(received.every((r) => r.verified)).toBe(true);
    // Each event was tried, failed, tried again: never the next before the previous succeeded.
    expect(received.map((r) => `${r.transition}:${r.ok}`)).toEqual([
      'requestDossier:false',
      'requestDossier:true',
      'validateDossier:false',
      'validateDossier:true',
      'declineDossier:false',
      'declineDossier:true',
    ]);
    // The last attempt is logged once its answer is read, just after the receiver answered.
    await expect
      .poll(
        () =>
          db
            .select()
            .from(webhookAttempts)
            .all()
            .map((a) => [a.transitionId, a.attempt, a.statusCode]),
        { timeout: 5_000 },
      )
      .toEqual([
        [1, 1, 500],
        [1, 2, 204],
        [2, 1, 500],
        [2, 2, 204],
        [3, 1, 500],
        [3, 2, 204],
      ]);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('deliverer fairness', () => {
  it('a receiver that times out holds up only its own deliveries, not another webhook’s', async () => {
    const fastGot: number[] = [];
    const server = http.createServer(async (req, res) => {
      for await (const _ of req);
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(204).end(), 2000);
      fastGot.push(performance.now());
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { db } = tempDatabase();
    register(db, 'wh-slow', 'operator', {}, `${base}/slow`);
    register(db, 'wh-fast', 'operator', { ownerSub: 'operator-2' }, `${base}/fast`);
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    step(db, 'd1', 'declineDossier', 'holder', '2026-11-25');
    const urls = { passport: base, catalog: base, rights: base, abondements: base };
    const started = performance.now();
    deliverer = startDeliverer(db, clockFrom(new Date()), urls, { intervalMs: 10, timeoutMs: 1000, backoffMs: 5000, maxBackoffMs: 5000 });
    await expect.poll(() => fastGot.length, { timeout: 5000 }).toBe(3);
    // The three events reached the fast webhook well before the slow one's first attempt timed out.
    expect(fastGot.at(-1)! - started).toBeLessThan(900);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
