// Opens the catalogue database (the indexer writes it, the subgraph reads it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, openDatabase, type OpenedDatabase } from '@formations/schema/subgraph';
import * as schema from './schema.ts';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type CatalogDatabase = OpenedDatabase<typeof schema>;

export function catalogFile(): string {
  return path.join(dataDir(), 'catalog.sqlite');
}

export function openCatalog(file: string = catalogFile()): CatalogDatabase {
  return openDatabase({ file, migrationsFolder, schema });
}
