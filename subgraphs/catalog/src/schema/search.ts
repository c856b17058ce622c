import { GraphQLError, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { badUserInput } from '@formations/schema/subgraph';
import { placeIndex } from '../data/places.ts';
import { FUNDER_LABELS } from '../domain/funders.ts';
import { nextOpenSession } from '../domain/next-session.ts';
import type { Place, PlaceAnswer } from '../domain/places.ts';
import { CODE_FORMATS, DEFAULT_PLACE_RADIUS_KM, MAX_PLACE_LENGTH, validateFilters } from '../domain/search-input.ts';
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
  description:
    'Sessions within a radius of a commune (its position is that of the places of training the catalogue knows there); distance-learning sessions always qualify.',
  fields: (t) => ({
    inseeCode: t.string({ required: true, description: `The commune: ${CODE_FORMATS.inseeCode}.` }),
    radiusKm: t.float({ required: true, description: 'Radius in km (> 0, ≤ 1000).' }),
  }),
});

const DistanceLearningEnum = builder.enumType('DistanceLearningFilter', {
  description: 'What a search does with distance learning (sessions entirely at a distance, modalites-enseignement 2), which is within reach of every place.',
  values: {
    INCLUDE: { description: 'Keep it (the default): a search near a place or in a région / département finds it whatever its distance.' },
    EXCLUDE: { description: 'Leave it out: only sessions with a place of training.' },
    ONLY: { description: 'Only distance learning (place filters then do not apply).' },
  },
});

const FiltersInput = builder.inputType('TrainingSearchFilters', {
  description: 'Filters of a catalogue search; all given filters must hold (lists match any of their values).',
  fields: (t) => ({
    regions: t.stringList({ required: false, description: 'Current INSEE région codes of the place of training, e.g. ["52"].' }),
    departements: t.stringList({ required: false, description: 'Département codes, e.g. ["85", "44"].' }),
    certificationCode: t.string({ required: false, description: `Certification prepared: ${CODE_FORMATS.certificationCode}.` }),
    formacodes: t.stringList({ required: false, description: 'Formacode codes (5 digits) of the training.' }),
    romeCodes: t.stringList({ required: false, description: 'ROME codes of the jobs aimed at, by the training or by its certification.' }),
    exitLevels: t.intList({
      required: false,
      description: 'Levels reached at the end (European/French levels 1…8: 3 CAP, 4 bac, 5 bac+2, 6 bac+3/4, 7 bac+5, 8 doctorate).',
    }),
    modalities: t.field({ type: [ModalityEnum], required: false, description: 'In person, at a distance, mixed.' }),
    cpfEligible: t.boolean({ required: false, description: 'true: only sessions declared eligible to the CPF; false: only those declared not eligible.' }),
    minPrice: t.field({ type: 'Cents', required: false, description: 'Lowest price in cents (sessions without a price are then excluded).' }),
    maxPrice: t.field({ type: 'Cents', required: false, description: 'Highest price in cents (sessions without a price are then excluded).' }),
    startsAfter: t.field({ type: 'Date', required: false, description: 'Sessions starting on or after this day.' }),
    startsBefore: t.field({ type: 'Date', required: false, description: 'Sessions starting on or before this day.' }),
    recruitmentOpen: t.boolean({ required: false, description: 'Only sessions not started yet (or undated) whose recruitment is not closed or suspended.' }),
    near: t.field({ type: NearInput, required: false, description: 'Only sessions within a radius of a point.' }),
    nearCommune: t.field({ type: NearCommuneInput, required: false, description: 'Only sessions within a radius of a commune (not with `near`).' }),
    distanceLearning: t.field({ type: DistanceLearningEnum, required: false, description: 'Keep (default), exclude or ask only for distance learning.' }),
    disabledAccess: t.boolean({
      required: false,
      description: 'true: only sessions whose action describes arrangements for disabled people (acces-handicapes); false: only those describing none.',
    }),
    permanentEntry: t.boolean({
      required: false,
      description:
        'true: only entries and exits all year round (modalites-entrees-sorties 1); false: only fixed dates. Sessions whose source does not say match neither.',
    }),
    funders: t.stringList({
      required: false,
      description:
        'LHEO funder codes (organisme-financeur/code-financeur, dict-financeurs): sessions whose action is bought by any of them, e.g. ["2"] Conseil régional, ["4"] France Travail, ["16"] OPCO.',
    }),
  }),
});

const SortEnum = builder.enumType('TrainingSort', {
  description: 'Order of search results.',
  values: {
    RELEVANCE: { description: 'Best text match first (then earliest start); without words, earliest start.' },
    START_DATE: { description: 'Earliest start first; unknown dates last.' },
    PRICE: { description: 'Cheapest first; unknown prices last.' },
    DISTANCE: {
      description:
        'Nearest to `from` / `fromCommune` (else the `near` / `nearCommune` filter) first; distance learning first, places without coordinates last.',
    },
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

type LabelledFacetCount = FacetCount & { label: string | null };

const FacetCountRef = builder.objectRef<LabelledFacetCount>('FacetCount').implement({
  description: 'How many matching sessions have this value.',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'The value, e.g. région "52", modality "DISTANCE", exit level "3", CPF eligibility "true", funder "16".' }),
    count: t.exposeInt('count', { description: 'Number of matching sessions with it.' }),
    label: t.exposeString('label', {
      nullable: true,
      description:
        'What the value means, in French, for régions ("Pays de la Loire"), départements ("Vendée") and funders ("OPCO"); null for the other facets.',
    }),
  }),
});

/** French names of région, département and funder codes. */
function facetLabel(name: FacetName, value: string): string | null {
  if (name === 'funders') return FUNDER_LABELS[value] ?? null;
  if (name === 'regions') return placeIndex().nameOf('REGION', value);
  if (name === 'departements') return placeIndex().nameOf('DEPARTEMENT', value);
  return null;
}

const FACET_DESCRIPTIONS: Record<FacetName, string> = {
  regions: 'Matching sessions per INSEE région code.',
  departements: 'Matching sessions per département.',
  modalities: 'Matching sessions per modality (PRESENTIEL, DISTANCE, MIXTE).',
  certificationCodes: 'Matching sessions per certification prepared (RNCP/RS code).',
  formacodes: 'Matching sessions per Formacode of their training.',
  romeCodes: 'Matching sessions per ROME code of their training or its certification.',
  exitLevels: 'Matching sessions per level reached (1…8).',
  cpfEligible: 'Matching sessions declared CPF-eligible ("true") or not ("false"); unknown ones are not counted.',
  funders: 'Matching sessions per LHEO funder code of their action (a session bought by two funders counts for each).',
};

const Facets = builder.objectRef<SearchResult['facets']>('TrainingSearchFacets').implement({
  description: `Counts over all matching sessions (not only the page), most first, to build filter menus; at most 100 values each. Only the facets asked for are counted.`,
  fields: (t) =>
    Object.fromEntries(
      FACETS.map((name) => [
        name,
        t.field({
          type: [FacetCountRef],
          description: FACET_DESCRIPTIONS[name],
          resolve: (f) => (f[name] ?? []).map((c) => ({ ...c, label: facetLabel(name, c.value) })),
        }),
      ]),
    ),
});

const Highlights = builder.objectRef<NonNullable<SearchHit['highlights']>>('TrainingSearchHighlights').implement({
  description:
    'Where the words matched, between <mark> and </mark> (the rest of the text is not HTML-escaped: escape it before showing it as HTML, then turn the marks back).',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The training title with the matched words marked.' }),
    snippet: t.exposeString('snippet', {
      nullable: true,
      description: 'A short passage of its description around the matched words; null when they matched elsewhere.',
    }),
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
    distanceLearning: t.boolean({
      description: 'Entirely at a distance: found near any place whatever its distance (`distanceKm` is then that of the provider’s address, if any).',
      resolve: async (h, _, ctx) => (await load.session(ctx, h.sessionId))?.modalite === 'DISTANCE',
    }),
    nextSession: t.field({
      type: SessionRef,
      nullable: true,
      description:
        'The next open session of the same training (maybe this one): not started yet today and taking applications; null when none. See Training.nextSession.',
      resolve: async (h, _, ctx) => {
        const session = await load.session(ctx, h.sessionId);
        return session ? nextOpenSession(await load.sessionsOfFormation(ctx, session.formationId), ctx.today) : null;
      },
    }),
    relevance: t.exposeFloat('relevance', { nullable: true, description: 'Text relevance (higher is better, on the engine’s own scale); null without words.' }),
    distanceKm: t.exposeFloat('distanceKm', {
      nullable: true,
      description: 'Distance from the sort or `near` point (or commune) in km; null without a point or coordinates.',
    }),
    highlights: t.field({
      type: Highlights,
      nullable: true,
      description: 'The matched words marked in the title and a snippet; null without words.',
      resolve: (h) => h.highlights,
    }),
  }),
});

type ResultShape = SearchResult & { page: number; pageSize: number; engine: string; place: Place | null };

const PlaceKindEnum = builder.enumType('PlaceMatchKind', {
  description: 'What kind of place a name or code names.',
  values: {
    REGION: { description: 'A région (INSEE code, e.g. "52").' },
    DEPARTEMENT: { description: 'A département (e.g. "44", "2A", "974").' },
    COMMUNE: { description: 'A commune (INSEE code, e.g. "42218").' },
  },
});

const PlaceMatchRef = builder.objectRef<Place>('PlaceMatch').implement({
  description: 'A région, département or commune of the reference list, as a place typed by name or code resolves to.',
  fields: (t) => ({
    kind: t.field({ type: PlaceKindEnum, description: 'Région, département or commune.', resolve: (p) => p.kind }),
    code: t.exposeString('code', { description: 'Its INSEE code: région "11", département "42", commune "42218".' }),
    name: t.exposeString('name', { description: 'Its name, e.g. "Saint-Étienne".' }),
    label: t.string({
      description: 'How to show it in a list: "Saint-Étienne (42000, Loire)", "Loire-Atlantique (44)", "Île-de-France (région)".',
      resolve: (p) => placeIndex().label(p),
    }),
    postalCode: t.exposeString('postalCode', {
      nullable: true,
      description: 'A commune’s main postal code; null for a région, a département or a city of arrondissements.',
    }),
    departement: t.exposeString('departement', {
      nullable: true,
      description: 'The département it is in (its own code for a département); null for a région.',
    }),
    region: t.exposeString('region', { description: 'The région it is in (its own code for a région).' }),
    latitude: t.exposeFloat('latitude', { description: 'Latitude of the commune, or of the chef-lieu of a région or département.' }),
    longitude: t.exposeFloat('longitude', { description: 'Longitude, likewise.' }),
  }),
});

const PlaceLookupStatusEnum = builder.enumType('PlaceLookupStatus', {
  description: 'Whether a typed place names exactly one place.',
  values: {
    FOUND: { description: 'One place: `place`.' },
    AMBIGUOUS: { description: 'Several places (or the beginning of several names): choose among `suggestions`.' },
    UNKNOWN: { description: 'No place of the reference list; `suggestions` holds near spellings, if any.' },
  },
});

const PlaceLookupRef = builder.objectRef<PlaceAnswer>('PlaceLookup').implement({
  description: 'What a typed place names, in the words of a person searching.',
  fields: (t) => ({
    status: t.field({ type: PlaceLookupStatusEnum, description: 'Found, ambiguous or unknown.', resolve: (a) => a.status }),
    message: t.exposeString('message', {
      description: 'In French, what was understood or why not, e.g. « Saint-Denis » désigne plusieurs lieux : … Précisez le code postal…',
    }),
    place: t.field({ type: PlaceMatchRef, nullable: true, description: 'The place, when exactly one.', resolve: (a) => a.place }),
    suggestions: t.field({
      type: [PlaceMatchRef],
      description: 'Places to choose from (régions, then départements, then communes, by name); the place itself when found.',
      resolve: (a) => a.suggestions,
    }),
  }),
});

builder.queryField('places', (t) =>
  t.field({
    type: PlaceLookupRef,
    description:
      'Resolves a place as people type it — a région, a département or a commune by name ("Île-de-France", "Loire-Atlantique", "st etienne"), a postal code or a département number — with suggestions when it is ambiguous, a beginning of names or unknown; answers in French. What `searchTrainings(place:)` accepts.',
    args: {
      query: t.arg.string({ required: true, description: 'What was typed.' }),
      first: t.arg.int({ required: false, defaultValue: 10, description: 'At most this many suggestions, 1 … 50.' }),
    },
    resolve: (_, args) => {
      const first = args.first ?? 10;
      if (!Number.isInteger(first) || first < 1 || first > 50) throw badUserInput('first must be between 1 and 50', { field: 'first' });
      if (args.query.length > MAX_PLACE_LENGTH) throw badUserInput(`query is longer than ${MAX_PLACE_LENGTH} characters`, { field: 'query' });
      return placeIndex().resolve(args.query, first);
    },
  }),
);

const Result = builder.objectRef<ResultShape>('TrainingSearchResult').implement({
  description: 'A page of matching sessions, with the total and facets.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Number of matching sessions in all pages.' }),
    page: t.exposeInt('page', { description: 'This page number, from 1.' }),
    pageSize: t.exposeInt('pageSize', { description: 'Sessions per page.' }),
    hits: t.field({ type: [Hit], description: 'The sessions of this page, in the requested order.', resolve: (r) => r.hits }),
    facets: t.field({
      type: Facets,
      description: 'Counts per région, département, modality, certification, Formacode, ROME, exit level and CPF eligibility over all matching sessions.',
      resolve: (r) => r.facets,
    }),
    ignoredWords: t.exposeStringList('droppedWords', {
      description: 'Trailing query words ignored because no session matched them all (as Meilisearch does); empty when all words matched.',
    }),
    engine: t.exposeString('engine', { description: 'The search engine that answered: "embedded" (in-memory index of the catalogue) or "meilisearch".' }),
    place: t.field({ type: PlaceMatchRef, nullable: true, description: 'The place `place` was understood as; null without `place`.', resolve: (r) => r.place }),
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
      place: t.arg.string({
        required: false,
        description:
          'A place as people type it: a région or a département (sessions whose place of training is in it), a commune or a postal code (sessions within `placeRadiusKm` of it); distance learning is kept unless `filters.distanceLearning` says otherwise. Ambiguous or unknown: BAD_USER_INPUT (field "place") with the reason in French and `extensions.suggestions`; `places(query)` gives the same answer. Not with filters.near / nearCommune.',
      }),
      placeRadiusKm: t.arg.float({
        required: false,
        description: `Radius around a commune given as \`place\`, in km (> 0, ≤ 1000); default ${DEFAULT_PLACE_RADIUS_KM}.`,
      }),
      filters: t.arg({ type: FiltersInput, required: false, description: 'Filters that must all hold.' }),
      sort: t.arg({ type: SortInput, required: false, description: 'Order; default RELEVANCE.' }),
      page: t.arg.int({ required: false, defaultValue: 1, description: 'Page number, from 1 (at most the first 10,000 results can be paged through).' }),
      pageSize: t.arg.int({ required: false, defaultValue: 20, description: 'Sessions per page, 1 … 100.' }),
    },
    resolve: async (_, args, ctx, info) => {
      const page = args.page ?? 1;
      const pageSize = args.pageSize ?? 20;
      const input = args.filters ?? {};
      const problem = validateFilters({
        query: args.query ?? null,
        filters: input,
        place: args.place,
        placeRadiusKm: args.placeRadiusKm,
        page,
        pageSize,
        sort: args.sort ?? null,
      });
      if (problem) throw badUserInput(problem.message, { field: problem.field });
      const commune = (inseeCode: string, field: string): GeoPoint => {
        const point = communePoint(ctx.db.sqlite, inseeCode);
        if (!point)
          throw badUserInput(
            `no place of training of the catalogue is in commune ${inseeCode}, so its position is unknown: give a point (latitude, longitude) instead`,
            { field },
          );
        return { latitude: point.latitude, longitude: point.longitude };
      };
      const { nearCommune, ...rest } = input;
      const filters: SearchFilters = { ...rest };
      if (nearCommune) filters.near = { ...commune(nearCommune.inseeCode, 'filters.nearCommune.inseeCode'), radiusKm: nearCommune.radiusKm };
      let from = args.sort?.fromCommune ? commune(args.sort.fromCommune, 'sort.fromCommune') : (args.sort?.from ?? null);
      let place: Place | null = null;
      if (args.place != null) {
        const answer = placeIndex().resolve(args.place);
        if (answer.status !== 'FOUND') {
          throw badUserInput(answer.message, {
            field: 'place',
            status: answer.status,
            suggestions: answer.suggestions.map((p) => ({ kind: p.kind, code: p.code, label: placeIndex().label(p) })),
          });
        }
        place = answer.place;
        const point = { latitude: place.latitude, longitude: place.longitude };
        if (place.kind === 'COMMUNE') filters.near = { ...point, radiusKm: args.placeRadiusKm ?? DEFAULT_PLACE_RADIUS_KM };
        else {
          filters.area = place.kind === 'REGION' ? { regions: [place.code] } : { departements: [place.code] };
          // Distances of a région or a département: from its chef-lieu.
          from ??= point;
        }
      }
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
      return { ...result, page, pageSize, engine: engine.name, place };
    },
  }),
);
