// The default search adapter: an in-memory index of the catalogue (src/search/embedded/),
// rebuilt when the catalogue changes. Documents live in the catalogue tables, written by the
// indexer in its import transaction, so index() and remove() have nothing to do.
import type Database from 'better-sqlite3';
import { readSearchIndex } from '../db/search-source.ts';
import { catalogVersion } from '../db/version.ts';
import { matchExpression } from '../domain/search-text.ts';
import { Worker } from 'node:worker_threads';
import { receivedIndex, type PostedIndex, type SearchIndex } from './embedded/index-data.ts';
import { IndexSearcher } from './embedded/query.ts';
import type { SearchDocument, SearchEngine, SearchHighlights, SearchRequest, SearchResult } from './port.ts';

const engines = new WeakMap<Database.Database, SearchEngine>();

/** Up to this many sessions the index is rebuilt in line (well under 100 ms); above, in a worker thread. */
const IN_LINE_BUILD_LIMIT = 20_000;
const RETRY_BUILD_AFTER_MS = 30_000;

/**
 * The embedded engine on an open catalogue. When the catalogue changes (an import by the
 * indexer), a large catalogue's index is rebuilt in a worker thread while searches keep being
 * answered from the previous one, as a failed import would leave it; a small one is rebuilt at once.
 */
export function embeddedSearch(sqlite: Database.Database, options: { inLineBuildLimit?: number } = {}): SearchEngine {
  let engine = engines.get(sqlite);
  if (engine) return engine;
  const inLineLimit = options.inLineBuildLimit ?? IN_LINE_BUILD_LIMIT;
  const versionNow = catalogVersion(sqlite);
  let current: { version: string; searcher: IndexSearcher } | undefined;
  let building: { version: string; done: Promise<void> } | undefined;
  let failed: { version: string; at: number } | undefined;
  const inBackground = (version: string): Promise<void> => {
    if (building?.version === version) return building.done;
    const started = performance.now();
    const done = buildInWorker(sqlite.name)
      .then((index) => {
        // A newer build may have finished first: keep the newest.
        if (!current || building?.version === version) current = { version, searcher: new IndexSearcher(index) };
        console.log(
          JSON.stringify({
            level: 'info',
            msg: 'search index built',
            engine: 'embedded',
            sessions: index.sessionCount,
            ms: Math.round(performance.now() - started),
          }),
        );
      })
      .finally(() => {
        if (building?.version === version) building = undefined;
      });
    done.catch((error: Error) => {
      failed = { version, at: Date.now() };
      console.error(JSON.stringify({ level: 'error', msg: 'search index build failed', engine: 'embedded', error: error.message }));
    });
    building = { version, done };
    return done;
  };
  const searcher = async (): Promise<IndexSearcher> => {
    const version = versionNow();
    if (current?.version === version) return current.searcher;
    // Rebuilding, or the rebuild just failed (retried after a pause): the previous index answers.
    if (current && (building?.version === version || (failed?.version === version && Date.now() - failed.at < RETRY_BUILD_AFTER_MS))) return current.searcher;
    const size = sqlite.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
    if (size <= inLineLimit || sqlite.memory) {
      current = { version, searcher: new IndexSearcher(readSearchIndex(sqlite)) };
      return current.searcher;
    }
    const done = inBackground(version);
    if (!current) await done; // nothing to answer from yet
    return current!.searcher;
  };
  engine = {
    name: 'embedded',
    async index(documents: Iterable<SearchDocument>) {
      let indexed = 0;
      for (const _ of documents) indexed += 1;
      return { indexed };
    },
    async remove() {},
    async search(request: SearchRequest): Promise<SearchResult> {
      const { result, hitFormations, matched } = (await searcher()).search(request);
      if (matched.words.length > 0 && request.highlight !== false && result.hits.length > 0) {
        const marked = highlights(sqlite, matchExpression(matched.words, matched.variants), hitFormations);
        result.hits.forEach((hit, i) => (hit.highlights = marked.get(hitFormations[i]!) ?? null));
      }
      return result;
    },
    servedVersion: () => current?.version ?? null,
    async health() {
      try {
        return { engine: 'embedded', ok: true, documents: (await searcher()).index.sessionCount };
      } catch (error) {
        return { engine: 'embedded', ok: false, documents: null, error: (error as Error).message };
      }
    },
  };
  engines.set(sqlite, engine);
  return engine;
}

/** Marked title and description passage of the given formations (FTS5 highlight() and snippet()). */
function highlights(sqlite: Database.Database, match: string, formationIds: number[]): Map<number, SearchHighlights> {
  const rows = sqlite
    .prepare(
      `SELECT rowid AS id, highlight(formation_fts, 0, '<mark>', '</mark>') AS title, snippet(formation_fts, 1, '<mark>', '</mark>', '…', 16) AS snippet
       FROM formation_fts WHERE formation_fts MATCH @match AND rowid IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ match, ids: JSON.stringify([...new Set(formationIds)]) }) as { id: number; title: string; snippet: string | null }[];
  return new Map(rows.map((r) => [r.id, { title: r.title, snippet: r.snippet?.includes('<mark>') ? r.snippet : null }]));
}

const WORKER = new URL('./embedded/build-worker.mjs', import.meta.url);

/** Reads the catalogue file into an index in a worker thread. */
function buildInWorker(file: string): Promise<SearchIndex> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { file } });
    let settled = false;
    worker.once('message', (posted: PostedIndex) => {
      settled = true;
      resolve(receivedIndex(posted));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the search index worker exited (${code}) before answering`));
    });
  });
}
