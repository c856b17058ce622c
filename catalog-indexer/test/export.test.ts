// npm run export: the NDJSON and CSV files of the demo catalogue, and the command from the root.
// (The round trip, export → import → same search results: subgraphs/catalog/test/open-data-export.test.ts.)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCatalogue } from '../src/export/export.ts';
import { CSV_COLUMNS, csvField } from '../src/export/formats.ts';
import { runIndexer } from '../src/indexer.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const DEMO = path.join(import.meta.dirname, '..', 'fixtures', 'demo');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indexer-export-'));
const DB = path.join(dir, 'data', 'catalog.sqlite');
const CSV = path.join(dir, 'catalogue.csv');
const quiet = () => fs.createWriteStream('/dev/null') as unknown as NodeJS.WriteStream;

beforeAll(async () => {
  for (const r of await runIndexer([DEMO], { dbFile: DB, searchEngine: null })) expect(r.status).toBe('imported');
  await exportCatalogue(DB, 'csv', CSV, { stderr: quiet() });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run export, CSV', () => {
  it('writes one session a row under the documented header, RFC 4180 quoting', () => {
    const text = fs.readFileSync(CSV, 'utf8');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(CSV_COLUMNS.map((c) => c.name));
    expect(rows).toHaveLength(71);
    expect(rows.find((r) => r.session_id === 'HDF-F0001-A1-S1')).toMatchObject({
      action_id: 'HDF-F0001-A1',
      formation_numero: 'HDF-F0001',
      certification_code: 'RNCP35830',
      formacodes: '43436|43412|43402',
      debut: '2027-01-04',
      prix_cents: '680000',
      financeurs: '2|10|17',
      cpf_eligible: 'true', // declared on the formation (the export used to leave it empty while search said eligible)
      sources: 'offres-hauts-de-france-2.3.xml',
    });
    expect(csvField('Maçon, "TP"\nniveau 3')).toBe('"Maçon, ""TP""\nniveau 3"');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });

  it('lists exactly its columns in the README', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'catalog-indexer', 'README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(CSV_COLUMNS.map((c) => c.name));
  });
});

describe('npm run export from the repository root', () => {
  it('exports the catalogue of DATA_DIR, prints its progress on stderr, and refuses bad usage', async () => {
    const run = promisify(execFile);
    const out = path.join(dir, 'root.ndjson');
    const { stderr } = await run('npm', ['run', '-s', 'export', '--', '--format', 'ndjson', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: path.dirname(DB) },
    });
    expect(stderr).toContain(`exporting ${DB} as ndjson to ${out}`);
    expect(stderr).toMatch(/export: 19 formations, 71 sessions, \d+ sessions\/s/);
    const records = fs
      .readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { numero: string; sources: unknown[] });
    expect(records.map((r) => r.numero)).toEqual([...records.map((r) => r.numero)].sort());
    expect(records.find((r) => r.numero === 'PDL-F0004')!.sources).toEqual([
      expect.objectContaining({ source: 'offres-pays-de-la-loire-2.3.xml', exportedAt: expect.any(String), stale: null }),
    ]);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    await expect(run('npm', ['run', '-s', 'export', '--', '--format', 'xml', '--out', out], { cwd: ROOT })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be ndjson or csv'),
    });
    await expect(
      run('npm', ['run', '-s', 'export', '--', '--out', out], { cwd: ROOT, env: { ...process.env, DATA_DIR: path.join(dir, 'none') } }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no catalogue at'),
    });
  }, 180_000);
});

describe('an NDJSON export as a source', () => {
  it('rejects a line that is not a formation record, with its line, and imports the others', async () => {
    const file = path.join(dir, 'mirror.ndjson');
    const good = fs.readFileSync(path.join(dir, 'root.ndjson'), 'utf8').split('\n').slice(0, 2);
    const broken = JSON.parse(good[1]!) as { actions: { prixCents: unknown }[] };
    broken.actions[0]!.prixCents = '1 200,00';
    fs.writeFileSync(file, [good[0], '{"numero": "X"', JSON.stringify(broken), ''].join('\n'));
    const [report] = await runIndexer([file], { dbFile: path.join(dir, 'mirror', 'catalog.sqlite'), searchEngine: null });
    expect(report).toMatchObject({ status: 'imported', source: 'mirror.ndjson', formations: { added: 1 } });
    expect(report!.issues).toEqual([
      expect.objectContaining({ severity: 'reject', code: 'INVALID_RECORD', line: 2, reason: expect.stringMatching(/^not JSON/) }),
      expect.objectContaining({ severity: 'reject', code: 'INVALID_RECORD', line: 3, reason: 'actions[0].prixCents: expected number, got string' }),
    ]);
  });
});
