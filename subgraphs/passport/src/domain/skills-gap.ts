// The gap between the competences a person holds and those ROME 4.0 lists for a job.

export interface RequiredCompetence {
  code: string;
}

export interface SkillsGap<C extends RequiredCompetence> {
  held: C[];
  missing: C[];
  /** Share of the job's competences already held, 0..1 (1 when the job lists none). */
  coverage: number;
}

export function skillsGap<C extends RequiredCompetence>(heldCodes: ReadonlySet<string>, required: readonly C[]): SkillsGap<C> {
  const held = required.filter((c) => heldCodes.has(c.code));
  const missing = required.filter((c) => !heldCodes.has(c.code));
  return { held, missing, coverage: required.length === 0 ? 1 : held.length / required.length };
}

export interface MobilityCandidate {
  romeCode: string;
  /** France Travail's order of the mobility (1 = the closest move). */
  rank: number;
  missingCount: number;
}

/** Reachable jobs, the smallest gap first; ties keep France Travail's order. */
export function rankMobility<M extends MobilityCandidate>(candidates: readonly M[]): M[] {
  return [...candidates].sort((a, b) => a.missingCount - b.missingCount || a.rank - b.rank || a.romeCode.localeCompare(b.romeCode));
}
