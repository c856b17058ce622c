// `npm run bench:profile`: where the CPU goes under load. Starts the stack with V8's sampling
// profiler in every process (STACK_NODE_ARGS), runs one bench workload, stops the stack (each
// process writes its .cpuprofile on exit) and prints, per process, the self time by layer (our
// code, graphql-js, Apollo, the HTTP stack, SQLite, GC…) and the heaviest functions.
// Options: --query flagship (a bench workload name contains it) --duration 20 --connections 8 --keep DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signCallerToken } from '@formations/schema/auth';
import { startStack } from '../../scripts/stack.ts';
import { runLoad } from './load.ts';
import { benchQueries } from './queries.ts';

const { values } = parseArgs({
  options: {
    query: { type: 'string', default: 'flagship, README' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '8' },
    keep: { type: 'string' },
  },
});

const workload = benchQueries().find((q) => q.name.toLowerCase().includes(values.query!.toLowerCase()));
if (!workload) throw new Error(`no bench workload named like "${values.query}" (test/bench/queries.ts)`);
if (Object.values(workload.variables).includes('$sessionId')) throw new Error('profile a workload without $sessionId');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
const profileDir = values.keep ? path.resolve(values.keep) : path.join(dataDir, 'profiles');
fs.mkdirSync(profileDir, { recursive: true });
console.log(`profiling "${workload.name}" at ${values.connections} connections for ${values.duration} s (profiles in ${profileDir})…`);
const stack = await startStack({
  dataDir,
  ports: 'random',
  output: 'quiet',
  env: { STACK_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${profileDir} --cpu-prof-interval=200` },
});
const pids = new Map([...stack.processes].map(([name, child]) => [child.pid!, name]));
let result;
// V8 stamps samples with the monotonic clock process.hrtime reads: only the measured run counts
// (not start-up, module loading, the warm-up or the shutdown).
let window = { from: 0, to: 0 };
try {
  const token = await signCallerToken({ sub: 'camille-martin', role: 'holder' });
  const warmUp = 3;
  const started = process.hrtime.bigint();
  result = await runLoad({
    warmUp,
    url: stack.gatewayUrl,
    body: JSON.stringify({ query: workload.query, variables: workload.variables }),
    headers: { 'content-type': 'application/json', ...(workload.asHolder ? { authorization: `Bearer ${token}` } : {}) },
    connections: Number(values.connections),
    duration: Number(values.duration),
  });
  window = { from: Number(started / 1000n) + warmUp * 1e6, to: Number(process.hrtime.bigint() / 1000n) };
} finally {
  await stack.stop();
}
console.log(
  `${result.rps} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms, errors ${result.errors}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The layer a frame belongs to, from its script's path. */
function layer(url: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)' || name === '(idle)') return name;
  if (!url) return 'V8 / native';
  if (url.startsWith('node:')) return /http|net|stream|_http/.test(url) ? 'node http/net/streams' : 'node (other)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) {
    if (pkg === 'graphql') return 'graphql-js';
    if (pkg.startsWith('@apollo/') || pkg.startsWith('@graphql-tools/')) return `${pkg}`;
    if (pkg === 'better-sqlite3' || pkg === 'drizzle-orm') return 'SQLite + drizzle';
    if (pkg.startsWith('@opentelemetry/')) return 'OpenTelemetry';
    if (pkg === 'tsx' || pkg === 'esbuild') return 'tsx (module loading)';
    return pkg;
  }
  const ours = /\/(gateway|schema|subgraphs\/[^/]+|scripts)\/src\//.exec(url) ?? /\/(gateway|schema|subgraphs\/[^/]+)\//.exec(url);
  return ours ? `ours: ${ours[1]}` : 'other';
}

for (const file of fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
  const pid = Number(file.split('.')[3]);
  const name = pids.get(pid);
  if (!name) continue;
  const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= window.from && at <= window.to) self.set(id, (self.get(id) ?? 0) + delta);
  });
  const layers = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const l = layer(url, functionName);
    if (l === '(idle)' || l === '(program)') continue;
    busy += us;
    layers.set(l, (layers.get(l) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|schema|subgraphs|scripts)\//, '$1/')}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const perRequest = busy / 1000 / Math.max(1, result.requests);
  console.log(`## ${name}: ${(busy / 1e6).toFixed(1)} s of CPU sampled during the run, ≈ ${perRequest.toFixed(2)} ms per request`);
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(
    top(layers, 8)
      .map(([l, us]) => `  ${((100 * us) / busy).toFixed(0).padStart(3)} %  ${l}`)
      .join('\n'),
  );
  console.log('  heaviest functions (self time):');
  console.log(
    top(functions, 8)
      .map(([f, us]) => `  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${f}`)
      .join('\n'),
  );
  console.log('');
}
if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
