import { badUserInput } from '@formations/schema/subgraph';
import { searchSessions, type SearchFilters } from '../db/search.ts';
import { CODE_FORMATS, validateFilters } from '../domain/search-input.ts';
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

const FiltersInput = builder.inputType('TrainingSearchFilters', {
  description: 'Filters of a catalogue search; all given filters must hold (lists match any of their values).',
  fields: (t) => ({
    regions: t.stringList({ required: false, description: 'INSEE région codes of the place of training, e.g. ["52"].' }),
    departements: t.stringList({ required: false, description: 'Département codes, e.g. ["85", "44"].' }),
    certificationCode: t.string({ required: false, description: `Certification prepared: ${CODE_FORMATS.certificationCode}.` }),
    formacodes: t.stringList({ required: false, description: 'Formacode codes (5 digits) of the training.' }),
    romeCodes: t.stringList({ required: false, description: 'ROME codes of the jobs aimed at, by the training or by its certification.' }),
    modalities: t.field({ type: [ModalityEnum], required: false, description: 'In person, at a distance, mixed.' }),
    minPrice: t.field({ type: 'Cents', required: false, description: 'Lowest price in cents (sessions without a price are then excluded).' }),
    maxPrice: t.field({ type: 'Cents', required: false, description: 'Highest price in cents (sessions without a price are then excluded).' }),
    startsAfter: t.field({ type: 'Date', required: false, description: 'Sessions starting on or after this day.' }),
    startsBefore: t.field({ type: 'Date', required: false, description: 'Sessions starting on or before this day.' }),
    recruitmentOpen: t.boolean({ required: false, description: 'Only sessions not started yet (or undated) whose recruitment is not closed or suspended.' }),
    near: t.field({ type: NearInput, required: false, description: 'Only sessions within a radius of a point.' }),
  }),
});

const SortEnum = builder.enumType('TrainingSort', {
  description: 'Order of search results.',
  values: {
    RELEVANCE: { description: 'Best text match first (then earliest start); without words, earliest start.' },
    START_DATE: { description: 'Earliest start first; unknown dates last.' },
    PRICE: { description: 'Cheapest first; unknown prices last.' },
    DISTANCE: { description: 'Nearest to `from` first; distance learning first, places without coordinates last.' },
  },
});

const SortInput = builder.inputType('TrainingSortInput', {
  description: 'How to order the results.',
  fields: (t) => ({
    by: t.field({ type: SortEnum, required: true, description: 'The order.' }),
    from: t.field({ type: GeoPointInput, required: false, description: 'The point distances are measured from (required for DISTANCE).' }),
  }),
});

const FacetCount = builder.objectRef<{ value: string; count: number }>('FacetCount').implement({
  description: 'How many matching sessions have this value.',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'The value, e.g. région "52" or modality "DISTANCE".' }),
    count: t.exposeInt('count', { description: 'Number of matching sessions with it.' }),
  }),
});

const Facets = builder.objectRef<{ regions: { value: string; count: number }[]; modalities: { value: string; count: number }[] }>('TrainingSearchFacets').implement({
  description: 'Counts over all matching sessions (not only the page), to build filter menus.',
  fields: (t) => ({
    regions: t.field({ type: [FacetCount], description: 'Matching sessions per INSEE région code, most first.', resolve: (f) => f.regions }),
    modalities: t.field({ type: [FacetCount], description: 'Matching sessions per modality (PRESENTIEL, DISTANCE, MIXTE).', resolve: (f) => f.modalities }),
  }),
});

const Hit = builder.objectRef<{ sessionId: string; relevance: number | null; distanceKm: number | null }>('TrainingSearchHit').implement({
  description: 'One matching session.',
  fields: (t) => ({
    session: t.field({
      type: SessionRef,
      description: 'The session.',
      resolve: async (h, _, ctx) => {
        const session = await load.session(ctx, h.sessionId);
        if (!session) throw new Error(`session ${h.sessionId} missing`);
        return session;
      },
    }),
    relevance: t.exposeFloat('relevance', { nullable: true, description: 'Text relevance (higher is better); null without words.' }),
    distanceKm: t.exposeFloat('distanceKm', { nullable: true, description: 'Distance from the sort or `near` point in km; null without a point or coordinates.' }),
  }),
});

const Result = builder
  .objectRef<{ total: number; page: number; pageSize: number; hits: { sessionId: string; relevance: number | null; distanceKm: number | null }[]; facets: { regions: { value: string; count: number }[]; modalities: { value: string; count: number }[] }; droppedWords: string[] }>(
    'TrainingSearchResult',
  )
  .implement({
    description: 'A page of matching sessions, with the total and facets.',
    fields: (t) => ({
      total: t.exposeInt('total', { description: 'Number of matching sessions in all pages.' }),
      page: t.exposeInt('page', { description: 'This page number, from 1.' }),
      pageSize: t.exposeInt('pageSize', { description: 'Sessions per page.' }),
      hits: t.field({ type: [Hit], description: 'The sessions of this page, in the requested order.', resolve: (r) => r.hits }),
      facets: t.field({ type: Facets, description: 'Counts per région and per modality over all matching sessions.', resolve: (r) => r.facets }),
      ignoredWords: t.exposeStringList('droppedWords', {
        description: 'Trailing query words ignored because no session matched them all (as Meilisearch does); empty when all words matched.',
      }),
    }),
  });

builder.queryField('searchTrainings', (t) =>
  t.field({
    type: Result,
    description:
      'Searches sessions of the catalogue: words in titles, descriptions and places (accents, case and small typos ignored; the last word may be a prefix), filters, sort, page, facets. BAD_USER_INPUT on an invalid filter.',
    args: {
      query: t.arg.string({ required: false, description: 'Words to look for, e.g. "développeur web Lyon". Empty: all sessions.' }),
      filters: t.arg({ type: FiltersInput, required: false, description: 'Filters that must all hold.' }),
      sort: t.arg({ type: SortInput, required: false, description: 'Order; default RELEVANCE.' }),
      page: t.arg.int({ required: false, defaultValue: 1, description: 'Page number, from 1.' }),
      pageSize: t.arg.int({ required: false, defaultValue: 20, description: 'Sessions per page, 1 … 100.' }),
    },
    resolve: (_, args, ctx) => {
      const filters: SearchFilters = args.filters ?? {};
      const problem = validateFilters({ query: args.query ?? null, filters, page: args.page ?? 1, pageSize: args.pageSize ?? 20, sort: args.sort ?? null });
      if (problem) throw badUserInput(problem.message, { field: problem.field });
      const page = args.page ?? 1;
      const pageSize = args.pageSize ?? 20;
      const result = searchSessions(ctx.db.sqlite, {
        query: args.query ?? null,
        filters,
        sort: args.sort?.by ?? 'RELEVANCE',
        from: args.sort?.from ?? null,
        today: ctx.today,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return { ...result, page, pageSize };
    },
  }),
);
