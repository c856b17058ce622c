// The same offer under several organisations' numbers (issue 16: "sessions that are the same offer
// under different numbers — same SIRET, same certification, same dates, same commune — are grouped").
// The key is computed at import (sessions.duplicate_key) and by migration 0004 for catalogues
// imported before, in SQL: both must give the same key, hence SQLite's lower().

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
 * Each session of a group points to the one it is searched through (`duplicate_of`): a fresh one
 * before one kept stale, then the smallest id; that one points to none. Bound: the key (`?`).
 */
export const REGROUP_SQL = `
  UPDATE sessions SET duplicate_of = nullif((SELECT d.id FROM sessions d WHERE d.duplicate_key = sessions.duplicate_key
    ORDER BY d.stale IS NOT NULL, d.id LIMIT 1), id)
  WHERE duplicate_key = ?`;

/** SQL: the session is searched (one hit per group: its duplicates are found through it). */
export const searchedSql = (sessions: string) => `${sessions}.duplicate_of IS NULL`;
