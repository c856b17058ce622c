// `npm run start:scaled`: the stack as it runs beyond one process. PostgreSQL for rights, passport
// and abondements (DATABASE_URL's server, or RIGHTS_DATABASE_URL / PASSPORT_DATABASE_URL /
// ABONDEMENTS_DATABASE_URL, else a throwaway server started from the machine's binaries), two
// replicas of each stateful subgraph (rights, passport, abondements, dossiers), one catalog (on
// Meilisearch when MEILI_BIN or MEILISEARCH_URL is set), and the gateway with two workers given
// every replica's URL. dossiers is not on PostgreSQL yet: its two replicas share one SQLite file.
// `startScaledStack` is what the script and test/e2e/start-scaled.test.ts both run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { startPostgresServer } from '../schema/src/postgres-test.ts';
import { startStack, type RunningStack, type StackOptions } from './stack.ts';

export const SCALED_REPLICAS = { rights: 2, passport: 2, abondements: 2, dossiers: 2 } as const;
export const SCALED_GATEWAY_WORKERS = 2;

export interface ScaledStack extends RunningStack {
  /** Where each store is: for the banner and the tests. */
  stores: { postgres: string; throwawayPostgres: boolean; sqliteDir: string; throwawayData: boolean; search: string };
}

/** The database `name` on the server of `serverUrl`, created when missing; returns its URL. */
async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function startScaledStack(
  options: Pick<StackOptions, 'ports' | 'output' | 'ideToken'> & { dataDir?: string; env?: Record<string, string> } = {},
): Promise<ScaledStack> {
  const env = { ...process.env, ...options.env };
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch((error: Error) => console.error(error.message));
  };
  try {
    // PostgreSQL: the subgraphs' own URLs, else databases on DATABASE_URL's server, else a throwaway server.
    let throwawayPostgres = false;
    let rightsUrl = env.RIGHTS_DATABASE_URL;
    let passportUrl = env.PASSPORT_DATABASE_URL;
    let abondementsUrl = env.ABONDEMENTS_DATABASE_URL;
    let serverUrl = env.DATABASE_URL;
    if (!rightsUrl || !passportUrl || !abondementsUrl) {
      if (!serverUrl) {
        const server = await startPostgresServer();
        cleanups.push(server.stop);
        serverUrl = server.url;
        throwawayPostgres = true;
      }
      rightsUrl ??= await ensureDatabase(serverUrl, 'formations_rights');
      passportUrl ??= await ensureDatabase(serverUrl, 'formations_passport');
      abondementsUrl ??= await ensureDatabase(serverUrl, 'formations_abondements');
    }
    // SQLite (catalog, dossiers): DATA_DIR, else a folder thrown away with a throwaway
    // PostgreSQL (the ledger and the dossiers that refer to it must start and end together).
    const given = options.dataDir ?? env.DATA_DIR;
    const dataDir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'formations-scaled-'));
    if (!given) cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));

    const stackEnv: Record<string, string> = {
      ...options.env,
      RIGHTS_DATABASE_URL: rightsUrl,
      PASSPORT_DATABASE_URL: passportUrl,
      ABONDEMENTS_DATABASE_URL: abondementsUrl,
    };
    let search = 'embedded index';
    if (env.MEILI_BIN || env.MEILISEARCH_URL) {
      const { startMeilisearch } = await import('../subgraphs/catalog/test/search-setup.ts');
      const meili = await startMeilisearch({ env });
      cleanups.push(meili.stop);
      stackEnv.MEILISEARCH_URL = meili.url;
      if (meili.key) stackEnv.MEILISEARCH_KEY = meili.key;
      search = `Meilisearch at ${meili.url}${env.MEILISEARCH_URL ? '' : ` (${env.MEILI_BIN})`}`;
    }

    const stack = await startStack({
      dataDir,
      ports: options.ports,
      output: options.output,
      ideToken: options.ideToken,
      env: stackEnv,
      replicas: SCALED_REPLICAS,
      gatewayWorkers: SCALED_GATEWAY_WORKERS,
    });
    const stopStack = stack.stop;
    return {
      ...stack,
      stop: async () => {
        await stopStack();
        await cleanup();
      },
      stores: {
        postgres: throwawayPostgres ? `throwaway server ${redact(serverUrl!)}` : redact(serverUrl ?? `${rightsUrl}, ${passportUrl}, ${abondementsUrl}`),
        throwawayPostgres,
        sqliteDir: dataDir,
        throwawayData: !given,
        search,
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function main(): Promise<void> {
  const { announce, prepareStart, stopOnSignals } = await import('./start-shared.ts');
  const { started, token, consoleBuilt } = await prepareStart();
  const stack = await startScaledStack({ output: 'inherit', ideToken: token });
  await consoleBuilt;
  const replicas = (name: string) => stack.replicaUrls[name]!.map((url) => url.replace('/graphql', '')).join(', ');
  announce(stack.gatewayUrl, started, token, [
    ['Gateway:', `${SCALED_GATEWAY_WORKERS} workers (one rate limit, kept by their primary)`],
    ['PostgreSQL (rights, passport, abondements):', `${stack.stores.postgres}${stack.stores.throwawayPostgres ? ', deleted at Ctrl-C' : ''}`],
    ['rights replicas:', replicas('rights')],
    ['passport replicas:', replicas('passport')],
    ['abondements replicas:', replicas('abondements')],
    ['dossiers replicas:', `${replicas('dossiers')}  (NOT on PostgreSQL yet: one SQLite file shared)`],
    ['catalog:', `${replicas('catalog')}  (search: ${stack.stores.search})`],
    ['SQLite files:', `${stack.stores.sqliteDir}${stack.stores.throwawayData ? ' (temporary, deleted at Ctrl-C; DATA_DIR keeps them)' : ''}`],
  ]);
  stopOnSignals(stack.processes, stack.stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
