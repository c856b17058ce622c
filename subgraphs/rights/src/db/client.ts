import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseUrl, dataDir, openDatabase, openPostgres } from '@formations/schema/subgraph';
import { pgStore } from './pg-store.ts';
import { schema as pgSchema } from './schema-pg.ts';
import { schema } from './schema.ts';
import { sqliteStore } from './sqlite-store.ts';
import type { RightsStore } from './store.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
export const pgMigrationsFolder = fileURLToPath(new URL('./migrations-pg', import.meta.url));

export function openRightsDatabase(file = path.join(dataDir(), 'rights.sqlite')) {
  return openDatabase({ file, migrationsFolder, schema });
}

/**
 * The rights store, migrated: PostgreSQL when given a `postgres://` URL (RIGHTS_DATABASE_URL by
 * default), else the SQLite file (`<DATA_DIR>/rights.sqlite` by default).
 */
export async function openRightsStore(where: { url?: string; file?: string } = {}): Promise<RightsStore> {
  const url = where.url ?? (where.file ? undefined : databaseUrl('rights'));
  if (url) return pgStore(await openPostgres({ url, migrationsFolder: pgMigrationsFolder, schema: pgSchema }));
  return sqliteStore(openRightsDatabase(where.file));
}
