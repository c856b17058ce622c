// ROME 4.0 job → competences (src/data/rome-competences.json, extracted by
// scripts/extract-rome-competences.ts from France Travail's unix_liens_rome_referentiels_v460).
// The same links passport uses for Person.skillsGap (rubriques 1 and 2).
import links from '../data/rome-competences.json' with { type: 'json' };

const byJob = new Map<string, readonly string[]>(Object.entries(links as Record<string, string>).map(([job, codes]) => [job, codes.split(' ')]));

/** code_ogr of the competences ROME 4.0 lists for a job; empty for an unknown code. */
export function jobCompetences(romeCode: string): readonly string[] {
  return byJob.get(romeCode) ?? [];
}

/** Every ROME 4.0 job code of the extract. */
export const allJobCodes: readonly string[] = [...byJob.keys()];
