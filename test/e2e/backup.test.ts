// `npm run backup` / `npm run restore` on the SQLite default: an online backup of the running
// stack, a restore that the running stack's open files refuse, and a restore that undoes a change.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Manifest } from '../../scripts/sqlite-backup.ts';

const root = path.resolve(import.meta.dirname, '../..');
const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-backup-'));
const folder = path.join(temporary, 'backup');
const elsewhere = path.join(temporary, 'data');
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

const npmRun = (script: 'backup' | 'restore', dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });

function rowsOf(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

describe('backup and restore of the SQLite files', () => {
  let manifest: Manifest;

  it('backs up every subgraph of the running stack, with a manifest', () => {
    const run = npmRun('backup', inject('dataDir'), folder);
    expect(run.status, run.stderr).toBe(0);
    manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.files.map((f) => f.subgraph).sort()).toEqual(['abondements', 'catalog', 'dossiers', 'passport', 'rights']);
    const rights = manifest.files.find((f) => f.subgraph === 'rights')!;
    expect(rights.rows.ledger_entries).toBeGreaterThan(0);
    expect(rights.migrations).toBeGreaterThan(0);
    for (const f of manifest.files) expect(rowsOf(path.join(folder, f.file))).toEqual(f.rows);
  });

  it('refuses to overwrite the files of a running stack, naming the processes', () => {
    const run = npmRun('restore', inject('dataDir'), folder);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/open in running processes: pid \d+ \(.*\.sqlite/);
    expect(run.stderr).toContain('nothing restored');
  });

  it('restores into a stopped data folder, undoing what changed since the backup', async () => {
    expect(npmRun('restore', elsewhere, folder).status).toBe(0);
    const rightsFile = path.join(elsewhere, 'rights.sqlite');
    const db = new Database(rightsFile);
    db.prepare("INSERT INTO activity_years (person_id, year, facts, recorded_at) VALUES ('after-backup', 2025, '{}', '2026-12-03')").run();
    db.close();
    expect(rowsOf(rightsFile).activity_years).toBe(manifest.files.find((f) => f.subgraph === 'rights')!.rows.activity_years! + 1);

    // A process with the file open (as a subgraph would have) blocks the restore.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const d = new (require('better-sqlite3'))(${JSON.stringify(rightsFile)}); d.prepare('SELECT 1').get(); console.log('open'); setInterval(() => {}, 1000)`,
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      await new Promise((resolve) => holder.stdout.once('data', resolve));
      const refused = npmRun('restore', elsewhere, folder);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`pid ${holder.pid} (rights.sqlite`);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }

    const restored = npmRun('restore', elsewhere, folder);
    expect(restored.status, restored.stderr).toBe(0);
    for (const f of manifest.files) expect(rowsOf(path.join(elsewhere, f.file)), f.file).toEqual(f.rows);
  });

  it('refuses a backup whose file was altered, before writing anything', () => {
    const copy = path.join(folder, 'passport.sqlite');
    fs.appendFileSync(copy, 'x');
    const target = path.join(elsewhere, 'rights.sqlite');
    const before = fs.statSync(target).mtimeMs;
    const run = npmRun('restore', elsewhere, folder);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('does not match the manifest');
    expect(fs.statSync(target).mtimeMs).toBe(before);
  });
});
