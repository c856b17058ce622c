// The relay over real HTTP, against stand-ins of rights and abondements that check the operator
// token and record what they are asked: retried until answered, once per key, in order.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyViewerToken, VIEWER_HEADER } from '@formations/schema/auth';
import { clockFrom } from '@formations/schema/clock';
import { dossiers, moneyParts } from '../src/db/schema.ts';
import { backoffMs, commandFor, startRelay, type Relay } from '../src/relay.ts';
import { accepted, at, step, tempDatabase } from './helpers.ts';
import { outbox } from '../src/db/schema.ts';

interface Call {
  field: string;
  variables: Record<string, unknown>;
  role: string;
}

async function standIn(answer: (call: Call, attempt: number) => { status?: number; body?: unknown }, delayMs = 0) {
  const calls: Call[] = [];
  const load = { open: 0, max: 0 };
  const attempts = new Map<string, number>();
  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const { query, variables } = JSON.parse(raw) as { query: string; variables: Record<string, unknown> };
    const viewer = await verifyViewerToken(String(req.headers[VIEWER_HEADER]));
    const call = { field: /\{\s*(\w+)\(/.exec(query)![1]!, variables, role: viewer.role };
    const n = (attempts.get(JSON.stringify(call)) ?? 0) + 1;
    attempts.set(JSON.stringify(call), n);
    calls.push(call);
    load.open += 1;
    load.max = Math.max(load.max, load.open);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    load.open -= 1;
    const { status = 200, body } = answer(call, n);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, calls, load, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ok = (call: Call) => {
  switch (call.field) {
    case 'debitCpfAccount':
    case 'refundCpfDebit':
      return { body: { data: { [call.field]: { id: '42' } } } };
    case 'spendDotation':
      return { body: { data: { spendDotation: { status: 'SPENT', reason: null } } } };
    case 'reserveTopUp':
      return { body: { data: { reserveTopUp: { status: 'GRANTED', reason: null } } } };
    default:
      return { body: { data: { [call.field]: { status: 'RELEASED' } } } };
  }
};

let relay: Relay | undefined;
afterEach(() => relay?.stop());

describe('outbox relay', () => {
  it('retries a subgraph that fails until it answers, with the same key, as the operator', async () => {
    const peer = await standIn((call, attempt) => (call.field === 'debitCpfAccount' && attempt < 3 ? { status: 503 } : ok(call)));
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    const clock = clockFrom(at('2026-11-25'));
    relay = startRelay(db, clock, { passport: peer.url, catalog: peer.url, rights: peer.url, abondements: peer.url }, { intervalMs: 20 });
    await expect
      .poll(
        () =>
          db
            .select()
            .from(moneyParts)
            .where(eq(moneyParts.dossierId, 'd1'))
            .all()
            .every((p) => p.status === 'committed'),
        { timeout: 10_000 },
      )
      .toBe(true);
    const debits = peer.calls.filter((c) => c.field === 'debitCpfAccount');
    expect(debits).toHaveLength(3);
    expect(new Set(debits.map((c) => c.variables.k))).toEqual(new Set(['d1:debit-cpf']));
    expect(debits[0]!.variables).toMatchObject({ p: 'camille-martin', a: 30_000 });
    expect(peer.calls.every((c) => c.role === 'operator')).toBe(true);
    // The dossier's commands went one at a time: nothing after the debit was asked before it succeeded.
    const firstAfter = peer.calls.findIndex((c) => c.field === 'reserveTopUp');
    expect(peer.calls.slice(0, firstAfter).filter((c) => c.field === 'debitCpfAccount')).toHaveLength(3);
    await peer.close();
  });

  it('a refused reservation gives back the debit and the dotation, and cancels the dossier', async () => {
    const peer = await standIn((call) =>
      call.field === 'reserveTopUp' && call.variables.r === 'rule-ft'
        ? { body: { data: { reserveTopUp: { status: 'REFUSED', reason: 'the envelope holds 0 cents' } } } }
        : ok(call),
    );
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    relay = startRelay(db, clockFrom(at('2026-11-25')), { passport: peer.url, catalog: peer.url, rights: peer.url, abondements: peer.url }, { intervalMs: 20 });
    await expect.poll(() => db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()!.state, { timeout: 10_000 }).toBe('canceledByFinancer');
    await expect
      .poll(
        () =>
          peer.calls
            .map((c) => c.field)
            .filter((f) => /refund|release/.test(f))
            .sort(),
        { timeout: 10_000 },
      )
      .toEqual(['refundCpfDebit', 'releaseDotationUse', 'releaseReservation']);
    expect(peer.calls.find((c) => c.field === 'refundCpfDebit')!.variables).toEqual({ d: 'd1:debit-cpf', a: 30_000, k: 'd1:debit-cpf:return' });
    expect(peer.calls.find((c) => c.field === 'releaseReservation')!.variables).toEqual({ k: 'd1:reserve-top-up:rule-region', keep: 0 });
    await peer.close();
  });

  it('backs off from half a second to at most a minute', () => {
    expect([0, 1, 2, 10, 20].map(backoffMs)).toEqual([500, 1000, 2000, 60_000, 60_000]);
  });

  it('a cancellation right after acceptance takes and gives back each part exactly once', async () => {
    const peer = await standIn(ok);
    const { db } = tempDatabase();
    accepted(db, 'd2', '2026-11-25');
    step(db, 'd2', 'cancelDossier', 'holder', '2026-11-25');
    relay = startRelay(db, clockFrom(at('2026-11-25')), { passport: peer.url, catalog: peer.url, rights: peer.url, abondements: peer.url }, { intervalMs: 20 });
    await expect
      .poll(
        () =>
          db
            .select()
            .from(moneyParts)
            .where(eq(moneyParts.dossierId, 'd2'))
            .all()
            .every((p) => p.status === 'returned'),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(peer.calls).toHaveLength(8); // 4 taken, 4 given back: each once
    await peer.close();
  });

  it('delivers different dossiers side by side, at most `concurrency` at once, each dossier in its order', async () => {
    const peer = await standIn(ok, 30);
    const { db } = tempDatabase();
    for (let i = 0; i < 12; i++) accepted(db, `c${i}`, '2026-11-25');
    relay = startRelay(
      db,
      clockFrom(at('2026-11-25')),
      { passport: peer.url, catalog: peer.url, rights: peer.url, abondements: peer.url },
      { intervalMs: 20, concurrency: 4 },
    );
    await expect
      .poll(
        () =>
          db
            .select()
            .from(moneyParts)
            .all()
            .every((p) => p.status === 'committed'),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(peer.calls).toHaveLength(12 * 4);
    expect(peer.load.max).toBe(4); // side by side, and never more
    for (let i = 0; i < 12; i++) {
      const own = peer.calls.filter((c) => String(c.variables.k).startsWith(`c${i}:`)).map((c) => c.field);
      expect(own).toEqual(['spendDotation', 'debitCpfAccount', 'reserveTopUp', 'reserveTopUp']); // the spending order, one after the other
    }
  });

  it('a commit wakes the relay at once: no wait for the next look at the outbox', async () => {
    const peer = await standIn(ok);
    const { db } = tempDatabase();
    relay = startRelay(
      db,
      clockFrom(at('2026-11-25')),
      { passport: peer.url, catalog: peer.url, rights: peer.url, abondements: peer.url },
      { intervalMs: 3_600_000 },
    );
    await relay.drain();
    accepted(db, 'w1', '2026-11-25');
    const started = performance.now();
    relay.kick('w1');
    await relay.drain();
    expect(
      db
        .select()
        .from(outbox)
        .all()
        .every((r) => r.status === 'done'),
    ).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a partial completion refunds part of the debit and releases all but what each funder keeps', async () => {
    // abondements keeps `keep` (status unchanged) or releases everything.
    const peer = await standIn((call) =>
      call.field === 'releaseReservation'
        ? {
            body: {
              data: { releaseReservation: call.variables.keep ? { status: 'GRANTED', amount: call.variables.keep } : { status: 'RELEASED', amount: 1 } },
            },
          }
        : ok(call),
    );
    const { db } = tempDatabase();
    accepted(db, 'p1', '2026-11-25');
    step(db, 'p1', 'declareEntry', 'organisation', '2026-11-25');
    step(db, 'p1', 'declareExit', 'organisation', '2026-11-25', { reasonCode: 'DROPPED_OUT' });
    step(db, 'p1', 'declareServiceDone', 'organisation', '2026-11-25', { completionRate: 10 }); // 25 % owed: 800 €
    step(db, 'p1', 'validateServiceDone', 'operator', '2026-11-25');
    relay = startRelay(db, clockFrom(at('2026-11-25')), { passport: peer.url, catalog: peer.url, rights: peer.url, abondements: peer.url }, { intervalMs: 20 });
    await expect
      .poll(
        () =>
          db
            .select()
            .from(outbox)
            .all()
            .every((r) => r.status === 'done'),
        { timeout: 10_000 },
      )
      .toBe(true);
    const back = peer.calls.filter((c) => /release|refund/.test(c.field)).map((c) => [c.field, c.variables.k, c.variables.keep ?? null]);
    // Owed 80,000: dotation 10,000 and CPF 30,000 kept whole, the first top-up keeps 40,000, the second goes back.
    expect(back).toEqual([
      ['releaseReservation', 'p1:reserve-top-up:rule-region', 40_000],
      ['releaseReservation', 'p1:reserve-top-up:rule-ft', 0],
    ]);
    expect(
      db
        .select()
        .from(moneyParts)
        .where(eq(moneyParts.dossierId, 'p1'))
        .orderBy(moneyParts.id)
        .all()
        .map((p) => [p.status, p.kept]),
    ).toEqual([
      ['committed', null],
      ['committed', null],
      ['returned', 40_000],
      ['returned', null],
    ]);
    await peer.close();
  });

  it('a CPF part kept in part is refunded for the rest only', () => {
    const urls = { passport: 'p', catalog: 'c', rights: 'r', abondements: 'a' };
    const part = {
      id: 1,
      dossierId: 'd',
      kind: 'CPF_RIGHTS',
      reference: '',
      amount: 30_000,
      kept: 12_000,
      wanted: 'held',
      status: 'committed',
      commitKey: 'd:debit-cpf',
      commitAnswer: '1',
      returnAnswer: null,
      refusal: null,
    } as const;
    const row = {
      id: 9,
      dossierId: 'd',
      partId: 1,
      action: 'return',
      key: 'd:debit-cpf:return',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      createdAt: '',
      doneAt: null,
    } as const;
    const command = commandFor(row, part, { id: 'd', personId: 'p', sessionId: 's' } as never, urls);
    expect(command.variables).toEqual({ d: 'd:debit-cpf', a: 18_000, k: 'd:debit-cpf:return' });
    expect(commandFor(row, { ...part, kept: null, wanted: 'returned' }, { id: 'd' } as never, urls).variables.a).toBe(30_000);
  });
});
