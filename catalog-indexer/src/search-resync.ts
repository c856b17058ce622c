// npm run search:resync   (MEILISEARCH_URL, MEILISEARCH_KEY, MEILISEARCH_INDEX as for the subgraph; DATA_DIR as for npm run index)
// Recovery: rebuilds the Meilisearch index from the whole catalogue beside the served one and swaps
// it in, for when imports' syncs were missed (Meilisearch down during an import, a new server).
// Exit code: 0 done, 1 failed (the served index is left as it was), 2 no Meilisearch configured.
import { catalogFile, meilisearchFromEnv, openCatalog, resyncSearch } from '@formations/catalog/indexing';

const typedIn = process.env.npm_lifecycle_event === 'search:resync' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
const engine = meilisearchFromEnv();
if (!engine) {
  console.error('MEILISEARCH_URL is not set: the embedded engine reads the catalogue itself, there is nothing to re-sync');
  process.exit(2);
}
const dbFile = catalogFile(typedIn);
const { sqlite } = openCatalog(dbFile);
const started = Date.now();
console.log(`re-syncing Meilisearch index "${engine.uid}" from ${dbFile}`);
try {
  const { indexed, previousDocuments } = await resyncSearch(engine, sqlite);
  console.log(`index "${engine.uid}": ${indexed} session(s) indexed (it held ${previousDocuments}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`re-sync failed, the served index is unchanged: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  sqlite.close();
}
