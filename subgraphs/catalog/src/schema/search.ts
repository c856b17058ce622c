import { GraphQLError, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { badUserInput } from '@formations/schema/subgraph';
import { CODE_FORMATS, validateFilters } from '../domain/search-input.ts';
import { communePoint } from '../search/documents.ts';
import { embeddedSearch } from '../search/embedded.ts';
import { FACETS, type FacetCount, type FacetName, type GeoPoint, type SearchFilters, type SearchHit, type SearchResult } from '../search/port.ts';
import { builder } from './builder.ts';
import { ModalityEnum } from './enums.ts';
import { load } from './loaders.ts';
import { SessionRef } from './refs.ts';

const GeoPointInput = builder.inputType('GeoPointInput', {
  description: 'A point on the map (WGS84).',
  fields: (t) => ({
    latitude: t.float({ required: true, description: 'Latitude, −90 … 90.' }),
    longitude: t.float({ required: true, description: 'Longitude, −180 … 180.' }),
  }),
});

const NearInput = builder.inputType('NearInput', {
  description: 'Sessions within a radius of a point; distance-learning sessions always qualify.',
  fields: (t) => ({
    latitude: t.float({ required: true, description: 'Latitude of the centre.' }),
    longitude: t.float({ required: true, description: 'Longitude of the centre.' }),
    radiusKm: t.float({ required: true, description: 'Radius in km (> 0, ≤ 1000).' }),
  }),
});

const NearCommuneInput = builder.inputType('NearCommuneInput', {
  description: 'Sessions within a radius of a commune (its position is that of the places of training the catalogue knows there); distance-learning sessions always qualify.',
  fields: (t) => ({
    inseeCode: t.string({ required: true, description: `The commune: ${CODE_FORMATS.inseeCode}.` }),
    radiusKm: t.float({ required: true, description: 'Radius in km (> 0, ≤ 1000).' }),
  }),
});

const FiltersInput = builder.inputType('TrainingSearchFilters', {
  description: 'Filters of a catalogue search; all given filters must hold (lists match any of their values).',
  fields: (t) => ({
    regions: t.stringList({ required: false, description: 'Current INSEE région codes of the place of training, e.g. ["52"].' }),
    departements: t.stringList({ required: false, description: 'Département codes, e.g. ["85", "44"].' }),
    certificationCode: t.string({ required: false, description: `Certification prepared: ${CODE_FORMATS.certificationCode}.` }),
    formacodes: t.stringList({ required: false, description: 'Formacode codes (5 digits) of the training.' }),
    romeCodes: t.stringList({ required: false, description: 'ROME codes of the jobs aimed at, by the training or by its certification.' }),
    exitLevels: t.intList({ required: false, description: 'Levels reached at the end (European/French levels 1…8: 3 CAP, 4 bac, 5 bac+2, 6 bac+3/4, 7 bac+5, 8 doctorate).' }),
    modalities: t.field({ type: [ModalityEnum], required: false, description: 'In person, at a distance, mixed.' }),
    cpfEligible: t.boolean({ required: false, description: 'true: only sessions declared eligible to the CPF; false: only those declared not eligible.' }),
    minPrice: t.field({ type: 'Cents', required: false, description: 'Lowest price in cents (sessions without a price are then excluded).' }),
    maxPrice: t.field({ type: 'Cents', required: false, description: 'Highest price in cents (sessions without a price are then excluded).' }),
    startsAfter: t.field({ type: 'Date', required: false, description: 'Sessions starting on or after this day.' }),
    startsBefore: t.field({ type: 'Date', required: false, description: 'Sessions starting on or before this day.' }),
    recruitmentOpen: t.boolean({ required: false, description: 'Only sessions not started yet (or undated) whose recruitment is not closed or suspended.' }),
    near: t.field({ type: NearInput, required: false, description: 'Only sessions within a radius of a point.' }),
    nearCommune: t.field({ type: NearCommuneInput, required: false, description: 'Only sessions within a radius of a commune (not with `near`).' }),
  }),
});

const SortEnum = builder.enumType('TrainingSort', {
  description: 'Order of search results.',
  values: {
    RELEVANCE: { description: 'Best text match first (then earliest start); without words, earliest start.' },
    START_DATE: { description: 'Earliest start first; unknown dates last.' },
    PRICE: { description: 'Cheapest first; unknown prices last.' },
    DISTANCE: { description: 'Nearest to `from` / `fromCommune` (else the `near` / `nearCommune` filter) first; distance learning first, places without coordinates last.' },
  },
});

const SortInput = builder.inputType('TrainingSortInput', {
  description: 'How to order the results.',
  fields: (t) => ({
    by: t.field({ type: SortEnum, required: true, description: 'The order.' }),
    from: t.field({ type: GeoPointInput, required: false, description: 'The point distances are measured from.' }),
    fromCommune: t.string({ required: false, description: `The commune distances are measured from (instead of \`from\`): ${CODE_FORMATS.inseeCode}.` }),
  }),
});

const FacetCountRef = builder.objectRef<FacetCount>('FacetCount').implement({
  description: 'How many matching sessions have this value.',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'The value, e.g. région "52", modality "DISTANCE", exit level "3", CPF eligibility "true".' }),
    count: t.exposeInt('count', { description: 'Number of matching sessions with it.' }),
  }),
});

const FACET_DESCRIPTIONS: Record<FacetName, string> = {
  regions: 'Matching sessions per INSEE région code.',
  departements: 'Matching sessions per département.',
  modalities: 'Matching sessions per modality (PRESENTIEL, DISTANCE, MIXTE).',
  certificationCodes: 'Matching sessions per certification prepared (RNCP/RS code).',
  formacodes: 'Matching sessions per Formacode of their training.',
  romeCodes: 'Matching sessions per ROME code of their training or its certification.',
  exitLevels: 'Matching sessions per level reached (1…8).',
  cpfEligible: 'Matching sessions declared CPF-eligible ("true") or not ("false"); unknown ones are not counted.',
};

const Facets = builder.objectRef<SearchResult['facets']>('TrainingSearchFacets').implement({
  description: `Counts over all matching sessions (not only the page), most first, to build filter menus; at most 100 values each. Only the facets asked for are counted.`,
  fields: (t) => Object.fromEntries(FACETS.map((name) => [name, t.field({ type: [FacetCountRef], description: FACET_DESCRIPTIONS[name], resolve: (f) => f[name] ?? [] })])),
});

const Highlights = builder.objectRef<NonNullable<SearchHit['highlights']>>('TrainingSearchHighlights').implement({
  description: 'Where the words matched, between <mark> and </mark> (the rest of the text is not HTML-escaped: escape it before showing it as HTML, then turn the marks back).',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The training title with the matched words marked.' }),
    snippet: t.exposeString('snippet', { nullable: true, description: 'A short passage of its description around the matched words; null when they matched elsewhere.' }),
  }),
});

const Hit = builder.objectRef<SearchHit>('TrainingSearchHit').implement({
  description: 'One matching session, with its training, provider and place through `session`.',
  fields: (t) => ({
    session: t.field({
      type: SessionRef,
      description: 'The session (training, provider, place…).',
      resolve: async (h, _, ctx) => {
        const session = await load.session(ctx, h.sessionId);
        if (!session) throw new Error(`session ${h.sessionId} missing`);
        return session;
      },
    }),
    relevance: t.exposeFloat('relevance', { nullable: true, description: 'Text relevance (higher is better, on the engine’s own scale); null without words.' }),
    distanceKm: t.exposeFloat('distanceKm', { nullable: true, description: 'Distance from the sort or `near` point (or commune) in km; null without a point or coordinates.' }),
    highlights: t.field({ type: Highlights, nullable: true, description: 'The matched words marked in the title and a snippet; null without words.', resolve: (h) => h.highlights }),
  }),
});

type ResultShape = SearchResult & { page: number; pageSize: number; engine: string };

const Result = builder.objectRef<ResultShape>('TrainingSearchResult').implement({
  description: 'A page of matching sessions, with the total and facets.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Number of matching sessions in all pages.' }),
    page: t.exposeInt('page', { description: 'This page number, from 1.' }),
    pageSize: t.exposeInt('pageSize', { description: 'Sessions per page.' }),
    hits: t.field({ type: [Hit], description: 'The sessions of this page, in the requested order.', resolve: (r) => r.hits }),
    facets: t.field({ type: Facets, description: 'Counts per région, département, modality, certification, Formacode, ROME, exit level and CPF eligibility over all matching sessions.', resolve: (r) => r.facets }),
    ignoredWords: t.exposeStringList('droppedWords', {
      description: 'Trailing query words ignored because no session matched them all (as Meilisearch does); empty when all words matched.',
    }),
    engine: t.exposeString('engine', { description: 'The search engine that answered: "embedded" (in-memory index of the catalogue) or "meilisearch".' }),
  }),
});

/** The facet fields the operation selects under `facets` (so only those are counted). */
function requestedFacets(info: GraphQLResolveInfo): FacetName[] {
  const names = new Set<string>();
  const collect = (set: SelectionSetNode | undefined, inFacets: boolean, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (inFacets) names.add(selection.name.value);
        else if (selection.name.value === 'facets') collect(selection.selectionSet, true, seen);
      } else if (selection.kind === 'InlineFragment') {
        collect(selection.selectionSet, inFacets, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
        collect(fragment?.selectionSet, inFacets, seen);
      }
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet, false, new Set());
  return FACETS.filter((f) => names.has(f));
}

builder.queryField('searchTrainings', (t) =>
  t.field({
    type: Result,
    description:
      'Searches sessions of the catalogue: words in titles, descriptions and places (accents, case, plurals and small typos ignored; the last word may be a prefix), filters, sort, page, facets, highlights. BAD_USER_INPUT, with `extensions.field`, on an invalid argument.',
    args: {
      query: t.arg.string({ required: false, description: 'Words to look for, e.g. "développeur web Lyon". Empty: all sessions.' }),
      filters: t.arg({ type: FiltersInput, required: false, description: 'Filters that must all hold.' }),
      sort: t.arg({ type: SortInput, required: false, description: 'Order; default RELEVANCE.' }),
      page: t.arg.int({ required: false, defaultValue: 1, description: 'Page number, from 1 (at most the first 10,000 results can be paged through).' }),
      pageSize: t.arg.int({ required: false, defaultValue: 20, description: 'Sessions per page, 1 … 100.' }),
    },
    resolve: async (_, args, ctx, info) => {
      const page = args.page ?? 1;
      const pageSize = args.pageSize ?? 20;
      const input = args.filters ?? {};
      const problem = validateFilters({ query: args.query ?? null, filters: input, page, pageSize, sort: args.sort ?? null });
      if (problem) throw badUserInput(problem.message, { field: problem.field });
      const commune = (inseeCode: string, field: string): GeoPoint => {
        const point = communePoint(ctx.db.sqlite, inseeCode);
        if (!point) throw badUserInput(`no place of training of the catalogue is in commune ${inseeCode}, so its position is unknown: give a point (latitude, longitude) instead`, { field });
        return { latitude: point.latitude, longitude: point.longitude };
      };
      const { nearCommune, ...rest } = input;
      const filters: SearchFilters = { ...rest };
      if (nearCommune) filters.near = { ...commune(nearCommune.inseeCode, 'filters.nearCommune.inseeCode'), radiusKm: nearCommune.radiusKm };
      const from = args.sort?.fromCommune ? commune(args.sort.fromCommune, 'sort.fromCommune') : (args.sort?.from ?? null);
      const engine = ctx.search ?? embeddedSearch(ctx.db.sqlite);
      let result: SearchResult;
      try {
        result = await engine.search({
          query: args.query ?? null,
          filters,
          sort: args.sort?.by ?? 'RELEVANCE',
          from,
          today: ctx.today,
          offset: (page - 1) * pageSize,
          limit: pageSize,
          facets: requestedFacets(info),
        });
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', msg: 'search failed', engine: engine.name, error: (error as Error).message }));
        throw new GraphQLError(`the search engine (${engine.name}) is unavailable; try again later`, { extensions: { code: 'SEARCH_UNAVAILABLE' } });
      }
      return { ...result, page, pageSize, engine: engine.name };
    },
  }),
);
