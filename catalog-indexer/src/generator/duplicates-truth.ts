// How well the catalogue groups the duplicates the generator injected (duplicates.tsv): pairwise
// precision (grouped pairs that are true copies) and recall (true copies that are grouped).
import fs from 'node:fs';
import type Database from 'better-sqlite3';

export interface GroupingQuality {
  /** Pairs of sessions the catalogue groups together. */
  groupedPairs: number;
  /** Pairs of sessions that are the same offer (a copy and its original, or two copies of one). */
  truePairs: number;
  /** Pairs both grouped and true. */
  found: number;
  precision: number;
  recall: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** `groups`: the catalogue's groups (2 sessions or more); `truth`: [copy, original] lines. */
export function groupingQuality(groups: readonly (readonly string[])[], truth: readonly (readonly [string, string])[]): GroupingQuality {
  // Each session's true offer: the original's id (the copies of one original are one offer).
  const offer = new Map<string, string>();
  for (const [copy, original] of truth) {
    offer.set(copy, original);
    offer.set(original, original);
  }
  const sizes = new Map<string, number>();
  for (const id of offer.values()) sizes.set(id, 0);
  for (const id of offer.keys()) sizes.set(offer.get(id)!, sizes.get(offer.get(id)!)! + 1);
  const truePairs = [...sizes.values()].reduce((n, size) => n + pairs(size), 0);
  let groupedPairs = 0;
  let found = 0;
  for (const group of groups) {
    groupedPairs += pairs(group.length);
    const byOffer = new Map<string, number>();
    for (const id of group) {
      const o = offer.get(id);
      if (o) byOffer.set(o, (byOffer.get(o) ?? 0) + 1);
    }
    for (const n of byOffer.values()) found += pairs(n);
  }
  return { groupedPairs, truePairs, found, precision: groupedPairs === 0 ? 1 : found / groupedPairs, recall: truePairs === 0 ? 1 : found / truePairs };
}

/** The catalogue's groups of duplicates against the generator's duplicates.tsv. */
export function measureGrouping(sqlite: Database.Database, truthFile: string): GroupingQuality {
  const truth = fs
    .readFileSync(truthFile, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t') as [string, string]);
  const groups = (
    sqlite
      .prepare('SELECT json_group_array(id) FROM sessions WHERE duplicate_key IS NOT NULL GROUP BY duplicate_key HAVING count(*) > 1')
      .pluck()
      .all() as string[]
  ).map((ids) => JSON.parse(ids) as string[]);
  return groupingQuality(groups, truth);
}
