// Backup and restore of the SQLite default: every subgraph's `<DATA_DIR>/<name>.sqlite`, copied
// online with SQLite's backup API (a consistent snapshot while the stack keeps running) into a
// folder with a manifest (size, SHA-256, applied migrations, rows per table). A subgraph on
// PostgreSQL (`<NAME>_DATABASE_URL`) is not in it: back that up with pg_dump.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databaseUrlVariable } from '../schema/src/subgraph/postgres.ts';
import { SUBGRAPHS } from '../schema/src/subgraphs.ts';

export const MANIFEST = 'manifest.json';

export interface BackedUpFile {
  subgraph: string;
  file: string;
  bytes: number;
  sha256: string;
  /** Migrations applied to the copy (drizzle's journal), so a restore can be matched to the code. */
  migrations: number;
  rows: Record<string, number>;
}

export interface Manifest {
  format: 1;
  createdAt: string;
  source: string;
  files: BackedUpFile[];
  /** Subgraphs left out, and why (not created yet, or on PostgreSQL). */
  skipped: { subgraph: string; reason: string }[];
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function describe(file: string): Pick<BackedUpFile, 'migrations' | 'rows'> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${path.basename(file)}: the copy fails SQLite's quick_check: ${String(check)}`);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    const rows = Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`).get() as { n: number }).n]));
    return { migrations: rows.__drizzle_migrations ?? 0, rows };
  } finally {
    db.close();
  }
}

export async function backup(dataDir: string, folder: string, env: NodeJS.ProcessEnv = process.env): Promise<Manifest> {
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) throw new Error(`${folder} is not empty: a backup goes into a new folder`);
  fs.mkdirSync(folder, { recursive: true });
  const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), source: path.resolve(dataDir), files: [], skipped: [] };
  for (const { name } of SUBGRAPHS) {
    if (env[databaseUrlVariable(name)]) {
      manifest.skipped.push({ subgraph: name, reason: `on PostgreSQL (${databaseUrlVariable(name)}): back it up with pg_dump` });
      continue;
    }
    const source = path.join(dataDir, `${name}.sqlite`);
    if (!fs.existsSync(source)) {
      manifest.skipped.push({ subgraph: name, reason: `no ${source}` });
      continue;
    }
    const file = `${name}.sqlite`;
    const target = path.join(folder, file);
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(target);
    } finally {
      db.close();
    }
    manifest.files.push({ subgraph: name, file, bytes: fs.statSync(target).size, sha256: sha256(target), ...describe(target) });
  }
  fs.writeFileSync(path.join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The processes that have one of these files open (Linux: /proc/<pid>/fd), by pid. */
export function processesHolding(files: readonly string[]): Map<number, string[]> {
  const wanted = new Set(files.flatMap((f) => [f, `${f}-wal`, `${f}-shm`]).map((f) => path.resolve(f)));
  const holding = new Map<number, string[]>();
  if (!fs.existsSync('/proc/self/fd')) return holding;
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (wanted.has(target)) holding.set(pid, [...(holding.get(pid) ?? []), path.basename(target)]);
    }
  }
  return holding;
}

export class RestoreRefused extends Error {}

/**
 * Puts a backup's files back into `dataDir`. Every file is checked against the manifest before any
 * is written; a file that a running process has open is not overwritten unless `force` (stop the
 * stack first: a running subgraph would go on with the file it has open).
 */
export function restore(folder: string, dataDir: string, options: { force?: boolean } = {}): Manifest {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST), 'utf8')) as Manifest;
  if (manifest.format !== 1) throw new RestoreRefused(`unknown manifest format ${String(manifest.format)}`);
  for (const f of manifest.files) {
    const copy = path.join(folder, f.file);
    if (!fs.existsSync(copy) || sha256(copy) !== f.sha256)
      throw new RestoreRefused(`${copy} does not match the manifest (missing or altered): nothing restored`);
  }
  const targets = manifest.files.map((f) => path.resolve(dataDir, f.file));
  const holding = processesHolding(targets);
  if (holding.size > 0 && !options.force) {
    const who = [...holding].map(([pid, files]) => `pid ${pid} (${[...new Set(files)].join(', ')})`).join('; ');
    throw new RestoreRefused(`files in ${dataDir} are open in running processes: ${who}. Stop the stack first, or pass --force: nothing restored`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  for (const [i, f] of manifest.files.entries()) {
    const target = targets[i]!;
    const temporary = `${target}.restoring`;
    fs.copyFileSync(path.join(folder, f.file), temporary);
    const fd = fs.openSync(temporary, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    // A write-ahead log left beside the old file belongs to it, not to the restored one.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(temporary, target);
  }
  return manifest;
}
