// One scale of levels for the whole API: the 2019 national nomenclature, levels 1…8 (3 CAP,
// 4 bac, 5 bac+2, 6 licence, 7 master, 8 doctorat), as Certification.level, the person's
// qualificationLevel and the search filter exitLevels. LHEO's dict-niveaux (code-niveau-entree,
// code-niveau-sortie) is read into it here and only here, by TypeScript and SQL alike.

/**
 * LHEO dict-niveaux → level. 2.3 added 11…18 for levels 1…8 (PEL-37); 2…8 are the former
 * nomenclature VI, V bis, V, IV, III, II, I, read as levels 1…7 (décret 2019-14, table of
 * correspondence: V → 3, IV → 4, III → 5, II → 6, I → 7); 0 (non communiqué) and 1 (sans niveau
 * spécifique) have none.
 */
export const LHEO_LEVELS: ReadonlyMap<string, number> = new Map([
  ['2', 1],
  ['3', 2],
  ['4', 3],
  ['5', 4],
  ['6', 5],
  ['7', 6],
  ['8', 7],
  ['11', 1],
  ['12', 2],
  ['13', 3],
  ['14', 4],
  ['15', 5],
  ['16', 6],
  ['17', 7],
  ['18', 8],
]);

export function levelOf(code: string | null): number | null {
  return code === null ? null : (LHEO_LEVELS.get(code.trim()) ?? null);
}

/** The same reading in SQL, for a column holding the LHEO code. */
export const levelSql = (column: string): string =>
  `(CASE trim(${column}) ${[...LHEO_LEVELS].map(([code, level]) => `WHEN '${code}' THEN ${level}`).join(' ')} ELSE NULL END)`;
