// One formation listed by several sources → the one record the catalogue serves.
// Policy (README "Several sources"): the most recent export wins field by field; a field it leaves
// empty comes from the next most recent export that gives it; a fresh version always beats a
// stale one (kept from a source whose newer version was rejected); actions and sessions are the
// union of the sources' ones, each merged the same way; an address or an organisme is one field.
import type { StaleFlag } from '@formations/catalog/indexing';
import type { ActionRecord, FormationRecord, SessionRecord } from './formation.ts';

/** A formation as one source gave it. */
export interface SourceCopy {
  sourceId: string;
  exportedAt: string;
  record: FormationRecord;
}

/** Ascending: the last one wins. Stale before fresh, then by export date, then by source name. */
const rank = (stale: StaleFlag | null | undefined, copy: SourceCopy) => `${stale ? 0 : 1}|${copy.exportedAt}|${copy.sourceId}`;

const given = (value: unknown) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

/** Field by field, `newer`'s given values over `older`'s; the keys in `skip` are left to the caller. */
function overlay<T extends object>(older: T, newer: T, skip: readonly string[]): T {
  const out = { ...older } as Record<string, unknown>;
  for (const [key, value] of Object.entries(newer)) if (!skip.includes(key) && given(value)) out[key] = value;
  return out as T;
}

function mergeRanked<T extends object>(copies: { rank: string; value: T }[], skip: readonly string[]): T {
  copies.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return copies.reduce((merged, copy) => overlay(merged, copy.value, skip), copies[0]!.value);
}

/** Stale only when every copy is: then the flag of the most recent one. */
const staleOf = (flags: (StaleFlag | null | undefined)[]) => (flags.every(Boolean) ? flags.at(-1)! : null);

/** The copy whose fields win first: the most recent fresh export. */
export const leadingCopy = (copies: SourceCopy[]) => copies.reduce((a, b) => (rank(b.record.stale, b) > rank(a.record.stale, a) ? b : a));

export function mergeCopies(copies: SourceCopy[]): FormationRecord {
  if (copies.length === 1) return copies[0]!.record;
  const formation = mergeRanked(
    copies.map((c) => ({ rank: rank(c.record.stale, c), value: c.record })),
    ['actions', 'stale'],
  );
  const byRank = [...copies].sort((a, b) => (rank(a.record.stale, a) < rank(b.record.stale, b) ? 1 : -1));

  // Sessions are placed in the action of their winning copy.
  const sessionCopies = new Map<string, { rank: string; value: SessionRecord; actionId: string; stale: StaleFlag | null | undefined }[]>();
  const actionCopies = new Map<string, { rank: string; value: ActionRecord }[]>();
  for (const copy of byRank) {
    for (const action of copy.record.actions) {
      const list = actionCopies.get(action.id) ?? [];
      list.push({ rank: rank(copy.record.stale, copy), value: action });
      actionCopies.set(action.id, list);
      for (const session of action.sessions) {
        const sessions = sessionCopies.get(session.id) ?? [];
        const stale = session.stale ?? copy.record.stale;
        sessions.push({ rank: rank(stale, copy), value: session, actionId: action.id, stale });
        sessionCopies.set(session.id, sessions);
      }
    }
  }
  const actions = new Map<string, ActionRecord>();
  for (const [id, list] of actionCopies) actions.set(id, { ...mergeRanked(list, ['sessions']), sessions: [] });
  for (const list of sessionCopies.values()) {
    const session = mergeRanked(list, ['stale']);
    actions.get(list.at(-1)!.actionId)!.sessions.push({ ...session, stale: staleOf(list.map((c) => c.stale)) });
  }
  return {
    ...formation,
    actions: [...actions.values()],
    stale: staleOf(copies.map((c) => c.record.stale)),
  };
}
