import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, openDatabase } from '@formations/schema/subgraph';
import { tables } from './schema.ts';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openPassportDatabase(file = path.join(dataDir(), 'passport.sqlite')) {
  return openDatabase({ file, migrationsFolder, schema: tables });
}

export type PassportDatabase = ReturnType<typeof openPassportDatabase>['db'];
