// Provenance and stale flags in GraphQL, on a catalogue the real indexer built from overlapping
// sources (catalog-indexer/fixtures/sources: a national aggregate, then two exports of one Carif).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIndexer } from '../../../catalog-indexer/src/indexer.ts';
import { openCatalog, type CatalogDatabase } from '../src/db/client.ts';
import { executor } from './helpers.ts';

const sources = path.join(import.meta.dirname, '..', '..', '..', 'catalog-indexer', 'fixtures', 'sources');

describe('Session.sources, Training.sources and stale flags', () => {
  let dir: string;
  let db: CatalogDatabase;
  let run: ReturnType<typeof executor>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-provenance-'));
    const file = path.join(dir, 'catalog.sqlite');
    await runIndexer([path.join(sources, 'national.xml'), path.join(sources, 'carif-pdl.xml')], { dbFile: file, searchEngine: null });
    db = openCatalog(file);
    run = executor(db);
  });
  afterAll(() => {
    db.sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every source of a merged session and training, most recent export first, with what each says', async () => {
    const res = await run(`{
      session(id: "SRC-F1-A1-S1") {
        stale { reason }
        sources { source file exportedAt stale { reason } extras { group key value } informationDates }
        training { title source sources { source exportedAt extras { value } } stale { reason } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.session).toEqual({
      stale: null,
      sources: [
        {
          source: 'carif-pdl.xml',
          file: expect.stringMatching(/carif-pdl\.xml$/),
          exportedAt: '2026-11-25T05:00:00.000Z',
          stale: null,
          extras: [{ group: 'inscription', key: 'places', value: '8' }],
          informationDates: ['2026-12-15'],
        },
        {
          source: 'national.xml',
          file: expect.stringMatching(/national\.xml$/),
          exportedAt: '2026-11-20T05:00:00.000Z',
          stale: null,
          extras: [{ group: 'inscription', key: 'places', value: '12' }],
          informationDates: ['2026-12-10'],
        },
      ],
      training: {
        title: 'Titre professionnel Maçon (TP)',
        source: 'carif-pdl.xml',
        sources: [
          { source: 'carif-pdl.xml', exportedAt: '2026-11-25T05:00:00.000Z', extras: [{ value: 'carif-pays-de-la-loire' }] },
          { source: 'national.xml', exportedAt: '2026-11-20T05:00:00.000Z', extras: [{ value: 'agregat-national' }] },
        ],
        stale: null,
      },
    });
  });

  let beforeNextExport = '';

  it('flags the session kept from its last good version with the reason, on the session and on the source', async () => {
    beforeNextExport = new Date().toISOString();
    await runIndexer([path.join(sources, 'next', 'carif-pdl.xml')], { dbFile: path.join(dir, 'catalog.sqlite'), searchEngine: null });
    const res = await run(`{ session(id: "SRC-F3-A1-S1") { startDate price stale { reason since source } sources { source stale { reason } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.session).toEqual({
      startDate: '2027-01-11',
      price: 410000,
      stale: { reason: 'periode: "20270230" is not a calendar date', since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), source: 'carif-pdl.xml' },
      sources: [{ source: 'carif-pdl.xml', stale: { reason: 'periode: "20270230" is not a calendar date' } }],
    });
  });

  it('logs what each import changed: catalogueChanges(since) pages through it', async () => {
    const all = await run(`{ catalogueChanges(since: "2000-01-01T00:00:00Z", first: 1000) { changes { kind entity id } hasMore } }`);
    expect(all.errors).toBeUndefined();
    const first = all.data!.catalogueChanges.changes as { kind: string; entity: string; id: string }[];
    expect(
      first
        .filter((c) => c.kind === 'ADDED' && c.entity === 'SESSION')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['SRC-F1-A1-S1', 'SRC-F1-A1-S2', 'SRC-F2-A1-S1', 'SRC-F3-A1-S1', 'SRC-F3-A1-S2']);

    const next = await run(`query ($since: DateTime!) { catalogueChanges(since: $since) { changes { kind entity id source session { id } } hasMore } }`, {
      since: beforeNextExport,
    });
    expect(next.errors).toBeUndefined();
    expect(next.data!.catalogueChanges).toEqual({
      changes: [
        // SRC-F3: a new price for both sessions (S1 kept stale at its last good dates)
        { kind: 'CHANGED', entity: 'SESSION', id: 'SRC-F3-A1-S2', source: 'carif-pdl.xml', session: { id: 'SRC-F3-A1-S2' } },
        { kind: 'CHANGED', entity: 'SESSION', id: 'SRC-F3-A1-S1', source: 'carif-pdl.xml', session: { id: 'SRC-F3-A1-S1' } },
        { kind: 'CHANGED', entity: 'TRAINING', id: 'SRC-F3', source: 'carif-pdl.xml', session: null },
        // SRC-F1 dropped by the Carif: back to the national version, S2 (only the Carif listed it) withdrawn
        { kind: 'CHANGED', entity: 'SESSION', id: 'SRC-F1-A1-S1', source: 'carif-pdl.xml', session: { id: 'SRC-F1-A1-S1' } },
        { kind: 'WITHDRAWN', entity: 'SESSION', id: 'SRC-F1-A1-S2', source: 'carif-pdl.xml', session: null },
        { kind: 'CHANGED', entity: 'TRAINING', id: 'SRC-F1', source: 'carif-pdl.xml', session: null },
      ],
      hasMore: false,
    });

    const page = await run(`query ($since: DateTime!) { catalogueChanges(since: $since, first: 4) { changes { id } endCursor hasMore } }`, {
      since: beforeNextExport,
    });
    expect(page.data!.catalogueChanges).toMatchObject({
      hasMore: true,
      changes: [{ id: 'SRC-F3-A1-S2' }, { id: 'SRC-F3-A1-S1' }, { id: 'SRC-F3' }, { id: 'SRC-F1-A1-S1' }],
    });
    const rest = await run(
      `query ($since: DateTime!, $after: String) { catalogueChanges(since: $since, first: 4, after: $after) { changes { id } hasMore } }`,
      {
        since: beforeNextExport,
        after: page.data!.catalogueChanges.endCursor,
      },
    );
    expect(rest.data!.catalogueChanges).toEqual({ changes: [{ id: 'SRC-F1-A1-S2' }, { id: 'SRC-F1' }], hasMore: false });
    expect((await run(`{ catalogueChanges(since: "2000-01-01T00:00:00Z", first: 0) { hasMore } }`)).errors![0]!.message).toMatch(
      /first must be between 1 and 1000/,
    );
  });
});
