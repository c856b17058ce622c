// One SQLite file per subgraph, opened in WAL mode with the subgraph's committed migrations applied.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

export interface OpenedDatabase<S extends Record<string, unknown>> {
  sqlite: Database.Database;
  db: BetterSQLite3Database<S>;
}

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? 'data');
}

export function openDatabase<S extends Record<string, unknown>>(options: {
  file: string;
  migrationsFolder: string;
  schema: S;
}): OpenedDatabase<S> {
  if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema: options.schema });
  migrate(db, { migrationsFolder: options.migrationsFolder });
  return { sqlite, db };
}
