// The ledger under real concurrency and real crashes: separate OS processes on one SQLite file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openRightsDatabase } from '../src/db/client.ts';
import { postExtraCredit } from '../src/db/ledger.ts';
import { params, tempDatabase } from './helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function runNode(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
  return { child, done, output: () => out };
}

function ledgerFacts(file: string, personId: string) {
  const { sqlite } = openRightsDatabase(file);
  const facts = sqlite
    .prepare(
      `SELECT count(*) AS entries, count(DISTINCT idempotency_key) AS keys, coalesce(sum(amount), 0) AS balance,
              (SELECT min(running) FROM (SELECT sum(amount) OVER (ORDER BY id) AS running FROM ledger_entries WHERE person_id = ?)) AS lowest
       FROM ledger_entries WHERE person_id = ?`,
    )
    .get(personId, personId) as { entries: number; keys: number; balance: number; lowest: number };
  const keys = (sqlite.prepare('SELECT idempotency_key AS key FROM ledger_entries WHERE person_id = ?').all(personId) as { key: string }[]).map((r) => r.key);
  const integrity = sqlite.pragma('integrity_check', { simple: true });
  sqlite.close();
  return { ...facts, keys: new Set(keys), distinct: facts.keys, integrity };
}

describe('concurrent debits (L6323-2: rights are spent, never overdrawn)', () => {
  it('100 debits from 4 processes on one account never take it below zero', async () => {
    const database = tempDatabase();
    dirs.push(database.dir);
    // 6,500 € of rights (7 C2P points and a correctif) for 100 requests of 100 €: exactly 65 can be paid.
    for (let i = 0; i < 7; i++) postExtraCredit(database.db, { personId: 'p', kind: 'C2P', date: '2026-01-01', facts: { c2pPoints: 1 }, idempotencyKey: `fund:${i}` }, params);
    postExtraCredit(database.db, { personId: 'p', kind: 'CORRECTIF', date: '2026-01-01', facts: { correctif: { firmHeadcount: 120, interviewsHeld: false, nonMandatoryTraining: false } }, idempotencyKey: 'fund:correctif' }, params);
    database.sqlite.close();
    const startAt = String(Date.now() + 4000);
    const workers = [0, 25, 50, 75].map((first) => runNode([fixture('debit-worker.ts'), database.file, 'p', String(first), '25', '10000', startAt]));
    const results = await Promise.all(workers.map((w) => w.done));
    for (const r of results) expect(r.code, r.err).toBe(0);
    const totals = results.map((r) => JSON.parse(r.out) as { paid: number; refused: number });
    expect(totals.reduce((sum, t) => sum + t.paid, 0)).toBe(65);
    expect(totals.reduce((sum, t) => sum + t.refused, 0)).toBe(35);
    const facts = ledgerFacts(database.file, 'p');
    expect(facts.balance).toBe(0);
    // The processes really raced: the paid dossiers of different workers interleave in the ledger.
    const { sqlite } = openRightsDatabase(database.file);
    const order = (sqlite.prepare("SELECT explanation FROM ledger_entries WHERE kind = 'DEBIT' ORDER BY id").all() as { explanation: string }[]).map(
      (r) => Math.floor(Number(/dossier (\d+)/.exec(r.explanation)![1]) / 25),
    );
    sqlite.close();
    expect(order.filter((worker, i) => i > 0 && worker !== order[i - 1]).length).toBeGreaterThan(3);
    expect(facts.lowest).toBeGreaterThanOrEqual(0);
  }, 60_000);
});

describe('a crash during writes', () => {
  it('loses nothing committed and duplicates nothing when the writer is killed and retried', async () => {
    const database = tempDatabase();
    dirs.push(database.dir);
    database.sqlite.close();
    const pairs = 400;
    const writer = runNode([fixture('crash-writer.ts'), database.file, 'p', String(pairs)]);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (writer.output().split('\n').length > 60) {
          clearInterval(timer);
          writer.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
      writer.done.then(() => reject(new Error('the writer finished before it could be killed')));
    });
    const killed = await writer.done;
    expect(killed.code).toBeNull();
    const reported = killed.out.split('\n').filter(Boolean);

    const afterCrash = ledgerFacts(database.file, 'p');
    expect(afterCrash.integrity).toBe('ok');
    for (const key of reported) expect(afterCrash.keys.has(key)).toBe(true);
    expect(afterCrash.entries).toBe(afterCrash.distinct);
    expect(afterCrash.entries).toBeLessThan(2 * pairs);
    expect(afterCrash.lowest).toBeGreaterThanOrEqual(0);

    // The retry replays every key from the start: what was committed is not written again.
    const retry = await runNode([fixture('crash-writer.ts'), database.file, 'p', String(pairs)]).done;
    expect(retry.code, retry.err).toBe(0);
    const final = ledgerFacts(database.file, 'p');
    expect(final.entries).toBe(2 * pairs);
    expect(final.distinct).toBe(2 * pairs);
    expect(final.balance).toBe(0);
  }, 60_000);
});
