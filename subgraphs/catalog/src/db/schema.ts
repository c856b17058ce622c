// The catalogue as imported from LHEO (formation → action → session, organisme, lieu) and
// from France Compétences (certifications). Text ids are the source's `numero`s.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ACTION_FIELDS, FORMATION_FIELDS, lheoColumns, SESSION_FIELDS } from './lheo-fields.ts';

/** One imported file or folder; the unit of atomic and incremental import. */
export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['LHEO', 'FRANCE_COMPETENCES'] }).notNull(),
  lheoVersion: text('lheo_version'),
  importedAt: text('imported_at').notNull(),
  contentHash: text('content_hash').notNull(),
});

/**
 * Each formation as each LHEO source last gave it (its mapped record as JSON, stale parts
 * included): the catalogue's formation is the merge of its rows, most recent export first.
 */
export const sourceRecords = sqliteTable(
  'source_records',
  {
    sourceId: text('source_id').notNull(),
    numero: text('numero').notNull(),
    file: text('file').notNull(),
    /** When the source exported this version (horodatage-export, else the file's modification time), ISO UTC. */
    exportedAt: text('exported_at').notNull(),
    importedAt: text('imported_at').notNull(),
    /** Hash of the source's subtree as last read, to skip unchanged records. */
    contentHash: text('content_hash').notNull(),
    record: text('record').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.numero] }), index('source_records_numero').on(t.numero)],
);

/** Why a record is served from its last good version: the source's newer one was rejected. */
export interface StaleFlag {
  reason: string;
  /** When the source's version was first rejected, ISO UTC. */
  since: string;
  source: string;
}

/** What each import changed in the served catalogue, for consumers that follow it. */
export const catalogueChanges = sqliteTable(
  'catalogue_changes',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    kind: text('kind', { enum: ['ADDED', 'CHANGED', 'WITHDRAWN'] }).notNull(),
    entity: text('entity', { enum: ['TRAINING', 'SESSION'] }).notNull(),
    id: text('id').notNull(),
    sourceId: text('source_id').notNull(),
  },
  (t) => [index('catalogue_changes_at').on(t.at)],
);

export const organismes = sqliteTable('organismes', {
  siret: text('siret').primaryKey(),
  raisonSociale: text('raison_sociale'),
  nom: text('nom'),
  numeroActivite: text('numero_activite'),
});

export const formations = sqliteTable(
  'formations',
  {
    // Integer key so the FTS table can share its rowid.
    id: integer('id').primaryKey({ autoIncrement: true }),
    numero: text('numero').notNull(),
    sourceId: text('source_id').notNull(),
    contentHash: text('content_hash').notNull(),
    modifiedAt: text('modified_at'),
    intitule: text('intitule').notNull(),
    objectifText: text('objectif_text'),
    objectifHtml: text('objectif_html'),
    resultatsText: text('resultats_text'),
    resultatsHtml: text('resultats_html'),
    contenuText: text('contenu_text'),
    contenuHtml: text('contenu_html'),
    codeRncp: text('code_rncp'),
    codeRs: text('code_rs'),
    codeCertifinfo: text('code_certifinfo'),
    codeCpf: text('code_cpf'),
    /** RNCP12345 or RS1234: the key of the certification it prepares. */
    certificationCode: text('certification_code'),
    organismeSiret: text('organisme_siret'),
    extras: text('extras', { mode: 'json' }).$type<Extra[]>().notNull(),
    stale: text('stale', { mode: 'json' }).$type<StaleFlag>(),
    /** The LHEO fields stored as they are: ./lheo-fields.ts. */
    ...lheoColumns(FORMATION_FIELDS),
  },
  (t) => [
    uniqueIndex('formations_numero').on(t.numero),
    index('formations_source').on(t.sourceId),
    index('formations_certification').on(t.certificationCode),
    index('formations_organisme').on(t.organismeSiret),
  ],
);

export interface Extra {
  group: string | null;
  key: string | null;
  value: string;
}

/** Formacode, NSF and ROME codes of a formation (domaine-formation). */
export const formationCodes = sqliteTable(
  'formation_codes',
  {
    formationId: integer('formation_id')
      .notNull()
      .references(() => formations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['FORMACODE', 'NSF', 'ROME'] }).notNull(),
    code: text('code').notNull(),
    principal: integer('principal', { mode: 'boolean' }).notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.formationId, t.kind, t.code] }), index('formation_codes_code').on(t.kind, t.code)],
);

export const actions = sqliteTable(
  'actions',
  {
    id: text('id').primaryKey(),
    formationId: integer('formation_id')
      .notNull()
      .references(() => formations.id, { onDelete: 'cascade' }),
    modalite: text('modalite', { enum: ['PRESENTIEL', 'DISTANCE', 'MIXTE'] }),
    prixCents: integer('prix_cents'),
    codePublicVise: text('code_public_vise', { mode: 'json' }).$type<string[]>().notNull(),
    financeurs: text('financeurs', { mode: 'json' }).$type<string[]>().notNull(),
    cpfEligible: integer('cpf_eligible', { mode: 'boolean' }),
    lieuNom: text('lieu_nom'),
    lieuLignes: text('lieu_lignes', { mode: 'json' }).$type<string[]>().notNull(),
    codePostal: text('code_postal'),
    ville: text('ville'),
    codeInsee: text('code_insee'),
    departement: text('departement'),
    region: text('region'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    extras: text('extras', { mode: 'json' }).$type<Extra[]>().notNull(),
    /** The LHEO fields stored as they are: ./lheo-fields.ts. */
    ...lheoColumns(ACTION_FIELDS),
  },
  (t) => [index('actions_formation').on(t.formationId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    formationId: integer('formation_id')
      .notNull()
      .references(() => formations.id, { onDelete: 'cascade' }),
    debut: text('debut'),
    fin: text('fin'),
    etatRecrutement: text('etat_recrutement', { enum: ['OPEN', 'CLOSED', 'SUSPENDED'] }),
    // Copies of the action's facts, so search filters and sorts read one table.
    prixCents: integer('prix_cents'),
    modalite: text('modalite', { enum: ['PRESENTIEL', 'DISTANCE', 'MIXTE'] }),
    departement: text('departement'),
    region: text('region'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    extras: text('extras', { mode: 'json' }).$type<Extra[]>().notNull(),
    stale: text('stale', { mode: 'json' }).$type<StaleFlag>(),
    /** Hash of what is served of the session (with its action and formation), to tell changed sessions. */
    contentHash: text('content_hash'),
    /** The same offer under other organisations' numbers shares this key (domain/duplicates.ts); null: never grouped. */
    duplicateKey: text('duplicate_key'),
    /** The session its group is searched through (the group's representative); null for that one and for ungrouped sessions. */
    duplicateOf: text('duplicate_of'),
    /** The LHEO fields stored as they are: ./lheo-fields.ts. */
    ...lheoColumns(SESSION_FIELDS),
  },
  (t) => [
    index('sessions_action').on(t.actionId),
    index('sessions_formation').on(t.formationId),
    index('sessions_region').on(t.region),
    index('sessions_departement').on(t.departement),
    index('sessions_debut').on(t.debut),
    index('sessions_prix').on(t.prixCents),
    index('sessions_duplicate_key').on(t.duplicateKey),
  ],
);

export const certifications = sqliteTable('certifications', {
  code: text('code').primaryKey(),
  kind: text('kind', { enum: ['RNCP', 'RS'] }).notNull(),
  intitule: text('intitule').notNull(),
  abregeLibelle: text('abrege_libelle'),
  /** 3…8 from NIV3…NIV8; null for RS and "sans niveau". */
  niveau: integer('niveau'),
  actif: integer('actif', { mode: 'boolean' }).notNull(),
  dateFinEnregistrement: text('date_fin_enregistrement'),
  dateDecision: text('date_decision'),
  typeEnregistrement: text('type_enregistrement'),
  sourceId: text('source_id').notNull(),
});

export const certificationCodes = sqliteTable(
  'certification_codes',
  {
    certificationCode: text('certification_code')
      .notNull()
      .references(() => certifications.code, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['FORMACODE', 'NSF', 'ROME'] }).notNull(),
    code: text('code').notNull(),
    libelle: text('libelle'),
  },
  (t) => [primaryKey({ columns: [t.certificationCode, t.kind, t.code] }), index('certification_codes_code').on(t.kind, t.code)],
);

export const certificateurs = sqliteTable(
  'certificateurs',
  {
    certificationCode: text('certification_code')
      .notNull()
      .references(() => certifications.code, { onDelete: 'cascade' }),
    siret: text('siret').notNull(),
    nom: text('nom').notNull(),
  },
  (t) => [primaryKey({ columns: [t.certificationCode, t.siret] })],
);

export const blocsCompetences = sqliteTable(
  'blocs_competences',
  {
    code: text('code').primaryKey(),
    certificationCode: text('certification_code')
      .notNull()
      .references(() => certifications.code, { onDelete: 'cascade' }),
    libelle: text('libelle').notNull(),
  },
  (t) => [index('blocs_certification').on(t.certificationCode)],
);

/** Predecessor → successor links between certifications (Ancienne_Nouvelle_Certification). */
export const certificationLinks = sqliteTable(
  'certification_links',
  {
    ancienne: text('ancienne').notNull(),
    nouvelle: text('nouvelle').notNull(),
    sourceId: text('source_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ancienne, t.nouvelle] }), index('certification_links_nouvelle').on(t.nouvelle)],
);
