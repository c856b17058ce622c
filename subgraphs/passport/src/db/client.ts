import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseUrl, dataDir, openDatabase, openPostgres } from '@formations/schema/subgraph';
import { pgStore } from './pg-store.ts';
import { tables as pgTables } from './schema-pg.ts';
import { tables } from './schema.ts';
import { sqliteStore } from './sqlite-store.ts';
import type { PassportStore } from './store.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
export const pgMigrationsFolder = fileURLToPath(new URL('./migrations-pg', import.meta.url));

/** The SQLite database itself, migrated (for tools that write it directly: gen:people). */
export function openPassportDatabase(file = path.join(dataDir(), 'passport.sqlite')) {
  return openDatabase({ file, migrationsFolder, schema: tables });
}

export type PassportDatabase = ReturnType<typeof openPassportDatabase>['db'];

/**
 * The passport store, migrated: PostgreSQL when given a `postgres://` URL (PASSPORT_DATABASE_URL
 * by default), else the SQLite file (`<DATA_DIR>/passport.sqlite` by default).
 */
export async function openPassportStore(where: { url?: string; file?: string } = {}): Promise<PassportStore> {
  const url = where.url ?? (where.file ? undefined : databaseUrl('passport'));
  if (url) return pgStore(await openPostgres({ url, migrationsFolder: pgMigrationsFolder, schema: pgTables }));
  return sqliteStore(openPassportDatabase(where.file));
}
