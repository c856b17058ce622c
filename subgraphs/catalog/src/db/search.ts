// The embedded search engine: SQLite FTS5 for the words, plain SQL for filters, sorts and facets,
// run on the catalogue itself (the indexer writes formation_fts in the import transaction).
// `searchSessions` runs one search on an open catalogue; src/search/embedded.ts wraps it as the
// default adapter of the search port (src/search/port.ts).
import type Database from 'better-sqlite3';
import { matchExpression, queryWords, synonymsOf, typoPrefixVariants, typoVariants } from '../domain/search-text.ts';
import { FACETS, MAX_FACET_VALUES, originOf, roundKm, type FacetCount, type FacetName, type SearchHighlights, type SearchRequest, type SearchResult } from '../search/port.ts';

export type { FacetName, SearchFilters, SearchHit, SearchRequest, SearchResult, SortBy } from '../search/port.ts';
/** Older name of a hit. */
export type { SearchHit as SearchHitRow } from '../search/port.ts';

const distanceSql = (lat: string, lng: string) =>
  `(2 * 6371.0088 * asin(min(1, sqrt(pow(sin(radians(s.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(s.latitude)) * pow(sin(radians(s.longitude - ${lng}) / 2), 2)))))`;

/**
 * European level 1…8 from LHEO code-niveau-sortie: 11…18 (2.3 nomenclature) are levels 1…8;
 * 2…8 (former nomenclature VI, V bis, V, IV, III, II, I) are levels 1…7; 0 and 1 (unknown, none) are null.
 */
export const exitLevelSql = (column: string) =>
  `(CASE WHEN ${column} GLOB '1[1-8]' THEN CAST(${column} AS INTEGER) - 10 WHEN ${column} GLOB '[2-8]' THEN CAST(${column} AS INTEGER) - 1 ELSE NULL END)`;

/**
 * CPF eligibility of a session: its action's (extras eligibilite-cpf of the action), else the
 * same extras declared on the formation (as the demo and many exports do); null when unknown.
 */
export const cpfEligibleSql = (action: string, formation: string) => `coalesce(${action}.cpf_eligible, (
  SELECT v FROM (
    SELECT CASE WHEN lower(json_extract(x.value, '$.value')) IN ('1', 'oui', 'o', 'true', 'vrai', 'yes', 'y') THEN 1
                WHEN lower(json_extract(x.value, '$.value')) IN ('0', 'non', 'n', 'false', 'faux', 'no') THEN 0 END AS v,
           lower(coalesce(json_extract(x.value, '$.group'), '') || ' ' || coalesce(json_extract(x.value, '$.key'), '')) AS label
    FROM json_each(${formation}.extras) x)
  WHERE label LIKE '%cpf%' AND (label LIKE '%eligib%' OR label LIKE '%éligib%') AND v IS NOT NULL LIMIT 1))`;

let vocabularyCache: { sqlite: Database.Database; version: number; terms: string[]; known: Set<string> } | undefined;

/** The FTS vocabulary, reloaded when the data changes (PRAGMA data_version). */
function vocabulary(sqlite: Database.Database): { terms: string[]; known: Set<string> } {
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  if (vocabularyCache?.sqlite !== sqlite || vocabularyCache.version !== version) {
    const terms = (sqlite.prepare('SELECT term FROM formation_vocab').all() as { term: string }[]).map((r) => r.term);
    vocabularyCache = { sqlite, version, terms, known: new Set(terms) };
  }
  return vocabularyCache;
}

/** Runs one search on an open catalogue (synchronous; the embedded adapter wraps it). */
export function searchSessions(sqlite: Database.Database, request: SearchRequest): SearchResult {
  const words = request.query ? queryWords(request.query) : [];
  const { terms, known } = words.length > 0 ? vocabulary(sqlite) : { terms: [], known: new Set<string>() };
  const wordVariants = new Map<string, string[]>();
  /** Alternatives of each word; the last one, being typed, also by the beginnings of indexed terms. */
  const variantsOf = (kept: string[]): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    kept.forEach((word, index) => {
      // As Meilisearch: typos are tolerated on every word long enough, known or not (exact matches rank first).
      let alternatives = wordVariants.get(word);
      if (!alternatives) {
        alternatives = [...typoVariants(word, terms), ...synonymsOf(word).filter((s) => known.has(s))];
        wordVariants.set(word, alternatives);
      }
      if (index === kept.length - 1) alternatives = [...alternatives, ...typoPrefixVariants(word, terms).filter((t) => !alternatives!.includes(t))];
      if (alternatives.length > 0) map.set(word, alternatives);
    });
    return map;
  };
  // When nothing matches, drop trailing words one by one.
  let kept = words.length;
  let variants = variantsOf(words);
  let total = run(sqlite, request, words, variants);
  while (total === 0 && kept > 1) {
    kept -= 1;
    variants = variantsOf(words.slice(0, kept));
    total = run(sqlite, request, words.slice(0, kept), variants);
  }
  const keptWords = words.slice(0, kept);
  const hits = page(sqlite, request, keptWords.length > 0);
  if (keptWords.length > 0 && request.highlight !== false && hits.length > 0) {
    const marked = highlights(sqlite, matchExpression(keptWords, variants), hits.map((h) => h.formationId));
    for (const h of hits) h.highlights = marked.get(h.formationId) ?? null;
  }
  const facets: SearchResult['facets'] = { regions: [], modalities: [] };
  for (const name of request.facets ?? FACETS) facets[name] = facetOf(sqlite, name);
  return {
    total,
    hits: hits.map(({ formationId: _, ...hit }) => hit),
    facets,
    droppedWords: words.slice(kept),
  };
}

/** Materialises the matches in temp.search_hits (counted, faceted and paged from there, not re-matched); returns their number. */
function run(sqlite: Database.Database, request: SearchRequest, words: string[], variants: Map<string, string[]>): number {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const f = request.filters;
  const list = (name: string, values: readonly unknown[] | null | undefined, column: string) => {
    if (!values || values.length === 0) return;
    params[name] = JSON.stringify(values);
    where.push(`${column} IN (SELECT value FROM json_each(@${name}))`);
  };
  list('regions', f.regions, 's.region');
  list('departements', f.departements, 's.departement');
  list('modalities', f.modalities, 's.modalite');
  list('exitLevels', f.exitLevels, exitLevelSql('f.niveau_sortie'));
  if (f.certificationCode) {
    params.certificationCode = f.certificationCode;
    where.push('f.certification_code = @certificationCode');
  }
  for (const [name, kind, values] of [['formacodes', 'FORMACODE', f.formacodes], ['romeCodes', 'ROME', f.romeCodes]] as const) {
    if (!values || values.length === 0) continue;
    params[name] = JSON.stringify(values);
    const certificationSide =
      kind === 'ROME'
        ? ` OR EXISTS (SELECT 1 FROM certification_codes cc WHERE cc.certification_code = f.certification_code AND cc.kind = 'ROME' AND cc.code IN (SELECT value FROM json_each(@${name})))`
        : '';
    where.push(
      `(EXISTS (SELECT 1 FROM formation_codes c WHERE c.formation_id = s.formation_id AND c.kind = '${kind}' AND c.code IN (SELECT value FROM json_each(@${name})))${certificationSide})`,
    );
  }
  if (f.cpfEligible != null) {
    params.cpfEligible = f.cpfEligible ? 1 : 0;
    where.push(`${cpfEligibleSql('a', 'f')} = @cpfEligible`);
  }
  if (f.minPrice != null) {
    params.minPrice = f.minPrice;
    where.push('s.prix_cents >= @minPrice');
  }
  if (f.maxPrice != null) {
    params.maxPrice = f.maxPrice;
    where.push('s.prix_cents <= @maxPrice');
  }
  if (f.startsAfter) {
    params.startsAfter = f.startsAfter;
    where.push('s.debut >= @startsAfter');
  }
  if (f.startsBefore) {
    params.startsBefore = f.startsBefore;
    where.push('s.debut <= @startsBefore');
  }
  if (f.recruitmentOpen) {
    params.today = request.today;
    where.push("coalesce(s.etat_recrutement, 'OPEN') = 'OPEN' AND (s.debut IS NULL OR s.debut >= @today)");
  }
  if (f.near) {
    params.nearLat = f.near.latitude;
    params.nearLng = f.near.longitude;
    params.radiusKm = f.near.radiusKm;
    where.push(`(s.modalite = 'DISTANCE' OR (s.latitude IS NOT NULL AND ${distanceSql('@nearLat', '@nearLng')} <= @radiusKm))`);
  }
  let matched = '';
  let typos = '0';
  if (words.length > 0) {
    params.match = matchExpression(words, variants);
    // Titles weigh most, then descriptions, then places.
    matched = 'JOIN (SELECT rowid AS formation_id, bm25(formation_fts, 10.0, 2.0, 1.0) AS rank FROM formation_fts WHERE formation_fts MATCH @match) m ON m.formation_id = s.formation_id';
    const exact = matchExpression(words, new Map(words.map((w) => [w, synonymsOf(w)])));
    if (exact !== params.match) {
      // Matches without typos come first (Meilisearch's "typo" ranking rule).
      params.exact = exact;
      typos = 's.formation_id NOT IN (SELECT rowid FROM formation_fts WHERE formation_fts MATCH @exact)';
    }
  }
  const from = originOf(request);
  if (from) {
    params.fromLat = from.latitude;
    params.fromLng = from.longitude;
  }
  const distance = from ? `CASE WHEN s.latitude IS NULL THEN NULL ELSE ${distanceSql('@fromLat', '@fromLng')} END` : 'NULL';
  const relevance = words.length > 0 ? 'm.rank' : 'NULL';
  sqlite.exec(
    `CREATE TEMP TABLE IF NOT EXISTS search_matches (session_id TEXT, action_id TEXT, formation_id INTEGER, typos INTEGER, rank REAL, debut TEXT, prix_cents INTEGER,
       modalite TEXT, region TEXT, departement TEXT, certification_code TEXT, exit_level INTEGER, distance_km REAL)`,
  );
  sqlite.exec('DELETE FROM temp.search_matches');
  sqlite
    .prepare(
      `INSERT INTO temp.search_matches
       SELECT s.id, s.action_id, s.formation_id, ${typos}, ${relevance}, s.debut, s.prix_cents, s.modalite, s.region, s.departement, f.certification_code,
              ${exitLevelSql('f.niveau_sortie')}, ${distance}
       FROM sessions s JOIN formations f ON f.id = s.formation_id ${f.cpfEligible != null ? 'JOIN actions a ON a.id = s.action_id' : ''} ${matched}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    )
    .run(params);
  return (sqlite.prepare('SELECT count(*) AS n FROM temp.search_matches').get() as { n: number }).n;
}

function page(sqlite: Database.Database, request: SearchRequest, withWords: boolean) {
  const order = {
    RELEVANCE: withWords ? 'typos, rank, debut IS NULL, debut' : 'debut IS NULL, debut',
    START_DATE: 'debut IS NULL, debut',
    PRICE: 'prix_cents IS NULL, prix_cents',
    DISTANCE: "CASE WHEN modalite = 'DISTANCE' THEN 0 ELSE 1 END, distance_km IS NULL, distance_km",
  }[request.sort];
  const rows = sqlite
    .prepare(`SELECT session_id AS sessionId, formation_id AS formationId, rank, distance_km AS distanceKm FROM temp.search_matches ORDER BY ${order}, session_id LIMIT ? OFFSET ?`)
    .all(request.limit, request.offset) as { sessionId: string; formationId: number; rank: number | null; distanceKm: number | null }[];
  return rows.map((h) => ({
    sessionId: h.sessionId,
    formationId: h.formationId,
    // bm25 is lower for better matches: relevance is reported as a positive score.
    relevance: h.rank === null ? null : -h.rank,
    distanceKm: h.distanceKm === null ? null : roundKm(h.distanceKm),
    highlights: null as SearchHighlights | null,
  }));
}

/** Marked title and description passage of the given formations (FTS5 highlight() and snippet()). */
function highlights(sqlite: Database.Database, match: string, formationIds: number[]): Map<number, SearchHighlights> {
  const rows = sqlite
    .prepare(
      `SELECT rowid AS id, highlight(formation_fts, 0, '<mark>', '</mark>') AS title, snippet(formation_fts, 1, '<mark>', '</mark>', '…', 16) AS snippet
       FROM formation_fts WHERE formation_fts MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ match, ids: JSON.stringify([...new Set(formationIds)]) }) as { id: number; title: string; snippet: string | null }[];
  return new Map(rows.map((r) => [r.id, { title: r.title, snippet: r.snippet?.includes('<mark>') ? r.snippet : null }]));
}

const FACET_SQL: Record<FacetName, string> = {
  regions: 'SELECT region AS value FROM temp.search_matches WHERE region IS NOT NULL',
  departements: 'SELECT departement AS value FROM temp.search_matches WHERE departement IS NOT NULL',
  modalities: 'SELECT modalite AS value FROM temp.search_matches WHERE modalite IS NOT NULL',
  certificationCodes: 'SELECT certification_code AS value FROM temp.search_matches WHERE certification_code IS NOT NULL',
  exitLevels: 'SELECT CAST(exit_level AS TEXT) AS value FROM temp.search_matches WHERE exit_level IS NOT NULL',
  // Judged once per action (its sessions share it), not once per session.
  cpfEligible: `SELECT CASE v WHEN 1 THEN 'true' ELSE 'false' END AS value, n FROM (
      SELECT ${cpfEligibleSql('a', 'f')} AS v, g.n FROM (SELECT action_id, formation_id, count(*) AS n FROM temp.search_matches GROUP BY action_id) g
      CROSS JOIN actions a ON a.id = g.action_id CROSS JOIN formations f ON f.id = g.formation_id) WHERE v IS NOT NULL`,
  // CROSS JOIN keeps the matches as the outer loop (the temp table has no index to be probed).
  formacodes: "SELECT c.code AS value FROM temp.search_matches h CROSS JOIN formation_codes c ON c.formation_id = h.formation_id AND c.kind = 'FORMACODE'",
  // A session counts once per ROME code of its training or of its certification.
  romeCodes: `SELECT value FROM (
      SELECT h.session_id, c.code AS value FROM temp.search_matches h CROSS JOIN formation_codes c ON c.formation_id = h.formation_id AND c.kind = 'ROME'
      UNION
      SELECT h.session_id, cc.code FROM temp.search_matches h CROSS JOIN certification_codes cc ON cc.certification_code = h.certification_code AND cc.kind = 'ROME')`,
};

function facetOf(sqlite: Database.Database, name: FacetName): FacetCount[] {
  return sqlite
    .prepare(`SELECT value, ${name === 'cpfEligible' ? 'sum(n)' : 'count(*)'} AS count FROM (${FACET_SQL[name]}) GROUP BY value ORDER BY count DESC, value LIMIT ${MAX_FACET_VALUES}`)
    .all() as FacetCount[];
}
