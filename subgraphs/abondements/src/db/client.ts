import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseUrl, dataDir, openDatabase, openPostgres } from '@formations/schema/subgraph';
import { pgStore } from './pg-store.ts';
import { tables as pgTables } from './schema-pg.ts';
import { tables } from './schema.ts';
import { sqliteStore } from './sqlite-store.ts';
import type { AbondementsStore } from './store.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
export const pgMigrationsFolder = fileURLToPath(new URL('./migrations-pg', import.meta.url));

export const defaultDatabaseFile = () => path.join(dataDir(), 'abondements.sqlite');

export function openAbondementsDatabase(file = defaultDatabaseFile()) {
  return openDatabase({ file, migrationsFolder, schema: tables });
}

/**
 * The abondements store, migrated: PostgreSQL when given a `postgres://` URL
 * (ABONDEMENTS_DATABASE_URL by default), else the SQLite file (`<DATA_DIR>/abondements.sqlite` by default).
 */
export async function openAbondementsStore(where: { url?: string; file?: string } = {}): Promise<AbondementsStore> {
  const url = where.url ?? (where.file ? undefined : databaseUrl('abondements'));
  if (url) return pgStore(await openPostgres({ url, migrationsFolder: pgMigrationsFolder, schema: pgTables }));
  return sqliteStore(openAbondementsDatabase(where.file));
}
