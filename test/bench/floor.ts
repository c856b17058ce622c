// Two floors for a query, to read the gateways' figures against:
// - the transport floor: the same subgraph fetches in the same stages, between the same number
//   of processes over loopback HTTP with keep-alive, carrying payloads of the measured sizes, but
//   every subgraph answers a constant at once and nothing runs GraphQL. No gateway executing that
//   plan on this machine can be faster.
// - instant subgraphs: the subgraphs' real answers to the query, recorded once and replayed
//   (looked up by request body), so a real gateway runs the real plan on real data while the
//   subgraphs cost next to nothing: what that gateway can do at best.
//
// As a library: `transportFloor(...)`, `instantSubgraphs(...)`, `startBareApolloGateway(...)`. As a process (spawned by them):
//   floor.ts subgraph <port> <responseBytes>
//   floor.ts gateway <port> <plan.json>
//   floor.ts record <port> <upstreamUrl> <file.json>
//   floor.ts replay <port> <file.json>
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
  const stages = depth(stage);
  return `${fetches} fetch${fetches === 1 ? '' : 'es'} in ${stages} sequential stage${stages === 1 ? '' : 's'}`;
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

/**
 * What identifies a subgraph request: its query and variables (gateways differ in the other keys
 * they send and in their order).
 */
function requestKey(body: string): string {
  const { query, variables } = JSON.parse(body) as { query?: string; variables?: unknown };
  return JSON.stringify([query, variables ?? null]);
}

/** Forwards to the real subgraph and keeps each answer, by request. */
function serveRecorder(port: number, upstream: string, file: string): void {
  const answers: Record<string, { status: number; body: string }> = {};
  http
    .createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      void readBody(req).then(async (body) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers))
          if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
        const post = req.method === 'POST';
        // The gateway's own probes (GET /health…) pass through unrecorded.
        const target = post ? upstream : new URL(req.url ?? '/', upstream).href;
        const answer = await fetch(target, { method: req.method ?? 'GET', headers, body: post ? body : undefined });
        const text = await answer.text();
        if (post) {
          answers[requestKey(body)] = { status: answer.status, body: text };
          fs.writeFileSync(file, JSON.stringify(answers));
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
    })
    .listen(port, '127.0.0.1', () => console.log('ready'));
}

/** Answers what was recorded for the same request; 404 for anything else. */
function serveReplay(port: number, file: string): void {
  const answers = new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { status: number; body: string }>));
  http
    .createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
      void readBody(req).then((body) => {
        if (req.method === 'GET' && req.url === '/health') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
          return;
        }
        let answer: { status: number; body: string } | undefined;
        try {
          answer = answers.get(requestKey(body));
        } catch {
          // not JSON: not recorded
        }
        if (!answer) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"errors":[{"message":"not recorded"}]}');
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      });
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

/**
 * Subgraphs that answer instantly what the real ones answered: each real subgraph gets a recording
 * proxy on a port of its own; `record` (run by the caller) sends the query once through a gateway
 * pointed at those ports; then replay servers take the same ports. `stop` ends them.
 */
export async function instantSubgraphs(options: {
  subgraphUrls: Record<string, string>;
  ports: () => Promise<number>;
  workDir: string;
  record: (urls: Record<string, string>) => Promise<void>;
}): Promise<{ urls: Record<string, string>; stop: () => void }> {
  const names = Object.keys(options.subgraphUrls);
  const ports = new Map<string, number>();
  for (const name of names) ports.set(name, await options.ports());
  const urls = Object.fromEntries(names.map((name) => [name, `http://127.0.0.1:${ports.get(name)}/graphql`]));
  const file = (name: string) => path.join(options.workDir, `recorded-${name}.json`);
  const recorders = await Promise.all(names.map((name) => spawnReady(['record', String(ports.get(name)), options.subgraphUrls[name]!, file(name)])));
  try {
    await options.record(urls);
  } finally {
    await Promise.all(recorders.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))));
  }
  const replays: ChildProcess[] = [];
  for (const name of names) {
    if (!fs.existsSync(file(name))) fs.writeFileSync(file(name), '{}');
    replays.push(await spawnReady(['replay', String(ports.get(name)), file(name)]));
  }
  return { urls, stop: () => replays.forEach((child) => child.kill('SIGTERM')) };
}

/** The bare Apollo Gateway (bare-apollo-gateway.ts) on a supergraph file. */
export async function startBareApolloGateway(port: number, supergraphFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(path.dirname(self), 'bare-apollo-gateway.ts'), String(port), supergraphFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`bare Apollo Gateway exited with ${code}`)));
  });
}

if (process.argv[1] === self) {
  const [mode, port, arg, extra] = process.argv.slice(2);
  if (mode === 'subgraph') serveSubgraph(Number(port), Number(arg));
  else if (mode === 'gateway') serveGateway(Number(port), JSON.parse(fs.readFileSync(arg!, 'utf8')) as FloorPlan);
  else if (mode === 'record') serveRecorder(Number(port), arg!, extra!);
  else if (mode === 'replay') serveReplay(Number(port), arg!);
  else throw new Error('usage: floor.ts subgraph <port> <responseBytes> | gateway <port> <plan.json> | record <port> <upstream> <file> | replay <port> <file>');
}
