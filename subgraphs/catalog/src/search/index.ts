// Which search engine serves searchTrainings: Meilisearch when MEILISEARCH_URL is set
// (MEILISEARCH_KEY, MEILISEARCH_INDEX optional), else the embedded engine.
import type Database from 'better-sqlite3';
import { embeddedSearch } from './embedded.ts';
import { MeilisearchEngine } from './meilisearch.ts';
import type { SearchEngine } from './port.ts';

export type { SearchEngine } from './port.ts';
export { embeddedSearch } from './embedded.ts';
export { MeilisearchEngine } from './meilisearch.ts';

/** The Meilisearch engine configured by the environment, or null when MEILISEARCH_URL is not set. */
export function meilisearchFromEnv(env: NodeJS.ProcessEnv = process.env): MeilisearchEngine | null {
  const host = env.MEILISEARCH_URL?.trim();
  if (!host) return null;
  return new MeilisearchEngine({ host, apiKey: env.MEILISEARCH_KEY || undefined, index: env.MEILISEARCH_INDEX || undefined });
}

export function searchEngineFromEnv(sqlite: Database.Database, env: NodeJS.ProcessEnv = process.env): SearchEngine {
  return meilisearchFromEnv(env) ?? embeddedSearch(sqlite);
}
