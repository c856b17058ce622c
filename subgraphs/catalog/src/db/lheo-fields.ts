// The LHEO fields a record kind (formation, action, session) stores as one column and serves as
// it is, each declared once: where LHEO gives it, how its text is read, its column, and its GraphQL
// field in an adviser's words. Derived from these tables: the indexer's reading and its record
// types (catalog-indexer/src/lheo/formation.ts), the import's INSERT columns (lheo/import.ts), the
// NDJSON export's record check (export/import-ndjson.ts), the drizzle columns (./schema.ts, hence
// `npm run db:generate`'s migration), the rows the subgraph reads (./queries.ts) and the GraphQL
// fields (src/schema/lheo-fields.ts). Merging copies of a record (most recent export wins field by
// field) and the NDJSON export take every field of a record whatever it is.
// A field that is searched, filtered, computed from several elements or reported on in detail is
// written by hand beside its table (the docs/how-to.md recipe says where).
import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * How the text of the element is read (the readers are the indexer's, lheo/values.ts):
 * - `text`: as given, trimmed; blank or "-" is null;
 * - `plainText`: escaped HTML made plain text (tags and entities out, spaces folded);
 * - `flag`: "1" true, "0" false, anything else null;
 * - `hours`: whole hours, "35,5" rounded up; a value that is not a number is dropped with a warning;
 * - `places`: a number of places 0 … 99,999; otherwise dropped with a warning.
 */
export type LheoRead = 'text' | 'plainText' | 'flag' | 'hours' | 'places';

/** What a read gives, stored and served (null when the source says nothing or nothing readable). */
type ValueOfRead<R extends LheoRead> = R extends 'flag' ? boolean : R extends 'hours' | 'places' ? number : string;

export interface LheoField {
  /** SQL column (snake_case); the record's and the row's property is its camelCase. */
  column: string;
  /** Where LHEO gives it, below the record's element: element names joined by "/" (the first one found). */
  lheo: string;
  read: LheoRead;
  /** Its GraphQL field on Training / Action / Session; absent when only stored (served through another field). */
  graphql?: { name: string; description: string };
}

/** `formation` of LHEO (GraphQL Training). */
export const FORMATION_FIELDS = [
  {
    column: 'certifiante',
    lheo: 'certifiante',
    read: 'flag',
    graphql: { name: 'certifying', description: 'Whether it leads to a certification (certifiante); null when the source does not say.' },
  },
  // Served as levels 1…8 by Training.entryLevel / exitLevel (domain/levels.ts).
  { column: 'niveau_entree', lheo: 'code-niveau-entree', read: 'text' },
  { column: 'niveau_sortie', lheo: 'code-niveau-sortie', read: 'text' },
  { column: 'url_formation', lheo: 'url-formation/urlweb', read: 'text', graphql: { name: 'url', description: 'Web page of the training.' } },
] as const satisfies readonly LheoField[];

/** `action` of LHEO (GraphQL Action). */
export const ACTION_FIELDS = [
  {
    column: 'nombre_heures_centre',
    lheo: 'nombre-heures-centre',
    read: 'hours',
    graphql: { name: 'hoursInCentre', description: 'Hours at the training centre.' },
  },
  {
    column: 'nombre_heures_entreprise',
    lheo: 'nombre-heures-entreprise',
    read: 'hours',
    graphql: { name: 'hoursInCompany', description: 'Hours in a company (placement).' },
  },
  {
    column: 'nombre_heures_total',
    lheo: 'nombre-heures-total',
    read: 'hours',
    graphql: { name: 'totalHours', description: 'Total hours when the source gives them (LHEO 2.3).' },
  },
  {
    column: 'duree_indicative',
    lheo: 'duree-indicative',
    read: 'text',
    graphql: { name: 'indicativeDuration', description: 'Duration as the source words it, e.g. "2 ans".' },
  },
  { column: 'rythme', lheo: 'rythme-formation', read: 'text', graphql: { name: 'rhythm', description: 'Rhythm, e.g. "Temps plein".' } },
  {
    column: 'modalites_alternance',
    lheo: 'modalites-alternance',
    read: 'plainText',
    graphql: {
      name: 'workStudyArrangements',
      description:
        'How the time is shared between the training centre and a company: dates and length of the periods in each, as the provider words them (modalites-alternance), e.g. "210 heures en entreprise"; null when the source says nothing.',
    },
  },
  {
    column: 'entrees_sorties_permanentes',
    lheo: 'modalites-entrees-sorties',
    read: 'flag',
    graphql: { name: 'permanentEntry', description: 'True when one may start at any time (entrées/sorties permanentes).' },
  },
  {
    column: 'acces_handicapes',
    lheo: 'acces-handicapes',
    read: 'plainText',
    graphql: {
      name: 'disabledAccess',
      description: 'Arrangements for disabled people, as the provider words them (acces-handicapes); null when it describes none specific.',
    },
  },
  {
    column: 'conditions_specifiques',
    lheo: 'conditions-specifiques',
    read: 'plainText',
    graphql: { name: 'specificConditions', description: 'Prerequisites and specific conditions, plain text.' },
  },
] as const satisfies readonly LheoField[];

/** `session` of LHEO (GraphQL Session). */
export const SESSION_FIELDS = [
  {
    column: 'nb_places',
    lheo: 'recrutement/nb-places',
    read: 'places',
    graphql: {
      name: 'seatsLeft',
      description:
        'Places still offered on this session, as the provider declared them in its last export (recrutement/nb-places, LHEO 2.3); null when the export does not say.',
    },
  },
] as const satisfies readonly LheoField[];

/** The three tables, for what treats them alike (the indexer's mapping version). */
export const LHEO_FIELDS = { formation: FORMATION_FIELDS, action: ACTION_FIELDS, session: SESSION_FIELDS } as const;

type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** acces_handicapes → accesHandicapes: the property of a column on records and rows. */
export const propertyOf = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A row's values of these fields (the catalogue's columns: null when not given). */
export type LheoRow<F extends readonly LheoField[]> = { [E in F[number] as Camel<E['column']>]: ValueOfRead<E['read']> | null };

/** A record's values of these fields: absent in a record stored before the field was declared. */
export type LheoValues<F extends readonly LheoField[]> = Partial<LheoRow<F>>;

/** The columns of the fields whose values are booleans (SQLite stores 0 / 1). */
export const booleanProperties = (fields: readonly LheoField[]) => fields.filter((f) => f.read === 'flag').map((f) => propertyOf(f.column));

/** The drizzle columns of these fields, to spread into the table (./schema.ts): migrations are generated from them. */
export function lheoColumns(fields: readonly LheoField[]) {
  return Object.fromEntries(
    fields.map((f) => [
      propertyOf(f.column),
      f.read === 'flag' ? integer(f.column, { mode: 'boolean' }) : f.read === 'hours' || f.read === 'places' ? integer(f.column) : text(f.column),
    ]),
  ) as Record<string, ReturnType<typeof text> | ReturnType<typeof integer>>;
}

/** The JSON type of a field's value in an exported record. */
export const jsonKindOf = (field: LheoField) => (field.read === 'flag' ? 'boolean' : field.read === 'hours' || field.read === 'places' ? 'number' : 'string');
