import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed ROME 4.0 extract, resolved from this file so seeding works from any directory. */
export const ROME4_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'rome4');

export const ROME4_FILES = {
  jobs: 'jobs.csv',
  appellations: 'appellations.csv',
  competences: 'competences.csv',
  jobCompetences: 'job-competences.csv',
  mobility: 'mobility.csv',
} as const;
