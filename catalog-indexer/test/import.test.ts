// The importer on real files, on bad files, and re-importing: each in a fresh SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runIndexer } from '../src/indexer.ts';
import { query, tempDirs } from './helpers.ts';
import type { SourceReport } from '../src/report.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures');
const bad = (name: string) => path.join(fixtures, 'bad', name);
const tempDir = tempDirs('indexer-test-');
const count = (file: string, table: string) => query<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

async function index(file: string, ...inputs: string[]): Promise<SourceReport[]> {
  return runIndexer(inputs, { dbFile: file });
}

describe('real ONISEP LHEO 2.2 record', () => {
  it('imports the formation, its action, session, place, codes and organisme', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    const [report] = await index(db, path.join(fixtures, 'real', 'example-onisep-2.2.xml'));
    expect(report).toMatchObject({ status: 'imported', version: '2.2', formations: { added: 1 }, actions: 1, sessions: 1, organismes: 1, issues: [] });
    expect(query(db, 'SELECT numero, intitule, certification_code, code_certifinfo, niveau_sortie, organisme_siret FROM formations')).toEqual([
      {
        numero: '9436_18706',
        intitule: 'BTS négociation et relation client',
        certification_code: 'RNCP474',
        code_certifinfo: '19004',
        niveau_sortie: '6',
        organisme_siret: '19290076900014',
      },
    ]);
    expect(query(db, "SELECT code, principal FROM formation_codes WHERE kind = 'FORMACODE' ORDER BY position")).toEqual([
      { code: '34582', principal: 1 },
      { code: '34076', principal: 0 },
    ]);
    expect(query(db, 'SELECT id, debut, fin, prix_cents, modalite, region, departement, latitude, longitude FROM sessions')).toEqual([
      {
        id: '9436_18706',
        debut: '2015-09-01',
        fin: '2017-08-31',
        prix_cents: null,
        modalite: 'PRESENTIEL',
        region: '53',
        departement: '29',
        latitude: 47.882108,
        longitude: -3.5526545,
      },
    ]);
    expect(query(db, 'SELECT raison_sociale, nom FROM organismes')).toEqual([{ raison_sociale: null, nom: 'Lycée Kerneuzec' }]);
    const [texts] = query<{ objectif_text: string; resultats_html: string }>(db, 'SELECT objectif_text, resultats_html FROM formations');
    expect(texts!.objectif_text).toMatch(/^A la fois vendeur, manager et commercial/);
    expect(texts!.resultats_html).toMatch(/^<p><b>Les objectifs :<\/b><br \/><\/p><p>Ce BTS forme/);
    expect(query(db, "SELECT rowid FROM formation_fts WHERE formation_fts MATCH 'negociation'")).toHaveLength(1);
  });
});

describe('France Compétences export', () => {
  it('imports certifications with levels, codes, certifiers, blocks and links, from the zip or the folder', async () => {
    const zip = path.join(fixtures, 'real', 'export-fiches-csv-2024-02-22.zip');
    const folder = tempDir();
    spawnSync('unzip', ['-q', zip, '-d', folder]);
    for (const input of [zip, folder]) {
      const db = path.join(tempDir(), 'catalog.sqlite');
      const [report] = await index(db, input);
      expect(report).toMatchObject({ status: 'imported', kind: 'FRANCE_COMPETENCES', certifications: { added: 9 }, issues: [] });
      expect(
        query(db, "SELECT code, kind, niveau, actif, date_fin_enregistrement FROM certifications WHERE code IN ('RNCP509', 'RS5000') ORDER BY code"),
      ).toEqual([
        { code: 'RNCP509', kind: 'RNCP', niveau: 3, actif: 0, date_fin_enregistrement: '2023-08-31' },
        { code: 'RS5000', kind: 'RS', niveau: null, actif: 1, date_fin_enregistrement: '2024-05-24' },
      ]);
      expect(query(db, "SELECT siret FROM certificateurs WHERE certification_code = 'RNCP509'")).toEqual([{ siret: '11004301500012' }]);
      expect(count(db, 'blocs_competences')).toBe(6);
      expect(query(db, "SELECT libelle FROM certification_codes WHERE certification_code = 'RNCP4049' AND code = 'H1102'")).toEqual([
        { libelle: "Management et ingénierie d'affaires" },
      ]);
      expect(query(db, "SELECT ancienne, nouvelle FROM certification_links WHERE ancienne = 'RNCP19468'")).toEqual([
        { ancienne: 'RNCP19468', nouvelle: 'RS6117' },
      ]);
    }
  });
});

describe('a broken France Compétences export', () => {
  it('fails whole and keeps the previous register', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'catalog.sqlite');
    const folder = path.join(dir, 'export');
    spawnSync('unzip', ['-q', path.join(fixtures, 'real', 'export-fiches-csv-2024-02-22.zip'), '-d', folder]);
    await index(db, folder);
    const rome = fs.readdirSync(folder).find((name) => name.includes('_Rome_'))!;
    fs.appendFileSync(path.join(folder, rome), '"RNCP509";"I1203;"never closed\r\n');
    fs.writeFileSync(
      path.join(folder, fs.readdirSync(folder).find((name) => name.includes('_Standard_'))!),
      '"Id_Fiche";"Numero_Fiche";"Intitule";"Actif"\r\n"1";"RS1";"Seule";"ACTIVE"\r\n',
    );
    const [report] = await index(db, folder);
    expect(report).toMatchObject({ status: 'failed', error: expect.stringMatching(/_Rome_.* is not a readable CSV/) });
    expect(count(db, 'certifications')).toBe(9);
  });
});

describe('bad inputs', () => {
  const fatal = [
    ['truncated.xml', /malformed XML/],
    ['wrong-namespace.xml', /not an LHEO 2.2 or 2.3 file.*http:\/\/www\.lheo\.org\/2\.1/],
    ['non-utf8.xml', /^not UTF-8 text: invalid byte sequence at byte 255 \(line 6\)/],
    ['empty.xml', /empty file/],
  ] as const;

  it.each(fatal)('%s fails whole and leaves the previous catalogue intact', async (name, error) => {
    const dir = tempDir();
    const db = path.join(dir, 'catalog.sqlite');
    // Same source name as the bad file, so a partial import would replace it.
    const previous = path.join(dir, name);
    fs.copyFileSync(path.join(fixtures, 'real', 'example-onisep-2.2.xml'), previous);
    expect((await index(db, previous))[0]!.status).toBe('imported');

    const [report] = await index(db, bad(name));
    expect(report!.status).toBe('failed');
    expect(report!.error).toMatch(error);
    expect(query(db, 'SELECT numero, source_id FROM formations')).toEqual([{ numero: '9436_18706', source_id: name }]);
    expect(count(db, 'sessions')).toBe(1);
  });

  it('rejects sessions with bad dates and keeps unknown ones', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    const [report] = await index(db, bad('bad-dates.xml'));
    expect(report!.status).toBe('imported');
    expect(query(db, 'SELECT id, debut, fin FROM sessions ORDER BY id')).toEqual([
      { id: 'D1-S1', debut: '2027-01-04', fin: '2027-06-04' },
      { id: 'D1-S4', debut: null, fin: null },
      { id: 'D1-S5', debut: null, fin: null },
    ]);
    expect(report!.issues.map((i) => [i.severity, i.element, i.numero, i.reason])).toEqual([
      ['reject', 'periode', 'D1-S2', 'periode: "20261345" is not a calendar date'],
      ['reject', 'periode', 'D1-S3', 'periode ends (2027-01-01) before it starts (2027-06-01)'],
    ]);
    expect(report!.issues[0]).toMatchObject({ file: expect.stringContaining('bad-dates.xml'), line: 13 });
  });

  it('keeps places without usable coordinates, warning about broken ones', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    const [report] = await index(db, bad('missing-coordinates.xml'));
    expect(query(db, 'SELECT id, ville, latitude, longitude FROM actions ORDER BY id')).toEqual([
      { id: 'C1-A1', ville: 'NANTES', latitude: null, longitude: null },
      { id: 'C2-A1', ville: 'NANTES', latitude: null, longitude: null },
      { id: 'C3-A1', ville: 'NANTES', latitude: null, longitude: null },
    ]);
    expect(report!.issues.map((i) => [i.severity, i.numero])).toEqual([
      ['warning', 'C2-A1'],
      ['warning', 'C3-A1'],
    ]);
  });

  it('sanitises HTML for display and strips it for search', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    await index(db, bad('html-texts.xml'));
    expect(query(db, 'SELECT intitule, contenu_text, contenu_html FROM formations')).toEqual([
      {
        intitule: 'Cuisine & pâtisserie',
        contenu_text: 'Découvrir la cuisinelien & pâtisserie un deux',
        contenu_html: '<p>Découvrir <b>la cuisine</b><a rel="noopener nofollow">lien</a> &amp; pâtisserie</p><ul><li>un</li><li>deux</li></ul>',
      },
    ]);
  });

  it('rejects duplicated numeros and keeps the first', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    const [report] = await index(db, bad('duplicated-numeros.xml'));
    expect(query(db, 'SELECT numero, intitule FROM formations ORDER BY numero')).toEqual([
      { numero: 'N1', intitule: 'Formation test' },
      { numero: 'N2', intitule: 'Formation test' },
    ]);
    expect(query(db, 'SELECT id, action_id FROM sessions')).toEqual([{ id: 'N1-S1', action_id: 'N1-A1' }]);
    expect(report!.issues.map((i) => [i.element, i.numero, i.reason.replace(/line \d+/, 'line n')])).toEqual([
      ['session', 'N1-S1', 'session numero "N1-S1" appears twice in this formation'],
      ['formation', 'N1', 'duplicated numero: already read at line n'],
      ['session', 'N1-S1', 'session numero already used by formation N1'],
    ]);
  });

  it('drops bad fields with a warning and rejects formations without numero or title', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    const [report] = await index(db, bad('bad-values.xml'));
    expect(query(db, 'SELECT id, prix_cents FROM actions ORDER BY id')).toEqual([
      { id: 'V1-A1', prix_cents: null },
      { id: 'V3-A1', prix_cents: 123450 },
    ]);
    expect(report!.issues.map((i) => [i.severity, i.element, i.reason])).toEqual([
      ['warning', 'prix-total-TTC', 'prix-total-TTC "gratuit" is not an amount in euros: field ignored'],
      ['reject', 'formation', 'formation has no intitule-formation'],
      ['reject', 'formation', 'formation has no numero attribute'],
    ]);
  });
});

describe('declared encodings', () => {
  it.each([
    ['iso-8859-1.xml', "Électricien d'équipement du bâtiment", 'SAINT-HERBLAIN'],
    ['windows-1252.xml', 'Œnologie – dégustation et vins d’Anjou', 'NANTES'],
  ])('%s is read in the encoding its XML declaration names', async (name, intitule, ville) => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    const [report] = await index(db, path.join(fixtures, 'encodings', name));
    expect(report).toMatchObject({ status: 'imported', sessions: 1, issues: [] });
    expect(query(db, 'SELECT intitule FROM formations')).toEqual([{ intitule }]);
    expect(query(db, 'SELECT ville FROM actions')).toEqual([{ ville }]);
    expect(query(db, "SELECT rowid FROM formation_fts WHERE formation_fts MATCH 'electricien OR oenologie'")).toHaveLength(1);
  });

  it('reads UTF-16 by its byte-order mark', async () => {
    const dir = tempDir();
    const text = fs.readFileSync(path.join(fixtures, 'encodings', 'iso-8859-1.xml'), 'latin1').replace('encoding="ISO-8859-1"', 'encoding="UTF-16"');
    fs.writeFileSync(path.join(dir, 'utf16.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const db = path.join(dir, 'catalog.sqlite');
    expect((await index(db, path.join(dir, 'utf16.xml')))[0]).toMatchObject({ status: 'imported', sessions: 1 });
    expect(query(db, 'SELECT intitule FROM formations')).toEqual([{ intitule: "Électricien d'équipement du bâtiment" }]);
  });

  it('locates a bad UTF-8 sequence by byte and line far into a file, across read chunks', async () => {
    const dir = tempDir();
    const head = Buffer.from('<?xml version="1.0"?>\n<lheo xmlns="http://lheo.gouv.fr/2.3"><offres>\n');
    const lines = Buffer.from('<!-- é€😀 -->\n'.repeat(20_000));
    const file = path.join(dir, 'late.xml');
    fs.writeFileSync(file, Buffer.concat([head, lines, Buffer.from('<!-- caf'), Buffer.from([0xe9]), Buffer.from(' -->\n</offres></lheo>\n')]));
    const [report] = await index(path.join(dir, 'catalog.sqlite'), file);
    expect(report!.error).toBe(
      `not UTF-8 text: invalid byte sequence at byte ${head.length + lines.length + 8} (line 20003); a file in another encoding must declare it (<?xml version="1.0" encoding="ISO-8859-1"?>)`,
    );
  });

  it('fails whole on an encoding it cannot decode', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ebcdic.xml'), '<?xml version="1.0" encoding="EBCDIC-FR"?><lheo xmlns="http://lheo.gouv.fr/2.3"/>');
    const [report] = await index(path.join(dir, 'catalog.sqlite'), path.join(dir, 'ebcdic.xml'));
    expect(report).toMatchObject({ status: 'failed', error: 'unsupported encoding "EBCDIC-FR" in the XML declaration' });
  });
});

describe('incremental re-import', () => {
  const formation = (numero: string, title: string, session: string) =>
    `<formation numero="${numero}"><domaine-formation><code-ROME>N1103</code-ROME></domaine-formation><intitule-formation>${title}</intitule-formation>` +
    `<action numero="${numero}-A"><modalites-enseignement>0</modalites-enseignement><prix-total-TTC>100</prix-total-TTC>` +
    `<session numero="${session}"><periode><debut>20270104</debut><fin>20270204</fin></periode></session></action></formation>`;
  const file = (...formations: string[]) => `<?xml version="1.0"?><lheo xmlns="http://www.lheo.org/2.2"><offres>${formations.join('')}</offres></lheo>`;

  it('skips unchanged formations, replaces changed ones and removes those no longer listed', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'catalog.sqlite');
    const source = path.join(dir, 'offres.xml');
    fs.writeFileSync(source, file(formation('A', 'Alpha', 'A-1'), formation('B', 'Bravo', 'B-1'), formation('C', 'Charlie', 'C-1')));
    expect((await index(db, source))[0]!.formations).toEqual({ added: 3, updated: 0, unchanged: 0, removed: 0 });

    fs.writeFileSync(source, file(formation('A', 'Alpha', 'A-1'), formation('B', 'Bravo 2', 'B-2'), formation('D', 'Delta', 'D-1')));
    expect((await index(db, source))[0]!.formations).toEqual({ added: 1, updated: 1, unchanged: 1, removed: 1 });
    expect(query(db, 'SELECT id FROM sessions ORDER BY id')).toEqual([{ id: 'A-1' }, { id: 'B-2' }, { id: 'D-1' }]);
    expect(query(db, 'SELECT intitule FROM formations ORDER BY numero')).toEqual([{ intitule: 'Alpha' }, { intitule: 'Bravo 2' }, { intitule: 'Delta' }]);
    expect(query(db, "SELECT rowid FROM formation_fts WHERE formation_fts MATCH 'charlie'")).toEqual([]);
    expect(query(db, "SELECT count(*) AS n FROM formation_fts WHERE formation_fts MATCH 'bravo'")).toEqual([{ n: 1 }]);
  });

  it('leaves the previous catalogue serving when an import is killed', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'catalog.sqlite');
    const source = path.join(dir, 'big.xml');
    fs.writeFileSync(source, file(formation('A', 'Alpha', 'A-1')));
    await index(db, source);
    const many = Array.from({ length: 60_000 }, (_, i) => formation(`F${i}`, `Formation ${i}`, `S${i}`));
    fs.writeFileSync(source, file(...many));
    const cli = path.join(import.meta.dirname, '..', 'src', 'cli.ts');
    const child = (await import('node:child_process')).spawn(process.execPath, ['--import', 'tsx', cli, source], {
      env: { ...process.env, DATA_DIR: dir },
      stdio: 'ignore',
    });
    // Kill it once it is writing: the WAL file grows as soon as rows go in.
    const wal = `${db}-wal`;
    const start = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
    for (let i = 0; i < 300 && !(fs.existsSync(wal) && fs.statSync(wal).size > start + 200_000); i++) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(query(db, 'SELECT numero FROM formations')).toEqual([{ numero: 'A' }]);
    expect(count(db, 'sessions')).toBe(1);
  }, 60_000);
});

describe('CLI', { timeout: 60_000 }, () => {
  const cli = path.join(import.meta.dirname, '..', 'src', 'cli.ts');
  const run = (dir: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });

  it('exits 0 with rejected records, prints the summary with file, line, element and reason', () => {
    const result = run(tempDir(), bad('bad-dates.xml'));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('formations: 1 added, 0 updated, 0 unchanged, 0 removed');
    expect(result.stdout).toMatch(/REJECT\s+\S*bad-dates\.xml:13 <periode> D1-S2: periode: "20261345" is not a calendar date/);
  });

  it('writes one JSON-lines report per source with --report DIR: file, line, element, code, numero of each rejected or warned record', () => {
    const dir = tempDir();
    const result = run(dir, '--report', path.join(dir, 'reports'), bad('bad-dates.xml'), bad('bad-values.xml'), bad('truncated.xml'));
    expect(result.status).toBe(1);
    const read = (name: string) =>
      fs
        .readFileSync(path.join(dir, 'reports', name), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(read('bad-dates.xml.jsonl')).toEqual([
      {
        source: 'bad-dates.xml',
        file: expect.stringMatching(/bad-dates\.xml$/),
        line: 13,
        element: 'periode',
        severity: 'reject',
        code: 'INVALID_PERIOD',
        numero: 'D1-S2',
        reason: 'periode: "20261345" is not a calendar date',
        importedAt: expect.any(String),
      },
      expect.objectContaining({ line: 14, element: 'periode', code: 'PERIOD_ENDS_BEFORE_START', numero: 'D1-S3' }),
    ]);
    expect(read('bad-values.xml.jsonl').map((l) => [l.severity, l.code, l.element])).toEqual([
      ['warning', 'INVALID_VALUE', 'prix-total-TTC'],
      ['reject', 'NO_TITLE', 'formation'],
      ['reject', 'NO_NUMERO', 'formation'],
    ]);
    expect(read('truncated.xml.jsonl')).toEqual([
      expect.objectContaining({ severity: 'fatal', code: 'SOURCE_FAILED', reason: expect.stringMatching(/^malformed XML/) }),
    ]);
    expect(run(dir, bad('bad-dates.xml'), '--report').status).toBe(2);
  });

  it('exits 1 when a source cannot be imported, 2 on bad usage', () => {
    const dir = tempDir();
    expect(run(dir, bad('truncated.xml'), bad('bad-dates.xml')).status).toBe(1);
    expect(run(dir).status).toBe(2);
    expect(run(dir, path.join(dir, 'missing.xml')).status).toBe(2);
  });

  it('fails a corrupt .xml.gz whole', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'broken.xml.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const [report] = await index(path.join(dir, 'catalog.sqlite'), path.join(dir, 'broken.xml.gz'));
    expect(report).toMatchObject({ status: 'failed', error: expect.stringMatching(/^corrupt gzip/) });
  });

  it('reads .xml.gz', async () => {
    const dir = tempDir();
    const { gzipSync } = await import('node:zlib');
    fs.writeFileSync(path.join(dir, 'onisep.xml.gz'), gzipSync(fs.readFileSync(path.join(fixtures, 'real', 'example-onisep-2.2.xml'))));
    const db = path.join(dir, 'catalog.sqlite');
    const [report] = await index(db, path.join(dir, 'onisep.xml.gz'));
    expect(report).toMatchObject({ source: 'onisep.xml', status: 'imported', sessions: 1 });
  });
});

describe('demo fixtures', () => {
  const demo = path.join(fixtures, 'demo');
  it.runIf(fs.existsSync(demo))('import entirely, certifications included, with at least 50 sessions', async () => {
    const db = path.join(tempDir(), 'catalog.sqlite');
    const reports = await index(db, demo);
    expect(reports.filter((r) => r.status !== 'imported')).toEqual([]);
    expect(reports.map((r) => r.kind)).toContain('FRANCE_COMPETENCES');
    expect(count(db, 'sessions')).toBeGreaterThanOrEqual(50);
    expect(count(db, 'certifications')).toBeGreaterThan(0);
    // modalites-enseignement 2 is "entièrement à distance", 1 "mixte" (LHEO dict-modalites-enseignement).
    expect(query(db, "SELECT id FROM actions WHERE modalite = 'DISTANCE' ORDER BY id")).toEqual([
      { id: 'HDF-F0004-A2' },
      { id: 'NAT-F0001-A3' },
      { id: 'PDL-F0006-A2' },
    ]);
    expect(query(db, 'SELECT id, nb_places FROM sessions WHERE nb_places IS NOT NULL ORDER BY id')).toEqual([
      { id: 'HDF-F0001-A1-S1', nb_places: 0 },
      { id: 'PDL-F0001-A1-S1', nb_places: 8 },
      { id: 'PDL-F0001-A1-S2', nb_places: 12 },
    ]);
    expect(query(db, "SELECT count(*) AS n FROM actions WHERE acces_handicapes LIKE 'Locaux accessibles%'")).toEqual([{ n: 29 }]);
    // modalites-alternance (2.3 and 2.2): given on 25 of the 38 actions, "-" on the others.
    expect(query(db, 'SELECT count(*) AS n FROM actions WHERE modalites_alternance IS NOT NULL')).toEqual([{ n: 25 }]);
    expect(query(db, "SELECT id, modalites_alternance FROM actions WHERE id IN ('PDL-F0001-A1', 'PDL-F0006-A1', 'NAT-F0001-A1') ORDER BY id")).toEqual([
      { id: 'NAT-F0001-A1', modalites_alternance: '280 heures en entreprise' },
      { id: 'PDL-F0001-A1', modalites_alternance: '105 heures en entreprise' },
      { id: 'PDL-F0006-A1', modalites_alternance: null },
    ]);
  });
});

describe('funders (organisme-financeur)', () => {
  it('keeps the LHEO dict-financeurs codes of an action, once each, and warns about the others', async () => {
    const dir = tempDir();
    const source = path.join(dir, 'financeurs.xml');
    const financeur = (code: string) => `<organisme-financeur><code-financeur>${code}</code-financeur></organisme-financeur>`;
    fs.writeFileSync(
      source,
      `<?xml version="1.0"?><lheo xmlns="http://lheo.gouv.fr/2.3"><offres><formation numero="FIN"><intitule-formation>Financée</intitule-formation>` +
        `<action numero="FIN-A"><modalites-enseignement>2</modalites-enseignement>${['2', '99', '16', '2'].map(financeur).join('')}` +
        `<session numero="FIN-A-S"><periode><debut>20270104</debut><fin>20270204</fin></periode></session></action></formation></offres></lheo>`,
    );
    const db = path.join(dir, 'catalog.sqlite');
    const [report] = await index(db, source);
    expect(query(db, 'SELECT financeurs, modalite FROM actions')).toEqual([{ financeurs: '["2","16"]', modalite: 'DISTANCE' }]);
    expect(report!.issues).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        code: 'INVALID_CODE',
        element: 'code-financeur',
        numero: 'FIN-A',
        reason: expect.stringContaining('"99"'),
      }),
    );
  });
});
