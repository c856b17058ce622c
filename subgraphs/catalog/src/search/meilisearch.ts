// The Meilisearch adapter of the search port (official client `meilisearch`), selected when
// MEILISEARCH_URL is set. One document per session; the indexer keeps it in sync after each
// import (src/search/sync.ts). Requests and results are mapped so that both adapters answer
// the same (test/search-contract.ts): every query word must match (matchingStrategy "all"),
// trailing words being dropped only when nothing matches, as the embedded engine does; sorts
// come before relevance and end with the session id, so orders are total and equal.
import { Meilisearch, type Index, type SearchParams } from 'meilisearch';
import { queryWords, STOP_WORDS, SYNONYM_GROUPS } from '../domain/search-text.ts';
import { meilisearchErrorCode, nodeHttpClient, rootMessage } from './http-client.ts';
import {
  FACETS,
  MAX_FACET_VALUES,
  haversineKm,
  originOf,
  roundKm,
  type FacetCount,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchHealth,
  type SearchHighlights,
  type SearchRequest,
  type SearchResult,
} from './port.ts';

/** What Meilisearch stores: null fields are left out (so sorts put them last and `NOT EXISTS` finds them). */
interface MeiliDocument {
  id: string;
  sessionId: string;
  sourceId: string;
  title: string;
  description: string;
  places: string;
  formacodes: string[];
  romeCodes: string[];
  /** 0 for distance learning, which DISTANCE sorts put first (as the embedded engine does). */
  remoteFirst: 0 | 1;
  recruitment: string;
  certificationCode?: string;
  region?: string;
  departement?: string;
  commune?: string;
  _geo?: { lat: number; lng: number };
  price?: number;
  startDay?: number;
  startDate?: string;
  endDate?: string;
  exitLevel?: number;
  modality?: string;
  cpfEligible?: boolean;
  disabledAccess: boolean;
  permanentEntry?: boolean;
  funders: string[];
}

/** Facet name of the port → attribute. */
const FACET_ATTRIBUTE: Record<FacetName, keyof MeiliDocument> = {
  regions: 'region',
  departements: 'departement',
  modalities: 'modality',
  certificationCodes: 'certificationCode',
  formacodes: 'formacodes',
  romeCodes: 'romeCodes',
  exitLevels: 'exitLevel',
  cpfEligible: 'cpfEligible',
  funders: 'funders',
};

export const MEILI_SETTINGS = {
  searchableAttributes: ['title', 'description', 'places'],
  filterableAttributes: [
    'region',
    'departement',
    'commune',
    'modality',
    'certificationCode',
    'formacodes',
    'romeCodes',
    'exitLevel',
    'cpfEligible',
    'recruitment',
    'startDay',
    'price',
    '_geo',
    'sourceId',
    'disabledAccess',
    'permanentEntry',
    'funders',
  ],
  sortableAttributes: ['startDay', 'price', '_geo', 'sessionId', 'remoteFirst'],
  // `sort` first: an explicit order (date, price, distance) is total, relevance only ranks when no order is asked.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  stopWords: [...STOP_WORDS],
  synonyms: Object.fromEntries(SYNONYM_GROUPS.flatMap((group) => group.map((word) => [word, group.filter((w) => w !== word)]))),
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  faceting: { maxValuesPerFacet: MAX_FACET_VALUES },
  // Totals are exact (page/hitsPerPage) up to this; GraphQL pages through the first 10,000 only.
  pagination: { maxTotalHits: 1_000_000 },
};

/** Meilisearch ids allow [A-Za-z0-9_-] only; LHEO numeros may hold anything. */
export const documentKey = (sessionId: string) => Buffer.from(sessionId, 'utf8').toString('base64url');
const dayNumber = (date: string) => Number(date.replaceAll('-', ''));

export function toMeiliDocument(d: SearchDocument): MeiliDocument {
  const doc: MeiliDocument = {
    id: documentKey(d.sessionId),
    sessionId: d.sessionId,
    sourceId: d.sourceId,
    title: d.title,
    description: d.description,
    places: d.places,
    formacodes: d.formacodes,
    romeCodes: d.romeCodes,
    remoteFirst: d.modality === 'DISTANCE' ? 0 : 1,
    recruitment: d.recruitment ?? 'UNKNOWN',
    disabledAccess: d.disabledAccess,
    funders: d.funders,
  };
  if (d.permanentEntry !== null) doc.permanentEntry = d.permanentEntry;
  if (d.certificationCode) doc.certificationCode = d.certificationCode;
  if (d.region) doc.region = d.region;
  if (d.departement) doc.departement = d.departement;
  if (d.communeInsee) doc.commune = d.communeInsee;
  if (d.latitude !== null && d.longitude !== null) doc._geo = { lat: d.latitude, lng: d.longitude };
  if (d.priceCents !== null) doc.price = d.priceCents;
  if (d.startDate) {
    doc.startDate = d.startDate;
    doc.startDay = dayNumber(d.startDate);
  }
  if (d.endDate) doc.endDate = d.endDate;
  if (d.exitLevel !== null) doc.exitLevel = d.exitLevel;
  if (d.modality) doc.modality = d.modality;
  if (d.cpfEligible !== null) doc.cpfEligible = d.cpfEligible;
  return doc;
}

const quote = (value: string) => JSON.stringify(value);

export function meiliFilter(request: SearchRequest): string[] {
  const f = request.filters;
  const out: string[] = [];
  const inList = (attribute: string, values: readonly string[] | null | undefined) => {
    if (values && values.length > 0) out.push(`${attribute} IN [${values.map(quote).join(', ')}]`);
  };
  inList('region', f.regions);
  inList('departement', f.departements);
  inList('modality', f.modalities);
  inList('formacodes', f.formacodes);
  inList('romeCodes', f.romeCodes);
  if (f.exitLevels && f.exitLevels.length > 0) out.push(`exitLevel IN [${f.exitLevels.map((n) => String(Math.trunc(n))).join(', ')}]`);
  if (f.certificationCode) out.push(`certificationCode = ${quote(f.certificationCode)}`);
  if (f.cpfEligible != null) out.push(`cpfEligible = ${f.cpfEligible}`);
  if (f.minPrice != null) out.push(`price >= ${Math.trunc(f.minPrice)}`);
  if (f.maxPrice != null) out.push(`price <= ${Math.trunc(f.maxPrice)}`);
  if (f.startsAfter) out.push(`startDay >= ${dayNumber(f.startsAfter)}`);
  if (f.startsBefore) out.push(`startDay <= ${dayNumber(f.startsBefore)}`);
  if (f.recruitmentOpen) out.push(`recruitment IN ["OPEN", "UNKNOWN"] AND (startDay >= ${dayNumber(request.today)} OR startDay NOT EXISTS)`);
  if (f.disabledAccess != null) out.push(`disabledAccess = ${f.disabledAccess}`);
  if (f.permanentEntry != null) out.push(`permanentEntry = ${f.permanentEntry}`);
  inList('funders', f.funders);
  // Distance learning is within reach of every place: `near` and `area` keep it unless it is excluded.
  const distance = f.distanceLearning ?? 'INCLUDE';
  if (distance === 'EXCLUDE') out.push('modality != "DISTANCE"');
  if (distance === 'ONLY') out.push('modality = "DISTANCE"');
  const orRemote = (condition: string) => out.push(distance === 'INCLUDE' ? `(modality = "DISTANCE" OR ${condition})` : condition);
  if (distance !== 'ONLY') {
    if (f.area?.regions && f.area.regions.length > 0) orRemote(`region IN [${f.area.regions.map(quote).join(', ')}]`);
    if (f.area?.departements && f.area.departements.length > 0) orRemote(`departement IN [${f.area.departements.map(quote).join(', ')}]`);
    if (f.near) orRemote(`_geoRadius(${f.near.latitude}, ${f.near.longitude}, ${Math.round(f.near.radiusKm * 1000)})`);
  }
  return out;
}

export function meiliSort(request: SearchRequest, withWords: boolean): string[] | undefined {
  const origin = originOf(request);
  switch (request.sort) {
    case 'RELEVANCE':
      return withWords ? undefined : ['startDay:asc', 'sessionId:asc'];
    case 'START_DATE':
      return ['startDay:asc', 'sessionId:asc'];
    case 'PRICE':
      return ['price:asc', 'sessionId:asc'];
    case 'DISTANCE':
      return origin ? ['remoteFirst:asc', `_geoPoint(${origin.latitude}, ${origin.longitude}):asc`, 'sessionId:asc'] : ['remoteFirst:asc', 'sessionId:asc'];
  }
}

const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

export interface MeilisearchOptions {
  host: string;
  apiKey?: string;
  /** Index uid (default "sessions"). */
  index?: string;
  /** Documents per addDocuments call (default 1000). */
  batchSize?: number;
  /** How long to wait for one task (default 120 s). */
  taskTimeoutMs?: number;
}

/** Document batches sent ahead of the one being waited for. */
const BATCHES_IN_FLIGHT = 8;

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  /** Meilisearch applies writes in its own time: which version it serves is not known here. */
  servedVersion(): string | null {
    return null;
  }
  readonly client: Meilisearch;
  readonly uid: string;
  private readonly batchSize: number;
  private readonly taskTimeoutMs: number;
  private settingsApplied: Promise<void> | undefined;

  constructor(private readonly options: MeilisearchOptions) {
    // No client-level timeout: with one, every poll of waitTask adds a listener to the same signal (Node warns); nodeHttpClient times out sockets itself.
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, httpClient: nodeHttpClient });
    this.uid = options.index ?? 'sessions';
    this.batchSize = options.batchSize ?? 1000;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
  }

  private get idx(): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(this.uid);
  }

  private async wait(
    task: { waitTask: (o?: { timeout?: number }) => Promise<{ status: string; error?: { message: string } | null; uid: number }> },
    what: string,
  ) {
    const done = await task.waitTask({ timeout: this.taskTimeoutMs });
    if (done.status !== 'succeeded') throw new Error(`Meilisearch ${what} task ${done.uid} ${done.status}: ${done.error?.message ?? 'no reason given'}`);
  }

  /** Creates the index if needed and applies the settings (once per process). */
  ensureSettings(): Promise<void> {
    this.settingsApplied ??= (async () => {
      await this.wait(this.client.createIndex(this.uid, { primaryKey: 'id' }), 'create index').catch((error: Error) => {
        if (meilisearchErrorCode(error) !== 'index_already_exists' && !/already exists/i.test(rootMessage(error))) throw error;
      });
      await this.wait(this.idx.updateSettings(MEILI_SETTINGS), 'settings');
    })().catch((error) => {
      this.settingsApplied = undefined;
      throw error;
    });
    return this.settingsApplied;
  }

  async index(documents: Iterable<SearchDocument>): Promise<{ indexed: number }> {
    await this.ensureSettings();
    let batch: MeiliDocument[] = [];
    let indexed = 0;
    // Several batches enqueued before waiting: Meilisearch merges consecutive additions into one
    // indexing run, where waiting for each batch in turn indexed them one by one.
    const inFlight: Promise<void>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const size = batch.length;
      const done = this.wait(this.idx.addDocuments(batch, { primaryKey: 'id' }), 'addDocuments').then(() => {
        indexed += size;
      });
      done.catch(() => {}); // awaited below; marked handled so that a failure does not surface twice
      inFlight.push(done);
      batch = [];
      if (inFlight.length >= BATCHES_IN_FLIGHT) await inFlight.shift();
    };
    for (const d of documents) {
      batch.push(toMeiliDocument(d));
      if (batch.length >= this.batchSize) await flush();
    }
    await flush();
    await Promise.all(inFlight);
    return { indexed };
  }

  async remove(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.ensureSettings();
    for (let i = 0; i < sessionIds.length; i += this.batchSize) {
      await this.wait(this.idx.deleteDocuments(sessionIds.slice(i, i + this.batchSize).map(documentKey)), 'deleteDocuments');
    }
  }

  /** Another index on the same server (a full re-sync builds one aside, then swaps it in). */
  sibling(uid: string): MeilisearchEngine {
    return new MeilisearchEngine({ ...this.options, index: uid });
  }

  /** Exchanges this index's documents and settings with `other`'s, atomically. */
  async swapWith(other: string): Promise<void> {
    await this.wait(this.client.swapIndexes([{ indexes: [this.uid, other], rename: false }]), 'swapIndexes');
  }

  /** Deletes the index. */
  async drop(): Promise<void> {
    await this.wait(this.client.deleteIndex(this.uid), 'deleteIndex');
  }

  /** Removes every document (before a full re-index). */
  async clear(): Promise<void> {
    await this.ensureSettings();
    await this.wait(this.idx.deleteAllDocuments(), 'deleteAllDocuments');
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    await this.ensureSettings();
    const words = request.query ? queryWords(request.query) : [];
    let kept = words.length;
    let response = await this.query(request, words);
    while (response.totalHits === 0 && kept > 1) {
      kept -= 1;
      response = await this.query(request, words.slice(0, kept));
    }
    const origin = originOf(request);
    const withWords = kept > 0;
    const facets: SearchResult['facets'] = { regions: [], modalities: [] };
    for (const name of request.facets ?? FACETS) {
      const counts = response.facetDistribution?.[FACET_ATTRIBUTE[name]] ?? {};
      facets[name] = Object.entries(counts)
        .map(([value, count]) => ({ value, count }))
        .sort(byCount)
        .slice(0, MAX_FACET_VALUES);
    }
    return {
      total: response.totalHits,
      hits: response.hits.map((h) => ({
        sessionId: h.sessionId,
        relevance: withWords ? (h._rankingScore ?? null) : null,
        distanceKm: origin && h._geo ? roundKm(haversineKm(origin, { latitude: h._geo.lat, longitude: h._geo.lng })) : null,
        highlights: withWords && request.highlight !== false ? highlightsOf(h._formatted) : null,
      })),
      facets,
      droppedWords: words.slice(kept),
    };
  }

  private async query(request: SearchRequest, words: string[]) {
    const withWords = words.length > 0;
    const filter = meiliFilter(request);
    const sort = meiliSort(request, withWords);
    const aligned = request.offset % request.limit === 0;
    const params: SearchParams = {
      filter: filter.length > 0 ? filter : undefined,
      sort,
      // Exhaustive totals need page/hitsPerPage; an offset that is not a page boundary reads up to it.
      page: aligned ? request.offset / request.limit + 1 : 1,
      hitsPerPage: aligned ? request.limit : request.offset + request.limit,
      matchingStrategy: 'all',
      facets: (request.facets ?? FACETS).map((f) => FACET_ATTRIBUTE[f]),
      attributesToRetrieve: ['sessionId', '_geo'],
      showRankingScore: withWords,
      ...(withWords && request.highlight !== false
        ? {
            attributesToHighlight: ['title', 'description'],
            attributesToCrop: ['description'],
            cropLength: 16,
            cropMarker: '…',
            highlightPreTag: '<mark>',
            highlightPostTag: '</mark>',
          }
        : {}),
    };
    try {
      const response = await this.idx.search(words.join(' '), params);
      const totalHits = (response as { totalHits?: number }).totalHits ?? response.hits.length;
      const hits = aligned ? response.hits : response.hits.slice(request.offset);
      return { totalHits, hits, facetDistribution: response.facetDistribution };
    } catch (error) {
      throw new Error(`Meilisearch search failed: ${rootMessage(error)}`, { cause: error });
    }
  }

  async health(): Promise<SearchHealth> {
    try {
      await this.client.health();
      const stats = await this.idx.getStats().catch(() => null);
      return { engine: 'meilisearch', ok: true, documents: stats?.numberOfDocuments ?? null };
    } catch (error) {
      return { engine: 'meilisearch', ok: false, documents: null, error: rootMessage(error) };
    }
  }
}

function highlightsOf(formatted: Partial<MeiliDocument> | undefined): SearchHighlights | null {
  if (!formatted) return null;
  const snippet = typeof formatted.description === 'string' && formatted.description.includes('<mark>') ? formatted.description : null;
  return { title: typeof formatted.title === 'string' ? formatted.title : '', snippet };
}
