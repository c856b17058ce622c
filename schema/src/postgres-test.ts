// A real PostgreSQL for the tests: `TEST_DATABASE_URL` when given, otherwise a throwaway server
// (fresh data folder in a temporary directory, a free loopback port of ports.ts, stopped after the run)
// started from the machine's PostgreSQL binaries: `PG_BIN`, else Debian's /usr/lib/postgresql/<v>/bin,
// else `initdb` on the PATH (`.ci/run` installs Debian's `postgresql` when none is found).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { onFreePort, PortTakenError, saysPortTaken } from './ports.ts';

export interface PostgresServer {
  /** The server's maintenance database (`postgres`), as its superuser. */
  url: string;
  stop: () => Promise<void>;
}

function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debian = '/usr/lib/postgresql';
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).filter((v) => fs.existsSync(path.join(debian, v, 'bin', 'initdb'))) : [];
  if (versions.length > 0) return path.join(debian, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (found) return path.dirname(fs.realpathSync(found));
  throw new Error("no PostgreSQL server binaries (initdb, postgres): install Debian's postgresql, set PG_BIN, or give TEST_DATABASE_URL");
}

/** PostgreSQL refuses to run as root: then the server runs as `postgres` (Debian's) or `nobody`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const users = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'));
  const user = users.find((u) => u[0] === 'postgres') ?? users.find((u) => u[0] === 'nobody');
  if (!user) throw new Error('running as root and neither a postgres nor a nobody user exists to run PostgreSQL');
  return { uid: Number(user[2]), gid: Number(user[3]) };
}

/** Until our server answers; another one answering on its port (a parallel run took it first) is PortTakenError. */
async function waitReady(url: string, data: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) {
      if (saysPortTaken(log())) throw new PortTakenError(`PostgreSQL: port of ${url} taken by another process`);
      throw new Error(`PostgreSQL exited (${server.exitCode}): ${log()}`);
    }
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
      await client.end();
      if (rows[0]?.data_directory !== data) throw new PortTakenError(`PostgreSQL: another server answers on ${url}`);
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (error instanceof PortTakenError) throw error;
      if (Date.now() > deadline) throw new Error(`PostgreSQL not ready after 30 s: ${(error as Error).message} ${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-pg-'));
  const data = path.join(dir, 'data');
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const initdb = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    encoding: 'utf8',
    ...user,
  });
  if (initdb.status !== 0) throw new Error(`initdb failed: ${initdb.stderr || initdb.error?.message}`);
  // Started again on another port when a parallel run takes the one chosen (the data folder is kept).
  const launch = async (port: number) => {
    // Durability settings off: a test server's data is thrown away; clients are what the tests kill.
    const settings = [
      'listen_addresses=127.0.0.1',
      `unix_socket_directories=${dir}`,
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
      'max_connections=300',
    ];
    const server = spawn(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...user,
    });
    let log = '';
    server.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log = (log + chunk).slice(-4000)));
    const kill = () => server.exitCode === null && server.kill('SIGINT');
    process.once('exit', kill);
    // A test run killed outright (SIGKILL, a timeout) runs no exit handler: this watchdog stops the
    // server and deletes its folder once the process that started it is gone.
    const watchdog = spawn(
      'sh',
      ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; kill -INT ${server.pid} 2>/dev/null; sleep 5; rm -rf '${dir}'`],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    watchdog.unref();
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      await waitReady(url, data, server, () => log);
    } catch (error) {
      watchdog.kill();
      process.removeListener('exit', kill);
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        kill();
        await exited;
      }
      throw error;
    }
    return { url, server, kill, watchdog };
  };
  let started: Awaited<ReturnType<typeof launch>>;
  try {
    started = await onFreePort(launch);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { url, server, kill, watchdog } = started;
  return {
    url,
    stop: async () => {
      process.removeListener('exit', kill);
      watchdog.kill();
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT'); // fast shutdown: disconnects clients, no waiting for them
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database on the server of `url` (each test file gets its own); returns its URL. */
export async function createDatabase(url: string, prefix = 'test'): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const created = new URL(url);
  created.pathname = `/${name}`;
  return created.toString();
}

/**
 * vitest globalSetup for a package whose tests need PostgreSQL: starts the throwaway server
 * unless TEST_DATABASE_URL is given, and passes its URL on to the test workers in that variable.
 * When it cannot, the reason goes in TEST_DATABASE_UNAVAILABLE: the PostgreSQL tests fail with
 * it (testDatabaseUrl), the others still run.
 */
export async function setup(): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE_URL) return async () => undefined;
  let server: PostgresServer;
  try {
    server = await startPostgresServer();
  } catch (error) {
    process.env.TEST_DATABASE_UNAVAILABLE = (error as Error).message;
    return async () => undefined;
  }
  process.env.TEST_DATABASE_URL = server.url;
  return async () => {
    delete process.env.TEST_DATABASE_URL;
    await server.stop();
  };
}

/** The test server's URL (from the globalSetup or TEST_DATABASE_URL); throws why there is none. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  throw new Error(
    `no PostgreSQL for the tests: ${process.env.TEST_DATABASE_UNAVAILABLE ?? 'TEST_DATABASE_URL is not set and no globalSetup started a server'}`,
  );
}

/** A small pool on `url` for a test's raw checks behind a store's back. */
export function testPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 2 });
}
