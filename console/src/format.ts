// French formatting of the API's values: cents, ISO dates, codes.
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const longDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 123456 cents → "1 234,56 €" (exact: cents are integers). */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return 'prix non communiqué';
  return euros.format(cents / 100);
}

/** "2026-01-12" → "12 janvier 2026". */
export function formatDate(date: string | null | undefined): string {
  if (!date) return 'date non communiquée';
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? date : longDate.format(day);
}

export function formatKm(km: number | null | undefined): string | undefined {
  if (km === null || km === undefined) return undefined;
  return `${km < 10 ? km.toFixed(1).replace('.', ',') : Math.round(km)} km`;
}

export const MODALITIES: Record<string, string> = { PRESENTIEL: 'En présentiel', DISTANCE: 'À distance', MIXTE: 'Mixte (présentiel et distance)' };
export const RECRUITMENT: Record<string, string> = { OPEN: 'Inscriptions ouvertes', CLOSED: 'Inscriptions closes', SUSPENDED: 'Inscriptions suspendues' };
export const HOLDER_STATUS: Record<string, string> = {
  JOB_SEEKER: 'Demandeur ou demandeuse d’emploi',
  EMPLOYEE: 'Salarié ou salariée',
  SELF_EMPLOYED: 'Travailleur ou travailleuse indépendante',
};
export const PROVENANCE: Record<string, string> = { GUARANTEED: 'Garanti', DECLARED: 'Déclaré' };
export const PROVENANCE_HINT: Record<string, string> = {
  GUARANTEED: 'transmis par le certificateur, l’employeur (DSN) ou la Caisse des Dépôts',
  DECLARED: 'saisi par la personne',
};
export const LEVELS: Record<string, string> = {
  '0': 'sans qualification',
  '1': 'niveau 1',
  '2': 'niveau 2',
  '3': 'niveau 3 (CAP, BEP)',
  '4': 'niveau 4 (bac)',
  '5': 'niveau 5 (bac + 2)',
  '6': 'niveau 6 (bac + 3 ou 4)',
  '7': 'niveau 7 (bac + 5)',
  '8': 'niveau 8 (doctorat)',
};
export const REGIONS: Record<string, string> = {
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
  '11': 'Île-de-France',
  '24': 'Centre-Val de Loire',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '32': 'Hauts-de-France',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '84': 'Auvergne-Rhône-Alpes',
  '93': 'Provence-Alpes-Côte d’Azur',
  '94': 'Corse',
};
export const LINE_KINDS: Record<string, string> = {
  DOTATION: 'Dotation (droits supplémentaires)',
  CPF_RIGHTS: 'Droits CPF de la personne',
  TOP_UP: 'Abondement complémentaire',
  HOLDER_PAYMENT: 'Reste à payer par la personne',
  PARTICIPATION: 'Participation forfaitaire',
};
/** How sure a part of a plan is (PartCertainty.level), with the DSFR badge severity that shows it. */
export const CERTAINTY_LEVELS: Record<string, { words: string; severity: 'success' | 'info' | 'warning' | 'new' }> = {
  AUTOMATIC: { words: 'Automatique', severity: 'info' },
  FUNDER_DECISION: { words: 'Décision du financeur', severity: 'warning' },
  RESERVED: { words: 'Réservé', severity: 'new' },
  COMMITTED: { words: 'Engagé', severity: 'success' },
};
export const LEDGER_KINDS: Record<string, string> = {
  ACQUISITION: 'Acquisition annuelle',
  DEBIT: 'Dépense',
  REFUND: 'Recrédit',
  CORRECTIF: 'Abondement correctif',
  C2P: 'Conversion C2P',
  ATMP: 'Crédit AT/MP',
};
export const SCOPES: Record<string, string> = {
  PASSPORT: 'Passeport (identité, compétences, certifications, expériences, métiers visés)',
  RIGHTS: 'Droits CPF',
  FUNDING: 'Plans de financement',
  RECOMMENDATIONS: 'Formations recommandées',
};

export function regionName(code: string): string {
  return REGIONS[code] ?? `région ${code}`;
}

/** Highlights come as plain text with <mark> … </mark>: escape the text, keep only the marks. */
export function highlightParts(text: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  const re = /<mark>(.*?)<\/mark>/g;
  let last = 0;
  for (const match of text.matchAll(re)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), marked: false });
    parts.push({ text: match[1] ?? '', marked: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), marked: false });
  return parts;
}
