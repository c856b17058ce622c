// The catalog keeps its public answers per catalogue version (schema/src/subgraph/public-cache.ts):
// a repeated session or search is served without running GraphQL again, a change to the
// catalogue is seen at once, and nothing about a person is ever kept.
//
// Shared stack: one session's price is changed in the catalogue file and put back at the end.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { graphql, holderToken } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');
const SESSION = 'PDL-F0001-A1-S1';
const SESSION_QUERY = 'query ($id: ID!) { session(id: $id) { id price startDate } }';

interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
}
async function catalogCache(): Promise<CacheStats> {
  const health = (await (await fetch(inject('subgraphUrls').catalog!.replace(/\/graphql$/, '/health'))).json()) as { publicCache: CacheStats };
  return health.publicCache;
}

const catalogue = () => new Database(path.join(inject('dataDir'), 'catalog.sqlite'));
let originalPrice: number | null | undefined;

afterAll(() => {
  if (originalPrice === undefined) return;
  const db = catalogue();
  db.prepare('UPDATE sessions SET prix_cents = ? WHERE id = ?').run(originalPrice, SESSION);
  db.close();
});

describe('public answers kept by catalogue version', () => {
  it('serves a repeated session from the cache, and sees a change of the catalogue at once', async () => {
    const first = await graphql(gateway(), SESSION_QUERY, { id: SESSION });
    expect(first.errors).toBeUndefined();
    const before = await catalogCache();
    const again = await graphql(gateway(), SESSION_QUERY, { id: SESSION });
    expect(again.data).toEqual(first.data);
    const after = await catalogCache();
    expect(after.hits).toBe(before.hits + 1);

    // What an import does to the file: another connection commits a change.
    const db = catalogue();
    originalPrice = (db.prepare('SELECT prix_cents FROM sessions WHERE id = ?').pluck().get(SESSION) as number | null) ?? null;
    db.prepare('UPDATE sessions SET prix_cents = ? WHERE id = ?').run((originalPrice ?? 0) + 1234, SESSION);
    db.close();
    const changed = await graphql(gateway(), SESSION_QUERY, { id: SESSION });
    expect(changed.data?.session.price).toBe((originalPrice ?? 0) + 1234);
    expect((await catalogCache()).hits).toBe(after.hits);
  });

  it('serves a repeated search from the cache', async () => {
    const query = 'query ($q: String) { searchTrainings(query: $q, pageSize: 3) { total hits { session { id } } } }';
    const first = await graphql(gateway(), query, { q: 'cariste' });
    expect(first.errors).toBeUndefined();
    // The first search after a change rebuilds the index (keyed by the index it started from).
    await graphql(gateway(), query, { q: 'cariste' });
    const before = await catalogCache();
    const again = await graphql(gateway(), query, { q: 'cariste' });
    expect(again.data).toEqual(first.data);
    expect((await catalogCache()).hits).toBe(before.hits + 1);
  });

  it('never keeps a person’s recommendations', async () => {
    const token = await holderToken('camille-martin');
    const query = 'query { person(id: "camille-martin") { recommendedTrainings(first: 2) { session { id } } } }';
    const first = await graphql(gateway(), query, {}, { token });
    expect(first.errors).toBeUndefined();
    expect(first.data?.person.recommendedTrainings.length).toBeGreaterThan(0);
    const before = await catalogCache();
    await graphql(gateway(), query, {}, { token });
    const after = await catalogCache();
    expect(after.hits).toBe(before.hits);
    expect(after.entries).toBe(before.entries);
  });
});
