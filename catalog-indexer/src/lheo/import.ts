// Imports one LHEO file as one source in ONE transaction: readers keep the previous catalogue
// (WAL snapshot) until COMMIT, and a failed or killed import leaves it as it was.
// Incremental: a formation whose subtree hash is unchanged is skipped; formations the
// source no longer lists are removed.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { mapFormation, type FormationRecord } from './formation.ts';
import { streamFormations } from './xml-stream.ts';
import type { SourceReport } from '../report.ts';
import type { Progress } from '../progress.ts';

/** Bump when the mapping changes, so unchanged source records are re-mapped once. */
const MAPPING_VERSION = '1';

function statements(sqlite: Database.Database) {
  return {
    existing: sqlite.prepare<[string], { id: number; content_hash: string; source_id: string }>(
      'SELECT id, content_hash, source_id FROM formations WHERE numero = ?',
    ),
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
         resultats_text, resultats_html, contenu_text, contenu_html, certifiante, code_rncp, code_rs, code_certifinfo,
         code_cpf, certification_code, niveau_entree, niveau_sortie, organisme_siret, url_formation, extras)
       VALUES (@numero, @sourceId, @contentHash, @modifiedAt, @intitule, @objectifText, @objectifHtml, @resultatsText,
         @resultatsHtml, @contenuText, @contenuHtml, @certifiante, @codeRncp, @codeRs, @codeCertifinfo, @codeCpf,
         @certificationCode, @niveauEntree, @niveauSortie, @organismeSiret, @urlFormation, @extras)`,
    ),
    insertCode: sqlite.prepare(
      'INSERT INTO formation_codes (formation_id, kind, code, principal, position) VALUES (?, ?, ?, ?, ?)',
    ),
    insertAction: sqlite.prepare(
      `INSERT INTO actions (id, formation_id, modalite, prix_cents, nombre_heures_centre, nombre_heures_entreprise,
         nombre_heures_total, duree_indicative, rythme, entrees_sorties_permanentes, conditions_specifiques,
         code_public_vise, financeurs, cpf_eligible, lieu_nom, lieu_lignes, code_postal, ville, code_insee, departement,
         region, latitude, longitude, extras)
       VALUES (@id, @formationId, @modalite, @prixCents, @nombreHeuresCentre, @nombreHeuresEntreprise, @nombreHeuresTotal,
         @dureeIndicative, @rythme, @entreesSortiesPermanentes, @conditionsSpecifiques, @codePublicVise, @financeurs,
         @cpfEligible, @lieuNom, @lieuLignes, @codePostal, @ville, @codeInsee, @departement, @region, @latitude,
         @longitude, @extras)`,
    ),
    insertSession: sqlite.prepare(
      `INSERT INTO sessions (id, action_id, formation_id, debut, fin, etat_recrutement, prix_cents, modalite,
         departement, region, latitude, longitude, extras)
       VALUES (@id, @actionId, @formationId, @debut, @fin, @etatRecrutement, @prixCents, @modalite, @departement,
         @region, @latitude, @longitude, @extras)`,
    ),
    ownerOfAction: sqlite.prepare<[string], { numero: string }>(
      'SELECT f.numero FROM actions a JOIN formations f ON f.id = a.formation_id WHERE a.id = ?',
    ),
    ownerOfSession: sqlite.prepare<[string], { numero: string }>(
      'SELECT f.numero FROM sessions s JOIN formations f ON f.id = s.formation_id WHERE s.id = ?',
    ),
    insertFts: sqlite.prepare('INSERT INTO formation_fts (rowid, intitule, texte, lieux) VALUES (?, ?, ?, ?)'),
    unseen: sqlite.prepare<[string], { id: number }>(
      'SELECT id FROM formations WHERE source_id = ? AND numero NOT IN (SELECT numero FROM temp.import_seen)',
    ),
    orphanOrganismes: sqlite.prepare('DELETE FROM organismes WHERE siret NOT IN (SELECT organisme_siret FROM formations WHERE organisme_siret IS NOT NULL)'),
    upsertSource: sqlite.prepare(
      `INSERT INTO sources (id, kind, lheo_version, imported_at, content_hash) VALUES (?, 'LHEO', ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET lheo_version = excluded.lheo_version, imported_at = excluded.imported_at,
         content_hash = excluded.content_hash`,
    ),
  };
}

const bool = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

/** The tokenizer removes accents but keeps ligatures: "Œnologie" must be found by "oenologie". */
const unligature = (text: string) => text.replace(/œ/g, 'oe').replace(/Œ/g, 'Oe').replace(/æ/g, 'ae').replace(/Æ/g, 'Ae');

function searchText(f: FormationRecord): [string, string, string] {
  const texte = [f.objectifText, f.resultatsText, f.contenuText, f.organisme?.raisonSociale, f.organisme?.nom]
    .filter(Boolean)
    .join(' ');
  const lieux = [...new Set(f.actions.flatMap((a) => [a.lieu.ville, a.lieu.codePostal].filter((v): v is string => !!v)))].join(' ');
  return [unligature(f.intitule), unligature(texte), lieux];
}

export async function importLheoFile(sqlite: Database.Database, file: string, report: SourceReport, progress: Progress): Promise<void> {
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS import_seen (numero TEXT PRIMARY KEY, line INTEGER NOT NULL)');
  sqlite.exec('DELETE FROM temp.import_seen');
  const sql = statements(sqlite);
  const issue = (i: Omit<SourceReport['issues'][number], 'file'>) => report.issues.push({ ...i, file: report.file });
  let records = 0;
  const sourceHash = createHash('sha256');
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const writeFormation = (f: FormationRecord, contentHash: string) => {
      if (f.organisme) sql.upsertOrganisme.run(f.organisme);
      const { lastInsertRowid } = sql.insertFormation.run({
        ...f,
        sourceId: report.source,
        contentHash,
        certifiante: bool(f.certifiante),
        organismeSiret: f.organisme?.siret ?? null,
        extras: JSON.stringify(f.extras),
      });
      const formationId = Number(lastInsertRowid);
      f.codes.forEach((c, position) => sql.insertCode.run(formationId, c.kind, c.code, c.principal ? 1 : 0, position));
      for (const a of f.actions) {
        const owner = sql.ownerOfAction.get(a.id);
        if (owner) {
          issue({ severity: 'reject', line: a.line, element: 'action', numero: a.id, reason: `action numero already used by formation ${owner.numero}` });
          continue;
        }
        sql.insertAction.run({
          ...a,
          formationId,
          entreesSortiesPermanentes: bool(a.entreesSortiesPermanentes),
          cpfEligible: bool(a.cpfEligible),
          codePublicVise: JSON.stringify(a.codePublicVise),
          financeurs: JSON.stringify(a.financeurs),
          lieuNom: a.lieu.nom,
          lieuLignes: JSON.stringify(a.lieu.lignes),
          ...a.lieu,
          extras: JSON.stringify(a.extras),
        });
        report.actions += 1;
        for (const s of a.sessions) {
          const sessionOwner = sql.ownerOfSession.get(s.id);
          if (sessionOwner) {
            issue({ severity: 'reject', line: s.line, element: 'session', numero: s.id, reason: `session numero already used by formation ${sessionOwner.numero}` });
            continue;
          }
          sql.insertSession.run({
            ...s,
            actionId: a.id,
            formationId,
            prixCents: a.prixCents,
            modalite: a.modalite,
            departement: a.lieu.departement,
            region: a.lieu.region,
            latitude: a.lieu.latitude,
            longitude: a.lieu.longitude,
            extras: JSON.stringify(s.extras),
          });
          report.sessions += 1;
        }
      }
      sql.insertFts.run(formationId, ...searchText(f));
    };

    report.version = await streamFormations(file, {
      onFormation: (node, subtreeHash) => {
        records += 1;
        progress.tick(records);
        const { formation, issues } = mapFormation(node);
        for (const i of issues) issue(i);
        if (!formation) return;
        const earlier = sql.seenLine.get(formation.numero);
        if (earlier) {
          issue({ severity: 'reject', line: formation.line, element: 'formation', numero: formation.numero, reason: `duplicated numero: already read at line ${earlier.line}` });
          return;
        }
        sql.markSeen.run(formation.numero, formation.line);
        const contentHash = `${MAPPING_VERSION}:${subtreeHash}`;
        sourceHash.update(contentHash);
        const existing = sql.existing.get(formation.numero);
        if (existing && existing.source_id !== report.source) {
          issue({ severity: 'reject', line: formation.line, element: 'formation', numero: formation.numero, reason: `numero already imported from source ${existing.source_id}` });
          return;
        }
        if (existing?.content_hash === contentHash) {
          report.formations.unchanged += 1;
          return;
        }
        if (existing) {
          sql.deleteFts.run(existing.id);
          sql.deleteFormation.run(existing.id);
          report.formations.updated += 1;
        } else {
          report.formations.added += 1;
        }
        writeFormation(formation, contentHash);
      },
    });
    for (const { id } of sql.unseen.all(report.source)) {
      sql.deleteFts.run(id);
      sql.deleteFormation.run(id);
      report.formations.removed += 1;
    }
    sql.orphanOrganismes.run();
    report.organismes = (sqlite.prepare('SELECT count(DISTINCT organisme_siret) AS n FROM formations WHERE source_id = ?').get(report.source) as { n: number }).n;
    sql.upsertSource.run(report.source, report.version, new Date().toISOString(), sourceHash.digest('hex'));
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    progress.done();
  }
}
