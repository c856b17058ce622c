// ROME 4.0 job titles (src/data/rome-labels.json, from France Travail's referential).
import labels from '../data/rome-labels.json' with { type: 'json' };

const titles: Record<string, string> = labels;

export function romeLabel(code: string): string | null {
  return titles[code] ?? null;
}
