// The same offer under several organisations' numbers (issue 16: "sessions that are the same offer
// under different numbers — same SIRET, same certification, same dates, same commune — are grouped").
// The key is computed at import (sessions.duplicate_key) and by migration 0004 for catalogues
// imported before, in SQL: both must give the same key, hence SQLite's lower() and binary order.

export interface DuplicateFacts {
  /** SIRET of the organisme responsible for the formation. */
  siret: string | null;
  /** RNCP12345 or RS1234. */
  certificationCode: string | null;
  /** The formation's title: stands for the certification when it prepares none. */
  intitule: string;
  debut: string | null;
  fin: string | null;
  /** INSEE code of the commune of the place of training. */
  codeInsee: string | null;
  modalite: 'PRESENTIEL' | 'DISTANCE' | 'MIXTE' | null;
}

/** SQLite's lower(): ASCII letters only. */
const sqliteLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The group key of a session, or null when it cannot be told apart from a different offer (no
 * SIRET, no dates, no commune): such a session is never grouped. Without a certification the
 * title (case aside) must match; distance learning has no commune and matches as "distance".
 */
export function duplicateKey(f: DuplicateFacts): string | null {
  const where = f.codeInsee ?? (f.modalite === 'DISTANCE' ? 'distance' : null);
  if (!f.siret || !f.debut || !f.fin || !where) return null;
  return [f.siret, f.certificationCode ?? `titre:${sqliteLower(f.intitule)}`, f.debut, f.fin, where].join('|');
}

/**
 * The keys of one formation's sessions: its own sessions alike (two groups of learners on the same
 * days, in the same place) are different offers, not duplicates; they are told apart by their rank
 * among the formation's sessions of that key (by id), which a copy under other numbers keeps.
 */
export function rankedKeys(sessions: readonly { id: string; key: string | null }[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const seen = new Map<string, number>();
  for (const { id, key } of [...sessions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!key) {
      out.set(id, null);
      continue;
    }
    const rank = (seen.get(key) ?? 0) + 1;
    seen.set(key, rank);
    out.set(id, `${key}#${rank}`);
  }
  return out;
}

/**
 * Each session of a group points to the one it is searched through (`duplicate_of`): a fresh one
 * before one kept stale, then the smallest id; that one points to none. Bound: the key (`?`).
 */
export const REGROUP_SQL = `
  UPDATE sessions SET duplicate_of = nullif((SELECT d.id FROM sessions d WHERE d.duplicate_key = sessions.duplicate_key
    ORDER BY d.stale IS NOT NULL, d.id LIMIT 1), id)
  WHERE duplicate_key = ?`;

/** SQL: the session is searched (one hit per group: its duplicates are found through it). */
export const searchedSql = (sessions: string) => `${sessions}.duplicate_of IS NULL`;
