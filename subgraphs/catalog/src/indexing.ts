// What the catalogue lends its writers (catalog-indexer, benches): its database, the record types
// they write, and the search engines they keep in step. The only door into this package's code.
export { catalogFile, openCatalog, type CatalogDatabase } from './db/client.ts';
export type { Extra, StaleFlag } from './db/schema.ts';
export type { FormationColumns, PlaceColumns } from './db/queries.ts';
export {
  ACTION_FIELDS,
  FORMATION_FIELDS,
  jsonKindOf,
  LHEO_FIELDS,
  propertyOf,
  SESSION_FIELDS,
  type LheoField,
  type LheoRead,
  type LheoValues,
} from './db/lheo-fields.ts';
export { isFunderCode } from './domain/funders.ts';
export { duplicateKey, rankedKeys, REGROUP_SQL } from './domain/duplicates.ts';
export { meilisearchFromEnv, type MeilisearchEngine, type SearchEngine } from './search/index.ts';
export { lastChange, reindexAll, resyncSearch, syncChanges, type SyncResult } from './search/sync.ts';
