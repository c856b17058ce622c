// Several sources listing the same offers (fixtures/sources: a national aggregate and two
// successive exports of one Carif), and rejected new versions of records imported before.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runIndexer } from '../src/indexer.ts';
import { query, tempDirs } from './helpers.ts';

const sources = path.join(import.meta.dirname, '..', 'fixtures', 'sources');
const NATIONAL = path.join(sources, 'national.xml');
const REGIONAL = path.join(sources, 'carif-pdl.xml');
const NEXT_REGIONAL = path.join(sources, 'next', 'carif-pdl.xml');
const tempDir = tempDirs('indexer-sources-');
const index = (db: string, ...inputs: string[]) => runIndexer(inputs, { dbFile: db, searchEngine: null });

/** What the catalogue serves, without its internal row ids and import times. */
const served = (db: string) => ({
  formations: query(db, 'SELECT numero, source_id, intitule, objectif_text, url_formation, extras, stale FROM formations ORDER BY numero'),
  actions: query(db, 'SELECT a.id, f.numero, a.prix_cents, a.ville FROM actions a JOIN formations f ON f.id = a.formation_id ORDER BY a.id'),
  sessions: query(db, "SELECT id, action_id, debut, fin, prix_cents, extras, json_remove(stale, '$.since') AS stale FROM sessions ORDER BY id"),
  fts: query(db, 'SELECT rowid IS NOT NULL AS ok, intitule FROM formation_fts ORDER BY intitule'),
});

describe('one record from several sources', () => {
  it('merges a formation of the national aggregate and of a later regional export, the most recent export winning field by field', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    const [national, regional] = await index(db, NATIONAL, REGIONAL);
    expect(national!.issues).toEqual([]);
    expect(regional).toMatchObject({ status: 'imported', formations: { added: 2 }, issues: [] });
    expect(query(db, "SELECT numero, source_id, intitule, objectif_text, url_formation FROM formations WHERE numero = 'SRC-F1'")).toEqual([
      {
        numero: 'SRC-F1',
        source_id: 'carif-pdl.xml', // the most recent export
        intitule: 'Titre professionnel Maçon (TP)', // regional (2026-11-25) over national (2026-11-20)
        objectif_text: 'Construire des ouvrages en maçonnerie.', // the regional export leaves it empty ("-")
        url_formation: 'https://example.org/macon', // only the national aggregate gives it
      },
    ]);
    expect(query(db, "SELECT id, prix_cents FROM actions WHERE id = 'SRC-F1-A1'")).toEqual([{ id: 'SRC-F1-A1', prix_cents: 480000 }]);
    expect(query(db, "SELECT id, extras FROM sessions WHERE action_id = 'SRC-F1-A1' ORDER BY id")).toEqual([
      { id: 'SRC-F1-A1-S1', extras: JSON.stringify([{ group: 'inscription', key: 'places', value: '8' }]) },
      { id: 'SRC-F1-A1-S2', extras: '[]' },
    ]);
    expect(query(db, "SELECT source_id, exported_at FROM source_records WHERE numero = 'SRC-F1' ORDER BY source_id")).toEqual([
      { source_id: 'carif-pdl.xml', exported_at: '2026-11-25T05:00:00.000Z' },
      { source_id: 'national.xml', exported_at: '2026-11-20T05:00:00.000Z' },
    ]);
    expect(query(db, "SELECT count(*) AS n FROM formation_fts WHERE formation_fts MATCH 'macon'")).toEqual([{ n: 1 }]);
  });

  it('serves the same catalogue whatever the order of import', async () => {
    const one = path.join(tempDir(), 'catalog.sqlite');
    const other = path.join(tempDir(), 'catalog.sqlite');
    await index(one, NATIONAL, REGIONAL);
    await index(other, REGIONAL, NATIONAL);
    expect(served(other)).toEqual(served(one));
    await index(one, NEXT_REGIONAL);
    await index(other, NEXT_REGIONAL);
    expect(served(other)).toEqual(served(one));
  });

  it('keeps what another source still lists when a source drops an offer, and removes what none lists', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    await index(db, NATIONAL, REGIONAL);
    const [next] = await index(db, NEXT_REGIONAL);
    expect(next!.formations).toMatchObject({ removed: 1 });
    // SRC-F1 is back to the national aggregate's version; the session only the region listed is gone.
    expect(query(db, "SELECT source_id, intitule, objectif_text FROM formations WHERE numero = 'SRC-F1'")).toEqual([
      { source_id: 'national.xml', intitule: 'Maçon – titre professionnel', objectif_text: 'Construire des ouvrages en maçonnerie.' },
    ]);
    expect(query(db, "SELECT id FROM sessions WHERE action_id = 'SRC-F1-A1'")).toEqual([{ id: 'SRC-F1-A1-S1' }]);
    expect(query(db, "SELECT prix_cents FROM actions WHERE id = 'SRC-F1-A1'")).toEqual([{ prix_cents: 500000 }]);
    // The national aggregate drops SRC-F2, which no other source lists: gone.
    const nationalWithoutF2 = path.join(tempDir(), 'national.xml');
    fs.writeFileSync(nationalWithoutF2, fs.readFileSync(NATIONAL, 'utf8').replace(/<formation numero="SRC-F2">[\s\S]*?<\/formation>/, ''));
    await index(db, nationalWithoutF2);
    expect(query(db, 'SELECT numero FROM formations ORDER BY numero')).toEqual([{ numero: 'SRC-F1' }, { numero: 'SRC-F3' }]);
    expect(query(db, "SELECT count(*) AS n FROM source_records WHERE numero = 'SRC-F2'")).toEqual([{ n: 0 }]);
  });
});

describe('a catalogue imported before sources were kept per record (migration 0002)', () => {
  it('takes its formations as the source re-imported lists them, and drops those it no longer lists', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'catalog.sqlite');
    await index(db, NATIONAL);
    const legacy = new Database(db);
    legacy.exec("DELETE FROM source_records; UPDATE formations SET content_hash = '1:legacy'; UPDATE sessions SET content_hash = NULL");
    legacy.close();
    const withoutF2 = path.join(dir, 'national.xml');
    fs.writeFileSync(withoutF2, fs.readFileSync(NATIONAL, 'utf8').replace(/<formation numero="SRC-F2">[\s\S]*?<\/formation>/, ''));
    const [report] = await index(db, withoutF2);
    expect(report!.formations).toMatchObject({ added: 1, removed: 1 });
    expect(query(db, 'SELECT numero, source_id FROM formations')).toEqual([{ numero: 'SRC-F1', source_id: 'national.xml' }]);
    expect(query(db, 'SELECT source_id, numero FROM source_records')).toEqual([{ source_id: 'national.xml', numero: 'SRC-F1' }]);
    expect(query(db, 'SELECT id FROM sessions')).toEqual([{ id: 'SRC-F1-A1-S1' }]);
  });
});

describe('removing a source', () => {
  it('withdraws what only it listed and serves the rest from the other sources', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    await index(db, NATIONAL, REGIONAL);
    const [removed] = await runIndexer([], { dbFile: db, searchEngine: null, remove: ['national.xml'] });
    expect(removed).toMatchObject({ status: 'imported', source: 'national.xml', formations: { removed: 2 } });
    expect(query(db, 'SELECT numero, source_id, objectif_text, url_formation FROM formations ORDER BY numero')).toEqual([
      { numero: 'SRC-F1', source_id: 'carif-pdl.xml', objectif_text: null, url_formation: null },
      { numero: 'SRC-F3', source_id: 'carif-pdl.xml', objectif_text: 'Réaliser des coffrages.', url_formation: null },
    ]);
    expect(query(db, 'SELECT id FROM sources ORDER BY id')).toEqual([{ id: 'carif-pdl.xml' }]);
    const [unknown] = await runIndexer([], { dbFile: db, searchEngine: null, remove: ['national.xml'] });
    expect(unknown).toMatchObject({ status: 'failed', error: 'no LHEO source named national.xml in the catalogue' });
  });
});

describe('a rejected new version', () => {
  it('keeps the session imported before, flagged stale with the reason, while the rest of the new version applies; the fix clears it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'catalog.sqlite');
    await index(db, REGIONAL);
    const [broken] = await index(db, NEXT_REGIONAL);
    expect(broken!.issues.map((i) => [i.severity, i.code, i.element, i.numero, i.line])).toEqual([
      ['reject', 'INVALID_PERIOD', 'periode', 'SRC-F3-A1-S1', 14],
      ['warning', 'KEPT_LAST_GOOD_VERSION', 'session', 'SRC-F3-A1-S1', 14],
    ]);
    const [row] = query<{ debut: string; prix_cents: number; stale: string }>(db, "SELECT debut, prix_cents, stale FROM sessions WHERE id = 'SRC-F3-A1-S1'");
    expect(row!.debut).toBe('2027-01-11'); // the last good version
    expect(row!.prix_cents).toBe(410000); // the action's new price applies
    const stale = JSON.parse(row!.stale) as { reason: string; since: string; source: string };
    expect(stale).toEqual({ reason: 'periode: "20270230" is not a calendar date', since: expect.any(String), source: 'carif-pdl.xml' });
    expect(query(db, "SELECT stale FROM sessions WHERE id = 'SRC-F3-A1-S2'")).toEqual([{ stale: null }]);

    // The same broken export again, then another broken one: still stale since the first rejection.
    await index(db, NEXT_REGIONAL);
    const again = path.join(dir, 'carif-pdl.xml');
    fs.writeFileSync(again, fs.readFileSync(NEXT_REGIONAL, 'utf8').replace('4 100,00', '4 150,00'));
    await index(db, again);
    expect(JSON.parse(query<{ stale: string }>(db, "SELECT stale FROM sessions WHERE id = 'SRC-F3-A1-S1'")[0]!.stale)).toEqual(stale);

    fs.writeFileSync(again, fs.readFileSync(NEXT_REGIONAL, 'utf8').replace('20270230', '20270215'));
    const [fixed] = await index(db, again);
    expect(fixed!.issues).toEqual([]);
    expect(query(db, "SELECT debut, stale FROM sessions WHERE id = 'SRC-F3-A1-S1'")).toEqual([{ debut: '2027-02-15', stale: null }]);
  });

  it('keeps a whole formation whose new version is rejected, stale, until the source fixes it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'catalog.sqlite');
    await index(db, REGIONAL);
    const file = path.join(dir, 'carif-pdl.xml');
    fs.writeFileSync(
      file,
      fs.readFileSync(REGIONAL, 'utf8').replace('<intitule-formation>Coffreur bancheur</intitule-formation>', '<intitule-formation></intitule-formation>'),
    );
    const [report] = await index(db, file);
    expect(report!.issues.map((i) => [i.code, i.numero])).toEqual([
      ['NO_TITLE', 'SRC-F3'],
      ['KEPT_LAST_GOOD_VERSION', 'SRC-F3'],
    ]);
    expect(query(db, "SELECT intitule, json_extract(stale, '$.reason') AS reason FROM formations WHERE numero = 'SRC-F3'")).toEqual([
      { intitule: 'Coffreur bancheur', reason: 'formation has no intitule-formation' },
    ]);
    expect(query(db, "SELECT id, json_extract(stale, '$.reason') AS reason FROM sessions WHERE action_id = 'SRC-F3-A1' ORDER BY id")).toEqual([
      { id: 'SRC-F3-A1-S1', reason: 'formation has no intitule-formation' },
      { id: 'SRC-F3-A1-S2', reason: 'formation has no intitule-formation' },
    ]);
    await index(db, REGIONAL);
    expect(query(db, "SELECT stale FROM formations WHERE numero = 'SRC-F3'")).toEqual([{ stale: null }]);
  });

  it('is stale only while no source gives a good version', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    await index(db, NATIONAL, REGIONAL);
    const file = path.join(tempDir(), 'carif-pdl.xml');
    fs.writeFileSync(file, fs.readFileSync(REGIONAL, 'utf8').replace('<debut>20270104</debut>', '<debut>20271304</debut>'));
    await index(db, file);
    // The regional copy of SRC-F1-A1-S1 is stale, the national one is good: the national one serves, not stale.
    expect(query(db, "SELECT stale, extras FROM sessions WHERE id = 'SRC-F1-A1-S1'")).toEqual([
      { stale: null, extras: JSON.stringify([{ group: 'inscription', key: 'places', value: '12' }]) },
    ]);
  });
});
