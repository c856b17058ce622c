// The unified catalogue as open data: each served formation as one record (the merge of every
// source's copy, exactly what the catalogue serves), with the sources that list it.
// Read page by page (keyset on the numero): memory is bounded by a page, never by the catalogue.
import type Database from 'better-sqlite3';
import { ACTION_FIELDS, FORMATION_FIELDS, type LheoField, propertyOf, SESSION_FIELDS, type StaleFlag } from '@formations/catalog/indexing';
import type { ActionRecord, FormationRecord, SessionRecord } from '../lheo/formation.ts';
import { mergeCopies, type SourceCopy } from '../lheo/merge.ts';

/** One source listing a record, as of its last import. */
export interface ExportedSource {
  source: string;
  file: string;
  /** When the source exported the version held, ISO UTC. */
  exportedAt: string;
  importedAt: string;
  /** Set when this source's newer version was rejected and its last good version is kept. */
  stale: StaleFlag | null;
}

export type ExportedSession = Omit<SessionRecord, 'line'> & {
  /** The sources listing this session (names), most recent export first. */
  sources: string[];
};
export type ExportedAction = Omit<ActionRecord, 'line' | 'sessions'> & { sessions: ExportedSession[] };
/** One line of the NDJSON export: a formation, its actions and sessions, and its sources. */
export type ExportedFormation = Omit<FormationRecord, 'line' | 'actions'> & { actions: ExportedAction[]; sources: ExportedSource[] };

interface CopyRow {
  source_id: string;
  numero: string;
  file: string;
  exported_at: string;
  imported_at: string;
  record: string;
}

/** Every field of the table, null when the copy was stored before it was declared (db/lheo-fields.ts). */
const allFields = (fields: readonly LheoField[], record: object) =>
  Object.fromEntries(fields.map((f) => [propertyOf(f.column), (record as Record<string, unknown>)[propertyOf(f.column)] ?? null]));

const withoutLine = <T extends { line: number }>({ line: _line, ...rest }: T): Omit<T, 'line'> => rest;

export interface ExportCounts {
  formations: number;
  sessions: number;
  /** Formations served without per-source copies (imported before migration 0002): not exported. */
  skipped: string[];
}

/**
 * Every served formation, in numero order, as served: the merge of its sources' copies (merge.ts),
 * keeping only the actions and sessions the catalogue serves (one refused for a numero of another
 * formation is not served). `counts` is updated as records are yielded.
 */
export function* exportedFormations(sqlite: Database.Database, counts: ExportCounts, pageSize = 200): Generator<ExportedFormation> {
  const page = sqlite.prepare<[string, number], { id: number; numero: string }>('SELECT id, numero FROM formations WHERE numero > ? ORDER BY numero LIMIT ?');
  const copies = sqlite.prepare<[string], CopyRow>(
    'SELECT source_id, numero, file, exported_at, imported_at, record FROM source_records WHERE numero IN (SELECT value FROM json_each(?)) ORDER BY exported_at DESC, source_id',
  );
  const served = sqlite.prepare<[string], { id: string; action_id: string }>(
    'SELECT id, action_id FROM sessions WHERE formation_id IN (SELECT value FROM json_each(?))',
  );
  const servedActions = sqlite.prepare<[string], { id: string }>('SELECT id FROM actions WHERE formation_id IN (SELECT value FROM json_each(?))');
  let after = '';
  for (;;) {
    const formations = page.all(after, pageSize);
    if (formations.length === 0) return;
    after = formations.at(-1)!.numero;
    const ids = JSON.stringify(formations.map((f) => f.id));
    const byNumero = new Map<string, CopyRow[]>();
    for (const c of copies.all(JSON.stringify(formations.map((f) => f.numero)))) byNumero.set(c.numero, [...(byNumero.get(c.numero) ?? []), c]);
    const sessions = new Map(served.all(ids).map((s) => [s.id, s.action_id]));
    const actions = new Set(servedActions.all(ids).map((a) => a.id));
    for (const { numero } of formations) {
      const rows = byNumero.get(numero) ?? [];
      if (rows.length === 0) {
        counts.skipped.push(numero);
        continue;
      }
      const sourceCopies: SourceCopy[] = rows.map((r) => ({
        sourceId: r.source_id,
        exportedAt: r.exported_at,
        record: JSON.parse(r.record) as FormationRecord,
      }));
      const merged = mergeCopies(sourceCopies);
      const listing = (sessionId: string) =>
        sourceCopies.filter((c) => c.record.actions.some((a) => a.sessions.some((s) => s.id === sessionId))).map((c) => c.sourceId);
      const { actions: mergedActions, line: _line, ...formation } = merged;
      const record: ExportedFormation = {
        ...formation,
        ...allFields(FORMATION_FIELDS, formation),
        stale: merged.stale ?? null,
        actions: mergedActions
          .filter((a) => actions.has(a.id))
          .map(({ sessions: all, line: _l, ...action }) => ({
            ...action,
            ...allFields(ACTION_FIELDS, action),
            sessions: all
              .filter((s) => sessions.get(s.id) === action.id)
              .map((s) => ({ ...withoutLine(s), ...allFields(SESSION_FIELDS, s), stale: s.stale ?? null, sources: listing(s.id) })),
          })),
        sources: sourceCopies.map((c, i) => ({
          source: c.sourceId,
          file: rows[i]!.file,
          exportedAt: c.exportedAt,
          importedAt: rows[i]!.imported_at,
          stale: c.record.stale ?? null,
        })),
      };
      counts.formations += 1;
      counts.sessions += record.actions.reduce((n, a) => n + a.sessions.length, 0);
      yield record;
    }
  }
}
