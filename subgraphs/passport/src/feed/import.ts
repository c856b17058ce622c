// Imports a certifier feed: each well-formed result whose holder matches exactly one person
// becomes a GUARANTEED certification of that person.
//
// Atomicity: per file. The file is streamed and its results checked one by one (a bad or
// unmatched result is reported and skipped, the others go on); then every accepted result is
// written in ONE transaction, held for milliseconds rather than for the whole read, so the
// running passport server is never blocked behind a slow file. A file that is not a complete,
// well-formed feed (truncated transfer, not XML, another schema) imports nothing: what a cut file
// meant is unknown, and the certifier's resend will import everything once.
//
// Idempotency: a result's item id is derived from (person, certification code, obtention date),
// so re-importing a file, or the same result from another file, adds nothing; a corrected result
// (new mention, validity…) updates the item in place.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { PassportStore } from '../db/store.ts';
import { foldForSearch } from '../domain/search-text.ts';
import { readPassage, type FeedIdentity, type FeedIssue, type FeedResult } from './record.ts';
import { FatalFeedError, streamPassages } from './stream.ts';

export interface FeedReport {
  file: string;
  /** <passageCertification> elements read. */
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  /** DECLARED items of the same certification the GUARANTEED one replaced. */
  replacedDeclared: number;
  issues: FeedIssue[];
  /** Set when the whole file was refused: nothing of it was imported. */
  fatal: string | null;
}

interface Candidate {
  id: string;
  givenName: string;
  familyName: string;
}

/** The one person the feed's holder is (family name, a given name, birth date), or why not. */
export function matchHolder(holder: FeedIdentity, sameBirthDate: readonly Candidate[]): { personId: string } | { reason: string } {
  const families = new Set(holder.familyNames.map(foldForSearch));
  const givens = holder.givenNames.map(foldForSearch);
  const givenForms = new Set([givens[0] ?? '', givens.join(' ')]);
  const found = sameBirthDate.filter((p) => families.has(foldForSearch(p.familyName)) && givenForms.has(foldForSearch(p.givenName)));
  if (found.length === 1) return { personId: found[0]!.id };
  if (found.length === 0) return { reason: 'no passport holder with this family name, given name and birth date' };
  return { reason: `${found.length} passport holders share this family name, given name and birth date: not imported rather than guessed` };
}

export const feedItemId = (personId: string, r: Pick<FeedResult, 'code' | 'obtainedOn'>) =>
  `feed-${createHash('sha256').update(`${personId}|${r.code}|${r.obtainedOn}`).digest('hex').slice(0, 24)}`;

export async function importFeed(store: PassportStore, file: string, options: { today: string }): Promise<FeedReport> {
  const name = path.basename(file);
  const report: FeedReport = { file: name, records: 0, added: 0, updated: 0, unchanged: 0, replacedDeclared: 0, issues: [], fatal: null };
  const issue = (severity: FeedIssue['severity'], p: { element: string; line: number; reason: string }) => report.issues.push({ severity, file: name, ...p });
  const accepted: FeedResult[] = [];

  try {
    await streamPassages(file, (found) => {
      report.records += 1;
      const read = readPassage(found, options.today);
      if ('problem' in read) return issue('reject', read.problem);
      for (const w of read.warnings) issue('warning', w);
      accepted.push(read.result);
    });
  } catch (error) {
    if (!(error instanceof FatalFeedError)) throw error;
    report.fatal = error.message;
    issue('reject', { element: 'flux', line: error.line, reason: error.message });
    return report;
  }

  await store.feedTransaction(async (tx) => {
    const byBirthDate = new Map<string, Candidate[]>();
    const candidates = async (birthDate: string) => {
      let list = byBirthDate.get(birthDate);
      if (!list) byBirthDate.set(birthDate, (list = await tx.personsBornOn(birthDate)));
      return list;
    };
    for (const r of accepted) {
      const match = matchHolder(r.holder, await candidates(r.holder.birthDate));
      if ('reason' in match) {
        issue('reject', { element: 'titulaire', line: r.holderLine, reason: match.reason });
        continue;
      }
      const id = feedItemId(match.personId, r);
      const values = {
        code: r.code,
        kind: r.kind,
        title: r.title,
        level: r.level,
        obtainedOn: r.obtainedOn,
        validUntil: r.validUntil,
        mention: r.mention,
        issuerId: r.issuerId,
        issuerName: r.issuerName,
      };
      const existing = await tx.certificationById(id);
      if (!existing) {
        await tx.addGuaranteedCertification(match.personId, id, values);
        report.added += 1;
      } else if ((Object.keys(values) as (keyof typeof values)[]).every((k) => existing[k] === values[k])) {
        report.unchanged += 1;
      } else {
        await tx.correctCertification(id, values);
        report.updated += 1;
      }
      // The certifier now vouches for what the holder had declared: the declared copy goes.
      report.replacedDeclared += await tx.deleteDeclaredCertifications(match.personId, r.code);
    }
  });
  report.issues.sort((a, b) => a.line - b.line);
  return report;
}

/** A human-readable report; names and birth dates never appear in it (only places in the file). */
export function formatFeedReport(r: FeedReport): string {
  const lines = [`${r.file}: ${r.records} results read`];
  if (r.fatal) lines.push(`  FAILED: ${r.fatal} — nothing imported from this file`);
  else lines.push(`  certifications: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged; ${r.replacedDeclared} declared items replaced`);
  const rejects = r.issues.filter((i) => i.severity === 'reject').length;
  lines.push(`  rejected: ${rejects}, warnings: ${r.issues.length - rejects}`);
  for (const i of r.issues) lines.push(`  ${i.severity === 'reject' ? 'REJECT ' : 'warning'} ${i.file}:${i.line} <${i.element}>: ${i.reason}`);
  return lines.join('\n');
}
