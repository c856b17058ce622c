// Qualification level, national nomenclature of 2019 (décret 2019-14): 3 CAP/BEP, 4 bac,
// 5 bac+2 (BTS), 6 licence, 7 master, 8 doctorate; 0 when nothing is known.

/**
 * The person's qualification level: the highest level among the certifications held and the
 * education level declared at registration (which covers schooling without a certification,
 * e.g. level 2). RS certifications have no level and do not count.
 */
export function qualificationLevel(educationLevel: number, certificationLevels: readonly (number | null)[]): number {
  return Math.max(educationLevel, ...certificationLevels.map((level) => level ?? 0));
}
