// The README's catalogue import, as a user types it: `npm run index -- <files>` from the
// repository root (no DATA_DIR, relative paths), then the stack serves what was imported.
// Run in a copy of the repository (its node_modules linked), so the default data/ folder is the
// copy's, never the developer's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startStack, type RunningStack } from '../../scripts/stack.ts';
import { graphql } from '../src/client.ts';

const SKIPPED = new Set(['.git', 'data', '.turbo', '.tmp', 'generated'].map((name) => path.join(repoRoot, name)));

/**
 * The repository's files without node_modules and data; every node_modules folder linked to the
 * original, but for the workspaces' own links (node_modules/@formations), which point into the
 * copy: the indexer finds the catalogue's default data folder through @formations/catalog.
 */
function copyRepository(to: string): void {
  fs.cpSync(repoRoot, to, { recursive: true, filter: (from) => !SKIPPED.has(from) && path.basename(from) !== 'node_modules' });
  const link = (dir: string) => {
    const modules = path.join(repoRoot, dir, 'node_modules');
    if (fs.existsSync(modules) && fs.existsSync(path.join(to, dir))) fs.symlinkSync(modules, path.join(to, dir, 'node_modules'));
  };
  const rootModules = path.join(repoRoot, 'node_modules');
  fs.mkdirSync(path.join(to, 'node_modules'));
  for (const name of fs.readdirSync(rootModules)) {
    if (name !== '@formations') fs.symlinkSync(path.join(rootModules, name), path.join(to, 'node_modules', name));
  }
  fs.mkdirSync(path.join(to, 'node_modules', '@formations'));
  for (const name of fs.readdirSync(path.join(rootModules, '@formations'))) {
    const workspace = path.relative(repoRoot, fs.realpathSync(path.join(rootModules, '@formations', name)));
    fs.symlinkSync(path.join(to, workspace), path.join(to, 'node_modules', '@formations', name));
  }
  for (const parent of ['.', 'subgraphs']) {
    for (const name of fs.readdirSync(path.join(repoRoot, parent))) if (parent !== '.' || name !== 'subgraphs') link(path.join(parent, name));
  }
}

/** `npm run index -- …args` typed in `cwd`, with no DATA_DIR. */
function npmIndex(cwd: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.DATA_DIR;
  const result = spawnSync('npm', ['run', 'index', '--', ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the README sequence: npm run index -- <files>, then the stack on the default data folder', () => {
  let copy: string;
  let stack: RunningStack | undefined;

  beforeAll(async () => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-readme-'));
    copyRepository(copy);
    fs.mkdirSync(path.join(copy, 'exports'));
    fs.copyFileSync(path.join(repoRoot, 'catalog-indexer/fixtures/real/example-onisep-2.2.xml'), path.join(copy, 'exports/onisep.xml'));
    fs.copyFileSync(path.join(repoRoot, 'catalog-indexer/fixtures/demo/offres-hauts-de-france-2.3.xml'), path.join(copy, 'exports/hauts-de-france.xml'));
    // A national aggregate and a Carif export listing some of the same offers, then the Carif's next (broken) export.
    fs.cpSync(path.join(repoRoot, 'catalog-indexer/fixtures/sources'), path.join(copy, 'exports/sources'), { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  it('imports relative paths typed at the root into <root>/data/catalog.sqlite and says so', () => {
    const { status, output } = npmIndex(
      copy,
      'exports/onisep.xml',
      './exports/hauts-de-france.xml',
      'exports/sources/national.xml',
      'exports/sources/carif-pdl.xml',
    );
    expect(status, output).toBe(0);
    const catalogue = path.join(copy, 'data', 'catalog.sqlite');
    expect(output).toContain(`catalogue written: ${catalogue}`);
    expect(output).toMatch(/✓ onisep\.xml .*\n {2}formations: 1 added/);
    expect(output).toMatch(/✓ hauts-de-france\.xml .*\n {2}formations: 6 added/);
    expect(fs.existsSync(catalogue)).toBe(true);
    expect(fs.existsSync(path.join(copy, 'catalog-indexer', 'data', 'catalog.sqlite'))).toBe(false);
  });

  it('serves the imported offers through the gateway from the folder npm start serves', async () => {
    // scripts/start.ts serves $DATA_DIR, by default <root>/data: the stack on that folder.
    stack = await startStack({ dataDir: path.join(copy, 'data'), ports: 'random', output: 'quiet', env: { CLOCK_NOW: '2026-11-25' } });
    const res = await graphql(
      stack.gatewayUrl,
      `{ searchTrainings(query: "négociation relation client") { total hits { session { id training { title } } } } }`,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.searchTrainings.hits[0].session).toEqual({ id: '9436_18706', training: { title: 'BTS négociation et relation client' } });
    const deas = await graphql(stack.gatewayUrl, `{ searchTrainings(query: "aide-soignant") { total } }`);
    expect(deas.data!.searchTrainings.total).toBeGreaterThan(0);
    // Only what was imported: the demo catalogue was not seeded over it.
    const demo = await graphql(stack.gatewayUrl, `{ session(id: "NAT-F0001-A1-S1") { id } }`);
    expect(demo.data!.session).toBeNull();
  }, 180_000);

  it('serves an offer two sources list as one session with both sources', async () => {
    const res = await graphql(
      stack!.gatewayUrl,
      `{ searchTrainings(query: "maçon") { hits { session { id training { title } sources { source exportedAt } } } } }`,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const hits = res.data!.searchTrainings.hits.map((h: { session: unknown }) => h.session);
    expect(hits).toContainEqual({
      id: 'SRC-F1-A1-S1',
      training: { title: 'Titre professionnel Maçon (TP)' },
      sources: [
        { source: 'carif-pdl.xml', exportedAt: '2026-11-25T05:00:00.000Z' },
        { source: 'national.xml', exportedAt: '2026-11-20T05:00:00.000Z' },
      ],
    });
  });

  it('after the next, broken export: the last good session still served, stale; the change log and the producer report say what happened', async () => {
    const since = new Date().toISOString();
    const { status, output } = npmIndex(copy, '--report', 'reports', 'exports/sources/next/carif-pdl.xml');
    expect(status, output).toBe(0);
    const session = await graphql(stack!.gatewayUrl, `{ session(id: "SRC-F3-A1-S1") { startDate price stale { reason source } } }`);
    expect(session.data!.session).toEqual({
      startDate: '2027-01-11',
      price: 410000,
      stale: { reason: 'periode: "20270230" is not a calendar date', source: 'carif-pdl.xml' },
    });
    const changes = await graphql(stack!.gatewayUrl, `query ($since: DateTime!) { catalogueChanges(since: $since) { changes { kind entity id } hasMore } }`, {
      since,
    });
    expect(changes.errors, JSON.stringify(changes.errors)).toBeUndefined();
    expect(changes.data!.catalogueChanges.changes).toContainEqual({ kind: 'WITHDRAWN', entity: 'SESSION', id: 'SRC-F1-A1-S2' });
    expect(changes.data!.catalogueChanges.changes).toContainEqual({ kind: 'CHANGED', entity: 'TRAINING', id: 'SRC-F1' });
    // SRC-F1 is still served: the national aggregate lists it.
    const f1 = await graphql(stack!.gatewayUrl, `{ training(id: "SRC-F1") { title sources { source } } }`);
    expect(f1.data!.training).toEqual({ title: 'Maçon – titre professionnel', sources: [{ source: 'national.xml' }] });
    const report = fs
      .readFileSync(path.join(copy, 'reports', 'carif-pdl.xml.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(report.map((l: { code: string; numero: string }) => [l.code, l.numero])).toEqual([
      ['INVALID_PERIOD', 'SRC-F3-A1-S1'],
      ['KEPT_LAST_GOOD_VERSION', 'SRC-F3-A1-S1'],
    ]);
  }, 180_000);
});
