// `npm run bench:scale -- [--persons 1000000] [--reuse DIR] [--duration 10] [--connections 4]`: national
// volumes of people against the demo data, in one run. Generates the people (`npm run gen:people`) or
// reuses a folder of them, loads the rights ledger into PostgreSQL (TEST_DATABASE_URL, else a throwaway
// server from the machine's binaries), then on three stacks — demo data only; the people on SQLite; the
// same with rights on PostgreSQL — measures through the gateway an account read (person + cpfAccount,
// random holders) and the README flagship (random persons who consented, as their adviser), and on rights
// debits/s (a random holder, 1 €, a fresh idempotency key each) with one process, then on PostgreSQL
// with two replicas on one database, the load generator spreading the calls. Prints peak RSS and disk per store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import pg from 'pg';
import { signViewerToken, VIEWER_HEADER } from '@formations/schema/auth';
import { createDatabase, startPostgresServer, type PostgresServer } from '@formations/schema/postgres-test';
import { generatePeople, MANIFEST, megabytes, personId, type PeopleManifest } from '../../scripts/gen-people.ts';
import { exited, freePort, repoRoot, run, startStack, waitHealthy, type RunningStack } from '../../scripts/stack.ts';
import { Prng } from '../../catalog-indexer/src/generator/prng.ts';
import { DEMO_CONSENTS, DEMO_PERSONS } from '../../subgraphs/passport/src/db/demo-world.ts';
import { openRightsStore } from '../../subgraphs/rights/src/db/client.ts';
import * as rightsPg from '../../subgraphs/rights/src/db/schema-pg.ts';
import { graphql, holderToken, tokenFor } from '../src/client.ts';
import { runLoad, type LoadResult } from './load.ts';
import { benchQueries, readmeOperations } from './queries.ts';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    reuse: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '4' },
    'debit-connections': { type: 'string', default: '16' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const debitConnections = Number(args['debit-connections']);
const cwd = process.env.INIT_CWD ?? process.cwd();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-scale-'));
const load = () => os.loadavg()[0]!.toFixed(1);
const log = (line: string) => process.stderr.write(`[bench:scale ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

// 1. The people: generated now, or a folder of an earlier run.
let folder: string;
let people: PeopleManifest;
if (args.reuse) {
  folder = path.resolve(cwd, args.reuse);
  people = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST), 'utf8')) as PeopleManifest;
  log(`reusing ${people.persons.toLocaleString('en')} persons of ${folder}`);
} else {
  folder = path.resolve(cwd, args.out ?? path.join(repoRoot, '.tmp', `people-${args.persons}`));
  log(`generating ${Number(args.persons).toLocaleString('en')} persons into ${folder}`);
  people = await generatePeople({ persons: Number(args.persons), out: folder, seed: Number(args.seed), progress: true });
}
const N = people.persons;
// Stacks start slowly on a busy machine: their processes get five minutes to become healthy.
const CLOCK = { CLOCK_NOW: people.today, STACK_READY_TIMEOUT_MS: process.env.STACK_READY_TIMEOUT_MS ?? '300000' };

// 2. The ledger into PostgreSQL, table by table in batches (unnest of one array per column), ids kept.
let server: PostgresServer | undefined;
const adminUrl = process.env.TEST_DATABASE_URL ?? (server = await startPostgresServer()).url;
const rightsUrl = await createDatabase(adminUrl, 'rights_scale');

async function loadIntoPostgres(sqliteFile: string, url: string): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  await (await openRightsStore({ url })).close(); // migrated by the subgraph's own migrations
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const source = new Database(sqliteFile, { readonly: true });
  let rows = 0;
  try {
    for (const table of [rightsPg.ledgerEntries, rightsPg.activityYears]) {
      const cols = Object.values(getTableColumns(table));
      const types = cols.map((c) => c.getSQLType().replace('serial', 'integer'));
      const insert = `INSERT INTO "${getTableName(table)}" (${cols.map((c) => `"${c.name}"`).join(', ')}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
      let batch: unknown[][] = cols.map(() => []);
      const flush = async () => {
        if (batch[0]!.length === 0) return;
        await client.query(insert, batch);
        rows += batch[0]!.length;
        batch = cols.map(() => []);
      };
      await client.query('BEGIN');
      for (const row of source
        .prepare(`SELECT ${cols.map((c) => `"${c.name}"`).join(', ')} FROM "${getTableName(table)}" ORDER BY rowid`)
        .raw()
        .iterate() as IterableIterator<unknown[]>) {
        row.forEach((v, i) => batch[i]!.push(v));
        if (batch[0]!.length === 10_000) await flush();
      }
      await flush();
      await client.query('COMMIT');
    }
    await client.query("SELECT setval(pg_get_serial_sequence('ledger_entries', 'id'), (SELECT max(id) FROM ledger_entries))");
    await client.query(
      'INSERT INTO cpf_accounts (person_id) SELECT DISTINCT person_id FROM activity_years UNION SELECT DISTINCT person_id FROM ledger_entries ON CONFLICT DO NOTHING',
    );
    await client.query('ANALYZE');
  } finally {
    source.close();
    await client.end();
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}

log(`loading rights into PostgreSQL (${server ? 'throwaway server' : 'TEST_DATABASE_URL'})`);
const pgLoad = await loadIntoPostgres(path.join(folder, 'rights.sqlite'), rightsUrl);
log(`loaded ${pgLoad.rows.toLocaleString('en')} rows in ${pgLoad.seconds.toFixed(1)} s`);

// 3. Who is asked for: random holders with money left, random persons with a consent (and their adviser).
const rng = new Prng(Number(args.seed) + 1);
const sampleFolder = (file: string) => new Database(path.join(folder, file), { readonly: true });
const rightsDb = sampleFolder('rights.sqlite');
const passportDb = sampleFolder('passport.sqlite');
const balanceOf = rightsDb.prepare('SELECT coalesce(sum(amount), 0) AS b FROM ledger_entries WHERE person_id = ?').pluck();
const consentOf = passportDb.prepare('SELECT viewer_sub FROM consents WHERE person_id = ?').pluck();
const holders: string[] = [];
const consented: { personId: string; adviser: string }[] = [];
for (let tries = 0; (holders.length < 1000 || consented.length < 300) && tries < 20_000; tries++) {
  const id = personId(rng.int(1, N));
  if (holders.length < 1000 && (balanceOf.get(id) as number) >= 10_000) holders.push(id);
  const adviser = consentOf.get(id) as string | undefined;
  if (adviser && consented.length < 300) consented.push({ personId: id, adviser });
}
rightsDb.close();
passportDb.close();

// Signed right before each run: a viewer token lives two minutes, and a run comes after minutes of loading.
const tokens = new Map<string, string>();
async function signTokens(persons: readonly string[], advisers: readonly string[]) {
  for (const id of persons) tokens.set(id, await holderToken(id));
  for (const sub of advisers) tokens.set(sub, await tokenFor({ sub, role: 'adviser' }));
}

const ACCOUNT = benchQueries().find((q) => q.name === 'person + CPF account')!.query;
const FLAGSHIP = readmeOperations().get('Flagship')!;
const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
const json = { 'content-type': 'application/json' };
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

type Row = { label: string; demo?: string; sqlite?: string; postgresql?: string };
const table: Row[] = [];
const cell = (r: LoadResult) => `p50 ${r.p50} / p95 ${r.p95} ms, ${r.rps} req/s${r.errors ? `, ${r.errors} errors` : ''} (load ${load()})`;
const set = (label: string, column: 'demo' | 'sqlite' | 'postgresql', value: string) => {
  let row = table.find((r) => r.label === label);
  if (!row) table.push((row = { label }));
  row[column] = value;
};

async function reads(stack: RunningStack, column: 'demo' | 'sqlite' | 'postgresql', persons: string[], consents: { personId: string; adviser: string }[]) {
  const url = stack.gatewayUrl;
  await signTokens(persons, [...new Set(consents.map((c) => c.adviser))]);
  // The first answers after a start are cold (plans, statements, caches): one of each before measuring.
  await graphql(url, ACCOUNT, { id: persons[0] }, { token: tokens.get(persons[0]!) });
  await graphql(url, FLAGSHIP, { personId: consents[0]!.personId }, { token: tokens.get(consents[0]!.adviser) });
  const account = await runLoad({
    url,
    body: '',
    headers: json,
    connections,
    duration,
    next: () => {
      const id = pick(persons);
      return { body: body(ACCOUNT, { id }), headers: { authorization: `Bearer ${tokens.get(id)}` } };
    },
  });
  set('account read (person + cpfAccount), random holders', column, cell(account));
  const flagship = await runLoad({
    url,
    body: '',
    headers: json,
    connections,
    duration,
    next: () => {
      const c = pick(consents);
      return { body: body(FLAGSHIP, { personId: c.personId }), headers: { authorization: `Bearer ${tokens.get(c.adviser)}` } };
    },
  });
  // What the flagship returned, so that latencies compare like with like.
  let options = 0;
  for (const c of consents.slice(0, 50)) {
    const res = await graphql(url, FLAGSHIP, { personId: c.personId }, { token: tokens.get(c.adviser) });
    options += res.data?.person?.fundableTrainings?.length ?? 0;
  }
  set(
    'README flagship, random persons who consented (as their adviser)',
    column,
    `${cell(flagship)}; ${(options / Math.min(50, consents.length)).toFixed(1)} options a person`,
  );
  // Like for like: the demo flagship itself (Camille, as Sophie), whatever the number of people around her.
  const demo = DEMO_CONSENTS[0]!;
  await signTokens([], [demo.viewerSub]);
  const camille = await runLoad({
    url,
    body: body(FLAGSHIP, { personId: demo.personId }),
    headers: { ...json, authorization: `Bearer ${tokens.get(demo.viewerSub)}` },
    connections,
    duration,
  });
  set(`README flagship, ${demo.personId} (as ${demo.viewerSub})`, column, cell(camille));
}

async function debits(urls: string[], label: string, column: 'sqlite' | 'postgresql') {
  let n = 0;
  const operator = await signViewerToken({ sub: 'operator-bench', role: 'operator' });
  const runs = urls.map((url) =>
    runLoad({
      url,
      body: '',
      headers: { ...json, [VIEWER_HEADER]: operator },
      connections: Math.max(1, Math.round(debitConnections / urls.length)),
      duration,
      warmUp: 2,
      next: () => ({
        body: body(`mutation ($p: ID!, $k: String!) { debitCpfAccount(personId: $p, amount: 100, reason: "bench:scale", idempotencyKey: $k) { amount } }`, {
          p: pick(holders),
          k: `scale-${process.pid}-${Date.now()}-${++n}`,
        }),
      }),
    }),
  );
  const results = await Promise.all(runs);
  const sum = results.reduce((s, r) => s + r.rps, 0);
  const errors = results.reduce((s, r) => s + r.errors, 0);
  set(
    label,
    column,
    `**${sum} debits/s**, p50 ${results.map((r) => r.p50).join(' + ')} / p95 ${results.map((r) => r.p95).join(' + ')} ms${errors ? `, ${errors} errors` : ''} (load ${load()})`,
  );
}

function peakRss(pid: number | undefined): number {
  try {
    return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
  } catch {
    return NaN;
  }
}
const rssOf = (stack: RunningStack, names: string[]) => names.map((n) => `${n} ${peakRss(stack.processes.get(n)?.pid)}`).join(', ');
const fileMb = (file: string) => megabytes(['', '-wal'].reduce((s, ext) => s + (fs.existsSync(file + ext) ? fs.statSync(file + ext).size : 0), 0));
const copy = (from: string, to: string) => fs.copyFileSync(from, to, fs.constants.COPYFILE_FICLONE);

const stacks: RunningStack[] = [];
const replicas: ReturnType<typeof run>[] = [];
async function stop() {
  for (const child of replicas) {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited(child);
  }
  for (const s of stacks.splice(0)) await s.stop();
}
process.on('SIGINT', () => void stop().finally(() => process.exit(130)));

try {
  // 4. Demo data only: the reference.
  log('stack on the demo data');
  const demo = await startStack({ dataDir: path.join(tmp, 'demo'), ports: 'random', output: 'quiet', env: CLOCK });
  stacks.push(demo);
  await reads(
    demo,
    'demo',
    DEMO_PERSONS.map((p) => p.id),
    DEMO_CONSENTS.map((c) => ({ personId: c.personId, adviser: c.viewerSub })),
  );
  await demo.stop();
  stacks.length = 0;

  // 5. The people on SQLite (copies: the generated folder stays as generated).
  const work = path.join(tmp, 'people');
  fs.mkdirSync(work);
  for (const f of ['passport.sqlite', 'rights.sqlite']) copy(path.join(folder, f), path.join(work, f));
  log(`stack on ${N.toLocaleString('en')} persons, SQLite`);
  const onSqlite = await startStack({ dataDir: work, ports: 'random', output: 'quiet', env: CLOCK });
  stacks.push(onSqlite);
  await reads(onSqlite, 'sqlite', holders, consented);
  await debits([onSqlite.subgraphUrls.rights!], 'debits/s on rights, 1 process', 'sqlite');
  const sqliteRss = rssOf(onSqlite, ['gateway', 'passport', 'rights', 'catalog', 'abondements']);
  await onSqlite.stop();
  stacks.length = 0;

  // 6. Rights on PostgreSQL: one process, then a second replica on the same database.
  log(`stack on ${N.toLocaleString('en')} persons, rights on PostgreSQL`);
  const env = { ...CLOCK, RIGHTS_DATABASE_URL: rightsUrl };
  const onPg = await startStack({ dataDir: work, ports: 'random', output: 'quiet', env });
  stacks.push(onPg);
  await reads(onPg, 'postgresql', holders, consented);
  await debits([onPg.subgraphUrls.rights!], 'debits/s on rights, 1 process', 'postgresql');
  const port = await freePort();
  const logs: string[] = [];
  const second = run(
    ['subgraphs/rights/src/server.ts'],
    { ...process.env, ...onPg.clockEnv, DATA_DIR: work, RIGHTS_DATABASE_URL: rightsUrl, PORT: String(port) },
    'quiet',
    'rights-2',
    logs,
  );
  replicas.push(second);
  await waitHealthy(`http://127.0.0.1:${port}/health`, second, 'rights replica', logs);
  await debits([onPg.subgraphUrls.rights!, `http://127.0.0.1:${port}/graphql`], 'debits/s on rights, 2 replicas', 'postgresql');
  const pgRss = `${rssOf(onPg, ['gateway', 'passport', 'rights', 'catalog', 'abondements'])}, rights-2 ${peakRss(second.pid)}`;
  const admin = new pg.Client({ connectionString: rightsUrl });
  await admin.connect();
  const pgBytes = Number((await admin.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
  const backends = (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity')).rows.map((r) => peakRss(r.pid)).filter((mb) => !Number.isNaN(mb));
  await admin.end();
  await stop();

  set('peak RSS, MB', 'sqlite', sqliteRss);
  set('peak RSS, MB', 'postgresql', `${pgRss}${backends.length ? `; PostgreSQL ${backends.length} backends, max ${Math.max(...backends)} each` : ''}`);
  set('disk', 'sqlite', `passport ${fileMb(path.join(folder, 'passport.sqlite'))}, rights ${fileMb(path.join(folder, 'rights.sqlite'))} (as generated)`);
  set('disk', 'postgresql', `rights database ${megabytes(pgBytes)} (pg_database_size), passport on SQLite`);
  set(
    'load',
    'sqlite',
    `gen:people ${people.seconds} s, ${Math.round((people.rows.passport + people.rows.rights) / people.seconds).toLocaleString('en')} rows/s`,
  );
  set(
    'load',
    'postgresql',
    `${pgLoad.rows.toLocaleString('en')} rows copied in ${pgLoad.seconds.toFixed(1)} s, ${Math.round(pgLoad.rows / pgLoad.seconds).toLocaleString('en')} rows/s`,
  );

  console.log(
    `\nbench:scale, ${N.toLocaleString('en')} generated persons (seed ${people.seed}, clock ${people.today}), ${duration} s a run, reads at ${connections} connections, debits at ${debitConnections}; ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  console.log(`| | demo data (3 persons) | ${N.toLocaleString('en')} persons, SQLite | ${N.toLocaleString('en')} persons, rights on PostgreSQL |`);
  console.log('|---|---|---|---|');
  for (const r of table) console.log(`| ${r.label} | ${r.demo ?? ''} | ${r.sqlite ?? ''} | ${r.postgresql ?? ''} |`);
} finally {
  await stop();
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
