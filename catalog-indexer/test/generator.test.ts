import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '@formations/catalog/indexing';
import { groupingQuality, measureGrouping } from '../src/generator/duplicates-truth.ts';
import { DUPLICATES_FILE, generate, type GenerateSummary } from '../src/generator/generate.ts';
import { runIndexer } from '../src/indexer.ts';
import { NAMESPACES } from '../src/generator/lheo.ts';
import { luhnValid } from '../src/generator/organismes.ts';
import { loadReference } from '../src/generator/reference.ts';
import { wordCount } from '../src/generator/text.ts';

const CLI = fileURLToPath(new URL('../src/generator/cli.ts', import.meta.url));
// optional: the LHEO 2.3 schema of the shared reference data, checked with xmllint when both are there
const XSD = fileURLToPath(new URL('../fixtures/lheo/lheo-2.3.xsd', import.meta.url));
const canValidate = existsSync(XSD) && spawnSync('xmllint', ['--version']).status === 0;

type Parsed = {
  ns: Set<string>;
  formations: number;
  actions: number;
  sessions: number;
  numeros: string[];
  /** text of every element, by local name */
  values: Map<string, string[]>;
  /** per <adresse> of a lieu-de-formation: INSEE, lat, lon */
  lieux: { insee: string; lat?: number; lon?: number }[];
  actionsWithoutLieu: number;
  distanceActions: number;
};

function parse(xml: string): Parsed {
  const p = new SaxesParser({ xmlns: true });
  const r: Parsed = {
    ns: new Set(),
    formations: 0,
    actions: 0,
    sessions: 0,
    numeros: [],
    values: new Map(),
    lieux: [],
    actionsWithoutLieu: 0,
    distanceActions: 0,
  };
  const stack: string[] = [];
  let text = '';
  let lieu: { insee: string; lat?: number; lon?: number } | undefined;
  let actionHasLieu = false;
  p.on('opentag', (t) => {
    r.ns.add(t.uri);
    stack.push(t.local);
    text = '';
    const numero = t.attributes['numero'];
    const n = typeof numero === 'string' ? numero : numero?.value;
    if (t.local === 'formation') r.formations++;
    if (t.local === 'action') {
      r.actions++;
      actionHasLieu = false;
    }
    if (t.local === 'session') r.sessions++;
    if (n && ['formation', 'action', 'session'].includes(t.local)) r.numeros.push(n);
    if (t.local === 'lieu-de-formation') {
      actionHasLieu = true;
      lieu = { insee: '' };
    }
  });
  p.on('text', (t) => {
    text += t;
  });
  p.on('closetag', (t) => {
    stack.pop();
    const list = r.values.get(t.local) ?? [];
    list.push(text);
    r.values.set(t.local, list);
    if (lieu) {
      if (t.local === 'code-INSEE-commune') lieu.insee = text;
      if (t.local === 'latitude') lieu.lat = Number(text);
      if (t.local === 'longitude') lieu.lon = Number(text);
      if (t.local === 'lieu-de-formation') {
        r.lieux.push(lieu);
        lieu = undefined;
      }
    }
    if (t.local === 'modalites-enseignement' && text === '2') r.distanceActions++; // 2: entièrement à distance
    if (t.local === 'action' && !actionHasLieu) r.actionsWithoutLieu++;
    text = '';
  });
  p.on('error', (e) => {
    throw e;
  });
  p.write(xml).close();
  return r;
}

const read = (path: string): string => {
  const buf = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
};

const haversineKm = (lat1: number, lon1: number, lat2: number, lon2: number): number => {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
};

describe('synthetic LHEO generator', () => {
  const root = mkdtempSync(join(tmpdir(), 'gen-catalog-'));
  let mixed: GenerateSummary;
  let gz: GenerateSummary;
  let again: GenerateSummary;
  let otherSeed: GenerateSummary;
  const parsed = new Map<string, Parsed>();

  beforeAll(async () => {
    mixed = await generate({ sessions: 2000, out: join(root, 'mixed'), seed: 42, files: 2, version: 'mixed' });
    gz = await generate({ sessions: 2000, out: join(root, 'gz'), seed: 42, files: 2, version: 'mixed', gzip: true });
    again = await generate({ sessions: 2000, out: join(root, 'again'), seed: 42, files: 2, version: 'mixed' });
    otherSeed = await generate({ sessions: 2000, out: join(root, 'other'), seed: 43, files: 2, version: 'mixed' });
    for (const f of [...mixed.files, ...gz.files]) parsed.set(f.path, parse(read(f.path)));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes exactly the requested sessions, split over the requested files, alternating 2.3 / 2.2', () => {
    for (const s of [mixed, gz]) {
      expect(s.sessions).toBe(2000);
      expect(s.files.map((f) => f.version)).toEqual(['2.3', '2.2']);
      expect(s.files.map((f) => f.sessions)).toEqual([1000, 1000]);
      expect(s.files[1]!.path).toMatch(/offres-generees-002-2\.2\.xml(\.gz)?$/);
    }
    expect(gz.files.every((f) => f.path.endsWith('.xml.gz') && f.bytes < f.xmlBytes / 3)).toBe(true);
  });

  it('produces well-formed XML whose counts match the summary, in the right namespace', () => {
    for (const s of [mixed, gz]) {
      for (const f of s.files) {
        const p = parsed.get(f.path)!;
        expect(p.formations).toBe(f.formations);
        expect(p.actions).toBe(f.actions);
        expect(p.sessions).toBe(f.sessions);
        expect([...p.ns]).toEqual([NAMESPACES[f.version]]);
        expect(p.actions).toBeGreaterThanOrEqual(p.formations);
        expect(p.actions).toBeLessThanOrEqual(3 * p.formations);
        expect(p.sessions).toBeLessThanOrEqual(4 * p.actions);
      }
    }
    const all = mixed.files.flatMap((f) => parsed.get(f.path)!.numeros);
    expect(new Set(all).size).toBe(all.length);
    expect(all[0]).toBe('GEN-F000001');
    expect(all).toContain('GEN-F000001-A1-S1');
  });

  it('is deterministic: same seed gives byte-identical files (plain and gzip), another seed differs', () => {
    expect(read(gz.files[0]!.path)).toBe(readFileSync(mixed.files[0]!.path, 'utf8'));
    for (let i = 0; i < 2; i++) {
      expect(readFileSync(again.files[i]!.path).equals(readFileSync(mixed.files[i]!.path))).toBe(true);
    }
    expect(readFileSync(otherSeed.files[0]!.path).equals(readFileSync(mixed.files[0]!.path))).toBe(false);
  });

  it('gzip output is deterministic too', async () => {
    const gz2 = await generate({ sessions: 2000, out: join(root, 'gz2'), seed: 42, files: 2, version: 'mixed', gzip: true });
    for (let i = 0; i < 2; i++) expect(readFileSync(gz2.files[i]!.path).equals(readFileSync(gz.files[i]!.path))).toBe(true);
  });

  it('writes a share of formations again under other numeros, listed in duplicates.tsv, which the import groups', async () => {
    const truth = readFileSync(join(root, 'mixed', DUPLICATES_FILE), 'utf8')
      .trim()
      .split('\n');
    expect(truth[0]).toBe('copy\tsame_as');
    const lines = truth.slice(1).map((l) => l.split('\t'));
    expect(lines.length).toBeGreaterThan(10);
    const all = mixed.files.flatMap((f) => parsed.get(f.path)!.numeros);
    for (const [copy, original] of lines) {
      expect(copy).toMatch(/^GEN-R\d{6}-A\d-S\d$/);
      expect(original).toBe(copy!.replace('GEN-R', 'GEN-F'));
      expect(all).toContain(copy);
      expect(all).toContain(original);
    }
    const dbFile = join(root, 'grouped.sqlite');
    await runIndexer([join(root, 'mixed')], { dbFile, searchEngine: null });
    const { sqlite } = openCatalog(dbFile);
    try {
      const quality = measureGrouping(sqlite, join(root, 'mixed', DUPLICATES_FILE));
      expect(quality.truePairs).toBe(lines.length);
      expect(quality.precision).toBeGreaterThanOrEqual(0.99);
      expect(quality.recall).toBeGreaterThanOrEqual(0.95);
    } finally {
      sqlite.close();
    }
  });

  it('scores a grouping pair by pair', () => {
    const truth: [string, string][] = [
      ['b', 'a'],
      ['c', 'a'],
      ['e', 'd'],
    ];
    // Offers {a, b, c} and {d, e}: 3 + 1 true pairs; grouped {a, b} {c, x} {d, e}: 3 pairs, 2 true.
    expect(
      groupingQuality(
        [
          ['a', 'b'],
          ['c', 'x'],
          ['d', 'e'],
        ],
        truth,
      ),
    ).toEqual({ groupedPairs: 3, truePairs: 4, found: 2, precision: 2 / 3, recall: 0.5 });
  });

  it('uses only Formacode, ROME and commune codes of the reference tables', () => {
    const ref = loadReference();
    const insee = new Map(ref.communes.map((c) => [c.insee, c]));
    for (const f of mixed.files) {
      const p = parsed.get(f.path)!;
      const fcs = p.values.get('code-FORMACODE')!;
      expect(fcs.length).toBeGreaterThan(p.formations);
      for (const c of fcs) expect(ref.formacodeByCode.has(c), c).toBe(true);
      const romes = p.values.get('code-ROME')!;
      expect(romes.length).toBeGreaterThan(p.formations * 0.7);
      for (const c of romes) expect(ref.romeByCode.has(c), c).toBe(true);
      for (const c of p.values.get('code-INSEE-commune')!) expect(insee.has(c), c).toBe(true);
      // places of training: at most 2 km from the commune centre, ~5 % without coordinates
      const withGeo = p.lieux.filter((l) => l.lat !== undefined);
      for (const l of withGeo) {
        const c = insee.get(l.insee)!;
        expect(haversineKm(c.latitude, c.longitude, l.lat!, l.lon!)).toBeLessThanOrEqual(2.05);
      }
      const noGeo = 1 - withGeo.length / p.lieux.length;
      expect(noGeo).toBeGreaterThan(0.01);
      expect(noGeo).toBeLessThan(0.12);
    }
  });

  it('gives organismes valid SIRETs (Luhn, SIREN too) and 11-digit numéros d’activité from a shared pool', () => {
    for (const f of mixed.files) {
      const p = parsed.get(f.path)!;
      const sirets = p.values.get('SIRET')!;
      expect(sirets.length).toBe(p.formations);
      for (const s of sirets) {
        expect(s).toMatch(/^\d{14}$/);
        expect(luhnValid(s), s).toBe(true);
        expect(luhnValid(s.slice(0, 9)), s).toBe(true);
      }
      expect(new Set(sirets).size).toBeLessThan(sirets.length);
      for (const n of p.values.get('numero-activite')!) expect(n).toMatch(/^\d{11}$/);
    }
  });

  it('follows the version conventions of the demo fixtures', () => {
    const [p23, p22] = mixed.files.map((f) => parsed.get(f.path)!) as [Parsed, Parsed];
    for (const c of p23.values.get('code-RNCP')!) expect(c).toMatch(/^RNCP\d{3,5}$/);
    for (const c of p23.values.get('code-RS') ?? []) expect(c).toMatch(/^RS\d{3,4}$/);
    expect((p23.values.get('code-RS') ?? []).length).toBeGreaterThan(0);
    for (const c of p22.values.get('code-RNCP')!) expect(c).toMatch(/^\d{3,5}$/);
    expect(p22.values.get('code-RS')).toBeUndefined();
    expect(p22.values.get('objectif-general-formation')).toBeUndefined();
    for (const c of p23.values.get('code-niveau-sortie')!) expect(['13', '14', '15', '16']).toContain(c);
    for (const c of p22.values.get('code-niveau-sortie')!) expect(['4', '5', '6', '7']).toContain(c);
    // distance learning: no place in 2.3, the organisme's seat in 2.2
    expect(p23.distanceActions).toBeGreaterThan(0);
    expect(p23.actionsWithoutLieu).toBe(p23.distanceActions);
    expect(p22.actionsWithoutLieu).toBe(0);
  });

  it('has realistic values: prices, hours, dates, recruitment, descriptions, CPF extras', () => {
    for (const f of mixed.files) {
      const p = parsed.get(f.path)!;
      const prices = p.values.get('prix-total-TTC')!;
      const unknown = prices.filter((x) => x === '-').length / prices.length;
      expect(unknown).toBeLessThan(0.1);
      for (const x of prices.filter((v) => v !== '-')) {
        expect(x).toMatch(/^\d+\.\d\d$/);
        expect(Number(x)).toBeGreaterThanOrEqual(300);
        expect(Number(x)).toBeLessThanOrEqual(12000);
      }
      for (const h of p.values.get('nombre-heures-centre')!) expect(Number(h)).toBeGreaterThan(0);
      const debuts = p.values.get('debut')!;
      const fins = p.values.get('fin')!;
      let unknownDates = 0;
      debuts.forEach((d, i) => {
        const e = fins[i]!;
        if (d === '00000000') {
          expect(e).toBe('99999999');
          unknownDates++;
          return;
        }
        expect(d >= '20261201' && d <= '20280630', d).toBe(true);
        expect(e >= d && e <= '20280630', `${d} ${e}`).toBe(true);
      });
      expect(unknownDates / debuts.length).toBeLessThan(0.06);
      const etats = p.values.get('etat-recrutement')!;
      expect(etats.filter((x) => x === '1').length / etats.length).toBeGreaterThan(0.8);
      const contenus = p.values.get('contenu-formation')!;
      for (const c of contenus.filter((x) => x !== '-')) {
        const n = wordCount(c);
        expect(n, c).toBeGreaterThanOrEqual(60);
        expect(n, c).toBeLessThanOrEqual(140);
      }
      expect(contenus.some((c) => c.startsWith('<p>'))).toBe(true);
      expect(contenus.some((c) => c.includes('<ul><li>'))).toBe(true);
      const cpf = (p.values.get('extra') ?? []).filter((x) => x === 'RNCP' || x === 'RS').length / p.formations;
      expect(cpf).toBeGreaterThan(0.55);
      expect(cpf).toBeLessThan(0.85);
      for (const t of p.values.get('intitule-formation')!) expect(t.length).toBeLessThanOrEqual(255);
    }
  });

  it.skipIf(!canValidate)('validates the 2.3 file against the LHEO 2.3 XML Schema (xmllint)', () => {
    const r = spawnSync('xmllint', ['--noout', '--schema', XSD, mixed.files[0]!.path], { encoding: 'utf8' });
    expect(r.stderr.trim()).toBe(`${mixed.files[0]!.path} validates`);
    expect(r.status).toBe(0);
  });

  it('rejects bad options with exit code 2', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--out', join(root, 'bad'), '--version', '3.0'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--version must be 2\.2, 2\.3 or mixed/);
    const noOut = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--sessions', '10'], { encoding: 'utf8' });
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/--out <dir> is required/);
  });

  it('keeps memory constant: 200,000 sessions with a 128 MB heap', () => {
    const out = join(root, 'big');
    const started = Date.now();
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=128', '--import', 'tsx', CLI, '--sessions', '200000', '--out', out, '--seed', '7', '--files', '2', '--version', '2.3'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/files 2, formations \d+, actions \d+, sessions 200000, bytes \d+/);
    const rss = /peak RSS ([\d.]+) MiB/.exec(r.stdout);
    expect(Number(rss?.[1])).toBeLessThan(300);
    console.log(`200k sessions in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.stdout.trim().split('\n').pop()}`);
  }, 60_000);
});
