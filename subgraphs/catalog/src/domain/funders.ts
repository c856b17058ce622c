// Who buys an action (organisme-financeur > code-financeur): the LHEO 2.3 dictionary
// dict-financeurs (lheo-definition-gml.xml, PEL-40), code → label as LHEO writes it.
export const FUNDER_LABELS: Readonly<Record<string, string>> = {
  '0': 'Autre',
  '1': 'Code(s) obsolète(s)',
  '2': 'Collectivité territoriale - Conseil régional',
  '3': 'Fonds européens - FSE',
  '4': 'Pôle emploi (France Travail)',
  '5': 'Entreprise',
  '6': 'ACSÉ (anciennement FASILD)',
  '7': 'AGEFIPH',
  '8': 'Collectivité territoriale - Conseil général',
  '9': 'Collectivité territoriale - Commune',
  '10': "Bénéficiaire de l'action",
  '11': "Etat - Ministère chargé de l'emploi",
  '12': "Etat - Ministère de l'éducation nationale",
  '13': 'Etat - Autre',
  '14': 'Fonds européens - Autre',
  '15': 'Collectivité territoriale - Autre',
  '16': 'OPCO',
  '17': 'Transition Pro',
  '18': 'LADOM',
  '19': 'État - Ministère de l’intérieur',
  '20': "OFII - Office français de l'immigration et de l'intégration",
};

/** The codes, "0" … "20": at most 32, so a set of them fits in one 32-bit mask (bit n = code n). */
export const FUNDER_CODES: readonly string[] = Object.keys(FUNDER_LABELS).sort((a, b) => Number(a) - Number(b));

export const isFunderCode = (code: string): boolean => Object.hasOwn(FUNDER_LABELS, code);

/** The bit mask of the known codes among `codes` (unknown ones are not LHEO funders: left out). */
export function funderMask(codes: readonly string[]): number {
  let mask = 0;
  for (const code of codes) if (isFunderCode(code)) mask |= 1 << Number(code);
  return mask >>> 0;
}
