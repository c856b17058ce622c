// What an import did, per source: counts, rejected records and warnings, or the fatal error.
import fs from 'node:fs';
import path from 'node:path';
import type { Issue } from './lheo/formation.ts';

export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export const emptyCounts = (): Counts => ({ added: 0, updated: 0, unchanged: 0, removed: 0 });

export interface SourceReport {
  source: string;
  file: string;
  kind: 'LHEO' | 'FRANCE_COMPETENCES';
  version: string | null;
  status: 'imported' | 'failed';
  error: string | null;
  formations: Counts;
  actions: number;
  sessions: number;
  organismes: number;
  certifications: Counts;
  issues: (Issue & { file: string })[];
  seconds: number;
  /** What the external search engine was sent after the import: its change set, or every session (`full`). */
  searchSync?: { indexed: number; removed: number; full: boolean };
}

export function newReport(source: string, file: string, kind: SourceReport['kind']): SourceReport {
  return {
    source,
    file,
    kind,
    version: null,
    status: 'imported',
    error: null,
    formations: emptyCounts(),
    actions: 0,
    sessions: 0,
    organismes: 0,
    certifications: emptyCounts(),
    issues: [],
    seconds: 0,
  };
}

/**
 * The producers' feedback: one JSON-lines file per source in `dir` (`<source>.jsonl`), one line per
 * rejected or warned record (source, file, line, element, severity, code, numero, reason), or one
 * SOURCE_FAILED line when the whole source failed. Returns the files written.
 */
export function writeReports(dir: string, reports: SourceReport[], importedAt = new Date().toISOString()): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return reports.map((r) => {
    const lines =
      r.status === 'failed'
        ? [{ source: r.source, file: r.file, line: null, element: null, severity: 'fatal', code: 'SOURCE_FAILED', numero: null, reason: r.error, importedAt }]
        : r.issues.map((i) => ({
            source: r.source,
            file: i.file,
            line: i.line,
            element: i.element,
            severity: i.severity,
            code: i.code,
            numero: i.numero,
            reason: i.reason,
            importedAt,
          }));
    const file = path.join(dir, `${r.source}.jsonl`);
    fs.writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    return file;
  });
}

const MAX_LISTED_ISSUES = 50;

export function formatSummary(reports: SourceReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const rejects = r.issues.filter((i) => i.severity === 'reject').length;
    const warnings = r.issues.length - rejects;
    const head = `${r.status === 'imported' ? '✓' : '✗'} ${r.source} (${r.kind}${r.version ? ` ${r.version}` : ''}, ${r.seconds.toFixed(1)} s)`;
    lines.push(head);
    if (r.status === 'failed') {
      lines.push(`  FAILED: ${r.error} — nothing imported from this source, the previous catalogue is unchanged`);
      continue;
    }
    if (r.kind === 'LHEO') {
      const f = r.formations;
      lines.push(`  formations: ${f.added} added, ${f.updated} updated, ${f.unchanged} unchanged, ${f.removed} removed`);
      lines.push(`  in the catalogue: ${r.actions} actions, ${r.sessions} sessions, ${r.organismes} organismes of the formations it lists`);
    } else {
      const c = r.certifications;
      lines.push(`  certifications: ${c.added} added, ${c.updated} updated, ${c.removed} removed`);
    }
    lines.push(`  rejected records: ${rejects}, warnings: ${warnings}`);
    for (const i of r.issues.slice(0, MAX_LISTED_ISSUES)) {
      lines.push(`  ${i.severity === 'reject' ? 'REJECT ' : 'warning'} ${i.file}:${i.line} <${i.element}>${i.numero ? ` ${i.numero}` : ''}: ${i.reason}`);
    }
    if (r.issues.length > MAX_LISTED_ISSUES) lines.push(`  … and ${r.issues.length - MAX_LISTED_ISSUES} more`);
  }
  return lines.join('\n');
}
