// `npm run bench:gateway`: load test of our gateway and of Hive Gateway over the same real
// subgraphs, on loopback. Prints RPS, latency p50/p95/p99, errors and peak RSS per process.
// Options: --duration 30 --connections 50 --only ours|hive
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { signCallerToken } from '@formations/schema/auth';
import { FLAGSHIP_QUERY } from '../../gateway/src/ide.ts';
import { freePort, repoRoot, startStack, exited } from '../../scripts/stack.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
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

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gateway-'));
console.log(`starting the stack (demo data in ${dataDir})…`);
const stack = await startStack({ dataDir, ports: 'random', output: 'quiet' });

// Hive Gateway on a copy of our supergraph pointing at this run's subgraph ports.
let supergraph = fs.readFileSync(path.join(repoRoot, 'schema', 'supergraph.graphql'), 'utf8');
for (const [name, url] of Object.entries(stack.subgraphUrls)) {
  supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+`), `$1${url}`);
}
const supergraphFile = path.join(dataDir, 'supergraph.graphql');
fs.writeFileSync(supergraphFile, supergraph);
const hivePort = await freePort();
const hive = spawn(
  path.join(repoRoot, 'node_modules', '.bin', 'hive-gateway'),
  ['supergraph', supergraphFile, '--port', String(hivePort), '--host', '127.0.0.1', '-c', path.join(repoRoot, 'test', 'bench', 'hive.config.ts')],
  { cwd: path.join(repoRoot, 'test'), stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
);
const hiveUrl = `http://127.0.0.1:${hivePort}/graphql`;
const cleanUp = async () => {
  if (hive.exitCode === null && hive.signalCode === null) {
    hive.kill('SIGTERM');
    await exited(hive);
  }
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
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${hivePort}/healthcheck`)).ok) break;
  } catch {
    if (i > 300) throw new Error('Hive Gateway did not start');
  }
  await new Promise((r) => setTimeout(r, 100));
}

const token = await signCallerToken({ sub: 'camille-martin', role: 'holder' });
const workloads: { name: string; body: string; headers: Record<string, string> }[] = [
  {
    name: 'flagship (Camille, with token)',
    body: JSON.stringify({ query: FLAGSHIP_QUERY, variables: { personId: 'camille-martin' } }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  },
  {
    name: 'person + CPF account (with token)',
    body: JSON.stringify({
      query: `query ($id: ID!) { person(id: $id) { givenName status competences { code label } cpfAccount { balance ceiling } } }`,
      variables: { id: 'camille-martin' },
    }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  },
  {
    name: 'catalogue search (anonymous)',
    body: JSON.stringify({
      query: `query ($q: String!) { searchTrainings(query: $q) { total hits { session { id startDate price training { title } } } } }`,
      variables: { q: 'developpeur' },
    }),
    headers: { 'content-type': 'application/json' },
  },
];
const gateways = [
  { name: 'ours (@apollo/gateway)', url: stack.gatewayUrl, pid: stack.processes.get('gateway')?.pid },
  { name: 'Hive Gateway', url: hiveUrl, pid: hive.pid },
].filter((g) => !values.only || (values.only === 'hive') === g.name.startsWith('Hive'));

interface Row {
  gateway: string;
  workload: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  note?: string;
}
const rows: Row[] = [];

for (const workload of workloads) {
  for (const gateway of gateways) {
    // Same answer from both, or the race means nothing.
    const check = (await (await fetch(gateway.url, { method: 'POST', headers: workload.headers, body: workload.body })).json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (check.errors) {
      // A gateway that cannot plan the query is reported as such, not timed.
      const first = check.errors[0];
      const note = `cannot answer: ${first?.extensions?.code ?? ''} ${first?.message.split('\n')[0] ?? ''}`.trim();
      rows.push({ gateway: gateway.name, workload: workload.name, rps: NaN, p50: NaN, p95: NaN, p99: NaN, errors: NaN, note });
      console.log(`${gateway.name} · ${workload.name}: ${note}`);
      continue;
    }
    await autocannon({ url: gateway.url, method: 'POST', headers: workload.headers, body: workload.body, connections, duration: 3 }); // warm-up
    let graphqlErrors = 0;
    const result = await autocannon({
      url: gateway.url,
      method: 'POST',
      headers: workload.headers,
      body: workload.body,
      connections,
      duration,
      setupClient: (client) => {
        client.on('body', (buf: Buffer) => {
          if (buf.includes('"errors"')) graphqlErrors++;
        });
      },
    });
    const row = {
      gateway: gateway.name,
      workload: workload.name,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p95: (result.latency as unknown as Record<string, number>).p97_5 ?? NaN,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
    };
    // autocannon reports p97.5 but not p95: take p95 from its histogram when available.
    const histogram = (result as unknown as { latency: Record<string, number> }).latency;
    row.p95 = histogram.p95 ?? row.p95;
    rows.push(row);
    console.log(`${row.gateway} · ${row.workload}: ${row.rps} req/s, p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, errors ${row.errors}`);
  }
}

const rss: [string, number][] = [
  ...[...stack.processes].map(([name, child]) => [name === 'gateway' ? 'ours (@apollo/gateway)' : `subgraph ${name}`, peakRssMb(child.pid)] as [string, number]),
  ['Hive Gateway', peakRssMb(hive.pid)],
];

console.log(`\n${duration} s per run, ${connections} concurrent connections, loopback, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), Node ${process.version}\n`);
console.log('| gateway | workload | req/s | p50 ms | p95 ms | p99 ms | errors |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(r.note ? `| ${r.gateway} | ${r.workload} | ${r.note} | | | | |` : `| ${r.gateway} | ${r.workload} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} |`);
}
console.log('\n| process | peak RSS (MB) |\n|---|---:|');
for (const [name, mb] of rss) console.log(`| ${name} | ${mb} |`);

await cleanUp();
