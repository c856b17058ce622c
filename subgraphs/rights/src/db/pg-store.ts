// The ledger in PostgreSQL (RIGHTS_DATABASE_URL). Every write is one READ COMMITTED transaction
// that first locks its holders' `cpf_accounts` rows (`SELECT … FOR UPDATE`, in person order so
// two writers never wait on each other in a cycle): across processes and replicas one write at a
// time checks and spends a balance, and each statement after the lock sees every entry committed
// before it. Idempotency keys are a unique index (`ON CONFLICT DO NOTHING`); a trigger keeps the
// ledger append-only.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { OpenedPostgres } from '@formations/schema/subgraph';
import { activityYears, cpfAccounts, ledgerEntries, type schema } from './schema-pg.ts';
import type { LedgerTx, RightsStore } from './store.ts';

type Db = OpenedPostgres<typeof schema>['db'];
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const keys = sql.placeholder('keys');
const total = sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)`.mapWith(Number);

function ledgerTx(tx: Tx): LedgerTx {
  return {
    entriesOf: (personIds) =>
      tx
        .select()
        .from(ledgerEntries)
        .where(inArray(ledgerEntries.personId, [...personIds]))
        .orderBy(asc(ledgerEntries.effectiveDate), asc(ledgerEntries.id)),
    activityYearsOf: (personIds) =>
      tx
        .select()
        .from(activityYears)
        .where(inArray(activityYears.personId, [...personIds]))
        .orderBy(asc(activityYears.year)),
    lockAccounts: async (personIds) => {
      const ids = [...new Set(personIds)].sort();
      if (ids.length === 0) return;
      await tx
        .insert(cpfAccounts)
        .values(ids.map((personId) => ({ personId })))
        .onConflictDoNothing();
      await tx.select().from(cpfAccounts).where(inArray(cpfAccounts.personId, ids)).orderBy(asc(cpfAccounts.personId)).for('update');
    },
    entryByKey: async (key) => (await tx.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, key)))[0],
    insertEntry: async (entry) => (await tx.insert(ledgerEntries).values(entry).onConflictDoNothing({ target: ledgerEntries.idempotencyKey }).returning())[0],
    balanceOf: async (personId) => (await tx.select({ total }).from(ledgerEntries).where(eq(ledgerEntries.personId, personId)))[0]?.total ?? 0,
    refundedOf: async (debitId) =>
      (
        await tx
          .select({ total })
          .from(ledgerEntries)
          .where(and(eq(ledgerEntries.kind, 'REFUND'), eq(ledgerEntries.refundOf, debitId)))
      )[0]?.total ?? 0,
    activityYear: async (personId, year) =>
      (
        await tx
          .select()
          .from(activityYears)
          .where(and(eq(activityYears.personId, personId), eq(activityYears.year, year)))
      )[0],
    saveActivityYear: async (row) => {
      await tx
        .insert(activityYears)
        .values(row)
        .onConflictDoUpdate({ target: [activityYears.personId, activityYears.year], set: { facts: row.facts, recordedAt: row.recordedAt } });
    },
  };
}

export function pgStore({ db, close }: OpenedPostgres<typeof schema>): RightsStore {
  // The reads every request makes are named prepared statements (parsed once per connection).
  const entries = db
    .select()
    .from(ledgerEntries)
    .where(sql`${ledgerEntries.personId} = any(${keys})`)
    .orderBy(asc(ledgerEntries.personId), asc(ledgerEntries.effectiveDate), asc(ledgerEntries.id))
    .prepare('rights_entries_of');
  const years = db
    .select()
    .from(activityYears)
    .where(sql`${activityYears.personId} = any(${keys})`)
    .orderBy(asc(activityYears.personId), asc(activityYears.year))
    .prepare('rights_activity_years_of');
  const uncredited = db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(activityYears)
    .where(
      and(
        sql`${activityYears.personId} = any(${keys})`,
        sql`NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.idempotency_key = 'acquisition:' || ${activityYears.personId} || ':' || ${activityYears.year})`,
      ),
    )
    .prepare('rights_uncredited_years');
  return {
    dialect: 'postgresql',
    entriesOf: (personIds) => entries.execute({ keys: [...personIds] }),
    activityYearsOf: (personIds) => years.execute({ keys: [...personIds] }),
    uncreditedYears: async (personIds) => (await uncredited.execute({ keys: [...personIds] }))[0]?.n ?? 0,
    transaction: (work) => db.transaction((tx) => work(ledgerTx(tx))),
    isEmpty: async () => (await db.$client.query('SELECT 1 FROM ledger_entries UNION ALL SELECT 1 FROM activity_years LIMIT 1')).rowCount === 0,
    // count(*) would scan a national ledger: the planner's estimate (-1 before the first ANALYZE) is enough here.
    health: async () => {
      const { rows } = await db.$client.query<{ estimate: number }>(
        "SELECT reltuples::float8 AS estimate FROM pg_class WHERE oid = 'ledger_entries'::regclass",
      );
      return { database: 'postgresql', ledgerEntriesEstimate: Math.max(0, Math.round(rows[0]!.estimate)) };
    },
    close,
  };
}
