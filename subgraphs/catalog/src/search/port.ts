// The search port: what searchTrainings needs from a search engine, whichever it is.
// Two adapters: the embedded one (an in-memory index of the catalogue, the default) and
// Meilisearch (src/search/meilisearch.ts, when MEILISEARCH_URL is set). Both pass the same
// contract suite (test/search-contract.ts) on the demo catalogue.

export type Modality = 'PRESENTIEL' | 'DISTANCE' | 'MIXTE';
export type RecruitmentState = 'OPEN' | 'CLOSED' | 'SUSPENDED';
/** What to do with distance learning (modality DISTANCE): it is within reach of every place. */
export type DistanceLearning = 'INCLUDE' | 'EXCLUDE' | 'ONLY';

/** One searchable session, flattened (what an external engine stores). */
export interface SearchDocument {
  sessionId: string;
  actionId: string;
  /** The formation's LHEO numero. */
  formationNumero: string;
  sourceId: string;
  /** Texts as the embedded index holds them (ligatures unfolded): title, descriptions + provider, places. */
  title: string;
  description: string;
  places: string;
  certificationCode: string | null;
  formacodes: string[];
  /** ROME codes of the training and of its certification (distinct). */
  romeCodes: string[];
  region: string | null;
  departement: string | null;
  /** INSEE code of the commune of the place of training. */
  communeInsee: string | null;
  latitude: number | null;
  longitude: number | null;
  priceCents: number | null;
  startDate: string | null;
  endDate: string | null;
  /** European level 1…8 reached (from code-niveau-sortie, both LHEO nomenclatures); null when unknown. */
  exitLevel: number | null;
  modality: Modality | null;
  cpfEligible: boolean | null;
  recruitment: RecruitmentState | null;
  /** The action describes arrangements for disabled people (acces-handicapes given). */
  disabledAccess: boolean;
  /** Entries and exits all year round (modalites-entrees-sorties 1); null when the source does not say. */
  permanentEntry: boolean | null;
  /** LHEO code-financeur of the action's organismes financeurs (dict-financeurs), distinct. */
  funders: string[];
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface SearchFilters {
  regions?: string[] | null;
  departements?: string[] | null;
  certificationCode?: string | null;
  formacodes?: string[] | null;
  romeCodes?: string[] | null;
  modalities?: Modality[] | null;
  /** European levels 1…8 reached at the end of the training. */
  exitLevels?: number[] | null;
  cpfEligible?: boolean | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  startsAfter?: string | null;
  startsBefore?: string | null;
  recruitmentOpen?: boolean | null;
  /** Within a radius of a point; distance-learning sessions qualify unless excluded. (A commune is resolved to its point before.) */
  near?: (GeoPoint & { radiusKm: number }) | null;
  /** Place of training in these régions / départements (a place typed by name); distance-learning sessions qualify unless excluded. */
  area?: { regions?: string[] | null; departements?: string[] | null } | null;
  /** Default INCLUDE: distance learning is kept, and within reach of `near` and `area`. */
  distanceLearning?: DistanceLearning | null;
  /** true: only actions describing arrangements for disabled people; false: only the others. */
  disabledAccess?: boolean | null;
  /** true: only entries and exits all year round; false: only fixed dates (unknown ones match neither). */
  permanentEntry?: boolean | null;
  /** LHEO funder codes (dict-financeurs): sessions whose action lists any of them. */
  funders?: string[] | null;
}

export type SortBy = 'RELEVANCE' | 'START_DATE' | 'PRICE' | 'DISTANCE';

export const FACETS = [
  'regions',
  'departements',
  'modalities',
  'certificationCodes',
  'formacodes',
  'romeCodes',
  'exitLevels',
  'cpfEligible',
  'funders',
] as const;
export type FacetName = (typeof FACETS)[number];

export interface SearchRequest {
  query: string | null;
  filters: SearchFilters;
  sort: SortBy;
  /** Where distances are measured from (defaults to filters.near). */
  from: GeoPoint | null;
  /** YYYY-MM-DD: the day "recruitment open" is judged on. */
  today: string;
  offset: number;
  limit: number;
  /** Facets to count; all when absent. */
  facets?: readonly FacetName[];
  /** Mark the matched words in titles and snippets (default true when there are words). */
  highlight?: boolean;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchHighlights {
  /** The title with matched words between <mark> and </mark>. */
  title: string;
  /** A short passage of the description around the matched words, marked the same way; null when none matched there. */
  snippet: string | null;
}

export interface SearchHit {
  sessionId: string;
  /** Text relevance score, higher is better (engine-specific scale); null without words. */
  relevance: number | null;
  /** Distance from the request's point in km (0.1 km precision); null without a point or coordinates. */
  distanceKm: number | null;
  highlights: SearchHighlights | null;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** Counts over all matches, most first (then by value), at most MAX_FACET_VALUES per facet. */
  facets: Partial<Record<FacetName, FacetCount[]>> & { regions: FacetCount[]; modalities: FacetCount[] };
  /** Trailing words ignored so that something matches (Meilisearch's matchingStrategy "last"). */
  droppedWords: string[];
}

export const MAX_FACET_VALUES = 100;

export interface SearchHealth {
  engine: 'embedded' | 'meilisearch';
  ok: boolean;
  documents: number | null;
  error?: string;
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  /** Adds or replaces documents (by sessionId), sent in batches; resolves once they are searchable. */
  index(documents: Iterable<SearchDocument>): Promise<{ indexed: number }>;
  /** Removes sessions by id; resolves once done. */
  remove(sessionIds: readonly string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  health(): Promise<SearchHealth>;
  /**
   * The catalogue version searches are answered from right now, when the engine knows it (the
   * embedded index: the one it was built from); null when it can't (a remote engine).
   */
  servedVersion(): string | null;
}

export { haversineKm } from '../domain/geo.ts';

export const roundKm = (km: number) => Math.round(km * 10) / 10;

/** The point distances are measured from. */
export const originOf = (request: SearchRequest): GeoPoint | null =>
  request.from ?? (request.filters.near ? { latitude: request.filters.near.latitude, longitude: request.filters.near.longitude } : null);
