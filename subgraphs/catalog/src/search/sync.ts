// Keeps an external search engine in step with the catalogue after an import.
import type Database from 'better-sqlite3';
import { sessionDocuments, sessionIds } from './documents.ts';
import type { SearchEngine } from './port.ts';

export interface SyncResult {
  indexed: number;
  removed: number;
}

/** Session ids of a source before its import, to find the ones it no longer lists. */
export const sessionsBefore = (sqlite: Database.Database, sourceId: string | null): Set<string> => sessionIds(sqlite, sourceId ?? undefined);

/**
 * After a successful import of `sourceId`: re-indexes the sessions of the formations it lists and
 * of those it dropped that other sources still list (their merged version changed), and deletes
 * the sessions no source lists any more. `sourceId` null (certifications changed: ROME codes of
 * any session may have) re-indexes every session.
 */
export async function syncSearch(engine: SearchEngine, sqlite: Database.Database, sourceId: string | null, before: Set<string>): Promise<SyncResult> {
  if (engine.name === 'embedded') return { indexed: 0, removed: 0 };
  const after = sessionIds(sqlite, sourceId ?? undefined);
  const all = sourceId ? sessionIds(sqlite) : after;
  const gone = [...before].filter((id) => !all.has(id));
  const kept = [...before].filter((id) => all.has(id) && !after.has(id));
  await engine.remove(gone);
  let { indexed } = await engine.index(sessionDocuments(sqlite, sourceId ? { sourceId } : {}));
  if (kept.length > 0) indexed += (await engine.index(sessionDocuments(sqlite, { ids: kept }))).indexed;
  return { indexed, removed: gone.length };
}
