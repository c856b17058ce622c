// Funders' practice that no article of law fixes but that changes over time: each value is
// dated by the day it applies from, with its source and how sure we are of it (the same
// LawStatus rights uses for law parameters). A computation uses the value in force on its day.
import type { LawStatus } from './types.ts';

export const FUNDER_PARAMETER_NAMES = [
  'franceTravail.requestWithinWorkingDaysOfOffer',
  'franceTravail.sessionStartsAfterWorkingDays',
  'franceTravail.answerWithinWorkingDays',
] as const;
export type FunderParameterName = (typeof FUNDER_PARAMETER_NAMES)[number];

export interface FunderParameter {
  name: FunderParameterName;
  value: number;
  validFrom: string;
  source: string;
  status: LawStatus;
}

// The terms of use of Mon Compte Formation, "Conditions particulières" of the holder (Caisse des
// Dépôts), clause on the top-up request to France Travail (Pôle emploi until 2024). In force since
// the platform opened under its terms on 21 Nov 2019; the day the clause took this wording is not
// known, and the text was read through a secondary copy: REPORTED until checked in the current
// terms. (An older Caisse des Dépôts page said "deux mois" of silence; it is undated, so not here.)
// The same clause allows one request at a time: the database enforces it (one open request per holder).
export const CGU_MCF = 'CGU Mon Compte Formation, conditions particulières du titulaire : abondement en droits complémentaires de France Travail';

export const FUNDER_PARAMETERS: FunderParameter[] = [
  { name: 'franceTravail.requestWithinWorkingDaysOfOffer', value: 4, validFrom: '2019-11-21', source: CGU_MCF, status: 'REPORTED' },
  { name: 'franceTravail.sessionStartsAfterWorkingDays', value: 15, validFrom: '2019-11-21', source: CGU_MCF, status: 'REPORTED' },
  { name: 'franceTravail.answerWithinWorkingDays', value: 10, validFrom: '2019-11-21', source: CGU_MCF, status: 'REPORTED' },
];

/** The value of `name` in force on `date` (the latest whose validFrom is on or before it). */
export function funderParameterOn(name: FunderParameterName, date: string, table: readonly FunderParameter[] = FUNDER_PARAMETERS): FunderParameter {
  const inForce = table
    .filter((p) => p.name === name && p.validFrom <= date)
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
    .at(-1);
  if (!inForce) throw new Error(`no value of ${name} is in force on ${date}`);
  return inForce;
}
