import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, openDatabase } from '@formations/schema/subgraph';
import { schema } from './schema.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export function openDossiersDatabase(file = path.join(dataDir(), 'dossiers.sqlite')) {
  return openDatabase({ file, migrationsFolder, schema });
}

export type DossiersDatabase = ReturnType<typeof openDossiersDatabase>['db'];
