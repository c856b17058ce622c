// A subgraph's PostgreSQL database, chosen by `<NAME>_DATABASE_URL` (SQLite stays the default):
// a connection pool, drizzle over it, and the subgraph's PostgreSQL migrations applied at start.
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

/** `RIGHTS_DATABASE_URL`…: a `postgres://` URL makes that subgraph use PostgreSQL. */
export const databaseUrlVariable = (subgraph: string) => `${subgraph.toUpperCase()}_DATABASE_URL`;

export function databaseUrl(subgraph: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env[databaseUrlVariable(subgraph)];
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`${databaseUrlVariable(subgraph)} must be a postgres:// URL, not ${url}`);
  return url;
}

export interface OpenedPostgres<S extends Record<string, unknown>> {
  pool: pg.Pool;
  db: NodePgDatabase<S> & { $client: pg.Pool };
  close: () => Promise<void>;
}

// Two replicas starting at once must not both run a migration: the first holds this lock while
// it migrates, the other waits, then finds the migrations recorded and does nothing.
const MIGRATION_LOCK = 0x6d696772; // 'migr'

export async function openPostgres<S extends Record<string, unknown>>(options: {
  url: string;
  migrationsFolder: string;
  schema: S;
  /** Connections per process (PG_POOL_MAX, default 10). */
  max?: number;
}): Promise<OpenedPostgres<S>> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? Number(process.env.PG_POOL_MAX ?? 10) });
  // An idle connection dropped by the server (restart, failover) is replaced, not thrown at the process.
  pool.on('error', (error) => console.error(JSON.stringify({ level: 'warn', msg: 'postgres idle client error', error: error.message })));
  const db = drizzle({ client: pool, schema: options.schema });
  const lock = await pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(db, { migrationsFolder: options.migrationsFolder });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    lock.release();
  }
  return { pool, db, close: () => pool.end() };
}
