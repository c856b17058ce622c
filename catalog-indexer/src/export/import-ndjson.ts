// Imports an NDJSON export (npm run export) as one source: each line is a formation as the
// exporting catalogue served it, already mapped from LHEO, so it is taken as this source's copy
// as it is (no second mapping) and merged with what other sources say by the same rules. Its
// export date is the most recent of the sources it lists. A line that is not such a record is
// rejected with its line number; the others are imported.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import type Database from 'better-sqlite3';
import { ACTION_FIELDS, FORMATION_FIELDS, jsonKindOf, type LheoField, propertyOf, SESSION_FIELDS } from '@formations/catalog/indexing';
import type { FormationRecord } from '../lheo/formation.ts';
import { importSource } from '../lheo/import.ts';
import type { Progress } from '../progress.ts';
import type { SourceReport } from '../report.ts';
import type { ExportedFormation } from './records.ts';

export const isExportFile = (name: string) => /\.ndjson(\.gz)?$/i.test(name);

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';
/** The JSON types of a table's fields (db/lheo-fields.ts). */
const kindsOf = (fields: readonly LheoField[]): Record<string, Kind> => Object.fromEntries(fields.map((f) => [propertyOf(f.column), jsonKindOf(f)]));
/** The fields the catalogue stores, with their JSON type (null allowed for all but arrays and objects). */
const FORMATION: Record<string, Kind> = {
  ...kindsOf(FORMATION_FIELDS),
  numero: 'string',
  intitule: 'string',
  modifiedAt: 'string',
  objectifText: 'string',
  objectifHtml: 'string',
  resultatsText: 'string',
  resultatsHtml: 'string',
  contenuText: 'string',
  contenuHtml: 'string',
  codeRncp: 'string',
  codeRs: 'string',
  codeCertifinfo: 'string',
  codeCpf: 'string',
  certificationCode: 'string',
  organisme: 'object',
  codes: 'array',
  extras: 'array',
  actions: 'array',
};
const ACTION: Record<string, Kind> = {
  ...kindsOf(ACTION_FIELDS),
  id: 'string',
  modalite: 'string',
  prixCents: 'number',
  codePublicVise: 'array',
  financeurs: 'array',
  cpfEligible: 'boolean',
  lieu: 'object',
  informationDates: 'array',
  extras: 'array',
  sessions: 'array',
};
const SESSION: Record<string, Kind> = { ...kindsOf(SESSION_FIELDS), id: 'string', debut: 'string', fin: 'string', etatRecrutement: 'string', extras: 'array' };
const REQUIRED = new Set(['numero', 'intitule', 'id', 'codes', 'extras', 'actions', 'lieu', 'codePublicVise', 'financeurs', 'sessions']);

const kindOf = (v: unknown): Kind | 'null' => (v === null || v === undefined ? 'null' : Array.isArray(v) ? 'array' : (typeof v as Kind));

/** Why `value` is not a record of that shape, or null. */
function wrongField(value: Record<string, unknown>, shape: Record<string, Kind>, where: string): string | null {
  for (const [field, kind] of Object.entries(shape)) {
    const got = kindOf(value[field]);
    if (got === kind || (got === 'null' && !REQUIRED.has(field))) continue;
    return `${where}${field}: expected ${kind}, got ${got}`;
  }
  return null;
}

/** The record as the importer stores it (lines are the NDJSON line), or why it is not one. */
function toRecord(value: unknown, line: number): { record: FormationRecord; exportedAt: string | null } | string {
  if (kindOf(value) !== 'object') return `expected a formation object, got ${kindOf(value)}`;
  const f = value as ExportedFormation & Record<string, unknown>;
  const wrong =
    wrongField(f, FORMATION, '') ??
    f.actions.reduce<string | null>(
      (found, a, i) => found ?? (kindOf(a) === 'object' ? wrongField(a as never, ACTION, `actions[${i}].`) : `actions[${i}] is not an object`),
      null,
    ) ??
    f.actions
      .flatMap((a, i) =>
        a.sessions.map((s, j) =>
          kindOf(s) === 'object' ? wrongField(s as never, SESSION, `actions[${i}].sessions[${j}].`) : `actions[${i}].sessions[${j}] is not an object`,
        ),
      )
      .find((w) => w !== null) ??
    null;
  if (wrong) return wrong;
  if (f.numero.trim() === '' || f.intitule.trim() === '') return f.numero.trim() === '' ? 'numero is blank' : 'intitule is blank';
  const { sources = [], ...formation } = f;
  const exportedAt =
    (Array.isArray(sources) ? sources : [])
      .map((s) => s?.exportedAt)
      .filter((d): d is string => typeof d === 'string')
      .sort()
      .at(-1) ?? null;
  return {
    exportedAt,
    record: {
      ...formation,
      line,
      actions: f.actions.map((a) => ({ ...a, line, sessions: a.sessions.map(({ sources: _sources, ...s }) => ({ ...s, line })) })),
    },
  };
}

export function importExportFile(sqlite: Database.Database, file: string, report: SourceReport, progress: Progress): Promise<void> {
  const fileExportedAt = fs.statSync(file).mtime.toISOString();
  return importSource(sqlite, report, progress, async (take, issue) => {
    const input = fs.createReadStream(file);
    const lines = readline.createInterface({ input: /\.gz$/i.test(file) ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      let parsed: ReturnType<typeof toRecord>;
      try {
        parsed = toRecord(JSON.parse(text), line);
      } catch (error) {
        parsed = `not JSON: ${(error as Error).message}`;
      }
      if (typeof parsed === 'string') {
        issue({ severity: 'reject', code: 'INVALID_RECORD', line, element: 'formation', numero: null, reason: parsed });
        continue;
      }
      const { record, exportedAt } = parsed;
      const contentHash = `ndjson:${createHash('sha1').update(text).digest('hex')}`;
      take(record.numero, line, contentHash, () => ({ sourceId: report.source, exportedAt: exportedAt ?? fileExportedAt, record }));
    }
    return null;
  });
}
