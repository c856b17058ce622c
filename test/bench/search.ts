// `npm run bench:search -- [--sessions 300000] [--skip-comparison] [--reuse <dir>] [--meilisearch]`
// Generates an LHEO catalogue (gen:catalog, gzip), imports it with the real indexer (time, sessions/s,
// peak RSS), then times a fixed mixed query set (text, typo, prefix, filters, facets, geo, sort, page 3)
// on the embedded engine in-process and through the gateway (the real stack on that catalogue), and
// on @orama/orama and minisearch loaded with the same sessions (each in its own process, within a
// time budget). Prints p50/p95/p99 per query family, result quality, and one markdown table for the README.
// Also times the flagship query on that catalogue, for a demo person aiming at its two most common jobs.
// Other options: --runs 20 --duration 10 --connections 8 --budget 120 (s per comparison engine and phase)
//                --import-timeout 1800 --max-old-space 6144 --keep
// Loopback only; every loop is bounded in count and in time.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openCatalog } from '../../subgraphs/catalog/src/db/client.ts';
import { measureGrouping, type GroupingQuality } from '../../catalog-indexer/src/generator/duplicates-truth.ts';
import { DUPLICATES_FILE } from '../../catalog-indexer/src/generator/generate.ts';
import type Database from 'better-sqlite3';
import { sessionDocuments } from '../../subgraphs/catalog/src/search/documents.ts';
import { embeddedSearch } from '../../subgraphs/catalog/src/search/embedded.ts';
import { MeilisearchEngine } from '../../subgraphs/catalog/src/search/meilisearch.ts';
import type { SearchEngine, SearchRequest } from '../../subgraphs/catalog/src/search/port.ts';
import { startMeilisearch } from '../../subgraphs/catalog/test/search-setup.ts';
import { exited, repoRoot, startStack, type RunningStack } from '../../scripts/stack.ts';
import { signCallerToken } from '@formations/schema/auth';
import { clockFromEnv } from '@formations/schema/clock';
import { FLAGSHIP_QUERY } from '../../gateway/src/ide.ts';
import { runLoad, type LoadResult } from './load.ts';
import { buildQueries, FAMILIES, tokens, type BenchQuery, type Family } from './search-queries.ts';
import type { WorkerInput, WorkerMessage } from './search-compare-worker.ts';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '300000' },
    'skip-comparison': { type: 'boolean', default: false },
    meilisearch: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    runs: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    budget: { type: 'string', default: '120' },
    'import-timeout': { type: 'string', default: '1800' },
    'max-old-space': { type: 'string', default: '6144' },
    keep: { type: 'boolean', default: false },
  },
});
const int = (name: keyof typeof values, min: number, max: number) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer in ${min}…${max}, got ${values[name]}`);
    process.exit(2);
  }
  return n;
};
const sessions = int('sessions', 100, 5_000_000);
const runs = int('runs', 1, 1000);
const duration = int('duration', 1, 300);
const connections = int('connections', 1, 256);
const budgetMs = int('budget', 1, 3600) * 1000;
const importTimeoutMs = int('import-timeout', 10, 24 * 3600) * 1000;
const maxOldSpace = int('max-old-space', 256, 64 * 1024);
/** Stop repeating one query after this long (it has been measured at least once). */
const PER_QUERY_BUDGET_MS = 10_000;
/** At most this long for the whole query set on one engine in-process or through the gateway; the rest is reported "exceeded". */
const PHASE_BUDGET_MS = 15 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

// The embedded engine is what is measured: no Meilisearch from the environment.
for (const name of ['MEILISEARCH_URL', 'MEILISEARCH_KEY', 'MEILISEARCH_INDEX']) delete process.env[name];
// One "today" for the in-process engine and the stack (generated sessions start on 2026-12-01).
const CLOCK_NOW = (process.env.CLOCK_NOW ??= '2026-11-20');
const TODAY = clockFromEnv().today();

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const ms = (n: number) => (!Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(1) : n.toFixed(0));
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const stats = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), n: s.length };
};
/**
 * Percentiles over several queries, each weighing the same whatever its number of runs (a slow
 * query cut short by its budget counts as much as a fast one run `runs` times).
 */
function pooled(perQuery: number[][]) {
  const samples = perQuery.filter((t) => t.length > 0).flatMap((times) => times.map((t) => ({ t, w: 1 / times.length })));
  samples.sort((a, b) => a.t - b.t);
  const total = samples.reduce((sum, x) => sum + x.w, 0);
  const at = (p: number) => {
    let cumulative = 0;
    for (const x of samples) {
      cumulative += x.w;
      if (cumulative >= (p / 100) * total - 1e-9) return x.t;
    }
    return samples.length ? samples[samples.length - 1]!.t : NaN;
  };
  return { p50: at(50), p95: at(95), p99: at(99) };
}
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

function peakRssMbOf(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024);
  } catch {
    return NaN;
  }
}

/** Runs a node (tsx) script to its end within a time limit; returns its wall time and peak RSS. */
async function timedNode(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ seconds: number; peakRssMb: number; output: string }> {
  const haveTime = fs.existsSync('/usr/bin/time');
  const timeFile = path.join(os.tmpdir(), `bench-search-time-${process.pid}-${Date.now()}.txt`);
  const command = haveTime ? '/usr/bin/time' : process.execPath;
  const argv = haveTime ? ['-v', '-o', timeFile, process.execPath, '--import', 'tsx', ...args] : ['--import', 'tsx', ...args];
  const started = performance.now();
  const child = spawn(command, argv, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // Without /usr/bin/time: poll the child's VmHWM (it only grows) until it exits.
  let polled = NaN;
  const poll = haveTime
    ? undefined
    : setInterval(() => {
        const mb = peakRssMbOf(child.pid);
        if (Number.isFinite(mb)) polled = Number.isFinite(polled) ? Math.max(polled, mb) : mb;
      }, 100);
  const timer = setTimeout(() => {
    log(`${label}: over ${timeoutMs / 1000} s, killed`);
    child.kill('SIGKILL');
  }, timeoutMs);
  const code = await exited(child);
  clearTimeout(timer);
  if (poll) clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  let peakRssMb = polled;
  if (haveTime && fs.existsSync(timeFile)) {
    const report = fs.readFileSync(timeFile, 'utf8');
    peakRssMb = Math.round(Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? NaN) / 1024);
    fs.rmSync(timeFile, { force: true });
  }
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${output.slice(-4000)}`);
  return { seconds, peakRssMb, output };
}

// ---- 1. catalogue and import ------------------------------------------------------------------

const workDir = values.reuse ? path.resolve(values.reuse) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
fs.mkdirSync(workDir, { recursive: true });
const lheoDir = path.join(workDir, `lheo-${sessions}`);
const dataDir = path.join(workDir, `data-${sessions}`);
const importFile = path.join(workDir, `import-${sessions}.json`);
const dbFile = path.join(dataDir, 'catalog.sqlite');
let stack: RunningStack | undefined;
const workers = new Set<ChildProcess>();

async function cleanUp() {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await stack?.stop().catch(() => undefined);
  if (!values.reuse && !values.keep) fs.rmSync(workDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

interface ImportFigures {
  sessions: number;
  seconds: number;
  peakRssMb: number;
  generatedSeconds: number;
  gzipMb: number;
  reused?: boolean;
}

async function generateAndImport(): Promise<ImportFigures> {
  if (values.reuse && fs.existsSync(importFile) && fs.existsSync(dbFile)) {
    log(`reusing the imported catalogue in ${dataDir} (import figures of the run that made it)`);
    return { ...(JSON.parse(fs.readFileSync(importFile, 'utf8')) as ImportFigures), reused: true };
  }
  let generatedSeconds = NaN;
  if (!(values.reuse && fs.existsSync(path.join(lheoDir, '.complete')))) {
    fs.rmSync(lheoDir, { recursive: true, force: true });
    log(`generating ${fmt(sessions)} sessions into ${lheoDir}…`);
    const gen = await timedNode(
      'gen:catalog',
      ['catalog-indexer/src/generator/cli.ts', '--sessions', String(sessions), '--out', lheoDir, '--gzip'],
      process.env,
      importTimeoutMs,
    );
    generatedSeconds = gen.seconds;
    fs.writeFileSync(path.join(lheoDir, '.complete'), '');
  }
  const gzipMb =
    fs
      .readdirSync(lheoDir)
      .filter((f) => f.endsWith('.gz'))
      .reduce((s, f) => s + fs.statSync(path.join(lheoDir, f)).size, 0) /
    1024 /
    1024;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  log(`importing with the indexer (npm run index) into ${dataDir}…`);
  const imported = await timedNode('index', ['catalog-indexer/src/cli.ts', lheoDir], { ...process.env, DATA_DIR: dataDir }, importTimeoutMs);
  const { sqlite } = openCatalog(dbFile);
  const { n } = sqlite.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
  sqlite.close();
  const figures: ImportFigures = { sessions: n, seconds: imported.seconds, peakRssMb: imported.peakRssMb, generatedSeconds, gzipMb };
  fs.writeFileSync(importFile, JSON.stringify(figures));
  return figures;
}

// ---- 2. the engine in-process and through the gateway --------------------------------------------

type Outcome = { times: number[]; top: string[]; total: number } | { na: string };
type Results = Map<string, Outcome>;

function directRequest(q: BenchQuery): SearchRequest {
  return {
    query: q.query,
    filters: { ...q.filters },
    sort: q.sort,
    from: q.from,
    today: TODAY,
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
    facets: q.facets,
  };
}

/** The query set on an engine of the search port, in this process (the embedded one, or the Meilisearch adapter and its server). */
async function runDirect(engine: SearchEngine, queries: BenchQuery[]): Promise<{ results: Results; coldMs: number }> {
  const results: Results = new Map();
  // The first search (the embedded engine builds its index then) is reported apart.
  const t0 = performance.now();
  await engine.search(directRequest(queries.find((q) => q.query) ?? queries[0]!));
  const coldMs = performance.now() - t0;
  const phaseStarted = performance.now();
  for (const q of queries) {
    if (performance.now() - phaseStarted > PHASE_BUDGET_MS) {
      results.set(q.id, { na: 'exceeded' });
      continue;
    }
    const request = directRequest(q);
    const times: number[] = [];
    const started = performance.now();
    let last = await engine.search(request); // warm-up (counted only when it alone spends the query's budget)
    if (performance.now() - started > PER_QUERY_BUDGET_MS) times.push(performance.now() - started);
    for (let i = 0; i < runs && performance.now() - started <= PER_QUERY_BUDGET_MS; i++) {
      const t = performance.now();
      last = await engine.search(request);
      times.push(performance.now() - t);
    }
    results.set(q.id, { times, top: last.hits.slice(0, 10).map((h) => h.sessionId), total: last.total });
  }
  return { results, coldMs };
}

/** The same queries on two engines, each run alternating between them (so load and warm-up weigh the same on both). */
async function runPaired(grouped: SearchEngine, ungrouped: SearchEngine, queries: BenchQuery[]): Promise<{ grouped: Results; ungrouped: Results }> {
  const out = { grouped: new Map() as Results, ungrouped: new Map() as Results };
  for (const engine of [grouped, ungrouped]) await engine.search(directRequest(queries[0]!)); // index built
  for (const q of queries) {
    const request = directRequest(q);
    const times: [number[], number[]] = [[], []];
    const last: [Awaited<ReturnType<SearchEngine['search']>> | null, Awaited<ReturnType<SearchEngine['search']>> | null] = [null, null];
    const started = performance.now();
    for (let i = 0; i <= runs && performance.now() - started <= 2 * PER_QUERY_BUDGET_MS; i++) {
      for (const [k, engine] of [grouped, ungrouped].entries()) {
        const t = performance.now();
        last[k] = await engine.search(request);
        if (i > 0) times[k]!.push(performance.now() - t); // run 0 warms up
      }
    }
    out.grouped.set(q.id, { times: times[0], top: last[0]?.hits.slice(0, 10).map((h) => h.sessionId) ?? [], total: last[0]?.total ?? 0 });
    out.ungrouped.set(q.id, { times: times[1], top: last[1]?.hits.slice(0, 10).map((h) => h.sessionId) ?? [], total: last[1]?.total ?? 0 });
  }
  return out;
}

/** What the running supergraph accepts (it may lag behind the catalog subgraph until `npm run compose`). */
async function gatewayCapabilities(url: string): Promise<{ filters: Set<string>; facets: Set<string> }> {
  const body = JSON.stringify({
    query: '{ f: __type(name: "TrainingSearchFilters") { inputFields { name } } g: __type(name: "TrainingSearchFacets") { fields { name } } }',
  });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const json = (await res.json()) as { data?: { f?: { inputFields: { name: string }[] }; g?: { fields: { name: string }[] } } };
  return {
    filters: new Set(json.data?.f?.inputFields.map((f) => f.name) ?? []),
    facets: new Set(json.data?.g?.fields.map((f) => f.name) ?? []),
  };
}

function gatewayBody(q: BenchQuery): string {
  const facets = q.facets.length ? ` facets { ${q.facets.map((f) => `${f} { value count }`).join(' ')} }` : '';
  const query = `query Search($q: String, $filters: TrainingSearchFilters, $sort: TrainingSortInput, $page: Int, $pageSize: Int) {
  searchTrainings(query: $q, filters: $filters, sort: $sort, page: $page, pageSize: $pageSize) {
    total hits { distanceKm session { id startDate price training { title } } }${facets}
  }
}`;
  const sort = q.sort === 'RELEVANCE' && !q.from ? null : { by: q.sort, ...(q.from ? { from: q.from } : {}) };
  const filters = Object.keys(q.filters).length ? q.filters : null;
  return JSON.stringify({ query, variables: { q: q.query, filters, sort, page: q.page, pageSize: q.pageSize } });
}

interface GatewayAnswer {
  data?: { searchTrainings?: { total: number; hits: { session: { id: string } }[] } };
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function runGateway(url: string, queries: BenchQuery[]): Promise<Results> {
  const results: Results = new Map();
  const can = await gatewayCapabilities(url);
  const phaseStarted = performance.now();
  for (const q of queries) {
    if (performance.now() - phaseStarted > PHASE_BUDGET_MS) {
      results.set(q.id, { na: 'exceeded' });
      continue;
    }
    const missing = [...Object.keys(q.filters).filter((f) => !can.filters.has(f)), ...q.facets.filter((f) => !can.facets.has(f))];
    if (missing.length) {
      results.set(q.id, { na: `not in the supergraph: ${missing.join(', ')}` });
      continue;
    }
    const body = gatewayBody(q);
    const post = async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      return (await res.json()) as GatewayAnswer;
    };
    try {
      const times: number[] = [];
      const started = performance.now();
      let answer = await post(); // warm-up, and the answer checked
      if (answer.errors || !answer.data?.searchTrainings) {
        const e = answer.errors?.[0];
        results.set(q.id, { na: `error: ${e?.extensions?.code ?? ''} ${e?.message.split('\n')[0] ?? 'no data'}`.trim() });
        continue;
      }
      if (performance.now() - started > PER_QUERY_BUDGET_MS) times.push(performance.now() - started);
      for (let i = 0; i < runs && performance.now() - started <= PER_QUERY_BUDGET_MS; i++) {
        const t = performance.now();
        answer = await post();
        if (answer.errors || !answer.data?.searchTrainings) throw new Error(answer.errors?.[0]?.message ?? 'no data');
        times.push(performance.now() - t);
      }
      const r = answer.data!.searchTrainings!;
      results.set(q.id, { times, top: r.hits.slice(0, 10).map((h) => h.session.id), total: r.total });
    } catch (error) {
      results.set(q.id, { na: `error: ${(error as Error).message}` });
    }
  }
  return results;
}

async function gatewayThroughput(url: string, queries: BenchQuery[], supported: Results) {
  const bodies = queries.filter((q) => !('na' in (supported.get(q.id) ?? { na: '' }))).map(gatewayBody);
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: bodies.map((body) => ({ method: 'POST' as const, body, headers: { 'content-type': 'application/json' } })),
    connections,
    duration,
    timeout: REQUEST_TIMEOUT_MS / 1000,
    setupClient: (client) => {
      client.on('body', (buf: Buffer) => {
        if (buf.includes('"errors"')) graphqlErrors++;
      });
    },
  });
  const latency = result.latency as unknown as Record<string, number>;
  return {
    rps: result.requests.average,
    p50: latency.p50 ?? NaN,
    p97_5: latency.p97_5 ?? NaN,
    p99: latency.p99 ?? NaN,
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
    requests: result.requests.total,
    queries: bodies.length,
  };
}

// ---- 2b. the flagship query on this catalogue ---------------------------------------------------

interface FlagshipRun {
  codes: string[];
  /** Sessions preparing for those codes (related jobs add more). */
  candidates: number;
  recommended: number;
  firstMs: number;
  times: number[];
  load: LoadResult;
}

/**
 * Camille (demo holder) aims, for the time of the run, at the catalogue's two most common ROME
 * codes: the recommendations then weigh the most candidate sessions there are.
 */
async function flagshipAtScale(url: string, sqlite: Database.Database): Promise<FlagshipRun> {
  const codes = sqlite
    .prepare(`SELECT code FROM formation_codes WHERE kind = 'ROME' GROUP BY code ORDER BY count(*) DESC, code LIMIT 2`)
    .pluck()
    .all() as string[];
  const candidates = sqlite
    .prepare(
      `SELECT count(*) FROM sessions WHERE formation_id IN (SELECT formation_id FROM formation_codes WHERE kind = 'ROME' AND code IN (SELECT value FROM json_each(?)))`,
    )
    .pluck()
    .get(JSON.stringify(codes)) as number;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await signCallerToken({ sub: 'camille-martin', role: 'holder' })}` };
  const post = async (query: string, variables?: Record<string, unknown>) => {
    const answer = (await (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })).json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string }[];
    };
    if (answer.errors) throw new Error(`flagship at scale: ${answer.errors[0]!.message}`);
    return answer.data!;
  };
  const setTargets = (romeCodes: string[]) => post('mutation ($romeCodes: [String!]!) { setTargetJobs(romeCodes: $romeCodes) { id } }', { romeCodes });
  const previous = ((await post('{ me { targetJobs { romeCode } } }')).me as { targetJobs: { romeCode: string }[] }).targetJobs.map((j) => j.romeCode);
  await setTargets(codes);
  try {
    const body = JSON.stringify({ query: FLAGSHIP_QUERY, variables: { personId: 'camille-martin' } });
    const once = async () => {
      const started = performance.now();
      const data = await post(FLAGSHIP_QUERY, { personId: 'camille-martin' });
      return { ms: performance.now() - started, recommended: (data.person as { recommendedTrainings: unknown[] }).recommendedTrainings.length };
    };
    const first = await once();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await once()).ms);
    const load = await runLoad({ url, headers, body, connections, duration });
    return { codes, candidates, recommended: first.recommended, firstMs: first.ms, times, load };
  } finally {
    await setTargets(previous);
  }
}

// ---- 3. comparison engines, each in its own process ---------------------------------------------

interface EngineRun {
  name: string;
  results: Results;
  /** Instead of heap and peak RSS of a worker process. */
  memory?: string;
  load?: { loaded: number; total: number; ms: number; complete: boolean; heapMb: number; rssMb: number };
  peakRssMb: number;
  note?: string;
}

async function runComparison(engine: WorkerInput['engine'], name: string, queries: BenchQuery[]): Promise<EngineRun> {
  const run: EngineRun = { name, results: new Map(), peakRssMb: NaN };
  const worker = fork(path.join(repoRoot, 'test', 'bench', 'search-compare-worker.ts'), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${maxOldSpace}`],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  workers.add(worker);
  let stderr = '';
  worker.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  let lastLoaded = 0;
  const hardLimit = setTimeout(
    () => {
      run.note ??= `exceeded its ${(2 * budgetMs) / 1000} s budget`;
      worker.kill('SIGKILL');
    },
    2 * budgetMs + 30_000,
  );
  // While loading, the load budget applies (the worker checks between batches; this catches a batch that never ends).
  let loadLimit: NodeJS.Timeout | undefined = setTimeout(() => {
    run.note ??= `load exceeded ${budgetMs / 1000} s (${fmt(lastLoaded)} sessions loaded)`;
    worker.kill('SIGKILL');
  }, budgetMs + 30_000);
  worker.on('message', (m: WorkerMessage) => {
    if (m.type === 'progress') {
      lastLoaded = m.loaded;
      log(`${name}: ${fmt(m.loaded)} sessions loaded in ${fmt(m.ms / 1000, 1)} s`);
    } else if (m.type === 'loaded') {
      clearTimeout(loadLimit);
      loadLimit = undefined;
      run.load = m;
      log(
        `${name}: ${m.complete ? 'loaded' : `load budget exceeded: stopped at`} ${fmt(m.loaded)} of ${fmt(m.total)} sessions in ${fmt(m.ms / 1000, 1)} s, heap ${fmt(m.heapMb)} MB`,
      );
    } else if (m.type === 'query') run.results.set(m.id, { times: m.times, top: m.top, total: m.total });
    else if (m.type === 'unsupported') run.results.set(m.id, { na: `n/a (${m.reason})` });
    else if (m.type === 'error') {
      if (m.id) run.results.set(m.id, { na: m.message === 'exceeded' ? 'exceeded' : `error: ${m.message}` });
      else run.note ??= `failed: ${m.message.split('\n')[0]}`;
    } else if (m.type === 'done') run.peakRssMb = m.peakRssMb;
  });
  // A slow engine gets an equal share of its query budget per query (a fast query still runs `runs` times).
  const perQueryBudgetMs = Math.max(1000, Math.min(PER_QUERY_BUDGET_MS, Math.floor(budgetMs / queries.length)));
  const input: WorkerInput = { engine, dbFile, queries, runs, loadBudgetMs: budgetMs, queryBudgetMs: budgetMs, perQueryBudgetMs };
  worker.send(input);
  const code = await exited(worker);
  clearTimeout(hardLimit);
  if (loadLimit) clearTimeout(loadLimit);
  workers.delete(worker);
  if (code !== 0 && code !== null)
    run.note ??= `crashed (exit ${code}${/heap out of memory/i.test(stderr) ? ': out of memory' : ''}) after ${fmt(lastLoaded)} sessions`;
  if (!Number.isFinite(run.peakRssMb) && run.load) run.peakRssMb = run.load.rssMb;
  for (const q of queries) if (!run.results.has(q.id)) run.results.set(q.id, { na: run.load ? 'exceeded' : 'not loaded' });
  return run;
}

/** The production adapter at the same scale: a real Meilisearch (pinned binary or MEILI_BIN) filled by the adapter's batched indexing. */
async function runMeilisearch(sqlite: Database.Database, total: number, queries: BenchQuery[]): Promise<EngineRun> {
  const server = await startMeilisearch();
  const run: EngineRun = { name: 'Meilisearch', results: new Map(), peakRssMb: NaN };
  try {
    const engine = new MeilisearchEngine({ host: server.url, apiKey: server.key, index: `bench-${process.pid}`, taskTimeoutMs: importTimeoutMs });
    const { pkgVersion } = await engine.client.getVersion();
    run.name = `Meilisearch ${pkgVersion} (server, through the adapter)`;
    log(`${run.name}: indexing ${fmt(total)} sessions…`);
    const started = performance.now();
    const { indexed } = await engine.index(sessionDocuments(sqlite));
    const loadMs = performance.now() - started;
    run.load = { loaded: indexed, total, ms: loadMs, complete: indexed === total, heapMb: NaN, rssMb: NaN };
    log(`${run.name}: ${fmt(indexed)} sessions indexed in ${fmt(loadMs / 1000, 1)} s; queries…`);
    run.results = (await runDirect(engine, queries)).results;
    const diskMb = Number(/(\d+)/.exec(String((await engine.client.getStats()).databaseSize))?.[1] ?? NaN) / 1024 / 1024;
    run.peakRssMb = peakRssMbOf(server.pid);
    run.memory = `server peak RSS ${fmt(run.peakRssMb)} MB; disk ${fmt(diskMb)} MB`;
  } catch (error) {
    run.note = `failed: ${(error as Error).message}`;
    log(`Meilisearch: ${run.note}`);
    for (const q of queries) if (!run.results.has(q.id)) run.results.set(q.id, { na: 'failed' });
  } finally {
    await server.stop();
  }
  return run;
}

// ---- 4. quality and the report ------------------------------------------------------------------

function qualityJudge(sqlite: Database.Database) {
  const statement = sqlite.prepare(
    'SELECT s.formation_id AS formationId, fts.intitule AS title, fts.texte AS text, fts.lieux AS places FROM sessions s JOIN formation_fts fts ON fts.rowid = s.formation_id WHERE s.id = ?',
  );
  const cache = new Map<string, { formationId: number; words: Set<string> }>();
  const doc = (id: string) => {
    let d = cache.get(id);
    if (!d) {
      const row = statement.get(id) as { formationId: number; title: string; text: string; places: string } | undefined;
      d = { formationId: row?.formationId ?? -1, words: new Set(row ? tokens(`${row.title} ${row.text} ${row.places}`) : []) };
      cache.set(id, d);
    }
    return d;
  };
  return (q: BenchQuery, top: string[]) => {
    const intended = q.intended!;
    // Every intended word, a plural of it, or (the last word, typed as a prefix by all engines) a word it begins.
    const relevant = top.filter((id) => {
      const words = doc(id).words;
      return intended.words.every((w, i) =>
        i === intended.words.length - 1 ? [...words].some((t) => t.startsWith(w)) : words.has(w) || words.has(`${w}s`) || words.has(`${w}x`),
      );
    }).length;
    const expected = q.expectedFormationId === undefined ? undefined : top.some((id) => doc(id).formationId === q.expectedFormationId);
    return { relevant, expected };
  };
}

async function main() {
  log(`bench:search: ${fmt(sessions)} sessions, ${runs} runs per query, work dir ${workDir}`);
  const imported = await generateAndImport();
  const importRate = imported.sessions / imported.seconds;
  log(`import: ${fmt(imported.sessions)} sessions in ${fmt(imported.seconds, 1)} s = ${fmt(importRate)} sessions/s, peak RSS ${fmt(imported.peakRssMb)} MB`);

  const { sqlite } = openCatalog(dbFile);
  const queries = buildQueries(sqlite);
  log(`query set: ${queries.length} queries`);
  for (const q of queries)
    console.log(
      `  ${q.id.padEnd(11)} ${q.label}: ${JSON.stringify(q.query)}${Object.keys(q.filters).length ? ` ${JSON.stringify(q.filters)}` : ''}${q.sort !== 'RELEVANCE' ? ` sort ${q.sort}` : ''}${q.page > 1 ? ` page ${q.page}` : ''}${q.facets.length ? ` facets ${q.facets.join(',')}` : ''}`,
    );

  // Duplicates the generator injected (duplicates.tsv) against the catalogue's groups.
  const truthFile = path.join(lheoDir, DUPLICATES_FILE);
  const grouping: GroupingQuality | null = fs.existsSync(truthFile) ? measureGrouping(sqlite, truthFile) : null;
  if (grouping)
    log(
      `duplicates: ${fmt(grouping.groupedPairs)} grouped pairs, ${fmt(grouping.truePairs)} injected; precision ${grouping.precision.toFixed(4)}, recall ${grouping.recall.toFixed(4)}`,
    );
  else log(`no ${truthFile} (generated before duplicates were injected): grouping not measured`);

  log('embedded engine, in-process…');
  const direct = await runDirect(embeddedSearch(sqlite), queries);
  log(`embedded engine: first search (index built from the catalogue) ${ms(direct.coldMs)} ms`);
  // The same queries on the same catalogue searched without grouping (every session a hit, as before
  // duplicates were grouped): on a connection whose transaction clears the grouping, rolled back after.
  const ungroupedDb = openCatalog(dbFile);
  ungroupedDb.sqlite.exec('BEGIN');
  ungroupedDb.sqlite.exec('UPDATE sessions SET duplicate_of = NULL');
  log('embedded engine, in-process, grouped and not grouped, each query run on both in turn…');
  const paired = await runPaired(embeddedSearch(sqlite), embeddedSearch(ungroupedDb.sqlite, { inLineBuildLimit: Number.MAX_SAFE_INTEGER }), queries);
  ungroupedDb.sqlite.exec('ROLLBACK');
  ungroupedDb.sqlite.close();
  const p95Of = (r: Results) => pooled([...r.values()].flatMap((o) => ('na' in o ? [] : [o.times]))).p95;
  const [grouped95, u95] = [p95Of(paired.grouped), p95Of(paired.ungrouped)];
  log(`embedded p95 over all queries: ${ms(grouped95)} ms grouped, ${ms(u95)} ms not grouped`);

  log('starting the stack on this catalogue…');
  const stackStarted = performance.now();
  stack = await startStack({ dataDir, ports: 'random', output: 'quiet', env: { CLOCK_NOW } });
  const stackSeconds = (performance.now() - stackStarted) / 1000;
  log(`stack ready in ${fmt(stackSeconds, 1)} s; sequential requests through the gateway…`);
  const gateway = await runGateway(stack.gatewayUrl, queries);
  log(`autocannon: ${connections} connections, ${duration} s, cycling through the query set…`);
  const throughput = await gatewayThroughput(stack.gatewayUrl, queries, gateway);
  log('the flagship query on this catalogue…');
  const flagship = await flagshipAtScale(stack.gatewayUrl, sqlite);
  const stackRss = { gateway: peakRssMbOf(stack.processes.get('gateway')?.pid), catalog: peakRssMbOf(stack.processes.get('catalog')?.pid) };
  await stack.stop();
  stack = undefined;

  const engines: EngineRun[] = [];
  if (!values['skip-comparison']) {
    for (const [engine, name] of [
      ['orama', `@orama/orama ${packageVersion('@orama/orama')}`],
      ['minisearch', `minisearch ${packageVersion('minisearch')}`],
    ] as const) {
      log(`${name}: loading ${fmt(imported.sessions)} sessions (budget ${budgetMs / 1000} s to load, ${budgetMs / 1000} s for the queries)…`);
      engines.push(await runComparison(engine, name, queries));
    }
  }
  if (values.meilisearch) engines.push(await runMeilisearch(sqlite, imported.sessions, queries));

  // ---- report
  const judge = qualityJudge(sqlite);
  const columns: { name: string; results: Results }[] = [
    { name: 'embedded', results: direct.results },
    { name: 'gateway', results: gateway },
    ...engines.map((e) => ({ name: e.name.split(' ')[0]!, results: e.results })),
  ];
  const cell = (o: Outcome | undefined) => {
    if (!o) return 'n/a';
    if ('na' in o) return o.na;
    const s = stats(o.times);
    return `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
  };

  console.log(`\n### Per query (p50 / p95 / p99 ms; total matches from the embedded engine)\n`);
  console.log(`| query | matches | ${columns.map((c) => c.name).join(' | ')} |`);
  console.log(`|---|---:|${columns.map(() => '---|').join('')}`);
  for (const q of queries) {
    const d = direct.results.get(q.id);
    console.log(`| ${q.id} ${q.label} | ${d && !('na' in d) ? fmt(d.total) : ''} | ${columns.map((c) => cell(c.results.get(q.id))).join(' | ')} |`);
  }

  // Quality on the queries with words.
  const textQueries = queries.filter((q) => q.intended);
  const embeddedTop = (id: string) => {
    const o = direct.results.get(id);
    return o && !('na' in o) ? o.top : [];
  };
  interface Quality {
    judged: number;
    relevant: number;
    shown: number;
    expectedHit: number;
    expectedOf: number;
    overlap: number;
    overlapOf: number;
  }
  const quality = new Map<string, Quality>();
  console.log(
    `\n### Result quality on the ${textQueries.length} queries with words (top 10: hits holding every intended word, the last one as a prefix · expected training found · overlap with the embedded top 10)\n`,
  );
  console.log(`| query | ${columns.map((c) => c.name).join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---|').join('')}`);
  for (const c of columns) quality.set(c.name, { judged: 0, relevant: 0, shown: 0, expectedHit: 0, expectedOf: 0, overlap: 0, overlapOf: 0 });
  for (const q of textQueries) {
    const cells = columns.map((c) => {
      const o = c.results.get(q.id);
      if (!o || 'na' in o) return 'n/a';
      const acc = quality.get(c.name)!;
      const top = o.top.slice(0, 10);
      const { relevant, expected } = judge(q, top);
      const base = embeddedTop(q.id).slice(0, 10);
      const overlap = top.filter((id) => base.includes(id)).length;
      acc.judged++;
      acc.relevant += relevant;
      acc.shown += top.length;
      if (expected !== undefined) {
        acc.expectedOf++;
        if (expected) acc.expectedHit++;
      }
      if (base.length) {
        acc.overlap += overlap / Math.min(10, base.length);
        acc.overlapOf++;
      }
      return `${relevant}/${top.length}${expected === undefined ? '' : expected ? ' ✓' : ' ✗'} · ${base.length ? overlap : '–'}`;
    });
    console.log(`| ${q.id} ${JSON.stringify(q.query)} | ${cells.join(' | ')} |`);
  }

  // ---- the README table
  const familyCell = (results: Results, family: Family | 'all') => {
    const qs = queries.filter((q) => family === 'all' || q.family === family);
    const times: number[][] = [];
    let measured = 0;
    for (const q of qs) {
      const o = results.get(q.id);
      if (o && !('na' in o)) {
        times.push(o.times);
        measured++;
      }
    }
    if (measured === 0) return qs.some((q) => (results.get(q.id) as { na?: string } | undefined)?.na === 'exceeded') ? 'exceeded' : 'n/a';
    const s = pooled(times);
    return `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}${measured < qs.length ? ` (${measured} of ${qs.length})` : ''}`;
  };
  const cpu = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'})`;
  const header = [
    '',
    'embedded (in-memory index), in-process',
    'embedded, through the gateway',
    ...engines.map((e) => (e.load && !e.load.complete ? `${e.name} (partial: queries on ${fmt(e.load.loaded)} of ${fmt(e.load.total)} sessions)` : e.name)),
  ];
  const rows: string[][] = [];
  const loadCell = (e: EngineRun) => {
    if (!e.load) return e.note ?? 'not loaded';
    const rate = e.load.loaded / (e.load.ms / 1000);
    const text = `${fmt(e.load.ms / 1000, 1)} s (${fmt(rate)} sessions/s)`;
    return e.load.complete ? text : `exceeded: ${fmt(e.load.loaded)} of ${fmt(e.load.total)} in ${text}, ≈ ${fmt(e.load.total / rate)} s for all`;
  };
  rows.push([
    `load ${fmt(imported.sessions)} sessions`,
    `${fmt(imported.seconds, 1)} s = ${fmt(importRate)} sessions/s (indexer on LHEO .xml.gz${imported.reused ? ', earlier run' : ''})`,
    `(same catalogue file; stack start ${fmt(stackSeconds, 1)} s)`,
    ...engines.map(loadCell),
  ]);
  rows.push([
    'memory',
    `indexer peak RSS ${fmt(imported.peakRssMb)} MB; DB ${fmt(fs.statSync(dbFile).size / 1024 / 1024)} MB`,
    `peak RSS: catalog ${fmt(stackRss.catalog)} MB, gateway ${fmt(stackRss.gateway)} MB`,
    ...engines.map((e) => e.memory ?? (e.load ? `heap ${fmt(e.load.heapMb)} MB, peak RSS ${fmt(e.peakRssMb)} MB` : '–')),
  ]);
  for (const family of FAMILIES) {
    const n = queries.filter((q) => q.family === family).length;
    rows.push([`${family} (${n} q) p50 / p95 / p99 ms`, ...columns.map((c) => familyCell(c.results, family))]);
  }
  rows.push([`**all ${queries.length} queries** p50 / p95 / p99 ms`, ...columns.map((c) => `**${familyCell(c.results, 'all')}**`)]);
  rows.push([
    'throughput',
    '–',
    `${fmt(throughput.rps)} req/s, ${connections} connections: p50 ${ms(throughput.p50)}, p97.5 ${ms(throughput.p97_5)}, p99 ${ms(throughput.p99)} ms, ${throughput.errors} errors`,
    ...engines.map(() => '–'),
  ]);
  const q = (name: string) => quality.get(name)!;
  rows.push([
    `quality: expected training in top 10`,
    ...columns.map((c) => (q(c.name).expectedOf ? `${q(c.name).expectedHit} / ${q(c.name).expectedOf}` : 'n/a')),
  ]);
  rows.push([
    `quality: top-10 hits holding every word`,
    ...columns.map((c) => (q(c.name).shown ? `${fmt((100 * q(c.name).relevant) / q(c.name).shown)} % (${q(c.name).judged} q)` : 'n/a')),
  ]);
  rows.push([
    `quality: top-10 overlap with embedded`,
    ...columns.map((c) => (q(c.name).overlapOf ? `${fmt((100 * q(c.name).overlap) / q(c.name).overlapOf)} %` : 'n/a')),
  ]);

  console.log(`\n### bench:search — ${fmt(imported.sessions)} generated sessions, ${queries.length} queries × ${runs} runs, ${cpu}, Node ${process.version}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---')).join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const notes = engines.filter((e) => e.note).map((e) => `${e.name}: ${e.note}`);
  console.log(
    `\nLatency in ms, p50 / p95 / p99 over the runs of the family's queries, each query weighing the same; the gateway figures are sequential POSTs of \`searchTrainings\` (session id, dates, price, title) over loopback. ` +
      `"n/a": the engine (or the running supergraph) lacks a feature the query needs; "exceeded": its ${budgetMs / 1000} s budget ran out. ` +
      `Orama has one typo tolerance per query and prefix-matches every word; minisearch has no facets, geo or sort.${notes.length ? ` ${notes.join('; ')}.` : ''}`,
  );

  const f = stats(flagship.times);
  console.log(
    `\nFlagship query on this catalogue (Camille aiming at ${flagship.codes.join(' and ')}, the most common jobs here: ${fmt(flagship.candidates)} candidate sessions before related jobs; ${flagship.recommended} recommended): ` +
      `first request ${ms(flagship.firstMs)} ms (candidates read), then ${runs} sequential p50 / p95 / p99 ${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)} ms; ` +
      `${connections} connections for ${duration} s: ${fmt(flagship.load.rps)} req/s, p50 / p95 / p99 ${ms(flagship.load.p50)} / ${ms(flagship.load.p95)} / ${ms(flagship.load.p99)} ms, ${flagship.load.errors} errors.`,
  );

  // Targets of the issue.
  const all = (r: Results) => {
    const t: number[][] = [];
    for (const o of r.values()) if (!('na' in o)) t.push(o.times);
    return pooled(t);
  };
  const e95 = all(direct.results).p95;
  const g95 = all(gateway).p95;
  const check = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `\nDuplicates across numbering: ${grouping ? `${fmt(grouping.groupedPairs)} grouped pairs, ${fmt(grouping.truePairs)} injected, precision ${grouping.precision.toFixed(4)} ${check(grouping.precision >= 0.99)} (≥ 0.99), recall ${grouping.recall.toFixed(4)} ${check(grouping.recall >= 0.95)} (≥ 0.95)` : 'not measured (no duplicates.tsv)'}; ` +
      `embedded p95 over all queries, run in turn on the same catalogue: ${ms(grouped95)} ms grouped vs ${ms(u95)} ms not grouped (${fmt((100 * (grouped95 - u95)) / u95, 1)} %, within 10 % ${check(grouped95 <= u95 * 1.1)})`,
  );
  console.log(
    `\nTargets: import ≤ 120 s ${check(imported.seconds <= 120)} (${fmt(imported.seconds, 1)} s), RSS < 1 GB ${check(imported.peakRssMb < 1024)} (${fmt(imported.peakRssMb)} MB), ` +
      `engine p95 ≤ 30 ms ${check(e95 <= 30)} (${ms(e95)}), gateway p95 ≤ 50 ms ${check(g95 <= 50)} (${ms(g95)})` +
      (engines.length
        ? engines
            .map((e) => {
              const measured = (r: Results, id: string) => {
                const o = r.get(id);
                return o !== undefined && !('na' in o);
              };
              const shared = queries.filter((x) => measured(e.results, x.id) && measured(direct.results, x.id));
              const mine = pooled(shared.map((x) => (direct.results.get(x.id) as { times: number[] }).times));
              const theirs = pooled(shared.map((x) => (e.results.get(x.id) as { times: number[] }).times));
              return `; vs ${e.name}${e.load && !e.load.complete ? ' (partial index)' : ''} on the ${shared.length} queries both ran: p50 ${ms(mine.p50)} vs ${ms(theirs.p50)} ms, p95 ${ms(mine.p95)} vs ${ms(theirs.p95)} ms`;
            })
            .join('')
        : ''),
  );
  sqlite.close();
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '';
  }
}

try {
  await main();
  await cleanUp();
  process.exit(0);
} catch (error) {
  console.error((error as Error).stack ?? error);
  await cleanUp();
  process.exit(1);
}
