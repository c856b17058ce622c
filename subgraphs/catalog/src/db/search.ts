// searchTrainings on SQLite: FTS5 for the words, plain SQL for filters, sorts and facets.
import type Database from 'better-sqlite3';
import { matchExpression, queryWords, typoVariants } from '../domain/search-text.ts';

export interface SearchFilters {
  regions?: string[] | null;
  departements?: string[] | null;
  certificationCode?: string | null;
  formacodes?: string[] | null;
  romeCodes?: string[] | null;
  modalities?: ('PRESENTIEL' | 'DISTANCE' | 'MIXTE')[] | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  startsAfter?: string | null;
  startsBefore?: string | null;
  recruitmentOpen?: boolean | null;
  near?: { latitude: number; longitude: number; radiusKm: number } | null;
}

export type SortBy = 'RELEVANCE' | 'START_DATE' | 'PRICE' | 'DISTANCE';

export interface SearchRequest {
  query: string | null;
  filters: SearchFilters;
  sort: SortBy;
  from: { latitude: number; longitude: number } | null;
  today: string;
  offset: number;
  limit: number;
}

export interface SearchHitRow {
  sessionId: string;
  relevance: number | null;
  distanceKm: number | null;
}

export interface SearchResult {
  total: number;
  hits: SearchHitRow[];
  facets: { regions: { value: string; count: number }[]; modalities: { value: string; count: number }[] };
  /** Words that were ignored so that something matches (Meilisearch's matchingStrategy "last"). */
  droppedWords: string[];
}

const distanceSql = (lat: string, lng: string) =>
  `(2 * 6371.0088 * asin(min(1, sqrt(pow(sin(radians(s.latitude - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(s.latitude)) * pow(sin(radians(s.longitude - ${lng}) / 2), 2)))))`;

let vocabularyCache: { sqlite: Database.Database; version: number; terms: string[] } | undefined;

/** The FTS vocabulary, reloaded when the data changes (PRAGMA data_version). */
function vocabulary(sqlite: Database.Database): string[] {
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  if (vocabularyCache?.sqlite !== sqlite || vocabularyCache.version !== version) {
    const terms = (sqlite.prepare('SELECT term FROM formation_vocab').all() as { term: string }[]).map((r) => r.term);
    vocabularyCache = { sqlite, version, terms };
  }
  return vocabularyCache.terms;
}

export function searchSessions(sqlite: Database.Database, request: SearchRequest): SearchResult {
  const words = request.query ? queryWords(request.query) : [];
  const variants = new Map<string, string[]>();
  if (words.length > 0) {
    const terms = vocabulary(sqlite);
    const known = new Set(terms);
    for (const word of words) if (!known.has(word)) variants.set(word, typoVariants(word, terms));
  }
  // When nothing matches, drop trailing words one by one.
  let kept = words.length;
  let result = run(sqlite, request, words, variants);
  while (result.total === 0 && kept > 1) {
    kept -= 1;
    result = run(sqlite, request, words.slice(0, kept), variants);
  }
  return { ...result, droppedWords: words.slice(kept) };
}

function run(sqlite: Database.Database, request: SearchRequest, words: string[], variants: Map<string, string[]>): Omit<SearchResult, 'droppedWords'> {
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
  if (words.length > 0) {
    params.match = matchExpression(words, variants);
    // Titles weigh most, then descriptions, then places.
    matched = 'JOIN (SELECT rowid AS formation_id, bm25(formation_fts, 10.0, 2.0, 1.0) AS rank FROM formation_fts WHERE formation_fts MATCH @match) m ON m.formation_id = s.formation_id';
  }
  const from = request.from ?? (f.near ? { latitude: f.near.latitude, longitude: f.near.longitude } : null);
  if (from) {
    params.fromLat = from.latitude;
    params.fromLng = from.longitude;
  }
  const distance = from ? `CASE WHEN s.latitude IS NULL THEN NULL ELSE ${distanceSql('@fromLat', '@fromLng')} END` : 'NULL';
  const relevance = words.length > 0 ? 'm.rank' : 'NULL';
  // Matches are materialised once, then counted, faceted and paged (not re-matched 4 times).
  sqlite.exec(
    'CREATE TEMP TABLE IF NOT EXISTS search_hits (session_id TEXT, rank REAL, debut TEXT, prix_cents INTEGER, modalite TEXT, region TEXT, distance_km REAL)',
  );
  sqlite.exec('DELETE FROM temp.search_hits');
  sqlite
    .prepare(
      `INSERT INTO temp.search_hits SELECT s.id, ${relevance}, s.debut, s.prix_cents, s.modalite, s.region, ${distance}
       FROM sessions s JOIN formations f ON f.id = s.formation_id ${matched} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    )
    .run(params);
  const order = {
    RELEVANCE: words.length > 0 ? 'rank, debut IS NULL, debut' : 'debut IS NULL, debut',
    START_DATE: 'debut IS NULL, debut',
    PRICE: 'prix_cents IS NULL, prix_cents',
    DISTANCE: "CASE WHEN modalite = 'DISTANCE' THEN 0 ELSE 1 END, distance_km IS NULL, distance_km",
  }[request.sort];
  const total = (sqlite.prepare('SELECT count(*) AS n FROM temp.search_hits').get() as { n: number }).n;
  const hits = sqlite
    .prepare(`SELECT session_id AS sessionId, rank, distance_km AS distanceKm FROM temp.search_hits ORDER BY ${order}, session_id LIMIT ? OFFSET ?`)
    .all(request.limit, request.offset) as { sessionId: string; rank: number | null; distanceKm: number | null }[];
  return {
    total,
    // bm25 is lower for better matches: relevance is reported as a positive score.
    hits: hits.map((h) => ({ sessionId: h.sessionId, relevance: h.rank === null ? null : -h.rank, distanceKm: h.distanceKm === null ? null : Math.round(h.distanceKm * 10) / 10 })),
    facets: { regions: facetOf(sqlite, 'region'), modalities: facetOf(sqlite, 'modalite') },
  };
}

function facetOf(sqlite: Database.Database, column: 'region' | 'modalite') {
  return sqlite
    .prepare(`SELECT ${column} AS value, count(*) AS count FROM temp.search_hits WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY count DESC, value`)
    .all() as { value: string; count: number }[];
}
