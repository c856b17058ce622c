// A comparison engine of `npm run bench:search` (@orama/orama or minisearch), in its own process so
// that its memory, a query that never ends or a crash cannot take the benchmark down: the parent
// sends { engine, dbFile, queries, runs, budgets } and kills this process when its budget is spent.
// Messages back: progress, loaded, one per query, done.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama';
import MiniSearch from 'minisearch';
import { allowedTypos, readDocuments, STOP_WORDS, fold, tokens, type BenchDocument, type BenchQuery, type Feature } from './search-queries.ts';

export interface WorkerInput {
  engine: 'orama' | 'minisearch';
  dbFile: string;
  queries: BenchQuery[];
  runs: number;
  loadBudgetMs: number;
  queryBudgetMs: number;
  perQueryBudgetMs: number;
}

export type WorkerMessage =
  | { type: 'progress'; loaded: number; ms: number }
  | { type: 'loaded'; loaded: number; total: number; ms: number; complete: boolean; heapMb: number; rssMb: number }
  | { type: 'query'; id: string; times: number[]; top: string[]; total: number }
  | { type: 'unsupported'; id: string; reason: string }
  | { type: 'error'; id?: string; message: string }
  | { type: 'done'; peakRssMb: number; heapMb: number };

const send = (message: WorkerMessage) => process.send?.(message);

function peakRssMb(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024);
  } catch {
    return Math.round(process.resourceUsage().maxRSS / 1024);
  }
}

const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
};

const haversineKm = (lat1: number, lng1: number, lat2: number, lng2: number) => {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
};

interface Engine {
  add(docs: BenchDocument[]): Promise<void>;
  unsupported(q: BenchQuery): Feature | undefined;
  run(q: BenchQuery): Promise<{ top: string[]; total: number }>;
}

// ---- @orama/orama: string / enum / number / boolean / geopoint fields; filters, facets, geo and sort in the engine
function oramaEngine(): Engine {
  const db: AnyOrama = create({
    schema: {
      title: 'string',
      description: 'string',
      places: 'string',
      region: 'enum',
      departement: 'enum',
      modality: 'enum',
      certificationCode: 'enum',
      formacodes: 'enum[]',
      romeCodes: 'enum[]',
      cpfEligible: 'boolean',
      price: 'number',
      start: 'number',
      location: 'geopoint',
    } as const,
    // The same words as the other engines: accents and case folded, split on anything but letters and digits, French stop words out.
    components: {
      tokenizer: {
        language: 'french',
        normalizationCache: new Map(),
        tokenize: (raw: string) => (typeof raw === 'string' ? [...new Set(tokens(raw))] : [raw]),
      },
    },
    // Only numbers are sorted on: no sort index over the long texts.
    sort: { unsortableProperties: ['title', 'description', 'places', 'region', 'departement', 'modality', 'certificationCode', 'cpfEligible'] },
  }) as AnyOrama;
  const FIELDS: Record<string, string> = {
    regions: 'region',
    departements: 'departement',
    modalities: 'modality',
    certificationCodes: 'certificationCode',
    formacodes: 'formacodes',
    romeCodes: 'romeCodes',
    cpfEligible: 'cpfEligible',
  };
  return {
    async add(docs) {
      const rows = docs.map((d) => {
        const row: Record<string, unknown> = {
          id: d.id,
          title: d.title,
          description: d.description,
          places: d.places,
          formacodes: d.formacodes,
          romeCodes: d.romeCodes,
        };
        if (d.region) row.region = d.region;
        if (d.departement) row.departement = d.departement;
        if (d.modality) row.modality = d.modality;
        if (d.certificationCode) row.certificationCode = d.certificationCode;
        if (d.cpfEligible !== null) row.cpfEligible = d.cpfEligible;
        if (d.priceCents !== null) row.price = d.priceCents;
        if (d.start !== null) row.start = d.start;
        if (d.latitude !== null && d.longitude !== null) row.location = { lat: d.latitude, lon: d.longitude };
        return row;
      });
      await insertMultiple(db, rows as never[], 1000);
    },
    unsupported: (q) => (q.facets.some((f) => !FIELDS[f]) ? 'facets' : undefined),
    async run(q) {
      const f = q.filters;
      const clauses: Record<string, unknown>[] = [];
      if (f.regions) clauses.push({ region: { in: f.regions } });
      if (f.departements) clauses.push({ departement: { in: f.departements } });
      if (f.modalities) clauses.push({ modality: { in: f.modalities } });
      if (f.certificationCode) clauses.push({ certificationCode: { eq: f.certificationCode } });
      if (f.formacodes) clauses.push({ formacodes: { containsAny: f.formacodes } });
      if (f.romeCodes) clauses.push({ romeCodes: { containsAny: f.romeCodes } });
      if (f.cpfEligible != null) clauses.push({ cpfEligible: f.cpfEligible });
      if (f.minPrice != null || f.maxPrice != null) clauses.push({ price: { between: [f.minPrice ?? 0, f.maxPrice ?? Number.MAX_SAFE_INTEGER] } });
      const day = (s: string) => Number(s.replace(/-/g, ''));
      if (f.startsAfter || f.startsBefore)
        clauses.push({ start: { between: [f.startsAfter ? day(f.startsAfter) : 0, f.startsBefore ? day(f.startsBefore) : 99_999_999] } });
      if (f.near) {
        // Distance learning always qualifies, as in the embedded engine.
        clauses.push({
          or: [
            { location: { radius: { coordinates: { lat: f.near.latitude, lon: f.near.longitude }, unit: 'km', value: f.near.radiusKm, inside: true } } },
            { modality: { eq: 'DISTANCE' } },
          ],
        });
      }
      const words = q.query ? tokens(q.query) : [];
      const params: Record<string, unknown> = {
        term: words.join(' '),
        properties: ['title', 'description', 'places'],
        boost: { title: 10, description: 2, places: 1 },
        // Every word must match (threshold 0); typos as the embedded rule allows for the longest word (Orama has one tolerance per query).
        threshold: 0,
        tolerance: Math.max(0, ...words.map(allowedTypos)),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      };
      if (clauses.length === 1) params.where = clauses[0];
      else if (clauses.length > 1) params.where = { and: clauses };
      if (q.facets.length) params.facets = Object.fromEntries(q.facets.map((name) => [FIELDS[name], { limit: 100 }]));
      if (q.sort === 'START_DATE') params.sortBy = { property: 'start', order: 'ASC' };
      if (q.sort === 'PRICE') params.sortBy = { property: 'price', order: 'ASC' };
      if (q.sort === 'DISTANCE' && q.from) {
        const { latitude, longitude } = q.from;
        const key = (d: Record<string, unknown>) => {
          if (d.modality === 'DISTANCE') return -1;
          const loc = d.location as { lat: number; lon: number } | undefined;
          return loc ? haversineKm(latitude, longitude, loc.lat, loc.lon) : Number.MAX_VALUE;
        };
        params.sortBy = (a: [unknown, number, Record<string, unknown>], b: [unknown, number, Record<string, unknown>]) => key(a[2]) - key(b[2]);
      }
      const result = (await oramaSearch(db, params as never)) as { count: number; hits: { id: string }[] };
      return { top: result.hits.map((h) => h.id), total: result.count };
    },
  };
}

// ---- minisearch: text with fuzzy + prefix, filters through its `filter` callback; no facets, geo or sort
function minisearchEngine(): Engine {
  const ms = new MiniSearch<BenchDocument>({
    idField: 'id',
    fields: ['title', 'description', 'places'],
    storeFields: ['region', 'departement', 'modality', 'certificationCode', 'formacodes', 'romeCodes', 'cpfEligible', 'priceCents', 'start'],
    tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u),
    processTerm: (term) => {
      const folded = fold(term);
      return folded && !STOP_WORDS.has(folded) ? folded : null;
    },
  });
  return {
    async add(docs) {
      ms.addAll(docs);
    },
    unsupported: (q) => q.features.find((f) => f === 'facets' || f === 'geo' || f === 'distance-sort' || f === 'sort'),
    async run(q) {
      const f = q.filters;
      const day = (s: string) => Number(s.replace(/-/g, ''));
      const checks: ((r: Record<string, unknown>) => boolean)[] = [];
      if (f.regions) checks.push((r) => f.regions!.includes(r.region as string));
      if (f.departements) checks.push((r) => f.departements!.includes(r.departement as string));
      if (f.modalities) checks.push((r) => (f.modalities as string[]).includes(r.modality as string));
      if (f.certificationCode) checks.push((r) => r.certificationCode === f.certificationCode);
      if (f.formacodes) checks.push((r) => (r.formacodes as string[]).some((c) => f.formacodes!.includes(c)));
      if (f.romeCodes) checks.push((r) => (r.romeCodes as string[]).some((c) => f.romeCodes!.includes(c)));
      if (f.cpfEligible != null) checks.push((r) => r.cpfEligible === f.cpfEligible);
      if (f.minPrice != null) checks.push((r) => r.priceCents != null && (r.priceCents as number) >= f.minPrice!);
      if (f.maxPrice != null) checks.push((r) => r.priceCents != null && (r.priceCents as number) <= f.maxPrice!);
      if (f.startsAfter) checks.push((r) => r.start != null && (r.start as number) >= day(f.startsAfter!));
      if (f.startsBefore) checks.push((r) => r.start != null && (r.start as number) <= day(f.startsBefore!));
      const options = {
        boost: { title: 10, description: 2, places: 1 },
        combineWith: 'AND' as const,
        prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1,
        fuzzy: (term: string) => allowedTypos(term) || false,
        ...(checks.length ? { filter: (r: Record<string, unknown>) => checks.every((c) => c(r)) } : {}),
      };
      const results = q.query && tokens(q.query).length > 0 ? ms.search(q.query, options) : ms.search(MiniSearch.wildcard, options);
      const offset = (q.page - 1) * q.pageSize;
      return { top: results.slice(offset, offset + q.pageSize).map((r) => String(r.id)), total: results.length };
    },
  };
}

async function main(input: WorkerInput): Promise<void> {
  const sqlite = new Database(input.dbFile, { readonly: true });
  const { n: total } = sqlite.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
  const engine = input.engine === 'orama' ? oramaEngine() : minisearchEngine();
  const heapBefore = heapMb();
  const started = performance.now();
  let loaded = 0;
  let batch: BenchDocument[] = [];
  let complete = true;
  let lastProgress = started;
  for (const doc of readDocuments(sqlite)) {
    batch.push(doc);
    if (batch.length < 1000) continue;
    await engine.add(batch);
    loaded += batch.length;
    batch = [];
    const now = performance.now();
    if (now - lastProgress > 5000) {
      send({ type: 'progress', loaded, ms: now - started });
      lastProgress = now;
    }
    if (now - started > input.loadBudgetMs) {
      complete = false;
      break;
    }
  }
  if (complete && batch.length) {
    await engine.add(batch);
    loaded += batch.length;
  }
  const loadMs = performance.now() - started;
  sqlite.close();
  send({ type: 'loaded', loaded, total, ms: loadMs, complete, heapMb: heapMb() - heapBefore, rssMb: peakRssMb() });

  const queryStarted = performance.now();
  for (const q of input.queries) {
    const missing = engine.unsupported(q);
    if (missing) {
      send({ type: 'unsupported', id: q.id, reason: missing });
      continue;
    }
    if (performance.now() - queryStarted > input.queryBudgetMs) {
      send({ type: 'error', id: q.id, message: 'exceeded' });
      continue;
    }
    try {
      const times: number[] = [];
      let last: { top: string[]; total: number } = { top: [], total: 0 };
      const qStarted = performance.now();
      for (let i = 0; i < input.runs + 1; i++) {
        const t0 = performance.now();
        last = await engine.run(q);
        if (i > 0 || input.runs === 0) times.push(performance.now() - t0);
        else if (performance.now() - t0 > input.perQueryBudgetMs) times.push(performance.now() - t0); // too slow to warm up: the first run counts
        if (performance.now() - qStarted > input.perQueryBudgetMs && times.length > 0) break;
      }
      send({ type: 'query', id: q.id, times, top: last.top.slice(0, 10), total: last.total });
    } catch (error) {
      send({ type: 'error', id: q.id, message: (error as Error).message.split('\n')[0]! });
    }
  }
  send({ type: 'done', peakRssMb: peakRssMb(), heapMb: heapMb() - heapBefore });
}

process.once('message', (input: WorkerInput) => {
  main(input).then(
    () => process.disconnect?.(),
    (error: Error) => {
      send({ type: 'error', message: error.stack ?? error.message });
      process.disconnect?.();
    },
  );
});
