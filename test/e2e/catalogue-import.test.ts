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

/** The repository's files without node_modules and data; every node_modules folder linked to the original. */
function copyRepository(to: string): void {
  fs.cpSync(repoRoot, to, { recursive: true, filter: (from) => !SKIPPED.has(from) && path.basename(from) !== 'node_modules' });
  const link = (dir: string) => {
    const modules = path.join(repoRoot, dir, 'node_modules');
    if (fs.existsSync(modules) && fs.existsSync(path.join(to, dir))) fs.symlinkSync(modules, path.join(to, dir, 'node_modules'));
  };
  link('.');
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
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  it('imports relative paths typed at the root into <root>/data/catalog.sqlite and says so', () => {
    const { status, output } = npmIndex(copy, 'exports/onisep.xml', './exports/hauts-de-france.xml');
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
    const res = await graphql(stack.gatewayUrl, `{ searchTrainings(query: "négociation relation client") { total hits { session { id training { title } } } } }`);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.searchTrainings.hits[0].session).toEqual({ id: '9436_18706', training: { title: 'BTS négociation et relation client' } });
    const deas = await graphql(stack.gatewayUrl, `{ searchTrainings(query: "aide-soignant") { total } }`);
    expect(deas.data!.searchTrainings.total).toBeGreaterThan(0);
    // Only what was imported: the demo catalogue was not seeded over it.
    const demo = await graphql(stack.gatewayUrl, `{ session(id: "NAT-F0001-A1-S1") { id } }`);
    expect(demo.data!.session).toBeNull();
  }, 180_000);
});
