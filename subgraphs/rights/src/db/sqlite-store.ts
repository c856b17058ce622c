// The ledger in one SQLite file (the default). Writes run in IMMEDIATE transactions: SQLite lets
// one writer at a time in, across processes too, so a debit checks and spends the balance
// atomically, and a crash leaves either the whole entry or nothing. The driver is synchronous;
// within the process the store's operations take turns, so that a transaction's awaits never
// let another request's statements in on the same connection.
import { and, asc, eq, sql } from 'drizzle-orm';
import { inKeys, jsonKeys, preparedPerDatabase, sqliteTurns, type OpenedDatabase } from '@formations/schema/subgraph';
import { activityYears, ledgerEntries, type schema } from './schema.ts';
import type { LedgerTx, RightsStore } from './store.ts';

type Db = OpenedDatabase<typeof schema>['db'];

// The reads every request makes are compiled once per connection (keys bound as one JSON array).
const entriesQuery = preparedPerDatabase((db: Db) =>
  db.select().from(ledgerEntries).where(inKeys(ledgerEntries.personId)).orderBy(asc(ledgerEntries.effectiveDate), asc(ledgerEntries.id)).prepare(),
);
const activityYearsQuery = preparedPerDatabase((db: Db) =>
  db.select().from(activityYears).where(inKeys(activityYears.personId)).orderBy(asc(activityYears.year)).prepare(),
);
const uncreditedYearsQuery = preparedPerDatabase((db: Db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(activityYears)
    .where(
      and(
        inKeys(activityYears.personId),
        sql`NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.idempotency_key = 'acquisition:' || ${activityYears.personId} || ':' || ${activityYears.year})`,
      ),
    )
    .prepare(),
);

export function sqliteStore({ db, sqlite }: OpenedDatabase<typeof schema>): RightsStore {
  const { exclusive, immediate } = sqliteTurns(sqlite);

  const reads = {
    entriesOf: async (personIds: readonly string[]) => entriesQuery(db).all({ keys: jsonKeys(personIds) }),
    activityYearsOf: async (personIds: readonly string[]) => activityYearsQuery(db).all({ keys: jsonKeys(personIds) }),
  };

  const tx: LedgerTx = {
    ...reads,
    lockAccounts: async () => undefined,
    entryByKey: async (key) => db.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, key)).get(),
    insertEntry: async (entry) => db.insert(ledgerEntries).values(entry).onConflictDoNothing({ target: ledgerEntries.idempotencyKey }).returning().get(),
    balanceOf: async (personId) =>
      db
        .select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` })
        .from(ledgerEntries)
        .where(eq(ledgerEntries.personId, personId))
        .get()?.total ?? 0,
    refundedOf: async (debitId) =>
      db
        .select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.kind, 'REFUND'), eq(ledgerEntries.refundOf, debitId)))
        .get()?.total ?? 0,
    activityYear: async (personId, year) =>
      db
        .select()
        .from(activityYears)
        .where(and(eq(activityYears.personId, personId), eq(activityYears.year, year)))
        .get(),
    saveActivityYear: async (row) => {
      db.insert(activityYears)
        .values(row)
        .onConflictDoUpdate({ target: [activityYears.personId, activityYears.year], set: { facts: row.facts, recordedAt: row.recordedAt } })
        .run();
    },
  };

  return {
    dialect: 'sqlite',
    entriesOf: (personIds) => exclusive(() => reads.entriesOf(personIds)),
    activityYearsOf: (personIds) => exclusive(() => reads.activityYearsOf(personIds)),
    uncreditedYears: (personIds) => exclusive(() => uncreditedYearsQuery(db).get({ keys: jsonKeys(personIds) })?.n ?? 0),
    transaction: (work) => immediate(() => work(tx)),
    isEmpty: () => exclusive(() => !sqlite.prepare('SELECT 1 FROM ledger_entries UNION ALL SELECT 1 FROM activity_years LIMIT 1').get()),
    health: () =>
      exclusive(() => ({
        database: 'sqlite',
        ledgerEntries: (sqlite.prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number }).n,
      })),
    close: () => exclusive(() => void sqlite.close()),
  };
}
