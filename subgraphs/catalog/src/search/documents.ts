// Search documents (one per session) read from the catalogue, for external engines.
import type Database from 'better-sqlite3';
import { searchedSql } from '../domain/duplicates.ts';
import { levelSql } from '../domain/levels.ts';
import { isFunderCode } from '../domain/funders.ts';
import type { GeoPoint, SearchDocument } from './port.ts';

/** A SearchDocument as SQLite gives it: texts may be null, lists are JSON text, flags 0 or 1. */
type Row = Omit<
  SearchDocument,
  'title' | 'description' | 'places' | 'formacodes' | 'romeCodes' | 'cpfEligible' | 'disabledAccess' | 'permanentEntry' | 'funders'
> & {
  title: string | null;
  description: string | null;
  places: string | null;
  formacodes: string;
  romeCodes: string;
  cpfEligible: number | null;
  disabledAccess: number;
  permanentEntry: number | null;
  funders: string;
};

const SELECT = `
  SELECT s.id AS sessionId, s.action_id AS actionId, f.numero AS formationNumero, f.source_id AS sourceId,
    fts.intitule AS title, fts.texte AS description, fts.lieux AS places, f.certification_code AS certificationCode,
    (SELECT json_group_array(code) FROM (SELECT code FROM formation_codes WHERE formation_id = f.id AND kind = 'FORMACODE' ORDER BY principal DESC, position)) AS formacodes,
    (SELECT json_group_array(code) FROM (
       SELECT code FROM formation_codes WHERE formation_id = f.id AND kind = 'ROME'
       UNION SELECT code FROM certification_codes WHERE certification_code = f.certification_code AND kind = 'ROME')) AS romeCodes,
    s.region, s.departement, a.code_insee AS communeInsee, s.latitude, s.longitude, s.prix_cents AS priceCents,
    s.debut AS startDate, s.fin AS endDate, ${levelSql('f.niveau_sortie')} AS exitLevel, s.modalite AS modality,
    a.cpf_eligible AS cpfEligible, s.etat_recrutement AS recruitment,
    a.acces_handicapes IS NOT NULL AS disabledAccess, a.entrees_sorties_permanentes AS permanentEntry, a.financeurs AS funders
  FROM sessions s JOIN formations f ON f.id = s.formation_id JOIN actions a ON a.id = s.action_id
  LEFT JOIN formation_fts fts ON fts.rowid = f.id`;

const toDocument = (r: Row): SearchDocument => ({
  ...r,
  title: r.title ?? '',
  description: r.description ?? '',
  places: r.places ?? '',
  formacodes: JSON.parse(r.formacodes) as string[],
  romeCodes: JSON.parse(r.romeCodes) as string[],
  cpfEligible: r.cpfEligible === null ? null : r.cpfEligible === 1,
  disabledAccess: r.disabledAccess === 1,
  permanentEntry: r.permanentEntry === null ? null : r.permanentEntry === 1,
  funders: [...new Set(JSON.parse(r.funders) as string[])].filter(isFunderCode),
});

/** The formations one source lists (each may be listed by others too). */
const LISTED_BY = 'f.numero IN (SELECT numero FROM source_records WHERE source_id = @sourceId)';

/**
 * Every session of the catalogue (or of the formations one source lists, or with the given ids) as
 * a search document, read in pages of `pageSize` (keyset on the session id: the connection stays
 * free between pages).
 */
export function* sessionDocuments(
  sqlite: Database.Database,
  options: { sourceId?: string; ids?: string[]; pageSize?: number } = {},
): Generator<SearchDocument> {
  const pageSize = options.pageSize ?? 1000;
  const scope = `${options.sourceId ? `AND ${LISTED_BY}` : ''} ${options.ids ? 'AND s.id IN (SELECT value FROM json_each(@ids))' : ''}`;
  // One document per group of duplicates: the others are found through it.
  const statement = sqlite.prepare(`${SELECT} WHERE s.id > @after AND ${searchedSql('s')} ${scope} ORDER BY s.id LIMIT @pageSize`);
  let after = '';
  for (;;) {
    const rows = statement.all({
      after,
      pageSize,
      ...(options.sourceId ? { sourceId: options.sourceId } : {}),
      ...(options.ids ? { ids: JSON.stringify(options.ids) } : {}),
    }) as Row[];
    for (const row of rows) yield toDocument(row);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.sessionId;
  }
}

/**
 * Where a commune is, from the catalogue's own places of training (their mean position);
 * null when no geolocated place of training lies in that commune.
 */
export function communePoint(sqlite: Database.Database, inseeCode: string): (GeoPoint & { name: string | null }) | null {
  const row = sqlite
    .prepare(
      'SELECT avg(latitude) AS latitude, avg(longitude) AS longitude, max(ville) AS name, count(*) AS n FROM actions WHERE code_insee = ? AND latitude IS NOT NULL AND longitude IS NOT NULL',
    )
    .get(inseeCode) as { latitude: number | null; longitude: number | null; name: string | null; n: number };
  return row.n > 0 && row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude, name: row.name } : null;
}
