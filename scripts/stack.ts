// Starts the whole product as real processes: the subgraphs of schema/src/subgraphs.ts and the gateway.
// Used by `npm start` and by the end-to-end tests, so both run exactly the same thing.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, PortTakenError, saysPortTaken } from '@formations/schema/ports';
import { pinClock } from '../schema/src/clock.ts';
import { SUBGRAPHS, subgraphUrlVariable } from '../schema/src/subgraphs.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SERVICES = SUBGRAPHS;
export const GATEWAY = { name: 'gateway', port: 4000, entry: 'gateway/src/server.ts' } as const;

export interface StackOptions {
  dataDir: string;
  /** Fixed ports (defaults 4000–4005) or free ones chosen by the system. */
  ports?: 'default' | 'random';
  /** Extra environment for every process (e.g. a test clock). */
  env?: Record<string, string>;
  /** Where the processes' output goes. */
  output?: 'inherit' | 'quiet';
  ideToken?: string;
  /** Processes per subgraph (default 1): replicas on the same database, the gateway given every one's URL. */
  replicas?: Partial<Record<string, number>>;
  /** Gateway worker processes (GATEWAY_WORKERS); default 1. */
  gatewayWorkers?: number;
}

export interface RunningStack {
  gatewayUrl: string;
  /** Each subgraph's URL (its first replica's). */
  subgraphUrls: Record<string, string>;
  /** Every replica's URL per subgraph (one when not replicated); replica i runs as process `<name>-<i+1>` from the second. */
  replicaUrls: Record<string, string[]>;
  /** By process name: `rights`, `rights-2`…, `gateway`. */
  processes: Map<string, ChildProcess>;
  logs: Map<string, string[]>;
  /** The processes' clock settings (CLOCK_NOW, CLOCK_NOW_SET_AT when pinned): `clockFromEnv` of them tells their time. */
  clockEnv: Record<string, string>;
  /** Kills one service with SIGKILL (fault tests). */
  kill: (name: string) => Promise<void>;
  /** Starts a killed service again on the same port and waits until it is healthy. */
  start: (name: string) => Promise<void>;
  stop: () => Promise<void>;
}

export { freePort, PortTakenError };

export function run(args: string[], env: NodeJS.ProcessEnv, output: StackOptions['output'], label: string, logs: string[]): ChildProcess {
  // STACK_NODE_ARGS passes flags to every process, e.g. "--cpu-prof --cpu-prof-dir=.tmp/prof".
  const nodeArgs = env.STACK_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (stream: NodeJS.ReadableStream, sink: NodeJS.WriteStream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        if (logs.length > 500) logs.shift();
        if (output === 'inherit') sink.write(`[${label}] ${line}\n`);
      }
    });
  };
  forward(child.stdout!, process.stdout);
  forward(child.stderr!, process.stderr);
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function waitHealthy(url: string, child: ChildProcess, label: string, logs: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const tail = logs.slice(-30).join('\n');
      if (saysPortTaken(tail)) throw new PortTakenError(`${label}: port of ${url} taken by another process`);
      throw new Error(`${label} exited with code ${child.exitCode}:\n${tail}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      // Healthy means *our* child answers: on a shared machine another stack may own the port.
      // A gateway in cluster mode answers from a worker, which names its primary.
      const { pid, primary } = (await res.json()) as { pid?: number; primary?: number };
      if (res.ok && (pid === child.pid || primary === child.pid)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${label} not healthy after ${timeoutMs} ms at ${url}:\n${logs.slice(-30).join('\n')}`);
}

export async function seedIfEmpty(dataDir: string, env: NodeJS.ProcessEnv, output: StackOptions['output']): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  await Promise.all(
    SUBGRAPHS.map(async ({ name, seed }) => {
      const args = [...seed];
      if (fs.existsSync(path.join(dataDir, `${name}.sqlite`))) return;
      const logs: string[] = [];
      const code = await exited(run(args, { ...env, DATA_DIR: dataDir }, output, `seed ${name}`, logs));
      if (code !== 0) throw new Error(`seeding ${name} failed (exit ${code}):\n${logs.slice(-30).join('\n')}`);
    }),
  );
}

export async function startStack(stackOptions: StackOptions): Promise<RunningStack> {
  // A pinned clock is pinned once for every process, so they all tell the same time.
  const fromShell: Record<string, string> = process.env.CLOCK_NOW ? { CLOCK_NOW: process.env.CLOCK_NOW } : {};
  const options = { ...stackOptions, env: pinClock({ ...fromShell, ...stackOptions.env }) };
  const dataDir = path.resolve(options.dataDir);
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...options.env, DATA_DIR: dataDir };
  await seedIfEmpty(dataDir, baseEnv, options.output);

  // Random ports: another stack starting at the same moment may take one first; then start again on others.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchStack(options, baseEnv);
    } catch (error) {
      if (!(error instanceof PortTakenError) || options.ports !== 'random' || attempt === 3) throw error;
    }
  }
}

async function launchStack(options: StackOptions & { env: Record<string, string> }, baseEnv: NodeJS.ProcessEnv): Promise<RunningStack> {
  const random = options.ports === 'random';
  // One instance per process: replica i of a subgraph is `<name>-<i+1>` from the second one, on
  // the ports after the fixed ones (4101, 4102… for the second replicas) or free ones.
  const instances: { name: string; service: (typeof SERVICES)[number] | typeof GATEWAY }[] = [];
  const replicasOf = new Map<string, string[]>();
  for (const service of SERVICES) {
    const count = Math.max(1, options.replicas?.[service.name] ?? 1);
    const names = Array.from({ length: count }, (_, i) => (i === 0 ? service.name : `${service.name}-${i + 1}`));
    replicasOf.set(service.name, names);
    for (const name of names) instances.push({ name, service });
  }
  instances.push({ name: GATEWAY.name, service: GATEWAY });
  const ports = new Map<string, number>();
  for (const { name, service } of instances) {
    const replica = Number(/-(\d+)$/.exec(name)?.[1] ?? 1) - 1;
    ports.set(name, random ? await freePort() : service.port + 100 * replica);
  }

  const processes = new Map<string, ChildProcess>();
  const logs = new Map<string, string[]>();
  const subgraphUrls: Record<string, string> = {};
  const envOf = new Map<string, NodeJS.ProcessEnv>();

  const launch = async (name: string, entry: string, env: NodeJS.ProcessEnv) => {
    const serviceLogs = logs.get(name) ?? [];
    logs.set(name, serviceLogs);
    const child = run([entry], env, options.output, name, serviceLogs);
    processes.set(name, child);
    envOf.set(name, env);
    // STACK_READY_TIMEOUT_MS: more than a minute to become healthy, on a machine other work keeps busy.
    await waitHealthy(`http://127.0.0.1:${ports.get(name)}/health`, child, name, serviceLogs, Number(env.STACK_READY_TIMEOUT_MS ?? 60_000));
  };

  const stop = async () => {
    await Promise.all(
      [...processes.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited(child);
        clearTimeout(timer);
      }),
    );
  };

  // Every process knows where the subgraphs are: the gateway routes to them (every replica), and a
  // subgraph that delivers commands to others (dossiers' outbox) sends them there (replica i of a
  // subgraph to replica i of the other, when it has that many).
  const urlOf = (name: string) => `http://127.0.0.1:${ports.get(name)}/graphql`;
  const replicaUrls: Record<string, string[]> = {};
  for (const { name } of SERVICES) {
    replicaUrls[name] = replicasOf.get(name)!.map(urlOf);
    subgraphUrls[name] = replicaUrls[name][0]!;
  }
  const urlEnvFor = (replica: number) =>
    Object.fromEntries(SERVICES.map(({ name }) => [subgraphUrlVariable(name), replicaUrls[name]![replica % replicaUrls[name]!.length]!]));
  try {
    await Promise.all(
      SERVICES.flatMap((service) =>
        replicasOf.get(service.name)!.map((name, replica) => launch(name, service.entry, { ...baseEnv, ...urlEnvFor(replica), PORT: String(ports.get(name)) })),
      ),
    );
    const gatewayEnv: NodeJS.ProcessEnv = { ...baseEnv, PORT: String(ports.get(GATEWAY.name)) };
    for (const { name } of SERVICES) gatewayEnv[subgraphUrlVariable(name)] = replicaUrls[name]!.join(',');
    if (options.gatewayWorkers && options.gatewayWorkers > 1) gatewayEnv.GATEWAY_WORKERS = String(options.gatewayWorkers);
    if (options.ideToken) gatewayEnv.IDE_TOKEN = options.ideToken;
    await launch(GATEWAY.name, GATEWAY.entry, gatewayEnv);
  } catch (error) {
    await stop();
    throw error;
  }

  const kill = async (name: string) => {
    const child = processes.get(name);
    if (!child) throw new Error(`no service ${name}`);
    child.kill('SIGKILL');
    await exited(child);
  };
  const start = async (name: string) => {
    const instance = instances.find((s) => s.name === name);
    if (!instance) throw new Error(`no service ${name}`);
    await launch(name, instance.service.entry, envOf.get(name)!);
  };

  const clockEnv = Object.fromEntries(Object.entries(options.env).filter(([name]) => name.startsWith('CLOCK_NOW')));
  return { gatewayUrl: `http://127.0.0.1:${ports.get(GATEWAY.name)}/graphql`, subgraphUrls, replicaUrls, processes, logs, clockEnv, kill, start, stop };
}

/** One extra gateway process over running subgraphs, with its own settings (production mode tests, benchmarks). */
export async function startGatewayProcess(
  subgraphUrls: Record<string, string>,
  env: Record<string, string>,
): Promise<{ url: string; process: ChildProcess; logs: string[]; stop: () => Promise<void> }> {
  const port = await freePort();
  const gatewayEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port) };
  for (const [name, url] of Object.entries(subgraphUrls)) gatewayEnv[subgraphUrlVariable(name)] = url;
  const logs: string[] = [];
  const child = run([GATEWAY.entry], gatewayEnv, 'quiet', 'gateway', logs);
  await waitHealthy(`http://127.0.0.1:${port}/health`, child, 'gateway', logs);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    process: child,
    logs,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited(child);
      }
    },
  };
}
