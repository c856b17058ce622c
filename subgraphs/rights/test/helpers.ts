import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActivityYear, EmploymentPeriod } from '../src/domain/acquisition.ts';
import { loadParameters } from '../src/domain/parameters.ts';
import { openRightsDatabase } from '../src/db/client.ts';

/** The committed law parameters: tests check the real data, not a copy. */
export const params = loadParameters();

export function tempDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rights-test-'));
  const file = path.join(dir, 'rights.sqlite');
  return { dir, file, ...openRightsDatabase(file) };
}

export const fullTime = (year: number, workingTimePercent = 100): EmploymentPeriod[] => [
  { from: `${year}-01-01`, to: `${year}-12-31`, workingTimePercent },
];

/** French text with its non-breaking spaces as plain ones, so expectations read naturally. */
export const plain = (text: string | null | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

export function activity(year: number, facts: Partial<Omit<ActivityYear, 'year'>> = {}): ActivityYear {
  return {
    year,
    employmentPeriods: fullTime(year),
    declarations: [],
    selfEmployedPeriods: [],
    qualificationLevel: 5,
    oeth: false,
    esatAdmission: false,
    selfEmployed: false,
    trainingContributionPaid: false,
    ...facts,
  };
}
