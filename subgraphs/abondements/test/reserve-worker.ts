// One OS process of the concurrency test: opens the shared database (a SQLite file or a PostgreSQL
// URL), says "ready", waits for "go" on stdin (so every process starts together), then reserves its keys.
import { once } from 'node:events';
import { reserve } from '../src/db/reservations.ts';
import { openLocation } from './store.ts';

const [location, ruleId, amount, ...keys] = process.argv.slice(2);
if (!location || !ruleId || !amount) throw new Error('usage: reserve-worker <file or postgres URL> <ruleId> <amount> <keys…>');

const store = await openLocation(location);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const firstAt = Date.now();
const results: { key: string; status: string }[] = [];
for (const key of keys) {
  const r = await reserve(store, {
    key,
    ruleId,
    personId: 'camille-martin',
    sessionId: 'session-cariste-la-roche',
    amount: Number(amount),
    now: new Date().toISOString(),
  });
  results.push({ key: r.key, status: r.status });
}
const lastAt = Date.now();
await store.close();
process.stdout.write(`${JSON.stringify({ firstAt, lastAt, results })}\n`);
process.exit(0);
