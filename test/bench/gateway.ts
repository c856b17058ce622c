// `npm run bench:gateway`: load test of our gateway and of Hive Gateway over the same real
// subgraphs, on loopback. Prints RPS, latency p50/p95/p99, errors and peak RSS per process, and
// for each query its transport floor (floor.ts): the same plan with no GraphQL work at all.
// Options: --duration 30 --connections 50 --only ours|hive --queries search,session (names containing these)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { signCallerToken } from '@formations/schema/auth';
import { freePort, repoRoot, startGatewayProcess, startStack, exited } from '../../scripts/stack.ts';
import { describeStages, instantSubgraphs, planStages, startBareApolloGateway, transportFloor } from './floor.ts';
import { startHiveGateway } from './hive.ts';
import { runLoad, type LoadResult } from './load.ts';
import { benchQueries } from './queries.ts';

const format = (r: LoadResult) => `${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}`;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    queries: { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

/** Peak resident set (VmHWM) of a process, in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024);
  } catch {
    return NaN;
  }
}

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat utime + stime). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gateway-'));
console.log(`starting the stack (demo data in ${dataDir})…`);
const stack = await startStack({ dataDir, ports: 'random', output: 'quiet' });

// Hive Gateway on a copy of our supergraph pointing at this run's subgraph ports.
const supergraphSdl = fs.readFileSync(path.join(repoRoot, 'schema', 'supergraph.graphql'), 'utf8');
const hive = await startHiveGateway(stack.subgraphUrls, dataDir);
const hiveUrl = hive.url;
let stopInstant = async () => {};
const cleanUp = async () => {
  await stopInstant();
  await hive.stop();
  await stack.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
};
process.once('uncaughtException', (error) => {
  console.error(error);
  void cleanUp().then(() => process.exit(1));
});
process.once('unhandledRejection', (error) => {
  console.error(error);
  void cleanUp().then(() => process.exit(1));
});

const token = await signCallerToken({ sub: 'camille-martin', role: 'holder' });
// The cheapest federated read: one small entity from one subgraph. What any query costs at least
// through a gateway on this machine, beyond transport.
const someSession = (await (
  await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ searchTrainings(pageSize: 1) { hits { session { id } } } }' }),
  })
).json()) as { data: { searchTrainings: { hits: { session: { id: string } }[] } } };
const sessionId = someSession.data.searchTrainings.hits[0]!.session.id;
const wanted = values.queries?.split(',').map((w) => w.trim().toLowerCase());
const workloads = benchQueries()
  .filter((q) => !wanted || wanted.some((w) => q.name.toLowerCase().includes(w)))
  .map((q) => ({
    name: q.asHolder ? `${q.name} (Camille, with token)` : `${q.name} (anonymous)`,
    body: JSON.stringify({
      query: q.query,
      variables: Object.fromEntries(Object.entries(q.variables).map(([k, v]) => [k, v === '$sessionId' ? sessionId : v])),
    }),
    headers: { 'content-type': 'application/json', ...(q.asHolder ? { authorization: `Bearer ${token}` } : {}) } as Record<string, string>,
  }));
// Our gateway again, over subgraphs that answer instantly what the real ones answered (recorded
// once per workload, then replayed): the best it can do on this machine, whatever the subgraphs.
const instant =
  values.only === 'hive'
    ? undefined
    : await instantSubgraphs({
        subgraphUrls: stack.subgraphUrls,
        ports: freePort,
        workDir: dataDir,
        record: async (urls) => {
          const recorder = await startGatewayProcess(urls, {});
          try {
            for (const w of workloads) await (await fetch(recorder.url, { method: 'POST', headers: w.headers, body: w.body })).text();
          } finally {
            await recorder.stop();
          }
        },
      });
const instantGateway = instant && (await startGatewayProcess(instant.urls, {}));
// And Apollo Gateway bare (none of our identity, limits, resilience, telemetry) over the same.
let bareSupergraph = supergraphSdl;
for (const [name, url] of Object.entries(instant?.urls ?? {})) {
  bareSupergraph = bareSupergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+`), `$1${url}`);
}
const bareSupergraphFile = path.join(dataDir, 'supergraph-instant.graphql');
fs.writeFileSync(bareSupergraphFile, bareSupergraph);
const barePort = await freePort();
const bareGateway = instant && (await startBareApolloGateway(barePort, bareSupergraphFile));
stopInstant = async () => {
  await instantGateway?.stop();
  if (bareGateway && bareGateway.exitCode === null) {
    bareGateway.kill('SIGTERM');
    await exited(bareGateway);
  }
  instant?.stop();
};
const gateways = [
  { name: 'ours (@apollo/gateway)', url: stack.gatewayUrl, pid: stack.processes.get('gateway')?.pid },
  { name: 'Hive Gateway', url: hiveUrl, pid: hive.pid },
  ...(instantGateway
    ? [{ name: 'ours over instant subgraphs (their recorded answers replayed)', url: instantGateway.url, pid: instantGateway.process.pid }]
    : []),
  ...(bareGateway
    ? [{ name: 'bare Apollo Gateway (nothing of ours) over instant subgraphs', url: `http://127.0.0.1:${barePort}/`, pid: bareGateway.pid }]
    : []),
].filter((g) => !values.only || (values.only === 'hive') === g.name.startsWith('Hive'));

interface Row {
  gateway: string;
  workload: string;
  result?: LoadResult;
  note?: string;
  /** Ours only: CPU ms each process spent per answered request during the run. */
  cpu?: string;
}
const rows: Row[] = [];

/** Bytes sent to and received from each subgraph by our gateway so far (its Prometheus counters). */
async function subgraphTraffic(): Promise<Map<string, { request: number; response: number; fetches: number }>> {
  const text = await (await fetch(stack.gatewayUrl.replace('/graphql', '/metrics'))).text();
  const traffic = new Map<string, { request: number; response: number; fetches: number }>();
  const entry = (name: string) => traffic.get(name) ?? traffic.set(name, { request: 0, response: 0, fetches: 0 }).get(name)!;
  for (const m of text.matchAll(/^gateway_subgraph_bytes_total\{subgraph="(\w+)",direction="(request|response)"\} (\d+)/gm))
    entry(m[1]!)[m[2] as 'request' | 'response'] = Number(m[3]);
  for (const m of text.matchAll(/^gateway_subgraph_requests_total\{subgraph="(\w+)",outcome="ok"\} (\d+)/gm)) entry(m[1]!).fetches = Number(m[2]);
  return traffic;
}

for (const workload of workloads) {
  // The floor under this workload: our gateway's plan for it, with the payload sizes of one real execution.
  const before = await subgraphTraffic();
  const answer = await (await fetch(stack.gatewayUrl, { method: 'POST', headers: workload.headers, body: workload.body })).text();
  const after = await subgraphTraffic();
  const bytes = new Map<string, { request: number; response: number }>();
  for (const [name, t] of after) {
    const b = before.get(name) ?? { request: 0, response: 0, fetches: 0 };
    const fetches = t.fetches - b.fetches;
    if (fetches > 0) bytes.set(name, { request: Math.round((t.request - b.request) / fetches), response: Math.round((t.response - b.response) / fetches) });
  }
  const { query } = JSON.parse(workload.body) as { query: string };
  const stages = planStages(supergraphSdl, query);

  for (const gateway of gateways) {
    // Same answer from both, or the race means nothing.
    const check = (await (await fetch(gateway.url, { method: 'POST', headers: workload.headers, body: workload.body })).json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (!check.errors && JSON.stringify(check.data) !== JSON.stringify((JSON.parse(answer) as { data?: unknown }).data)) {
      check.errors = [{ message: 'an answer different from our gateway’s over the real subgraphs' }];
    }
    if (check.errors) {
      // A gateway that cannot plan the query is reported as such, not timed.
      const first = check.errors[0];
      const note = `cannot answer: ${first?.extensions?.code ?? ''} ${first?.message.split('\n')[0] ?? ''}`.trim();
      rows.push({ gateway: gateway.name, workload: workload.name, note });
      console.log(`${gateway.name} · ${workload.name}: ${note}`);
      continue;
    }
    const ours = gateway.url === stack.gatewayUrl;
    const before = ours ? [...stack.processes].map(([name, child]) => [name, cpuMs(child.pid)] as const) : [];
    const result = await runLoad({ url: gateway.url, headers: workload.headers, body: workload.body, connections, duration });
    const cpu = before.map(([name, ms]) => `${name} ${((cpuMs(stack.processes.get(name)?.pid) - ms) / Math.max(1, result.requests)).toFixed(2)}`);
    rows.push({ gateway: gateway.name, workload: workload.name, result, cpu: cpu.join(', ') });
    console.log(`${gateway.name} · ${workload.name}: ${format(result)}${cpu.length ? ` · CPU ms per request: ${cpu.join(', ')}` : ''}`);
    if (ours && workload.name.startsWith('flagship')) {
      // The issue's latency target is set at 8 connections.
      const few = await runLoad({ url: gateway.url, headers: workload.headers, body: workload.body, connections: 8, duration });
      rows.push({ gateway: `${gateway.name}, 8 connections`, workload: workload.name, result: few });
      console.log(`${gateway.name} (8 connections) · ${workload.name}: ${format(few)}`);
    }
  }

  const floorName = `transport floor (${describeStages(stages)}, instant constant answers)`;
  const result = await transportFloor({
    root: stages,
    bytes,
    answerBytes: Buffer.byteLength(answer),
    requestBody: workload.body,
    ports: freePort,
    workDir: dataDir,
    connections,
    duration,
  });
  rows.push({ gateway: floorName, workload: workload.name, result });
  console.log(`${floorName} · ${workload.name}: ${format(result)}`);
  const oursRow = rows.find((r) => r.workload === workload.name && r.gateway === 'ours (@apollo/gateway)' && r.result);
  if (oursRow?.result)
    console.log(`ours / transport floor · ${workload.name}: ${Math.round((100 * oursRow.result.rps) / Math.max(1, result.rps))} % of the floor's throughput`);
}

const rss: [string, number][] = [
  ...[...stack.processes].map(
    ([name, child]) => [name === 'gateway' ? 'ours (@apollo/gateway)' : `subgraph ${name}`, peakRssMb(child.pid)] as [string, number],
  ),
  ['Hive Gateway', peakRssMb(hive.pid)],
];

console.log(
  `\n${duration} s per run, ${connections} concurrent connections, loopback, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), Node ${process.version}\n`,
);
console.log('| gateway | workload | req/s | % of floor | p50 ms | p95 ms | p99 ms | errors | CPU ms per request (ours) |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
for (const { gateway, workload, result: r, note, cpu } of rows) {
  const floor = rows.find((f) => f.workload === workload && f.gateway.startsWith('transport floor'))?.result;
  const share = r && floor ? `${Math.round((100 * r.rps) / Math.max(1, floor.rps))} %` : '';
  console.log(
    r
      ? `| ${gateway} | ${workload} | ${r.rps} | ${share} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${cpu ?? ''} |`
      : `| ${gateway} | ${workload} | ${note} | | | | | | |`,
  );
}
console.log('\n| process | peak RSS (MB) |\n|---|---:|');
for (const [name, mb] of rss) console.log(`| ${name} | ${mb} |`);

await cleanUp();
