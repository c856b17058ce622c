// The default search adapter: the catalogue's own SQLite FTS5 index (src/db/search.ts).
// Documents live in the catalogue tables, written by the indexer in its import transaction,
// so index() and remove() have nothing to do.
import type Database from 'better-sqlite3';
import { searchSessions } from '../db/search.ts';
import type { SearchDocument, SearchEngine, SearchRequest } from './port.ts';

const engines = new WeakMap<Database.Database, SearchEngine>();

export function embeddedSearch(sqlite: Database.Database): SearchEngine {
  let engine = engines.get(sqlite);
  if (!engine) {
    engine = {
      name: 'embedded',
      async index(documents: Iterable<SearchDocument>) {
        let indexed = 0;
        for (const _ of documents) indexed += 1;
        return { indexed };
      },
      async remove() {},
      async search(request: SearchRequest) {
        return searchSessions(sqlite, request);
      },
      async health() {
        try {
          const { n } = sqlite.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
          return { engine: 'embedded', ok: true, documents: n };
        } catch (error) {
          return { engine: 'embedded', ok: false, documents: null, error: (error as Error).message };
        }
      },
    };
    engines.set(sqlite, engine);
  }
  return engine;
}
