// One OS process of the concurrency test: opens the shared SQLite file, says "ready", waits for
// "go" on stdin (so every process starts together), then reserves its keys.
import { once } from 'node:events';
import { openAbondementsDatabase } from '../src/db/client.ts';
import { reserve } from '../src/db/reservations.ts';

const [file, ruleId, amount, ...keys] = process.argv.slice(2);
if (!file || !ruleId || !amount) throw new Error('usage: reserve-worker <file> <ruleId> <amount> <keys…>');

const { db, sqlite } = openAbondementsDatabase(file);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const firstAt = Date.now();
const results = keys.map((key) => {
  const r = reserve(db, {
    key,
    ruleId,
    personId: 'camille-martin',
    sessionId: 'session-cariste-la-roche',
    amount: Number(amount),
    now: new Date().toISOString(),
  });
  return { key: r.key, status: r.status };
});
const lastAt = Date.now();
sqlite.close();
process.stdout.write(`${JSON.stringify({ firstAt, lastAt, results })}\n`);
process.exit(0);
