import { clockFromEnv } from '@formations/schema/clock';
import { serveSubgraph } from '@formations/schema/subgraph';
import { catalogHealth } from './db/queries.ts';
import { openCatalog } from './db/client.ts';
import { catalogVersion } from './db/version.ts';
import { schema } from './schema/index.ts';
import { sessionDocuments } from './search/documents.ts';
import { searchEngineFromEnv } from './search/index.ts';
import type { SearchHealth } from './search/port.ts';

const clock = clockFromEnv();
const db = openCatalog();
// Meilisearch when MEILISEARCH_URL is set (the indexer keeps it in sync), else the embedded engine (in-memory index).
const search = searchEngineFromEnv(db.sqlite);
let searchHealth: SearchHealth = await search.health();
if (search.name !== 'embedded') {
  // A new or out-of-step Meilisearch (e.g. the catalogue was imported without MEILISEARCH_URL): fill it in the background.
  const { n } = db.sqlite.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
  if (searchHealth.ok && searchHealth.documents !== n) {
    const started = Date.now();
    void search
      .index(sessionDocuments(db.sqlite))
      .then(({ indexed }) => console.log(JSON.stringify({ level: 'info', msg: 'search index filled', engine: search.name, indexed, ms: Date.now() - started })))
      .catch((error: Error) => console.error(JSON.stringify({ level: 'error', msg: 'search index fill failed', engine: search.name, error: error.message })));
  }
  setInterval(() => void search.health().then((h) => (searchHealth = h)), 10_000).unref();
}
const version = catalogVersion(db.sqlite);
// Searches are answered from the index, which may still be the previous version's while a new
// one is built: that version is part of the key. A remote engine's state isn't known here.
const publicVersion = () => `${version()}|${search.servedVersion() ?? '-'}|${clock.today()}`;
await serveSubgraph({
  name: 'catalog',
  schema,
  port: Number(process.env.PORT ?? 4002),
  extendContext: (base) => ({ ...base, db, today: clock.today(), search }),
  health: () => ({ ...catalogHealth(db.sqlite), today: clock.today(), search: searchHealth }),
  // The public catalogue changes only when an import lands (or the day turns: what is upcoming):
  // its answers are kept per version. A person's recommendations and options never are.
  publicCache: {
    privateTypes: ['Person', 'TrainingOption', 'HolderFacts', 'SessionFacts'],
    version: publicVersion,
    volatileFields: search.name === 'embedded' ? [] : ['Query.searchTrainings'],
  },
});
