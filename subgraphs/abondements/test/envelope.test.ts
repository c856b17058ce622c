// Envelopes under load: several OS processes reserve on the same database at the same moment
// (one SQLite file; one PostgreSQL database).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { release, reserve, type Reservation } from '../src/db/reservations.ts';
import { DIALECTS, testDatabase, type TestDatabase } from './store.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const RULE = 'rule-region-pdl-logistics-85';
const AMOUNT = 75_000;
const REMAINDER = 12_345;
const BUDGET = 50 * AMOUNT + REMAINDER;
const PROCESSES = 8;
const PER_PROCESS = 25;

interface WorkerReport {
  firstAt: number;
  lastAt: number;
  results: Array<{ key: string; status: string }>;
}

/** Starts a worker process; resolves `ready` once its database is open, `report` once it has reserved. */
function startWorker(location: string, keys: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'reserve-worker.ts'), location, RULE, String(AMOUNT), ...keys], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const report = new Promise<WorkerReport>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length))) : reject(new Error(`worker exited ${code}: ${err}`)))),
  );
  return { ready, report, go: () => child.stdin.end('go\n') };
}

describe.each(DIALECTS)('an envelope that can pay for 50 dossiers, in %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase(dialect);
    await database.query('UPDATE envelopes SET budget = ? WHERE rule_id = ?', BUDGET, RULE);
  });
  afterAll(() => database?.close());
  const envelope = async () =>
    (await database.query<{ budget: number; consumed: number }>('SELECT budget, consumed FROM envelopes WHERE rule_id = ?', RULE))[0]!;
  const granted = async () =>
    (
      await database.query<Reservation>(
        'SELECT key, person_id AS "personId", session_id AS "sessionId" FROM reservations WHERE status = \'GRANTED\' ORDER BY key',
      )
    )[0]!;

  it(`grants exactly 50 of 200 reservations made at once by ${PROCESSES} processes, and keeps the exact remainder`, async () => {
    const keysOf = (p: number) => Array.from({ length: PER_PROCESS }, (_, i) => `dossier-${p * PER_PROCESS + i}`);
    // Each process also retries 5 keys of its neighbour at the same time: idempotency under contention.
    const batches = Array.from({ length: PROCESSES }, (_, p) => [...keysOf(p), ...keysOf((p + 1) % PROCESSES).slice(0, 5)]);
    const workers = batches.map((keys) => startWorker(database.location, keys));
    await Promise.all(workers.map((w) => w.ready));
    for (const worker of workers) worker.go();
    const reports = await Promise.all(workers.map((w) => w.report));
    const results = reports.flatMap((r) => r.results);
    const figures = {
      processes: PROCESSES,
      attempts: results.length,
      windowMs: Math.max(...reports.map((r) => r.lastAt)) - Math.min(...reports.map((r) => r.firstAt)),
      // Processes still reserving when another started: proof the attempts really overlapped.
      overlappingProcesses: reports.filter((r) => reports.some((o) => o !== r && o.firstAt <= r.lastAt && r.firstAt <= o.lastAt)).length,
    };

    const byKey = new Map<string, Set<string>>();
    for (const { key, status } of results) byKey.set(key, (byKey.get(key) ?? new Set()).add(status));
    expect(byKey.size).toBe(200);
    for (const statuses of byKey.values()) expect(statuses.size).toBe(1);

    const rows = await database.query<{ status: string }>('SELECT status FROM reservations');
    const granted = rows.filter((r) => r.status === 'GRANTED').length;
    const refused = rows.filter((r) => r.status === 'REFUSED').length;
    expect(figures.overlappingProcesses).toBeGreaterThan(1);
    expect(rows).toHaveLength(200);
    expect(granted).toBe(50);
    expect(refused).toBe(150);
    const after = await envelope();
    expect(after.consumed).toBe(50 * AMOUNT);
    expect(after.budget - after.consumed).toBe(REMAINDER);
    console.log(
      JSON.stringify({ dialect, ...figures, distinctKeys: byKey.size, granted, refused, consumed: after.consumed, remaining: after.budget - after.consumed }),
    );
  }, 120_000); // 8 processes to start (and, on PostgreSQL, connect) beside the other test files

  it('answers a repeated key with the first answer, without taking money again', async () => {
    const before = (await envelope()).consumed;
    const grantedKey = await granted();
    const again = await reserve(database.store, {
      key: grantedKey.key,
      ruleId: RULE,
      personId: grantedKey.personId,
      sessionId: grantedKey.sessionId,
      amount: AMOUNT,
      now: 'later',
    });
    expect(again).toMatchObject({ ...grantedKey, status: 'GRANTED', amount: AMOUNT });
    expect((await envelope()).consumed).toBe(before);
  });

  it('refuses to reuse a key for another dossier', async () => {
    await expect(
      reserve(database.store, { key: 'dossier-0', ruleId: RULE, personId: 'karim-benali', sessionId: 'other', amount: AMOUNT, now: 'later' }),
    ).rejects.toThrow(/a déjà servi/);
  });

  it('gives the money back once when a dossier is cancelled twice, and the freed money can be reserved again', async () => {
    const grantedKey = await granted();
    const before = (await envelope()).consumed;
    expect((await release(database.store, grantedKey.key, '2026-03-01T10:00:00Z')).status).toBe('RELEASED');
    expect((await release(database.store, grantedKey.key, '2026-03-01T10:05:00Z')).releasedAt).toBe('2026-03-01T10:00:00Z');
    expect((await envelope()).consumed).toBe(before - AMOUNT);
    expect(
      (await reserve(database.store, { key: 'dossier-new', ruleId: RULE, personId: 'camille-martin', sessionId: 's', amount: AMOUNT, now: 'now' })).status,
    ).toBe('GRANTED');
    expect(
      await reserve(database.store, { key: 'dossier-new-2', ruleId: RULE, personId: 'camille-martin', sessionId: 's', amount: AMOUNT, now: 'now' }),
    ).toMatchObject({
      status: 'REFUSED',
      reason: "l'enveloppe dispose de 123,45\u00a0€, moins que les 750,00\u00a0€ demandés",
    });
    const after = await envelope();
    expect(after.budget - after.consumed).toBe(REMAINDER);
  });

  it('two releases of one key at once give the money back once', async () => {
    const key = 'dossier-race-release';
    await database.query('UPDATE envelopes SET budget = budget + ? WHERE rule_id = ?', AMOUNT, RULE);
    await reserve(database.store, { key, ruleId: RULE, personId: 'camille-martin', sessionId: 's', amount: AMOUNT, now: 'now' });
    const before = (await envelope()).consumed;
    const released = await Promise.all(Array.from({ length: 5 }, (_, i) => release(database.store, key, `2026-03-01T10:0${i}:00Z`)));
    expect(new Set(released.map((r) => r.releasedAt)).size).toBe(1);
    expect((await envelope()).consumed).toBe(before - AMOUNT);
  });

  it('the same new key sent 10 times at once is reserved once, and every call gets that answer', async () => {
    const request = { key: 'dossier-race-key', ruleId: RULE, personId: 'camille-martin', sessionId: 's', amount: AMOUNT, now: 'now' };
    await database.query('UPDATE envelopes SET budget = budget + ? WHERE rule_id = ?', AMOUNT, RULE);
    const before = (await envelope()).consumed;
    const answers = await Promise.all(Array.from({ length: 10 }, () => reserve(database.store, request)));
    expect(new Set(answers.map((a) => `${a.status}:${a.createdAt}`))).toEqual(new Set(['GRANTED:now']));
    expect((await envelope()).consumed).toBe(before + AMOUNT);
  });
});
