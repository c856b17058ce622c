// Imports one LHEO file as one source in ONE transaction: readers keep the previous catalogue
// (WAL snapshot) until COMMIT, and a failed or killed import leaves it as it was.
// Each formation is kept as this source gave it (source_records); the catalogue serves the merge
// of every source's copy (merge.ts), rewritten only when that merge changes, with the change logged.
// Incremental: a formation whose subtree hash is unchanged is skipped. A rejected record keeps
// this source's last good version, flagged stale with the reason, until the source fixes it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import {
  ACTION_FIELDS,
  duplicateKey,
  FORMATION_FIELDS,
  LHEO_FIELDS,
  type LheoField,
  propertyOf,
  rankedKeys,
  REGROUP_SQL,
  SESSION_FIELDS,
  type StaleFlag,
} from '@formations/catalog/indexing';
import { blankToNull } from './values.ts';
import { mapFormation, type FormationRecord } from './formation.ts';
import { leadingCopy, mergeCopies, type SourceCopy } from './merge.ts';
import { FatalSourceError, streamFormations } from './xml-stream.ts';
import type { SourceReport } from '../report.ts';
import type { Progress } from '../progress.ts';

/**
 * Part of each record's content hash, so that unchanged source records are re-mapped once when the
 * mapping changes: bump the number when the hand-written mapping (formation.ts) changes (3:
 * modalites-enseignement by its dictionary, acces-handicapes, nb-places; 5: the field tables); a
 * field added to or changed in the tables of db/lheo-fields.ts changes it by itself.
 */
const MAPPING_VERSION = `5.${createHash('sha1')
  .update(JSON.stringify(Object.values(LHEO_FIELDS).map((fields) => fields.map((f: LheoField) => [f.column, f.lheo, f.read]))))
  .digest('hex')
  .slice(0, 8)}`;

/** A table's columns (db/lheo-fields.ts), for an INSERT's column list, and their named parameters. */
const columnsOf = (fields: readonly LheoField[]) => fields.map((f) => f.column).join(', ');
const parametersOf = (fields: readonly LheoField[]) => fields.map((f) => `@${propertyOf(f.column)}`).join(', ');

/** A record's values of a table's fields as SQLite takes them: booleans as 0 / 1, absent (a copy stored before the field) as null. */
function valuesOf(fields: readonly LheoField[], record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const key = propertyOf(f.column);
    const value = (record as Record<string, unknown>)[key] ?? null;
    out[key] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  return out;
}

function statements(sqlite: Database.Database) {
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS import_seen (numero TEXT PRIMARY KEY, line INTEGER NOT NULL)');
  return {
    served: sqlite.prepare<[string], { id: number; content_hash: string }>('SELECT id, content_hash FROM formations WHERE numero = ?'),
    servedSessions: sqlite.prepare<[number], { id: string; content_hash: string | null; duplicate_key: string | null; duplicate_of: string | null }>(
      'SELECT id, content_hash, duplicate_key, duplicate_of FROM sessions WHERE formation_id = ?',
    ),
    copy: sqlite.prepare<[string, string], { content_hash: string; exported_at: string; record: string }>(
      'SELECT content_hash, exported_at, record FROM source_records WHERE source_id = ? AND numero = ?',
    ),
    copies: sqlite.prepare<[string], { source_id: string; exported_at: string; record: string }>(
      'SELECT source_id, exported_at, record FROM source_records WHERE numero = ?',
    ),
    saveCopy: sqlite.prepare(
      `INSERT INTO source_records (source_id, numero, file, exported_at, imported_at, content_hash, record)
       VALUES (@sourceId, @numero, @file, @exportedAt, @importedAt, @contentHash, @record)
       ON CONFLICT (source_id, numero) DO UPDATE SET file = excluded.file, exported_at = excluded.exported_at,
         imported_at = excluded.imported_at, content_hash = excluded.content_hash, record = excluded.record`,
    ),
    deleteCopy: sqlite.prepare('DELETE FROM source_records WHERE source_id = ? AND numero = ?'),
    seenLine: sqlite.prepare<[string], { line: number }>('SELECT line FROM temp.import_seen WHERE numero = ?'),
    markSeen: sqlite.prepare('INSERT INTO temp.import_seen (numero, line) VALUES (?, ?)'),
    deleteFormation: sqlite.prepare('DELETE FROM formations WHERE id = ?'),
    deleteFts: sqlite.prepare('DELETE FROM formation_fts WHERE rowid = ?'),
    upsertOrganisme: sqlite.prepare(
      `INSERT INTO organismes (siret, raison_sociale, nom, numero_activite) VALUES (@siret, @raisonSociale, @nom, @numeroActivite)
       ON CONFLICT (siret) DO UPDATE SET raison_sociale = coalesce(excluded.raison_sociale, raison_sociale),
         nom = coalesce(excluded.nom, nom), numero_activite = coalesce(excluded.numero_activite, numero_activite)`,
    ),
    insertFormation: sqlite.prepare(
      `INSERT INTO formations (numero, source_id, content_hash, modified_at, intitule, objectif_text, objectif_html,
         resultats_text, resultats_html, contenu_text, contenu_html, code_rncp, code_rs, code_certifinfo,
         code_cpf, certification_code, organisme_siret, extras, stale, ${columnsOf(FORMATION_FIELDS)})
       VALUES (@numero, @sourceId, @contentHash, @modifiedAt, @intitule, @objectifText, @objectifHtml, @resultatsText,
         @resultatsHtml, @contenuText, @contenuHtml, @codeRncp, @codeRs, @codeCertifinfo, @codeCpf,
         @certificationCode, @organismeSiret, @extras, @stale, ${parametersOf(FORMATION_FIELDS)})`,
    ),
    insertCode: sqlite.prepare('INSERT INTO formation_codes (formation_id, kind, code, principal, position) VALUES (?, ?, ?, ?, ?)'),
    insertAction: sqlite.prepare(
      `INSERT INTO actions (id, formation_id, modalite, prix_cents, code_public_vise, financeurs, cpf_eligible, lieu_nom,
         lieu_lignes, code_postal, ville, code_insee, departement, region, latitude, longitude, extras, ${columnsOf(ACTION_FIELDS)})
       VALUES (@id, @formationId, @modalite, @prixCents, @codePublicVise, @financeurs, @cpfEligible, @lieuNom, @lieuLignes,
         @codePostal, @ville, @codeInsee, @departement, @region, @latitude, @longitude, @extras, ${parametersOf(ACTION_FIELDS)})`,
    ),
    insertSession: sqlite.prepare(
      `INSERT INTO sessions (id, action_id, formation_id, debut, fin, etat_recrutement, prix_cents, modalite, departement,
         region, latitude, longitude, extras, stale, content_hash, duplicate_key, duplicate_of, ${columnsOf(SESSION_FIELDS)})
       VALUES (@id, @actionId, @formationId, @debut, @fin, @etatRecrutement, @prixCents, @modalite, @departement,
         @region, @latitude, @longitude, @extras, @stale, @contentHash, @duplicateKey, @duplicateOf, ${parametersOf(SESSION_FIELDS)})`,
    ),
    groupOf: sqlite.prepare<[string], { id: string; duplicate_of: string | null }>('SELECT id, duplicate_of FROM sessions WHERE duplicate_key = ?'),
    regroup: sqlite.prepare(REGROUP_SQL),
    /** Group keys whose members this import added, changed or withdrew: their representative is chosen again. */
    touchedKeys: new Set<string>(),
    /** Sessions this import already logged. */
    logged: new Set<string>(),
    ownerOfAction: sqlite.prepare<[string], { numero: string }>('SELECT f.numero FROM actions a JOIN formations f ON f.id = a.formation_id WHERE a.id = ?'),
    ownerOfSession: sqlite.prepare<[string], { numero: string }>('SELECT f.numero FROM sessions s JOIN formations f ON f.id = s.formation_id WHERE s.id = ?'),
    insertFts: sqlite.prepare('INSERT INTO formation_fts (rowid, intitule, texte, lieux) VALUES (?, ?, ?, ?)'),
    unseen: sqlite.prepare<[string], { numero: string }>(
      'SELECT numero FROM source_records WHERE source_id = ? AND numero NOT IN (SELECT numero FROM temp.import_seen)',
    ),
    // Formations imported before sources were kept per record (migration 0002) have no copy.
    legacy: sqlite.prepare<[string], { numero: string }>(
      'SELECT numero FROM formations WHERE source_id = ? AND numero NOT IN (SELECT numero FROM source_records)',
    ),
    logChange: sqlite.prepare('INSERT INTO catalogue_changes (at, kind, entity, id, source_id) VALUES (?, ?, ?, ?, ?)'),
    orphanOrganismes: sqlite.prepare('DELETE FROM organismes WHERE siret NOT IN (SELECT organisme_siret FROM formations WHERE organisme_siret IS NOT NULL)'),
    organismesOf: sqlite.prepare<[string], { n: number }>(
      'SELECT count(DISTINCT organisme_siret) AS n FROM formations WHERE numero IN (SELECT numero FROM source_records WHERE source_id = ?)',
    ),
    upsertSource: sqlite.prepare(
      `INSERT INTO sources (id, kind, lheo_version, imported_at, content_hash) VALUES (?, 'LHEO', ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET lheo_version = excluded.lheo_version, imported_at = excluded.imported_at,
         content_hash = excluded.content_hash`,
    ),
  };
}

const bool = (value: boolean | null) => (value === null ? null : value ? 1 : 0);
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
/** A record's content for change detection: source lines are not content. */
const contentOf = (value: unknown) => JSON.stringify(value, (key, v: unknown) => (key === 'line' ? undefined : v));

/** An xs:dateTime attribute as an ISO UTC instant; null when absent or unreadable. */
function instant(raw: string | undefined): string | null {
  if (!raw) return null;
  const time = Date.parse(raw);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The tokenizer removes accents but keeps ligatures: "Œnologie" must be found by "oenologie". */
const unligature = (text: string) => text.replace(/œ/g, 'oe').replace(/Œ/g, 'Oe').replace(/æ/g, 'ae').replace(/Æ/g, 'Ae');

function searchText(f: FormationRecord): [string, string, string] {
  const texte = [f.objectifText, f.resultatsText, f.contenuText, f.organisme?.raisonSociale, f.organisme?.nom].filter(Boolean).join(' ');
  const lieux = [...new Set(f.actions.flatMap((a) => [a.lieu.ville, a.lieu.codePostal].filter((v): v is string => !!v)))].join(' ');
  return [unligature(f.intitule), unligature(texte), lieux];
}

type Issue = Omit<SourceReport['issues'][number], 'file'>;

function logSession(sql: ReturnType<typeof statements>, now: string, kind: 'ADDED' | 'CHANGED' | 'WITHDRAWN', id: string, sourceId: string) {
  sql.logChange.run(now, kind, 'SESSION', id, sourceId);
  sql.logged.add(id);
}

/**
 * Chooses again the representative of each group this import touched (domain/duplicates.ts). A
 * session whose representative changed is logged CHANGED (its duplicates did), so replicas and the
 * search index follow.
 */
function regroup(sql: ReturnType<typeof statements>, now: string, sourceId: string) {
  for (const key of sql.touchedKeys) {
    const before = new Map(sql.groupOf.all(key).map((s) => [s.id, s.duplicate_of]));
    sql.regroup.run(key);
    for (const s of sql.groupOf.all(key)) if (before.get(s.id) !== s.duplicate_of && !sql.logged.has(s.id)) logSession(sql, now, 'CHANGED', s.id, sourceId);
  }
  sql.touchedKeys.clear();
}

/**
 * Rewrites what the catalogue serves for `numero` from every source's copy: removed when no source
 * lists it any more, untouched when the merge did not change. Logs added, changed and withdrawn
 * trainings and sessions.
 */
function serveMerged(sql: ReturnType<typeof statements>, numero: string, sourceId: string, now: string, issue: (i: Issue) => void, fresh?: SourceCopy) {
  const rows = sql.copies.all(numero);
  const copies: SourceCopy[] =
    rows.length === 1 && fresh
      ? [fresh]
      : rows.map((r) => ({ sourceId: r.source_id, exportedAt: r.exported_at, record: JSON.parse(r.record) as FormationRecord }));
  const served = sql.served.get(numero);
  const merged = copies.length > 0 ? mergeCopies(copies) : null;
  const { actions, ...rest } = merged ?? { actions: [] };
  const formationPart = contentOf(rest);
  const mergedHash = merged ? sha1(contentOf(merged)) : '';
  if ((!merged && !served) || served?.content_hash === mergedHash) return;
  const servedBefore = served ? sql.servedSessions.all(served.id) : [];
  for (const s of servedBefore) if (s.duplicate_key) sql.touchedKeys.add(s.duplicate_key);
  const before = new Map(servedBefore.map((s) => [s.id, s.content_hash]));
  const duplicateOfBefore = new Map(servedBefore.map((s) => [s.id, s.duplicate_of]));
  if (served) {
    sql.deleteFts.run(served.id);
    sql.deleteFormation.run(served.id);
  }
  const after = new Set<string>();
  if (merged) {
    if (merged.organisme) sql.upsertOrganisme.run(merged.organisme);
    const { lastInsertRowid } = sql.insertFormation.run({
      ...merged,
      sourceId: leadingCopy(copies).sourceId,
      contentHash: mergedHash,
      ...valuesOf(FORMATION_FIELDS, merged),
      organismeSiret: merged.organisme?.siret ?? null,
      extras: JSON.stringify(merged.extras),
      stale: json(merged.stale),
    });
    const formationId = Number(lastInsertRowid);
    merged.codes.forEach((c, position) => sql.insertCode.run(formationId, c.kind, c.code, c.principal ? 1 : 0, position));
    const keys = rankedKeys(
      actions.flatMap((a) =>
        a.sessions.map((s) => ({
          id: s.id,
          key: duplicateKey({
            siret: merged.organisme?.siret ?? null,
            certificationCode: merged.certificationCode,
            intitule: merged.intitule,
            debut: s.debut,
            fin: s.fin,
            codeInsee: a.lieu.codeInsee,
            modalite: a.modalite,
          }),
        })),
      ),
    );
    // An action or session numero another formation uses: rejected, its owner named.
    const usedElsewhere = (element: 'action' | 'session', record: { id: string; line: number }, owner: { numero: string } | undefined) => {
      if (owner)
        issue({
          severity: 'reject',
          code: 'NUMERO_OF_ANOTHER_FORMATION',
          line: record.line,
          element,
          numero: record.id,
          reason: `${element} numero already used by formation ${owner.numero}`,
        });
      return owner !== undefined;
    };
    for (const a of actions) {
      if (usedElsewhere('action', a, sql.ownerOfAction.get(a.id))) continue;
      sql.insertAction.run({
        ...a,
        formationId,
        ...valuesOf(ACTION_FIELDS, a),
        cpfEligible: bool(a.cpfEligible),
        codePublicVise: JSON.stringify(a.codePublicVise),
        financeurs: JSON.stringify(a.financeurs),
        lieuNom: a.lieu.nom,
        lieuLignes: JSON.stringify(a.lieu.lignes),
        ...a.lieu,
        extras: JSON.stringify(a.extras),
      });
      const actionPart = contentOf({ ...a, sessions: undefined });
      for (const s of a.sessions) {
        if (usedElsewhere('session', s, sql.ownerOfSession.get(s.id))) continue;
        const contentHash = sha1(formationPart + actionPart + contentOf(s));
        const key = keys.get(s.id) ?? null;
        if (key) sql.touchedKeys.add(key);
        sql.insertSession.run({
          ...s,
          actionId: a.id,
          formationId,
          ...valuesOf(SESSION_FIELDS, s),
          prixCents: a.prixCents,
          modalite: a.modalite,
          departement: a.lieu.departement,
          region: a.lieu.region,
          latitude: a.lieu.latitude,
          longitude: a.lieu.longitude,
          extras: JSON.stringify(s.extras),
          stale: json(s.stale ?? merged.stale),
          contentHash,
          duplicateKey: key,
          // As it was (the formation is rewritten whole): regroup() tells which representatives really change.
          duplicateOf: key ? (duplicateOfBefore.get(s.id) ?? null) : null,
        });
        after.add(s.id);
        if (!before.has(s.id)) logSession(sql, now, 'ADDED', s.id, sourceId);
        else if (before.get(s.id) !== contentHash) logSession(sql, now, 'CHANGED', s.id, sourceId);
      }
    }
    sql.insertFts.run(formationId, ...searchText(merged));
  }
  for (const id of before.keys()) if (!after.has(id)) logSession(sql, now, 'WITHDRAWN', id, sourceId);
  sql.logChange.run(now, !merged ? 'WITHDRAWN' : served ? 'CHANGED' : 'ADDED', 'TRAINING', numero, sourceId);
}

/**
 * Takes a source out of the catalogue in one transaction: what only it listed is withdrawn, what
 * other sources list too is served from their copies.
 */
export function removeLheoSource(sqlite: Database.Database, report: SourceReport): void {
  const sql = statements(sqlite);
  const source = report.source;
  if (!sqlite.prepare("SELECT 1 FROM sources WHERE id = ? AND kind = 'LHEO'").get(source))
    throw new FatalSourceError(`no LHEO source named ${source} in the catalogue`);
  const now = new Date().toISOString();
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const listed = sqlite.prepare<[string], { numero: string }>('SELECT numero FROM source_records WHERE source_id = ?').all(source);
    for (const { numero } of [...listed, ...sql.legacy.all(source)]) {
      sql.deleteCopy.run(source, numero);
      serveMerged(sql, numero, source, now, (i) => report.issues.push({ ...i, file: report.file }));
      report.formations.removed += 1;
    }
    regroup(sql, now, source);
    sql.orphanOrganismes.run();
    sqlite.prepare('DELETE FROM sources WHERE id = ?').run(source);
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

/** This source's copy of a formation as last imported, if any. */
export interface PreviousCopy {
  exportedAt: string;
  record: FormationRecord;
}

/** Hands one formation of the source over: its numero, line, content hash, and how to build this source's copy of it. */
export type TakeFormation = (numero: string, line: number, contentHash: string, build: (previous: PreviousCopy | null) => SourceCopy | null) => void;

/**
 * Imports one source in ONE transaction from a reader that hands its formations over one by one
 * (`read` resolves to the source's format version): unchanged ones (same content hash) are skipped,
 * the others saved as this source's copy and served merged; the formations it no longer lists lose
 * this source's copy.
 */
export async function importSource(
  sqlite: Database.Database,
  report: SourceReport,
  progress: Progress,
  read: (take: TakeFormation, issue: (i: Issue) => void, now: string) => Promise<string | null>,
): Promise<void> {
  const sql = statements(sqlite);
  sqlite.exec('DELETE FROM temp.import_seen');
  const source = report.source;
  const issue = (i: Issue) => report.issues.push({ ...i, file: report.file });
  const now = new Date().toISOString();
  let records = 0;
  const sourceHash = createHash('sha256');
  const take: TakeFormation = (numero, line, contentHash, build) => {
    records += 1;
    progress.tick(records);
    const earlier = sql.seenLine.get(numero);
    if (earlier) {
      issue({
        severity: 'reject',
        code: 'DUPLICATE_NUMERO',
        line,
        element: 'formation',
        numero,
        reason: `duplicated numero: already read at line ${earlier.line}`,
      });
      return;
    }
    sql.markSeen.run(numero, line);
    sourceHash.update(contentHash);
    const previous = sql.copy.get(source, numero);
    if (previous?.content_hash === contentHash) {
      report.formations.unchanged += 1;
      return;
    }
    const copy = build(previous ? { exportedAt: previous.exported_at, record: JSON.parse(previous.record) as FormationRecord } : null);
    if (!copy) return;
    sql.saveCopy.run({
      sourceId: source,
      numero,
      file: report.file,
      exportedAt: copy.exportedAt,
      importedAt: now,
      contentHash,
      record: JSON.stringify(copy.record),
    });
    if (previous) report.formations.updated += 1;
    else report.formations.added += 1;
    serveMerged(sql, numero, source, now, issue, copy);
  };
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    report.version = await read(take, issue, now);
    for (const { numero } of [...sql.unseen.all(source), ...sql.legacy.all(source)]) {
      sql.deleteCopy.run(source, numero);
      serveMerged(sql, numero, source, now, issue);
      report.formations.removed += 1;
    }
    regroup(sql, now, source);
    sql.orphanOrganismes.run();
    const listed = (table: string) =>
      (
        sqlite
          .prepare(
            `SELECT count(*) AS n FROM ${table} WHERE formation_id IN (SELECT f.id FROM formations f JOIN source_records r ON r.numero = f.numero AND r.source_id = ?)`,
          )
          .get(source) as { n: number }
      ).n;
    report.organismes = sql.organismesOf.get(source)!.n;
    report.actions = listed('actions');
    report.sessions = listed('sessions');
    sql.upsertSource.run(source, report.version, now, sourceHash.digest('hex'));
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    progress.done();
  }
}

export function importLheoFile(sqlite: Database.Database, file: string, report: SourceReport, progress: Progress): Promise<void> {
  const source = report.source;
  /** Export date of the file: horodatage-export of <lheo> or <offres>, else the file's modification time. */
  let fileExportedAt = fs.statSync(file).mtime.toISOString();
  return importSource(sqlite, report, progress, (take, issue, now) =>
    streamFormations(file, {
      onHeader: (attrs) => {
        fileExportedAt = instant(attrs['horodatage-export']) ?? fileExportedAt;
      },
      onFormation: (node, subtreeHash) => {
        const { formation, issues, rejectedSessions } = mapFormation(node);
        for (const i of issues) issue(i);
        const numero = formation?.numero ?? blankToNull(node.attrs.numero);
        if (!numero) return;
        take(numero, node.line, `${MAPPING_VERSION}:${subtreeHash}`, (previous) => {
          const last = previous?.record ?? null;
          const stale = (reason: string, was: StaleFlag | null | undefined): StaleFlag => ({ reason, since: was?.since ?? now, source });
          const kept = (line: number, element: string, id: string) =>
            issue({
              severity: 'warning',
              code: 'KEPT_LAST_GOOD_VERSION',
              line,
              element,
              numero: id,
              reason: `the last good version of ${id} (imported ${previous!.exportedAt.slice(0, 10)} or before) stays in the catalogue, flagged stale, until the source fixes it`,
            });
          if (!formation) {
            // Rejected whole: the source's last good version stays, stale.
            if (!last) return null;
            const reason = issues.find((i) => i.severity === 'reject')!.reason;
            kept(node.line, 'formation', numero);
            return { sourceId: source, exportedAt: previous!.exportedAt, record: { ...last, stale: stale(reason, last.stale) } };
          }
          for (const rejected of rejectedSessions) {
            const action = formation.actions.find((a) => a.id === rejected.actionId);
            const good = last?.actions.find((a) => a.id === rejected.actionId)?.sessions.find((s) => s.id === rejected.id);
            if (!action || !good || action.sessions.some((s) => s.id === rejected.id)) continue;
            action.sessions.push({ ...good, stale: stale(rejected.reason, good.stale) });
            kept(rejected.line, 'session', rejected.id);
          }
          return { sourceId: source, exportedAt: instant(node.attrs['horodatage-export']) ?? fileExportedAt, record: formation };
        });
      },
    }),
  );
}
