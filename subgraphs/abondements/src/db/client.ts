import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, openDatabase, type OpenedDatabase } from '@formations/schema/subgraph';
import * as schema from './schema.ts';

export type AbondementsDatabase = OpenedDatabase<typeof schema>;
export type Db = AbondementsDatabase['db'];

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export const defaultDatabaseFile = () => path.join(dataDir(), 'abondements.sqlite');

export function openAbondementsDatabase(file = defaultDatabaseFile()): AbondementsDatabase {
  return openDatabase({ file, migrationsFolder, schema });
}
