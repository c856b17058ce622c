// The two open-data formats of the export: NDJSON (one formation a line, the whole tree and its
// sources; the indexer imports it back) and CSV (one session a row, flattened, RFC 4180).
import type { ExportedAction, ExportedFormation, ExportedSession } from './records.ts';

export const FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof FORMATS)[number];

type Cell = string | number | boolean | null | undefined;

interface Column {
  name: string;
  description: string;
  value: (f: ExportedFormation, a: ExportedAction, s: ExportedSession) => Cell;
}

const list = (values: readonly string[]) => values.join('|');
const codes = (f: ExportedFormation, kind: 'FORMACODE' | 'NSF' | 'ROME') => list(f.codes.filter((c) => c.kind === kind).map((c) => c.code));

/** The CSV's columns, in order (the README's table lists them; a test checks it does). */
export const CSV_COLUMNS: readonly Column[] = [
  { name: 'session_id', description: 'LHEO numero of the session', value: (_f, _a, s) => s.id },
  { name: 'action_id', description: 'LHEO numero of its action', value: (_f, a) => a.id },
  { name: 'formation_numero', description: 'LHEO numero of its formation', value: (f) => f.numero },
  { name: 'intitule', description: 'title of the formation', value: (f) => f.intitule },
  { name: 'organisme_siret', description: 'SIRET of the organisme responsible', value: (f) => f.organisme?.siret },
  { name: 'organisme_raison_sociale', description: 'its raison sociale', value: (f) => f.organisme?.raisonSociale },
  { name: 'certification_code', description: 'the certification prepared: RNCP12345 or RS1234', value: (f) => f.certificationCode },
  { name: 'formacodes', description: 'Formacodes, `|`-separated, principal first', value: (f) => codes(f, 'FORMACODE') },
  { name: 'rome_codes', description: 'ROME codes the source gives, `|`-separated', value: (f) => codes(f, 'ROME') },
  { name: 'niveau_sortie', description: 'LHEO code of the exit level', value: (f) => f.niveauSortie },
  { name: 'debut', description: 'first day, YYYY-MM-DD', value: (_f, _a, s) => s.debut },
  { name: 'fin', description: 'last day, YYYY-MM-DD', value: (_f, _a, s) => s.fin },
  { name: 'etat_recrutement', description: 'OPEN, CLOSED or SUSPENDED', value: (_f, _a, s) => s.etatRecrutement },
  { name: 'nb_places', description: 'places still offered, as last exported', value: (_f, _a, s) => s.nbPlaces },
  { name: 'modalite', description: 'PRESENTIEL, DISTANCE or MIXTE', value: (_f, a) => a.modalite },
  { name: 'prix_cents', description: 'price in integer euro cents', value: (_f, a) => a.prixCents },
  { name: 'nombre_heures_total', description: 'hours in all', value: (_f, a) => a.nombreHeuresTotal },
  { name: 'entrees_sorties_permanentes', description: 'true: entries and exits all year round', value: (_f, a) => a.entreesSortiesPermanentes },
  { name: 'acces_handicapes', description: 'arrangements for disabled people, plain text', value: (_f, a) => a.accesHandicapes },
  { name: 'financeurs', description: 'LHEO code-financeur of its funders, `|`-separated', value: (_f, a) => list(a.financeurs) },
  { name: 'cpf_eligible', description: 'the source says it is eligible to the CPF', value: (_f, a) => a.cpfEligible },
  { name: 'lieu_nom', description: 'place of training', value: (_f, a) => a.lieu.nom },
  { name: 'code_postal', description: 'its postcode', value: (_f, a) => a.lieu.codePostal },
  { name: 'ville', description: 'its commune', value: (_f, a) => a.lieu.ville },
  { name: 'code_insee', description: 'INSEE code of the commune', value: (_f, a) => a.lieu.codeInsee },
  { name: 'departement', description: 'département code', value: (_f, a) => a.lieu.departement },
  { name: 'region', description: 'région code', value: (_f, a) => a.lieu.region },
  { name: 'latitude', description: 'WGS 84', value: (_f, a) => a.lieu.latitude },
  { name: 'longitude', description: 'WGS 84', value: (_f, a) => a.lieu.longitude },
  { name: 'url_formation', description: 'web page of the formation', value: (f) => f.urlFormation },
  {
    name: 'stale_reason',
    description: "set when served from its last good version: why the source's newer one was rejected",
    value: (_f, _a, s) => s.stale?.reason,
  },
  { name: 'sources', description: 'the sources listing the session, `|`-separated, most recent export first', value: (_f, _a, s) => list(s.sources) },
  { name: 'exported_at', description: 'most recent export of the formation among its sources, ISO UTC', value: (f) => f.sources[0]?.exportedAt },
];

/** RFC 4180: a field holding a quote, a comma or a line break is quoted, its quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvRow = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\r\n`;

export const csvHeader = () => csvRow(CSV_COLUMNS.map((c) => c.name));

/** What one formation becomes in the given format. */
export function serialise(format: ExportFormat, f: ExportedFormation): string {
  if (format === 'ndjson') return `${JSON.stringify(f)}\n`;
  let out = '';
  for (const a of f.actions) for (const s of a.sessions) out += csvRow(CSV_COLUMNS.map((c) => c.value(f, a, s)));
  return out;
}
