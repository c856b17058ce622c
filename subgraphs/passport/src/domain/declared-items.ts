// What a holder may declare in the passport: the checks run before a DECLARED item is saved.
import { isIsoDate } from '@formations/schema/scalars';
import type { CertificationKind } from './types.ts';

/** RNCP12345 → RNCP, RS1234 → RS; null for anything else. */
export function certificationKindOf(code: string): CertificationKind | null {
  const match = /^(RNCP|RS)\d{1,6}$/.exec(code);
  return match ? (match[1] as CertificationKind) : null;
}

export interface DeclaredCertification {
  code: string;
  title: string;
  level: number | null;
  obtainedOn: string | null;
}

/** `today` is YYYY-MM-DD. Levels follow décret 2019-14 (1–8); RS certifications have none. */
export function certificationProblems(c: DeclaredCertification, today: string): string[] {
  const problems: string[] = [];
  const kind = certificationKindOf(c.code);
  if (!kind) problems.push('the code must be an RNCP or RS number, e.g. RNCP35340 or RS6962');
  if (!c.title.trim()) problems.push('give the title of the certification');
  if (kind === 'RS' && c.level !== null) problems.push('RS certifications have no qualification level');
  if (c.level !== null && (!Number.isInteger(c.level) || c.level < 1 || c.level > 8)) problems.push('the level must be between 1 and 8');
  if (c.obtainedOn !== null && c.obtainedOn > today) problems.push('the date obtained cannot be in the future');
  return problems;
}

export interface DeclaredExperience {
  jobTitle: string;
  startDate: string;
  endDate: string | null;
}

export function experienceProblems(e: DeclaredExperience, today: string): string[] {
  const problems: string[] = [];
  if (!e.jobTitle.trim()) problems.push('give the job title');
  if (isIsoDate(e.startDate) && e.startDate > today) problems.push('the start date cannot be in the future');
  if (e.endDate !== null && e.endDate < e.startDate) problems.push('the end date cannot be before the start date');
  return problems;
}

/** The holder lists a few jobs, most wanted first; the same job twice makes no sense. */
export const MAX_TARGET_JOBS = 5;

export function targetJobsProblems(romeCodes: readonly string[]): string[] {
  const problems: string[] = [];
  if (romeCodes.length > MAX_TARGET_JOBS) problems.push(`aim at ${MAX_TARGET_JOBS} jobs at most`);
  if (new Set(romeCodes).size !== romeCodes.length) problems.push('each job once');
  return problems;
}
