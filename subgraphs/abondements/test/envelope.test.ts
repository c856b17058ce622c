// Envelopes under load: several OS processes reserve on the same SQLite file at the same moment.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAbondementsDatabase, type AbondementsDatabase } from '../src/db/client.ts';
import { release, reserve } from '../src/db/reservations.ts';
import { envelopes, reservations } from '../src/db/schema.ts';
import { seedDemoWorld } from '../src/db/seed.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const RULE = 'rule-region-pdl-logistics-85';
const AMOUNT = 75_000;
const REMAINDER = 12_345;
const BUDGET = 50 * AMOUNT + REMAINDER;
const PROCESSES = 8;
const PER_PROCESS = 25;

let dir: string;
let database: AbondementsDatabase;

interface WorkerReport {
  firstAt: number;
  lastAt: number;
  results: Array<{ key: string; status: string }>;
}

/** Starts a worker process; resolves `ready` once its database is open, `report` once it has reserved. */
function startWorker(file: string, keys: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'reserve-worker.ts'), file, RULE, String(AMOUNT), ...keys], {
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

const envelope = () => database.db.select().from(envelopes).where(eq(envelopes.ruleId, RULE)).get()!;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abondements-envelope-'));
  database = openAbondementsDatabase(path.join(dir, 'abondements.sqlite'));
  seedDemoWorld(database.db);
  database.db.update(envelopes).set({ budget: BUDGET }).where(eq(envelopes.ruleId, RULE)).run();
});

afterAll(() => {
  database.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an envelope that can pay for 50 dossiers', () => {
  it(`grants exactly 50 of 200 reservations made at once by ${PROCESSES} processes, and keeps the exact remainder`, async () => {
    const keysOf = (p: number) => Array.from({ length: PER_PROCESS }, (_, i) => `dossier-${p * PER_PROCESS + i}`);
    // Each process also retries 5 keys of its neighbour at the same time: idempotency under contention.
    const batches = Array.from({ length: PROCESSES }, (_, p) => [...keysOf(p), ...keysOf((p + 1) % PROCESSES).slice(0, 5)]);
    const workers = batches.map((keys) => startWorker(path.join(dir, 'abondements.sqlite'), keys));
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

    const rows = database.db.select().from(reservations).all();
    const granted = rows.filter((r) => r.status === 'GRANTED').length;
    const refused = rows.filter((r) => r.status === 'REFUSED').length;
    expect(figures.overlappingProcesses).toBeGreaterThan(1);
    expect(rows).toHaveLength(200);
    expect(granted).toBe(50);
    expect(refused).toBe(150);
    expect(envelope().consumed).toBe(50 * AMOUNT);
    expect(envelope().budget - envelope().consumed).toBe(REMAINDER);
    console.log(
      JSON.stringify({
        ...figures,
        distinctKeys: byKey.size,
        granted,
        refused,
        consumed: envelope().consumed,
        remaining: envelope().budget - envelope().consumed,
      }),
    );
  }, 60_000);

  it('answers a repeated key with the first answer, without taking money again', () => {
    const before = envelope().consumed;
    const grantedKey = database.db.select().from(reservations).where(eq(reservations.status, 'GRANTED')).get()!;
    const again = reserve(database.db, {
      key: grantedKey.key,
      ruleId: RULE,
      personId: grantedKey.personId,
      sessionId: grantedKey.sessionId,
      amount: AMOUNT,
      now: 'later',
    });
    expect(again).toEqual(grantedKey);
    expect(envelope().consumed).toBe(before);
  });

  it('refuses to reuse a key for another dossier', () => {
    expect(() => reserve(database.db, { key: 'dossier-0', ruleId: RULE, personId: 'karim-benali', sessionId: 'other', amount: AMOUNT, now: 'later' })).toThrow(
      /a déjà servi/,
    );
  });

  it('gives the money back once when a dossier is cancelled twice, and the freed money can be reserved again', () => {
    const grantedKey = database.db.select().from(reservations).where(eq(reservations.status, 'GRANTED')).get()!;
    const before = envelope().consumed;
    expect(release(database.db, grantedKey.key, '2026-03-01T10:00:00Z').status).toBe('RELEASED');
    expect(release(database.db, grantedKey.key, '2026-03-01T10:05:00Z').releasedAt).toBe('2026-03-01T10:00:00Z');
    expect(envelope().consumed).toBe(before - AMOUNT);
    expect(reserve(database.db, { key: 'dossier-new', ruleId: RULE, personId: 'camille-martin', sessionId: 's', amount: AMOUNT, now: 'now' }).status).toBe(
      'GRANTED',
    );
    expect(reserve(database.db, { key: 'dossier-new-2', ruleId: RULE, personId: 'camille-martin', sessionId: 's', amount: AMOUNT, now: 'now' })).toMatchObject({
      status: 'REFUSED',
      reason: "l'enveloppe dispose de 123,45\u00a0€, moins que les 750,00\u00a0€ demandés",
    });
    expect(envelope().budget - envelope().consumed).toBe(REMAINDER);
  });
});
