// abondements in one SQLite file (the default). Writes run in IMMEDIATE transactions: SQLite lets
// one writer at a time in, across processes too, so a reservation checks and takes an envelope's
// money atomically. The driver is synchronous; within the process the store's operations take
// turns, so that a transaction's awaits never let another request's statements in on the same connection.
import { sql } from 'drizzle-orm';
import { inImmediateTransaction, inKeys, jsonKeys, sqliteTurns, type OpenedDatabase } from '@formations/schema/subgraph';
import { tables } from './schema.ts';
import { TRANSACTION_ATTEMPTS, WriteConflict, type AbondementsStore, type Sql } from './store.ts';

export function sqliteStore({ db, sqlite }: OpenedDatabase<typeof tables>): AbondementsStore {
  const { exclusive } = sqliteTurns(sqlite);
  const handle: Sql = db;
  return {
    dialect: 'sqlite',
    t: tables,
    run: (work) => exclusive(() => work(handle)),
    transaction: (work) =>
      exclusive(async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await inImmediateTransaction(sqlite, () => work(handle));
          } catch (error) {
            // Never with one writer on the file; kept so that both stores honour WriteConflict.
            if (attempt >= TRANSACTION_ATTEMPTS || !(error instanceof WriteConflict)) throw error;
          }
        }
      }),
    lockPools: async () => undefined,
    prepareBatch: (_name, build) => {
      const query = build(handle, inKeys).prepare();
      return (keys) => exclusive(() => query.all({ keys: jsonKeys(keys) }));
    },
    requestInsertionOrder: sql`${tables.franceTravailRequests}.rowid`,
    isEmpty: () => exclusive(() => !sqlite.prepare('SELECT 1 FROM funders LIMIT 1').get()),
    health: () =>
      exclusive(() => ({
        database: 'sqlite',
        rules: (sqlite.prepare('SELECT count(*) AS n FROM rules').get() as { n: number }).n,
      })),
    close: () => exclusive(() => void sqlite.close()),
  };
}
