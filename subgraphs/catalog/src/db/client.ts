// Opens the catalogue database (the indexer writes it, the subgraph reads it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type OpenedDatabase } from '@formations/schema/subgraph';
import * as schema from './schema.ts';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type CatalogDatabase = OpenedDatabase<typeof schema>;

/** The repository's data/ folder: where `npm start` (scripts/start.ts) serves the catalogue from. */
export const defaultDataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data');

/**
 * The catalogue file, absolute: `$DATA_DIR/catalog.sqlite` (a relative DATA_DIR is read from `base`),
 * by default in the repository's data/ folder, whichever folder the process runs in.
 */
export function catalogFile(base: string = process.cwd()): string {
  return path.resolve(base, process.env.DATA_DIR ?? defaultDataDir, 'catalog.sqlite');
}

export function openCatalog(file: string = catalogFile()): CatalogDatabase {
  return openDatabase({ file, migrationsFolder, schema });
}
