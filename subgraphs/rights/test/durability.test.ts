// The ledger under real concurrency and real crashes: separate OS processes on one database,
// SQLite's file and a real PostgreSQL alike.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { postExtraCredit } from '../src/db/ledger.ts';
import { DIALECTS, params, testDatabase, type TestDatabase } from './helpers.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));
const opened: TestDatabase[] = [];
afterAll(() => Promise.all(opened.map((d) => d.close())));

function runNode(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
  return { child, done, output: () => out };
}

async function ledgerFacts(database: TestDatabase, personId: string) {
  // Sums come back as text from PostgreSQL (bigint): every figure is read as a number.
  const [facts] = await database.query<Record<'entries' | 'keys' | 'balance' | 'lowest', number | string>>(
    `SELECT count(*) AS entries, count(DISTINCT idempotency_key) AS keys, coalesce(sum(amount), 0) AS balance,
            (SELECT coalesce(min(running), 0) FROM (SELECT sum(amount) OVER (ORDER BY id) AS running FROM ledger_entries WHERE person_id = ?) AS r) AS lowest
     FROM ledger_entries WHERE person_id = ?`,
    personId,
    personId,
  );
  const keys = (await database.query<{ key: string }>('SELECT idempotency_key AS key FROM ledger_entries WHERE person_id = ?', personId)).map((r) => r.key);
  const integrity =
    database.store.dialect === 'sqlite' ? (await database.query<{ integrity_check: string }>('PRAGMA integrity_check'))[0]!.integrity_check : 'ok';
  return {
    entries: Number(facts!.entries),
    distinct: Number(facts!.keys),
    balance: Number(facts!.balance),
    lowest: Number(facts!.lowest),
    keys: new Set(keys),
    integrity,
  };
}

describe.each(DIALECTS)('on %s', (dialect) => {
  it('100 debits from 4 processes on one account never take it below zero (L6323-2)', async () => {
    const database = await testDatabase(dialect);
    opened.push(database);
    // 6,500 € of rights (7 C2P points and a correctif) for 100 requests of 100 €: exactly 65 can be paid.
    for (let i = 0; i < 7; i++)
      await postExtraCredit(database.store, { personId: 'p', kind: 'C2P', date: '2026-01-01', facts: { c2pPoints: 1 }, idempotencyKey: `fund:${i}` }, params);
    await postExtraCredit(
      database.store,
      {
        personId: 'p',
        kind: 'CORRECTIF',
        date: '2026-01-01',
        facts: { correctif: { firmHeadcount: 120, interviewsHeld: false, nonMandatoryTraining: false } },
        idempotencyKey: 'fund:correctif',
      },
      params,
    );
    const startAt = String(Date.now() + 4000);
    // SQLite: one writer per process (the store takes turns); PostgreSQL: four requests in flight per
    // process on their own connections, so writers also race inside a process.
    const inFlight = dialect === 'sqlite' ? '1' : '4';
    const workers = [0, 25, 50, 75].map((first) =>
      runNode([fixture('debit-worker.ts'), database.location, 'p', String(first), '25', '10000', startAt, inFlight]),
    );
    const results = await Promise.all(workers.map((w) => w.done));
    for (const r of results) expect(r.code, r.err).toBe(0);
    const totals = results.map((r) => JSON.parse(r.out) as { paid: number; refused: number });
    expect(totals.reduce((sum, t) => sum + t.paid, 0)).toBe(65);
    expect(totals.reduce((sum, t) => sum + t.refused, 0)).toBe(35);
    const facts = await ledgerFacts(database, 'p');
    expect(facts.balance).toBe(0);
    expect(facts.lowest).toBeGreaterThanOrEqual(0);
    // The processes really raced: the paid dossiers of different workers interleave in the ledger.
    const order = (await database.query<{ explanation: string }>("SELECT explanation FROM ledger_entries WHERE kind = 'DEBIT' ORDER BY id")).map((r) =>
      Math.floor(Number(/dossier (\d+)/.exec(r.explanation)![1]) / 25),
    );
    expect(order.filter((worker, i) => i > 0 && worker !== order[i - 1]).length).toBeGreaterThan(3);
  }, 120_000);

  it('a writer killed mid-loop loses nothing committed and duplicates nothing when retried', async () => {
    const database = await testDatabase(dialect);
    opened.push(database);
    const pairs = 400;
    const writer = runNode([fixture('crash-writer.ts'), database.location, 'p', String(pairs)]);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (writer.output().split('\n').length > 60) {
          clearInterval(timer);
          writer.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
      void writer.done.then(() => reject(new Error('the writer finished before it could be killed')));
    });
    const killed = await writer.done;
    expect(killed.code).toBeNull();
    const reported = killed.out.split('\n').filter(Boolean);

    const afterCrash = await ledgerFacts(database, 'p');
    expect(afterCrash.integrity).toBe('ok');
    for (const key of reported) expect(afterCrash.keys.has(key)).toBe(true);
    expect(afterCrash.entries).toBe(afterCrash.distinct);
    expect(afterCrash.entries).toBeLessThan(2 * pairs);
    expect(afterCrash.lowest).toBeGreaterThanOrEqual(0);

    // The retry replays every key from the start: what was committed is not written again.
    const retry = await runNode([fixture('crash-writer.ts'), database.location, 'p', String(pairs)]).done;
    expect(retry.code, retry.err).toBe(0);
    const final = await ledgerFacts(database, 'p');
    expect(final.entries).toBe(2 * pairs);
    expect(final.distinct).toBe(2 * pairs);
    expect(final.balance).toBe(0);
  }, 150_000);
});
