// The fixed mixed query set of `npm run bench:search`, built from the imported catalogue and the
// generator's reference tables (real Formacode / ROME labels, communes), plus what both the
// benchmark and its comparison worker need: documents read back from the catalogue, folding.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { repoRoot } from '../../scripts/stack.ts';
import { STOP_WORDS } from '../../subgraphs/catalog/src/domain/search-text.ts';

export type Family = 'text' | 'typo' | 'prefix' | 'filters' | 'facets' | 'geo' | 'sort' | 'page';
export const FAMILIES: Family[] = ['text', 'typo', 'prefix', 'filters', 'facets', 'geo', 'sort', 'page'];

/** What a query needs from an engine (an engine without one of them reports the query "n/a"). */
export type Feature = 'filter' | 'facets' | 'geo' | 'distance-sort' | 'sort' | 'page';

export type Modality = 'PRESENTIEL' | 'DISTANCE' | 'MIXTE';
export type BenchFacet = 'regions' | 'departements' | 'modalities' | 'certificationCodes' | 'formacodes' | 'romeCodes' | 'cpfEligible';

export interface BenchFilters {
  regions?: string[];
  departements?: string[];
  certificationCode?: string;
  formacodes?: string[];
  romeCodes?: string[];
  modalities?: Modality[];
  cpfEligible?: boolean;
  minPrice?: number;
  maxPrice?: number;
  startsAfter?: string;
  startsBefore?: string;
  near?: { latitude: number; longitude: number; radiusKm: number };
}

export interface BenchQuery {
  id: string;
  family: Family;
  label: string;
  query: string | null;
  filters: BenchFilters;
  sort: 'RELEVANCE' | 'START_DATE' | 'PRICE' | 'DISTANCE';
  from: { latitude: number; longitude: number } | null;
  page: number;
  pageSize: number;
  facets: BenchFacet[];
  features: Feature[];
  /** For result quality: the words (folded, typos corrected) every relevant hit holds (the last one as a prefix: every engine reads it so); `prefixLast` when it was typed cut. */
  intended?: { words: string[]; prefixLast: boolean };
  /** A formation the query was written for (its exact title words): one of its sessions should be in the top 10. */
  expectedFormationId?: number;
}

// The engine's own stop words (one list): a query word it ignores is not an expectation here.
export { STOP_WORDS };

/** Accents, case and ligatures folded the way the catalogue's FTS index does. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').toLowerCase();
}

export function tokens(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP_WORDS.has(w));
}

export const allowedTypos = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

/** One session as the comparison engines load it (the same fields the embedded engine searches and filters on). */
export interface BenchDocument {
  id: string;
  title: string;
  description: string;
  places: string;
  region: string | null;
  departement: string | null;
  modality: Modality | null;
  certificationCode: string | null;
  formacodes: string[];
  romeCodes: string[];
  cpfEligible: boolean | null;
  priceCents: number | null;
  /** YYYYMMDD as a number. */
  start: number | null;
  latitude: number | null;
  longitude: number | null;
}

const YES = new Set(['1', 'oui', 'o', 'true', 'vrai', 'yes', 'y']);
const NO = new Set(['0', 'non', 'n', 'false', 'faux', 'no']);

/** CPF eligibility as the embedded engine judges it: the action's, else the formation's extras. */
function cpfEligible(action: number | null, formationExtras: string): boolean | null {
  if (action !== null) return action === 1;
  try {
    for (const x of JSON.parse(formationExtras) as { group?: string; key?: string; value?: string }[]) {
      const label = `${x.group ?? ''} ${x.key ?? ''}`.toLowerCase();
      const value = String(x.value ?? '').toLowerCase();
      if (label.includes('cpf') && (label.includes('eligib') || label.includes('éligib')) && (YES.has(value) || NO.has(value))) return YES.has(value);
    }
  } catch {
    // not JSON: unknown
  }
  return null;
}

/** Every session of the catalogue, in pages (keyset on the id), as the comparison engines load them. */
export function* readDocuments(sqlite: Database.Database, pageSize = 2000): Generator<BenchDocument> {
  const statement = sqlite.prepare(`
    SELECT s.id, fts.intitule AS title, fts.texte AS description, fts.lieux AS places, s.region, s.departement, s.modalite AS modality,
      f.certification_code AS certificationCode, s.prix_cents AS priceCents, s.debut AS debut, s.latitude, s.longitude,
      a.cpf_eligible AS cpfAction, f.extras AS formationExtras,
      (SELECT group_concat(code, ' ') FROM formation_codes WHERE formation_id = f.id AND kind = 'FORMACODE') AS formacodes,
      (SELECT group_concat(code, ' ') FROM (SELECT code FROM formation_codes WHERE formation_id = f.id AND kind = 'ROME'
         UNION SELECT code FROM certification_codes WHERE certification_code = f.certification_code AND kind = 'ROME')) AS romeCodes
    FROM sessions s JOIN formations f ON f.id = s.formation_id JOIN actions a ON a.id = s.action_id
    LEFT JOIN formation_fts fts ON fts.rowid = f.id
    WHERE s.id > ? ORDER BY s.id LIMIT ?`);
  type Row = Omit<BenchDocument, 'formacodes' | 'romeCodes' | 'cpfEligible' | 'start'> & {
    debut: string | null;
    cpfAction: number | null;
    formationExtras: string;
    formacodes: string | null;
    romeCodes: string | null;
  };
  let after = '';
  for (;;) {
    const rows = statement.all(after, pageSize) as Row[];
    for (const r of rows) {
      yield {
        id: r.id,
        title: r.title ?? '',
        description: r.description ?? '',
        places: r.places ?? '',
        region: r.region,
        departement: r.departement,
        modality: r.modality,
        certificationCode: r.certificationCode,
        formacodes: r.formacodes ? r.formacodes.split(' ') : [],
        romeCodes: r.romeCodes ? r.romeCodes.split(' ') : [],
        cpfEligible: cpfEligible(r.cpfAction, r.formationExtras),
        priceCents: r.priceCents,
        start: r.debut && /^\d{4}-\d\d-\d\d$/.test(r.debut) ? Number(r.debut.replace(/-/g, '')) : null,
        latitude: r.latitude,
        longitude: r.longitude,
      };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

// ---- the query set -------------------------------------------------------------------------

function csv(file: string): string[][] {
  return fs
    .readFileSync(path.join(repoRoot, 'catalog-indexer', 'data', file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.replace(/\r$/, '').split(';'));
}

function commune(insee: string, communes: string[][]): { name: string; latitude: number; longitude: number } {
  const row = communes.find((c) => c[0] === insee);
  if (!row) throw new Error(`commune ${insee} missing from catalog-indexer/data/communes.csv`);
  return { name: row[2]!, latitude: Number(row[5]), longitude: Number(row[6]) };
}

/** A typo of `word` with `edits` substitutions that is not itself an indexed term. */
function typo(word: string, edits: 1 | 2, known: (term: string) => boolean): string {
  const shift = (c: string) => (c === 'z' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1));
  for (let p = Math.floor(word.length / 2); p < word.length - 1; p++) {
    const chars = [...word];
    chars[p] = shift(chars[p]!);
    if (edits === 2) chars[1] = shift(chars[1]!);
    const candidate = chars.join('');
    if (!known(candidate)) return candidate;
  }
  return `${word.slice(0, -1)}${edits === 2 ? 'qq' : 'q'}`;
}

/** The fixed query set for this catalogue (deterministic for a given catalogue). */
export function buildQueries(sqlite: Database.Database): BenchQuery[] {
  const docCount = new Map((sqlite.prepare('SELECT term, doc FROM formation_vocab').all() as { term: string; doc: number }[]).map((r) => [r.term, r.doc]));
  const known = (t: string) => docCount.has(t);
  const { n: formations } = sqlite.prepare('SELECT count(*) AS n FROM formations').get() as { n: number };

  // Words of the real Formacode and ROME labels, as users type them (accents kept), with their frequency here.
  const display = new Map<string, string>();
  for (const [, label] of [...csv('formacode.csv'), ...csv('rome.csv')]) {
    for (const raw of (label ?? '').toLowerCase().split(/[^\p{L}]+/u)) {
      const folded = fold(raw);
      if (folded.length >= 4 && !STOP_WORDS.has(folded) && known(folded) && !display.has(folded)) display.set(folded, raw);
    }
  }
  const labelWords = [...display.keys()].sort();
  const closest = (share: number, ok: (w: string) => boolean, exclude: Set<string>) => {
    const target = Math.max(2, share * formations);
    let best: string | undefined;
    for (const w of labelWords) {
      if (!ok(w) || exclude.has(w)) continue;
      if (best === undefined || Math.abs(docCount.get(w)! - target) < Math.abs(docCount.get(best)! - target)) best = w;
    }
    if (!best) throw new Error('the catalogue is too small to build the query set');
    exclude.add(best);
    return best;
  };
  const used = new Set<string>();
  const generic = labelWords.reduce((a, b) => (docCount.get(b)! > docCount.get(a)! ? b : a));
  used.add(generic);
  const frequent = closest(0.05, (w) => w.length >= 6 && w.length <= 8, used);
  const medium = closest(0.01, (w) => w.length >= 5, used);
  const rare = closest(0.001, (w) => w.length >= 5, used);
  const long = closest(0.02, (w) => w.length >= 9, used);
  const show = (w: string) => display.get(w) ?? w;

  // A two-word Formacode label that many trainings have as their principal domain.
  const twoWords =
    (
      sqlite
        .prepare(
          `SELECT c.code, count(*) AS n FROM formation_codes c WHERE c.kind = 'FORMACODE' AND c.principal = 1 GROUP BY c.code ORDER BY n DESC, c.code LIMIT 400`,
        )
        .all() as { code: string; n: number }[]
    )
      .map((r) => csv('formacode.csv').find((f) => f[0] === r.code)?.[1] ?? '')
      .find((label) => tokens(label).length === 2 && tokens(label).every((w) => w.length >= 4)) ?? `${show(frequent)} ${show(medium)}`;

  // Trainings with a unique title: the expected answers of exact-title, typo and prefix queries.
  const unique = sqlite.prepare(
    `SELECT f.id, f.intitule AS title, f.certification_code AS cert FROM formations f
     WHERE f.intitule LIKE ? AND f.intitule IN (SELECT intitule FROM formations GROUP BY intitule HAVING count(*) = 1) ORDER BY f.id LIMIT 3000`,
  );
  const countTitle = sqlite.prepare('SELECT count(*) AS n FROM formation_fts WHERE formation_fts MATCH ?');
  const any = sqlite.prepare(
    'SELECT f.id, f.intitule AS title, f.certification_code AS cert FROM formations f WHERE f.intitule LIKE ? ORDER BY f.id LIMIT 3000',
  );
  /** The first title (by id) whose words no other title holds all of (or at most `most` titles, when none is alone). */
  const pickTitle = (like: string, ok: (words: string[]) => boolean, most = 1, from = unique) => {
    for (const row of from.all(like) as { id: number; title: string; cert: string | null }[]) {
      const words = tokens(row.title);
      if (words.length < 3 || words.length > 6 || !ok(words)) continue;
      const match = `intitule : (${words.map((w) => `"${w}"`).join(' AND ')})`;
      if ((countTitle.get(match) as { n: number }).n <= most) return { ...row, words };
    }
    return undefined;
  };
  const pick = (like: string, ok: (words: string[]) => boolean) =>
    pickTitle(like, ok) ?? pickTitle('%', ok) ?? pickTitle('%', ok, 5, any) ?? pickTitle('%', () => true, Number.MAX_SAFE_INTEGER, any);
  const a = pick('Titre professionnel %', (w) => w.slice(2).some((x) => x.length >= 5) && w.length >= 4);
  const b = pick('Formation %', (w) => w.some((x) => x.length >= 9));
  if (!a || !b) throw new Error('no training title of 3 to 6 words in the catalogue');
  const aJob = a.words[0] === 'titre' ? a.words.slice(2) : a.words;
  const longest = (words: string[]) => words.reduce((best, w, i) => (w.length > words[best]!.length ? i : best), 0);
  const aTypoAt =
    Math.max(
      0,
      a.words.findIndex((w, i) => i >= a.words.length - aJob.length && w.length >= 5),
    ) || longest(a.words);
  const bTypoAt = b.words.findIndex((w) => w.length >= 9) >= 0 ? b.words.findIndex((w) => w.length >= 9) : longest(b.words);
  const withWord = (words: string[], at: number, replacement: string) => words.map((w, i) => (i === at ? replacement : w)).join(' ');

  // Filter values that exist here.
  const top = (sql: string) => (sqlite.prepare(sql).all() as { v: string }[]).map((r) => r.v);
  const [region] = top('SELECT region AS v FROM sessions WHERE region IS NOT NULL GROUP BY region ORDER BY count(*) DESC, region LIMIT 1');
  const departement = top(
    'SELECT departement AS v FROM sessions WHERE departement IS NOT NULL GROUP BY departement ORDER BY count(*) DESC, departement LIMIT 2',
  )[1];
  const [formacode] = top(
    "SELECT code AS v FROM formation_codes WHERE kind = 'FORMACODE' AND principal = 1 GROUP BY code ORDER BY count(*) DESC, code LIMIT 1",
  );
  const [rome] = top("SELECT code AS v FROM formation_codes WHERE kind = 'ROME' GROUP BY code ORDER BY count(*) DESC, code LIMIT 1");
  const [topCert] = top(
    'SELECT certification_code AS v FROM formations WHERE certification_code IS NOT NULL GROUP BY certification_code ORDER BY count(*) DESC, certification_code LIMIT 1',
  );
  const certification = a.cert ?? topCert;
  if (!region || !departement || !formacode || !rome || !certification) throw new Error('the catalogue lacks régions, départements or codes');

  // A word that the trainings aimed at the top ROME code hold, from its real label.
  const romeLabel = csv('rome.csv').find((r) => r[0] === rome)?.[1] ?? '';
  const countMatch = (expression: string) => (countTitle.get(expression) as { n: number }).n;
  const romeWord = tokens(romeLabel).find((w) => w.length >= 5 && known(w) && countMatch(`"${w}"`) > 0) ?? medium;
  // The commune most often named with the frequent word (its places), among the biggest ones.
  const villes = top('SELECT ville AS v FROM actions WHERE ville IS NOT NULL GROUP BY ville ORDER BY count(*) DESC, ville LIMIT 20');
  const town =
    villes.find(
      (v) =>
        tokens(v).length > 0 &&
        countMatch(
          `"${frequent}" AND lieux : (${tokens(v)
            .map((w) => `"${w}"`)
            .join(' ')})`,
        ) > 0,
    ) ??
    villes[0] ??
    'Nantes';
  const communes = csv('communes.csv');
  const lyon = commune('69381', communes);
  const paris = commune('75101', communes);
  const nantes = commune('44109', communes);
  const toulouse = commune('31555', communes);
  const near = (c: { latitude: number; longitude: number }, radiusKm: number) => ({ latitude: c.latitude, longitude: c.longitude, radiusKm });
  const point = (c: { latitude: number; longitude: number }) => ({ latitude: c.latitude, longitude: c.longitude });

  const queries: BenchQuery[] = [];
  let n = 0;
  const add = (family: Family, label: string, q: Partial<BenchQuery> & { query: string | null }) => {
    const words = q.query ? tokens(q.query) : [];
    const features = new Set<Feature>(q.features ?? []);
    if (q.filters && Object.keys(q.filters).some((k) => k !== 'near')) features.add('filter');
    if (q.filters?.near) features.add('geo');
    if (q.facets?.length) features.add('facets');
    if (q.sort === 'DISTANCE') features.add('distance-sort');
    else if (q.sort && q.sort !== 'RELEVANCE') features.add('sort');
    if ((q.page ?? 1) > 1) features.add('page');
    queries.push({
      id: `${family}-${++n}`,
      family,
      label,
      filters: {},
      sort: 'RELEVANCE',
      from: null,
      page: 1,
      pageSize: 20,
      facets: [],
      ...q,
      features: [...features],
      intended: q.intended ?? (words.length > 0 ? { words, prefixLast: false } : undefined),
    });
  };
  const facets2: BenchFacet[] = ['regions', 'modalities'];

  // text
  add('text', 'one very frequent word', { query: show(generic) });
  add('text', 'one frequent word', { query: show(frequent) });
  add('text', 'one medium word', { query: show(medium) });
  add('text', 'one rare word', { query: show(rare) });
  add('text', 'accents left out', { query: long });
  add('text', 'two words (Formacode label)', { query: twoWords });
  add('text', 'word + commune', { query: `${show(frequent)} ${town.toLowerCase()}` });
  add('text', 'exact unique title A', { query: a.title, expectedFormationId: a.id });
  add('text', 'exact unique title B', { query: b.title, expectedFormationId: b.id });
  // typo
  add('typo', 'one word, 1 typo', { query: typo(frequent, 1, known), intended: { words: [frequent], prefixLast: false } });
  add('typo', 'one long word, 2 typos', { query: typo(long, 2, known), intended: { words: [long], prefixLast: false } });
  add('typo', 'title A, 1 typo', {
    query: withWord(a.words, aTypoAt, typo(a.words[aTypoAt]!, 1, known)),
    intended: { words: a.words, prefixLast: false },
    expectedFormationId: a.id,
  });
  add('typo', 'title B, 2 typos in a long word', {
    query: withWord(b.words, bTypoAt, typo(b.words[bTypoAt]!, 2, known)),
    intended: { words: b.words, prefixLast: false },
    expectedFormationId: b.id,
  });
  add('typo', 'word with typo + medium word', {
    query: `${typo(frequent, 1, known)} ${show(medium)}`,
    intended: { words: [frequent, medium], prefixLast: false },
  });
  // prefix (search as you type title A's job)
  const j0 = aJob[0]!;
  const j1 = aJob[1] ?? aJob[0]!;
  const typed = (s: string, words: string[]) => ({ query: s, intended: { words, prefixLast: true } });
  add('prefix', '3 letters', typed(j0.slice(0, 3), [j0.slice(0, 3)]));
  add('prefix', '5 letters', typed(j0.slice(0, 5), [j0.slice(0, 5)]));
  add('prefix', 'word + 3 letters', typed(`${j0} ${j1.slice(0, 3)}`, [j0, j1.slice(0, 3)]));
  const cut = a.words.map((w, i) => (i === a.words.length - 1 ? w.slice(0, Math.max(3, w.length - 3)) : w));
  add('prefix', 'title A, last word cut', { ...typed(cut.join(' '), cut), expectedFormationId: a.id });
  // filters
  add('filters', 'no words, no filter (browse all)', { query: null });
  add('filters', 'word + région', { query: show(frequent), filters: { regions: [region] } });
  add('filters', 'département only', { query: null, filters: { departements: [departement] } });
  add('filters', 'certification only', { query: null, filters: { certificationCode: certification } });
  add('filters', 'Formacode only', { query: null, filters: { formacodes: [formacode] } });
  add('filters', 'word + ROME', { query: show(romeWord), filters: { romeCodes: [rome] } });
  add('filters', 'word + modality DISTANCE', { query: show(frequent), filters: { modalities: ['DISTANCE'] } });
  add('filters', 'word + price 1,000–3,000 €', { query: show(generic), filters: { minPrice: 100_000, maxPrice: 300_000 } });
  add('filters', 'word + start date range', { query: show(frequent), filters: { startsAfter: '2027-03-01', startsBefore: '2027-05-31' } });
  add('filters', 'word + CPF-eligible', { query: show(frequent), filters: { cpfEligible: true } });
  add('filters', '2 words + région + price + date + modality', {
    query: twoWords,
    filters: { regions: [region], maxPrice: 500_000, startsAfter: '2027-01-01', modalities: ['PRESENTIEL'] },
  });
  // facets
  add('facets', 'région filter + 2 facets', { query: null, filters: { regions: [region] }, facets: facets2 });
  add('facets', 'frequent word + 2 facets', { query: show(frequent), facets: facets2 });
  add('facets', '2 words + 3 filters + 3 facets', {
    query: twoWords,
    filters: { regions: [region], maxPrice: 800_000, startsAfter: '2027-01-01' },
    facets: ['regions', 'modalities', 'departements'],
  });
  add('facets', 'typo + 4 facets', {
    query: typo(frequent, 1, known),
    intended: { words: [frequent], prefixLast: false },
    facets: ['regions', 'modalities', 'cpfEligible', 'formacodes'],
  });
  // geo
  add('geo', `no words, 30 km around ${lyon.name}, by distance`, { query: null, filters: { near: near(lyon, 30) }, sort: 'DISTANCE', from: point(lyon) });
  add('geo', `word, 20 km around ${paris.name}, by distance`, {
    query: show(frequent),
    filters: { near: near(paris, 20) },
    sort: 'DISTANCE',
    from: point(paris),
  });
  add('geo', `word, 50 km around ${nantes.name}`, { query: show(medium), filters: { near: near(nantes, 50) } });
  add('geo', `word, by distance from ${toulouse.name}`, { query: show(frequent), sort: 'DISTANCE', from: point(toulouse) });
  // sort
  add('sort', 'word by start date', { query: show(frequent), sort: 'START_DATE' });
  add('sort', 'word by price', { query: show(medium), sort: 'PRICE' });
  add('sort', 'région by price', { query: null, filters: { regions: [region] }, sort: 'PRICE' });
  add('sort', 'Formacode by start date', { query: null, filters: { formacodes: [formacode] }, sort: 'START_DATE' });
  // page 3
  add('page', 'frequent word, page 3', { query: show(frequent), page: 3 });
  add('page', 'région by start date, page 3', { query: null, filters: { regions: [region] }, sort: 'START_DATE', page: 3 });
  add('page', 'two words, page 3', { query: twoWords, page: 3 });
  return queries;
}
