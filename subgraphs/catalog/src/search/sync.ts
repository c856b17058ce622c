// Keeps an external search engine in step with the catalogue: after an import, from that import's
// change set (catalogue_changes, the log catalogueChanges serves); for recovery, a full re-sync.
import type Database from 'better-sqlite3';
import { searchedSql } from '../domain/duplicates.ts';
import { sessionDocuments } from './documents.ts';
import type { MeilisearchEngine } from './meilisearch.ts';
import type { SearchDocument, SearchEngine } from './port.ts';

export interface SyncResult {
  indexed: number;
  removed: number;
}

/** The last entry of the change log: an import's change set is what it logs after this. */
export const lastChange = (sqlite: Database.Database): number => sqlite.prepare('SELECT coalesce(max(seq), 0) FROM catalogue_changes').pluck().get() as number;

const CHUNK = 1000;

function* documentsOf(sqlite: Database.Database, ids: string[]): Generator<SearchDocument> {
  for (let i = 0; i < ids.length; i += CHUNK) yield* sessionDocuments(sqlite, { ids: ids.slice(i, i + CHUNK) });
}

/**
 * After an import: the sessions of its change set (added, changed or withdrawn, logged after
 * `afterSeq`) are indexed again when the catalogue still searches them, else removed. Nothing else
 * is read or sent: a small import costs a small sync, whatever the size of the catalogue.
 */
export async function syncChanges(engine: SearchEngine, sqlite: Database.Database, afterSeq: number): Promise<SyncResult> {
  if (engine.name === 'embedded') return { indexed: 0, removed: 0 };
  const changed = sqlite
    .prepare("SELECT DISTINCT id FROM catalogue_changes WHERE seq > ? AND entity = 'SESSION' ORDER BY id")
    .pluck()
    .all(afterSeq) as string[];
  // A session now searched through another of its group (a duplicate) leaves the index too.
  const isServed = sqlite.prepare(`SELECT 1 FROM sessions s WHERE s.id = ? AND ${searchedSql('s')}`).pluck();
  const served = changed.filter((id) => isServed.get(id) !== undefined);
  const gone = changed.filter((id) => isServed.get(id) === undefined);
  await engine.remove(gone);
  const { indexed } = await engine.index(documentsOf(sqlite, served));
  return { indexed, removed: gone.length };
}

/** Every session indexed again (certifications changed: any session's ROME codes may have). */
export async function reindexAll(engine: SearchEngine, sqlite: Database.Database): Promise<SyncResult> {
  if (engine.name === 'embedded') return { indexed: 0, removed: 0 };
  return { ...(await engine.index(sessionDocuments(sqlite))), removed: 0 };
}

/**
 * Recovery (npm run search:resync): the whole catalogue indexed into a new index beside the served
 * one, swapped in at once (Meilisearch swaps atomically), the old one deleted. Searches keep being
 * answered meanwhile; whatever drift the served index had (a missed sync, a foreign document) is gone.
 */
export async function resyncSearch(engine: MeilisearchEngine, sqlite: Database.Database): Promise<{ indexed: number; previousDocuments: number }> {
  await engine.ensureSettings();
  const previousDocuments = (await engine.health()).documents ?? 0;
  const aside = engine.sibling(`${engine.uid}_resync_${Date.now().toString(36)}`);
  try {
    const { indexed } = await aside.index(sessionDocuments(sqlite));
    await engine.swapWith(aside.uid);
    return { indexed, previousDocuments };
  } finally {
    await aside.drop().catch(() => undefined);
  }
}
