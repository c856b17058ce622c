// One <passageCertification> of a certifier feed read into a result to import, or the reason it
// cannot be (with the element at fault and its line). Pure: no database.
import { isIsoDate } from '@formations/schema/scalars';
import { childOf, textOf, type FeedNode, type PassageContext } from './stream.ts';
import type { CertificationKind } from '../domain/types.ts';

export interface FeedIdentity {
  /** Birth name and, when given, usage name: either may match the passport's family name. */
  familyNames: string[];
  /** Given names in order (prenom1, prenom2…). */
  givenNames: string[];
  birthDate: string;
  sex: 'M' | 'F' | null;
  /** INSEE code or label of the birth place, as sent: read, checked for presence, not stored. */
  birthPlace: string | null;
}

export interface FeedResult {
  line: number;
  /** Line of the <titulaire>, where an unmatched holder is reported. */
  holderLine: number;
  /** The certifier's own id of this result, when sent (idTechnique). */
  externalId: string | null;
  kind: CertificationKind;
  code: string;
  title: string;
  level: number | null;
  obtainedOn: string;
  validUntil: string | null;
  mention: string | null;
  issuerId: string | null;
  issuerName: string | null;
  holder: FeedIdentity;
}

export interface FeedIssue {
  severity: 'reject' | 'warning';
  file: string;
  line: number;
  element: string;
  reason: string;
}

type Problem = { element: string; line: number; reason: string };
type Read = { result: FeedResult; warnings: Problem[] } | { problem: Problem };

const first = (node: FeedNode | undefined, ...names: string[]) => {
  for (const name of names) {
    const value = textOf(node, name);
    if (value !== null) return { name, value };
  }
  return null;
};

const lineOf = (node: FeedNode | undefined, name: string, fallback: number) => childOf(node, name)?.line ?? fallback;

/** Reads a birth date given as dateNaissance (YYYY-MM-DD) or as anneeNaissance / moisNaissance / jourNaissance. */
function birthDateOf(titulaire: FeedNode): string | null {
  const whole = textOf(titulaire, 'dateNaissance');
  if (whole !== null) return whole;
  const year = textOf(titulaire, 'anneeNaissance');
  const month = textOf(titulaire, 'moisNaissance');
  const day = textOf(titulaire, 'jourNaissance');
  if (year === null || month === null || day === null) return null;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function birthPlaceOf(titulaire: FeedNode): string | null {
  const place = childOf(titulaire, 'codeCommuneNaissance') ?? childOf(titulaire, 'lieuNaissance');
  if (!place) return textOf(titulaire, 'libelleCommuneNaissance');
  const nested = (n: FeedNode): string | null => {
    if (n.children.length === 0) return n.nil || !n.text.trim() ? null : n.text.trim();
    for (const c of n.children) {
      const found = nested(c);
      if (found) return found;
    }
    return null;
  };
  return nested(place);
}

/** `today` (YYYY-MM-DD) bounds dates: a result cannot be obtained in the future. */
export function readPassage({ passage, certification, certificateur }: PassageContext, today: string): Read {
  const at = passage.line;
  const reject = (element: string, line: number, reason: string): Read => ({ problem: { element, line, reason } });
  const warnings: Problem[] = [];

  if (!certification) return reject('passageCertification', at, 'not inside a <certification>');
  const type = textOf(certification, 'type')?.toUpperCase() ?? null;
  if (type !== 'RNCP' && type !== 'RS')
    return reject(
      'type',
      lineOf(certification, 'type', certification.line),
      type === null ? 'certification without a type (RNCP or RS)' : `unknown certification type "${type}" (RNCP or RS)`,
    );
  const rawCode = textOf(certification, 'code');
  const digits = rawCode?.toUpperCase().replace(new RegExp(`^${type}`), '') ?? '';
  if (!/^\d{1,6}$/.test(digits))
    return reject(
      'code',
      lineOf(certification, 'code', certification.line),
      rawCode === null ? 'certification without a code' : `"${rawCode}" is not an ${type} number`,
    );
  const code = `${type}${Number(digits)}`;

  if (textOf(passage, 'donneeCertifiee')?.toLowerCase() === 'false') {
    return reject(
      'donneeCertifiee',
      lineOf(passage, 'donneeCertifiee', at),
      'the certifier marks this result as not certified (donneeCertifiee=false): it cannot be GUARANTEED',
    );
  }
  const obtained = first(passage, 'dateObtention', 'dateDebutValidite');
  if (!obtained) return reject('dateObtention', at, 'no obtention date (dateObtention or dateDebutValidite)');
  if (!isIsoDate(obtained.value)) return reject(obtained.name, lineOf(passage, obtained.name, at), `"${obtained.value}" is not a date (YYYY-MM-DD)`);
  if (obtained.value > today) return reject(obtained.name, lineOf(passage, obtained.name, at), `obtained on ${obtained.value}, in the future`);
  const validUntil = textOf(passage, 'dateFinValidite');
  if (validUntil !== null && !isIsoDate(validUntil))
    return reject('dateFinValidite', lineOf(passage, 'dateFinValidite', at), `"${validUntil}" is not a date (YYYY-MM-DD)`);
  if (validUntil !== null && validUntil < obtained.value)
    return reject('dateFinValidite', lineOf(passage, 'dateFinValidite', at), 'validity ends before the obtention date');

  let level: number | null = null;
  const levelText = first(passage, 'niveau', 'niveauQualification');
  if (levelText) {
    const n = Number(levelText.value);
    if (!Number.isInteger(n) || n < 1 || n > 8)
      return reject(levelText.name, lineOf(passage, levelText.name, at), `level "${levelText.value}" is not between 1 and 8`);
    if (type === 'RS')
      warnings.push({
        element: levelText.name,
        line: lineOf(passage, levelText.name, at),
        reason: 'RS certifications have no qualification level: level ignored',
      });
    else level = n;
  }
  const mentionText = first(passage, 'mention', 'mentionValidee')?.value ?? null;
  const mention = mentionText === null || /^(AUCUNE|SANS_MENTION|SANS)$/i.test(mentionText) ? null : mentionText;

  const titulaire = childOf(childOf(passage, 'identificationTitulaire'), 'titulaire') ?? childOf(passage, 'titulaire');
  if (!titulaire) return reject('titulaire', at, 'no <titulaire>: the result cannot be matched to a person');
  const birthName = textOf(titulaire, 'nomNaissance');
  const usageName = textOf(titulaire, 'nomUsage');
  if (birthName === null && usageName === null) return reject('nomNaissance', titulaire.line, 'the holder has no family name (nomNaissance)');
  const givenNames = ['prenom1', 'prenom2', 'prenom3', 'prenom4'].flatMap((n) => textOf(titulaire, n) ?? []);
  if (givenNames.length === 0) return reject('prenom1', titulaire.line, 'the holder has no given name (prenom1)');
  const birthDate = birthDateOf(titulaire);
  const birthElement = childOf(titulaire, 'dateNaissance') ? 'dateNaissance' : 'anneeNaissance';
  if (birthDate === null) return reject(birthElement, titulaire.line, 'the holder has no birth date');
  if (!isIsoDate(birthDate) || birthDate >= obtained.value)
    return reject(birthElement, lineOf(titulaire, birthElement, titulaire.line), `birth date "${birthDate}" is not a valid date before the obtention date`);
  const sexText = textOf(titulaire, 'sexe')?.toUpperCase() ?? null;
  const sex = sexText === 'M' || sexText === '1' ? 'M' : sexText === 'F' || sexText === '2' ? 'F' : null;
  if (sexText !== null && sex === null)
    warnings.push({ element: 'sexe', line: lineOf(titulaire, 'sexe', titulaire.line), reason: `unknown sex "${sexText}" (M or F): ignored` });

  const issuerName = first(certificateur, 'nom', 'raisonSociale', 'libelle')?.value ?? null;
  const issuerId = first(certificateur, 'siret', 'idClient')?.value ?? null;
  const title = first(certification, 'intitule', 'libelle')?.value ?? code;

  return {
    warnings,
    result: {
      line: at,
      holderLine: titulaire.line,
      externalId: textOf(passage, 'idTechnique'),
      kind: type,
      code,
      title,
      level,
      obtainedOn: obtained.value,
      validUntil,
      mention,
      issuerId,
      issuerName,
      holder: { familyNames: [birthName, usageName].flatMap((n) => n ?? []), givenNames, birthDate, sex, birthPlace: birthPlaceOf(titulaire) },
    },
  };
}
