// The transport floor of a query plan: the same subgraph fetches in the same stages, between
// the same number of processes over loopback HTTP with keep-alive, carrying payloads of the
// measured sizes — but every subgraph answers a constant at once and nothing runs GraphQL.
// No gateway executing that plan on this machine can be faster than this; the benchmark
// prints it next to the real gateways so their figures can be read against it.
//
// As a library: `transportFloor(...)`. As a process (spawned by it):
//   floor.ts subgraph <port> <responseBytes>
//   floor.ts gateway <port> <plan.json>
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import { runLoad, type LoadResult } from './load.ts';

/** A query plan reduced to what costs transport: which subgraph is fetched, in which order. */
export type Stage = { kind: 'Sequence' | 'Parallel'; nodes: Stage[] } | { kind: 'Fetch'; service: string };

interface FloorPlan {
  root: Stage;
  /** Per subgraph: port of its floor server, bytes of one request body. */
  subgraphs: Record<string, { port: number; requestBytes: number }>;
  answerBytes: number;
}

function stageOf(node: PlanNode): Stage {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: node.nodes.map(stageOf) };
    case 'Flatten':
      return stageOf(node.node);
    case 'Fetch':
      return { kind: 'Fetch', service: node.serviceName };
    default:
      throw new Error(`transport floor: plan node ${node.kind} is not modelled`);
  }
}

/** The plan Apollo's query planner makes for `query` on the supergraph, reduced to its fetches. */
export function planStages(supergraphSdl: string, query: string): Stage {
  const supergraph = Supergraph.build(supergraphSdl);
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
  if (!plan.node || plan.node.kind === 'Subscription') throw new Error('transport floor: models queries that fetch');
  return stageOf(plan.node);
}

export function fetchCounts(stage: Stage, counts = new Map<string, number>()): Map<string, number> {
  if (stage.kind === 'Fetch') counts.set(stage.service, (counts.get(stage.service) ?? 0) + 1);
  else for (const node of stage.nodes) fetchCounts(node, counts);
  return counts;
}

export function describeStages(stage: Stage): string {
  const counts = fetchCounts(stage);
  const depth = (s: Stage): number =>
    s.kind === 'Fetch' ? 1 : s.kind === 'Sequence' ? s.nodes.reduce((sum, n) => sum + depth(n), 0) : Math.max(...s.nodes.map(depth));
  const fetches = [...counts.values()].reduce((a, b) => a + b, 0);
  return `${fetches} fetches in ${depth(stage)} sequential stages`;
}

/** A JSON document of exactly `bytes` bytes (at least a few). */
function jsonOfSize(bytes: number): string {
  const frame = '{"data":""}';
  return `{"data":"${'x'.repeat(Math.max(0, bytes - frame.length))}"}`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function serveSubgraph(port: number, responseBytes: number): void {
  const body = jsonOfSize(responseBytes);
  http
    .createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      void readBody(req).then((text) => {
        JSON.parse(text);
        answer(res, body);
      });
    })
    .listen(port, '127.0.0.1', () => console.log('ready'));
}

function serveGateway(port: number, plan: FloorPlan): void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });
  const bodies = new Map(Object.entries(plan.subgraphs).map(([name, s]) => [name, jsonOfSize(s.requestBytes)]));
  const answerBody = jsonOfSize(plan.answerBytes);
  const fetchOne = (service: string) =>
    new Promise<unknown>((resolve, reject) => {
      const body = bodies.get(service)!;
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: plan.subgraphs[service]!.port,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const run = async (stage: Stage): Promise<void> => {
    if (stage.kind === 'Fetch') await fetchOne(stage.service);
    else if (stage.kind === 'Parallel') await Promise.all(stage.nodes.map(run));
    else for (const node of stage.nodes) await run(node);
  };
  http
    .createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      void readBody(req)
        .then((text) => {
          JSON.parse(text);
          return run(plan.root);
        })
        .then(
          () => answer(res, answerBody),
          (error: Error) => {
            res.writeHead(502);
            res.end(error.message);
          },
        );
    })
    .listen(port, '127.0.0.1', () => console.log('ready'));
}

const self = fileURLToPath(import.meta.url);

function spawnReady(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', self, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`floor process ${args.join(' ')} exited with ${code}`)));
  });
}

/**
 * Runs the floor of `root` under the same load as the gateways. `bytes` gives, per subgraph, the mean request and
 * response body of one fetch (the gateway's gateway_subgraph_bytes_total over its fetches).
 */
export async function transportFloor(options: {
  root: Stage;
  bytes: Map<string, { request: number; response: number }>;
  answerBytes: number;
  requestBody: string;
  ports: () => Promise<number>;
  workDir: string;
  connections: number;
  duration: number;
}): Promise<LoadResult> {
  const children: ChildProcess[] = [];
  try {
    const plan: FloorPlan = { root: options.root, subgraphs: {}, answerBytes: options.answerBytes };
    for (const service of fetchCounts(options.root).keys()) {
      const size = options.bytes.get(service);
      if (!size) throw new Error(`transport floor: no payload size measured for ${service}`);
      const port = await options.ports();
      plan.subgraphs[service] = { port, requestBytes: size.request };
      children.push(await spawnReady(['subgraph', String(port), String(size.response)]));
    }
    const planFile = path.join(options.workDir, 'floor-plan.json');
    fs.writeFileSync(planFile, JSON.stringify(plan));
    const port = await options.ports();
    children.push(await spawnReady(['gateway', String(port), planFile]));
    return await runLoad({
      url: `http://127.0.0.1:${port}/graphql`,
      headers: { 'content-type': 'application/json' },
      body: options.requestBody,
      connections: options.connections,
      duration: options.duration,
    });
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

if (process.argv[1] === self) {
  const [mode, port, arg] = process.argv.slice(2);
  if (mode === 'subgraph') serveSubgraph(Number(port), Number(arg));
  else if (mode === 'gateway') serveGateway(Number(port), JSON.parse(fs.readFileSync(arg!, 'utf8')) as FloorPlan);
  else throw new Error('usage: floor.ts subgraph <port> <responseBytes> | gateway <port> <plan.json>');
}
