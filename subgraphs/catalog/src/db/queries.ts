// Reads of the catalogue, each taking a batch of keys (one SQL query per batch).
import type Database from 'better-sqlite3';
import { ACTION_FIELDS, booleanProperties, FORMATION_FIELDS, type LheoRow, SESSION_FIELDS } from './lheo-fields.ts';
import type { Extra, StaleFlag } from './schema.ts';
import { catalogVersion } from './version.ts';

export interface SessionRow extends LheoRow<typeof SESSION_FIELDS> {
  id: string;
  actionId: string;
  formationId: number;
  debut: string | null;
  fin: string | null;
  etatRecrutement: 'OPEN' | 'CLOSED' | 'SUSPENDED' | null;
  prixCents: number | null;
  modalite: 'PRESENTIEL' | 'DISTANCE' | 'MIXTE' | null;
  departement: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
  extras: Extra[];
  stale: StaleFlag | null;
  /** Shared by the same offer under other numbers (domain/duplicates.ts). */
  duplicateKey: string | null;
}

/**
 * A formation's columns written by hand (not in FORMATION_FIELDS), as the indexer's record
 * (catalog-indexer/src/lheo/formation.ts) carries them and the row gives them back.
 */
export interface FormationColumns {
  modifiedAt: string | null;
  intitule: string;
  objectifText: string | null;
  objectifHtml: string | null;
  resultatsText: string | null;
  resultatsHtml: string | null;
  contenuText: string | null;
  contenuHtml: string | null;
  codeRncp: string | null;
  codeRs: string | null;
  codeCertifinfo: string | null;
  codeCpf: string | null;
  certificationCode: string | null;
}

export interface FormationRow extends LheoRow<typeof FORMATION_FIELDS>, FormationColumns {
  id: number;
  numero: string;
  sourceId: string;
  organismeSiret: string | null;
  extras: Extra[];
  stale: StaleFlag | null;
}

/** A formation as one source last gave it (source_records), its record parsed. */
export interface SourceCopyRow {
  sourceId: string;
  numero: string;
  file: string;
  exportedAt: string;
  importedAt: string;
  record: SourceRecord;
}

/** The part of the indexer's stored record (catalog-indexer/src/lheo/formation.ts) provenance reads. */
export interface SourceRecord {
  extras: Extra[];
  stale?: StaleFlag | null;
  actions: { id: string; informationDates?: string[]; sessions: { id: string; extras: Extra[]; stale?: StaleFlag | null }[] }[];
}

/** Where an action's place of training is (its lieu-de-formation), as the indexer's record carries it and the row gives it back. */
export interface PlaceColumns {
  codePostal: string | null;
  ville: string | null;
  codeInsee: string | null;
  departement: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface ActionRow extends LheoRow<typeof ACTION_FIELDS>, PlaceColumns {
  id: string;
  formationId: number;
  modalite: 'PRESENTIEL' | 'DISTANCE' | 'MIXTE' | null;
  prixCents: number | null;
  codePublicVise: string[];
  financeurs: string[];
  cpfEligible: boolean | null;
  lieuNom: string | null;
  lieuLignes: string[];
  extras: Extra[];
}

export interface CodeRow {
  kind: 'FORMACODE' | 'NSF' | 'ROME';
  code: string;
  principal: boolean;
  libelle: string | null;
}

export interface OrganismeRow {
  siret: string;
  raisonSociale: string | null;
  nom: string | null;
  numeroActivite: string | null;
}

export interface CertificationRow {
  code: string;
  kind: 'RNCP' | 'RS';
  intitule: string;
  abregeLibelle: string | null;
  niveau: number | null;
  actif: boolean;
  dateFinEnregistrement: string | null;
  dateDecision: string | null;
  typeEnregistrement: string | null;
}

const camelNames = new Map<string, string>();
const camel = (name: string) => {
  let camelName = camelNames.get(name);
  if (camelName === undefined) camelNames.set(name, (camelName = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())));
  return camelName;
};
const JSON_COLUMNS = new Set(['extras', 'codePublicVise', 'financeurs', 'lieuLignes', 'stale', 'record']);
const BOOLEAN_COLUMNS = new Set([...[FORMATION_FIELDS, ACTION_FIELDS, SESSION_FIELDS].flatMap(booleanProperties), 'cpfEligible', 'actif', 'principal']);

/** snake_case SQLite row → camelCase object with JSON and boolean columns decoded. */
function decode<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = camel(key);
    if (JSON_COLUMNS.has(name) && typeof value === 'string') out[name] = JSON.parse(value);
    else if (BOOLEAN_COLUMNS.has(name) && value !== null) out[name] = value === 1;
    else out[name] = value;
  }
  return out as T;
}

/**
 * The connection's compiled statement for `sql`: these reads run on every request, and compiling
 * the same SQL again each time costs more than running it. Only ever run with .all() / .get().
 */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function statement(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let compiled = cache.get(sql);
  if (!compiled) cache.set(sql, (compiled = sqlite.prepare(sql)));
  return compiled;
}

/**
 * Decoded rows kept across requests, by statement and key, for one version of the catalogue
 * (catalogVersion: an import, here or by another process, empties it). Every request of the
 * flagship reads the same sessions, trainings and codes again; reading and decoding them was
 * the catalog's largest cost of its own. Each request gets its own copies of the kept rows
 * (their nested JSON values are shared: read them, never change them).
 */
export const MAX_KEPT_ROWS = 20_000;
interface KeptRows {
  version: () => string;
  at: string | undefined;
  size: number;
  byStatement: Map<string, Map<string | number, unknown>>;
}
const keptRows = new WeakMap<Database.Database, KeptRows>();

/**
 * The catalogue's version as a request sees it: read once, at its first batch, rather than by
 * each of its batches (the loaders pass it). Rows kept under a version were all read after it was.
 */
export function catalogVersionOf(sqlite: Database.Database): string {
  let all = keptRows.get(sqlite);
  if (!all) keptRows.set(sqlite, (all = { version: catalogVersion(sqlite), at: undefined, size: 0, byStatement: new Map() }));
  return all.version();
}

/** The rows kept for `sql` on this connection (as of `asOf`, else now), emptied first when the catalogue changed. */
function kept(sqlite: Database.Database, sql: string, asOf?: string): { rows: Map<string | number, unknown>; all: KeptRows } {
  let all = keptRows.get(sqlite);
  if (!all) keptRows.set(sqlite, (all = { version: catalogVersion(sqlite), at: undefined, size: 0, byStatement: new Map() }));
  const version = asOf ?? all.version();
  if (version !== all.at || all.size >= MAX_KEPT_ROWS) {
    all.byStatement.clear();
    all.size = 0;
    all.at = version;
  }
  let rows = all.byStatement.get(sql);
  if (!rows) all.byStatement.set(sql, (rows = new Map()));
  return { rows, all };
}

/** The keys not kept yet, read in one statement and kept; `store` files each row under its key. */
function readMissing<K extends string | number>(
  sqlite: Database.Database,
  sql: string,
  keys: readonly K[],
  cache: { rows: Map<string | number, unknown>; all: KeptRows },
  store: (rows: Record<string, unknown>[], missing: K[]) => void,
): void {
  const missing = [...new Set(keys.filter((k) => !cache.rows.has(k)))];
  if (missing.length === 0) return;
  store(statement(sqlite, sql).all(JSON.stringify(missing)) as Record<string, unknown>[], missing);
  cache.all.size += missing.length;
}

/** Rows for `keys`, in the order of the keys (null when missing): the DataLoader contract. */
function byKeys<K extends string | number, T>(
  sqlite: Database.Database,
  sql: string,
  keys: readonly K[],
  keyOf: (row: T) => K,
  version?: string,
): (T | null)[] {
  const cache = kept(sqlite, sql, version);
  readMissing(sqlite, sql, keys, cache, (rows, missing) => {
    for (const key of missing) cache.rows.set(key, null);
    for (const row of rows) {
      const decoded = decode<T>(row);
      cache.rows.set(keyOf(decoded), decoded);
    }
  });
  return keys.map((k) => {
    const row = cache.rows.get(k) as T | null | undefined;
    return row ? { ...row } : null;
  });
}

/** Rows grouped by owner, in the order of the keys. */
function groupedByKeys<K extends string | number, T>(
  sqlite: Database.Database,
  sql: string,
  keys: readonly K[],
  keyOf: (row: T) => K,
  version?: string,
): T[][] {
  const cache = kept(sqlite, sql, version);
  readMissing(sqlite, sql, keys, cache, (rows, missing) => {
    const groups = new Map<K, T[]>(missing.map((k) => [k, []]));
    for (const row of rows) {
      const decoded = decode<T>(row);
      groups.get(keyOf(decoded))?.push(decoded);
    }
    for (const [key, list] of groups) cache.rows.set(key, list);
  });
  return keys.map((k) => ((cache.rows.get(k) as T[] | undefined) ?? []).map((row) => ({ ...row })));
}

const KEYS = 'SELECT value FROM json_each(?)';

export const sessionsById = (sqlite: Database.Database, ids: readonly string[], version?: string) =>
  byKeys<string, SessionRow>(sqlite, `SELECT * FROM sessions WHERE id IN (${KEYS})`, ids, (r) => r.id, version);

export const formationsById = (sqlite: Database.Database, ids: readonly number[], version?: string) =>
  byKeys<number, FormationRow>(sqlite, `SELECT * FROM formations WHERE id IN (${KEYS})`, ids, (r) => r.id, version);

export const formationsByNumero = (sqlite: Database.Database, numeros: readonly string[], version?: string) =>
  byKeys<string, FormationRow>(sqlite, `SELECT * FROM formations WHERE numero IN (${KEYS})`, numeros, (r) => r.numero, version);

export const actionsById = (sqlite: Database.Database, ids: readonly string[], version?: string) =>
  byKeys<string, ActionRow>(sqlite, `SELECT * FROM actions WHERE id IN (${KEYS})`, ids, (r) => r.id, version);

export const actionsByFormation = (sqlite: Database.Database, formationIds: readonly number[], version?: string) =>
  groupedByKeys<number, ActionRow>(sqlite, `SELECT * FROM actions WHERE formation_id IN (${KEYS}) ORDER BY id`, formationIds, (r) => r.formationId, version);

export const sessionsByAction = (sqlite: Database.Database, actionIds: readonly string[], version?: string) =>
  groupedByKeys<string, SessionRow>(
    sqlite,
    `SELECT * FROM sessions WHERE action_id IN (${KEYS}) ORDER BY debut IS NULL, debut, id`,
    actionIds,
    (r) => r.actionId,
    version,
  );

/** The sessions of each group of duplicates, the one searched first. */
export const sessionsByDuplicateKey = (sqlite: Database.Database, keys: readonly string[], version?: string) =>
  groupedByKeys<string, SessionRow>(
    sqlite,
    `SELECT * FROM sessions WHERE duplicate_key IN (${KEYS}) ORDER BY duplicate_of IS NOT NULL, id`,
    keys,
    (r) => r.duplicateKey!,
    version,
  );

export const sessionsByFormation = (sqlite: Database.Database, formationIds: readonly number[], version?: string) =>
  groupedByKeys<number, SessionRow>(
    sqlite,
    `SELECT * FROM sessions WHERE formation_id IN (${KEYS}) ORDER BY debut IS NULL, debut, id`,
    formationIds,
    (r) => r.formationId,
    version,
  );

export const formationCodes = (sqlite: Database.Database, formationIds: readonly number[], version?: string) =>
  groupedByKeys<number, CodeRow & { ownerId: number }>(
    sqlite,
    `SELECT formation_id AS owner_id, kind, code, principal, NULL AS libelle FROM formation_codes WHERE formation_id IN (${KEYS}) ORDER BY position`,
    formationIds,
    (r) => r.ownerId,
    version,
  );

export const certificationCodes = (sqlite: Database.Database, codes: readonly string[], version?: string) =>
  groupedByKeys<string, CodeRow & { ownerId: string }>(
    sqlite,
    `SELECT certification_code AS owner_id, kind, code, 0 AS principal, libelle FROM certification_codes WHERE certification_code IN (${KEYS}) ORDER BY kind, code`,
    codes,
    (r) => r.ownerId,
    version,
  );

export const sourceCopiesByNumero = (sqlite: Database.Database, numeros: readonly string[], version?: string) =>
  groupedByKeys<string, SourceCopyRow>(
    sqlite,
    `SELECT source_id, numero, file, exported_at, imported_at, record FROM source_records WHERE numero IN (${KEYS}) ORDER BY exported_at DESC, source_id`,
    numeros,
    (r) => r.numero,
    version,
  );

export const organismesBySiret = (sqlite: Database.Database, sirets: readonly string[], version?: string) =>
  byKeys<string, OrganismeRow>(sqlite, `SELECT * FROM organismes WHERE siret IN (${KEYS})`, sirets, (r) => r.siret, version);

export const formationsByOrganisme = (sqlite: Database.Database, sirets: readonly string[], version?: string) =>
  groupedByKeys<string, FormationRow>(
    sqlite,
    `SELECT * FROM formations WHERE organisme_siret IN (${KEYS}) ORDER BY intitule`,
    sirets,
    (r) => r.organismeSiret!,
    version,
  );

export const certificationsByCode = (sqlite: Database.Database, codes: readonly string[], version?: string) =>
  byKeys<string, CertificationRow>(sqlite, `SELECT * FROM certifications WHERE code IN (${KEYS})`, codes, (r) => r.code, version);

export const formationsByCertification = (sqlite: Database.Database, codes: readonly string[], version?: string) =>
  groupedByKeys<string, FormationRow>(
    sqlite,
    `SELECT * FROM formations WHERE certification_code IN (${KEYS}) ORDER BY intitule`,
    codes,
    (r) => r.certificationCode!,
    version,
  );

export const certifiersOf = (sqlite: Database.Database, codes: readonly string[], version?: string) =>
  groupedByKeys<string, { certificationCode: string; siret: string; nom: string }>(
    sqlite,
    `SELECT * FROM certificateurs WHERE certification_code IN (${KEYS}) ORDER BY nom`,
    codes,
    (r) => r.certificationCode,
    version,
  );

export const blocsOf = (sqlite: Database.Database, codes: readonly string[], version?: string) =>
  groupedByKeys<string, { code: string; certificationCode: string; libelle: string }>(
    sqlite,
    `SELECT * FROM blocs_competences WHERE certification_code IN (${KEYS}) ORDER BY code`,
    codes,
    (r) => r.certificationCode,
    version,
  );

export const predecessorsOf = (sqlite: Database.Database, codes: readonly string[], version?: string) =>
  groupedByKeys<string, { nouvelle: string; ancienne: string }>(
    sqlite,
    `SELECT nouvelle, ancienne FROM certification_links WHERE nouvelle IN (${KEYS}) ORDER BY ancienne`,
    codes,
    (r) => r.nouvelle,
    version,
  );

export const successorsOf = (sqlite: Database.Database, codes: readonly string[], version?: string) =>
  groupedByKeys<string, { nouvelle: string; ancienne: string }>(
    sqlite,
    `SELECT ancienne, nouvelle FROM certification_links WHERE ancienne IN (${KEYS}) ORDER BY nouvelle`,
    codes,
    (r) => r.ancienne,
    version,
  );

export interface CatalogueChangeRow {
  seq: number;
  at: string;
  kind: 'ADDED' | 'CHANGED' | 'WITHDRAWN';
  entity: 'TRAINING' | 'SESSION';
  id: string;
  sourceId: string;
}

/** Changes logged by imports after `since` (ISO UTC) and after change `afterSeq`, oldest first. */
export const catalogueChanges = (sqlite: Database.Database, since: string, afterSeq: number, limit: number) =>
  (
    statement(sqlite, 'SELECT * FROM catalogue_changes WHERE at > ? AND seq > ? ORDER BY seq LIMIT ?').all(since, afterSeq, limit) as Record<string, unknown>[]
  ).map((r) => decode<CatalogueChangeRow>(r));

/** What /health reports: row counts and when each source was last imported. */
export function catalogHealth(sqlite: Database.Database): Record<string, unknown> {
  const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    formations: count('formations'),
    actions: count('actions'),
    sessions: count('sessions'),
    organismes: count('organismes'),
    certifications: count('certifications'),
    sources: sqlite.prepare('SELECT id, kind, imported_at AS importedAt FROM sources ORDER BY id').all(),
  };
}
