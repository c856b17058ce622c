// abondements in PostgreSQL (ABONDEMENTS_DATABASE_URL). Every write is one READ COMMITTED
// transaction; one that takes money first locks the envelope's or dotation's row (`SELECT … FOR
// UPDATE`, in id order so two writers never wait on each other in a cycle): across processes and
// replicas one writer at a time checks and takes a pool's money, and each statement after the lock
// sees everything committed before it. Idempotency keys are primary keys or unique indexes: when
// two writers race on one key, the loser's insert fails on the index and its transaction runs
// again, finding the winner's row (the replay answers it).
import { asc, inArray, sql } from 'drizzle-orm';
import type { OpenedPostgres } from '@formations/schema/subgraph';
import { tables } from './schema-pg.ts';
import { TRANSACTION_ATTEMPTS, WriteConflict, type AbondementsStore, type Sql, type Tables } from './store.ts';

type Db = OpenedPostgres<typeof tables>['db'];

/** A unique index refused the insert (pg's 23505), whether drizzle wrapped the driver's error or not. */
const uniqueViolation = (error: unknown): boolean =>
  (error as { code?: string })?.code === '23505' || (error as { cause?: { code?: string } })?.cause?.code === '23505';

export function pgStore({ db, close }: OpenedPostgres<typeof tables>): AbondementsStore {
  // The queries are written once with SQLite's types; these tables have the same rows (schema-pg.ts).
  const t = tables as unknown as Tables;
  const handle = (on: Pick<Db, 'select' | 'insert' | 'update' | 'delete'>) => on as unknown as Sql;
  return {
    dialect: 'postgresql',
    t,
    run: (work) => work(handle(db)),
    transaction: async (work) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction((tx) => work(handle(tx)));
        } catch (error) {
          if (attempt >= TRANSACTION_ATTEMPTS || !(error instanceof WriteConflict || uniqueViolation(error))) throw error;
        }
      }
    },
    lockPools: async (tx, pool, ids) => {
      const unique = [...new Set(ids)].sort();
      if (unique.length === 0) return;
      const table = tables[pool];
      await (tx as unknown as Db).select({ id: table.id }).from(table).where(inArray(table.id, unique)).orderBy(asc(table.id)).for('update');
    },
    prepareBatch: (name, build) => {
      // A named prepared statement: parsed once per connection of the pool.
      const select = build(handle(db), (column) => sql`${column} = any(${sql.placeholder('keys')})`) as unknown as {
        prepare(name: string): { execute(values: Record<string, unknown>): Promise<never[]> };
      };
      const query = select.prepare(`abondements_${name}`);
      return (keys) => query.execute({ keys: [...keys] });
    },
    requestInsertionOrder: sql`${tables.franceTravailRequests}.seq`,
    isEmpty: async () => (await db.$client.query('SELECT 1 FROM funders LIMIT 1')).rowCount === 0,
    health: async () => {
      const { rows } = await db.$client.query<{ n: number }>('SELECT count(*)::int AS n FROM rules');
      return { database: 'postgresql', rules: rows[0]!.n };
    },
    close,
  };
}
