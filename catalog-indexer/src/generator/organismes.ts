/** Pool of fictional organismes de formation, each derived from (seed, index): constant memory whatever the pool size. */
import { Prng } from './prng.ts';
import type { Commune, Reference } from './reference.ts';

export type Organisme = {
  index: number;
  siret: string;
  numeroActivite: string;
  nom: string;
  raisonSociale: string;
  domaine: string;
  seat: Commune;
  ligne: string;
  tel: string;
  courriel: string;
};

/** Luhn check digit making `digits + d` valid */
export function luhnCheckDigit(digits: string): number {
  for (let d = 0; d <= 9; d++) if (luhnValid(digits + d)) return d;
  throw new Error('unreachable');
}

export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = number.charCodeAt(number.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN (9 digits, Luhn) + NIC (5 digits) so that the 14-digit SIRET passes Luhn too. */
export function makeSiret(rng: Prng): string {
  let siren8 = String(rng.int(3, 9));
  for (let i = 0; i < 7; i++) siren8 += String(rng.int(0, 9));
  const siren = siren8 + luhnCheckDigit(siren8);
  const nic4 = '000' + String(rng.int(1, 4));
  return siren + nic4 + luhnCheckDigit(siren + nic4);
}

const PREFIXES = [
  'Institut',
  'Centre de formation',
  'Académie',
  'Atelier',
  'École',
  'Campus',
  'Pôle formation',
  'Espace compétences',
  'Maison de la formation',
  'Cap',
];
const MIDDLES = [
  'des Métiers',
  'Avenir',
  'Compétences',
  'Horizons',
  'Pro',
  'des Savoirs',
  'Talents',
  'Trajectoires',
  'Emploi',
  'Numérique',
  'Santé Social',
  'Industrie',
  'Bâtiment',
  'Tertiaire',
  'Logistique',
  'Sud',
  'Ouest',
  'Nord',
  'Est',
];
const FORMS = ['SAS', 'SARL', 'SASU', 'EURL', 'SCOP'];
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'boulevard Gambetta',
  'rue Pasteur',
  'place de la Gare',
  'rue du Général de Gaulle',
  'avenue de la Libération',
  'rue des Écoles',
  'rue de la Paix',
  'quai des Chartrons',
  'rue Nationale',
  'chemin des Prés',
  "rue de l'Industrie",
  'allée des Tilleuls',
  'impasse des Artisans',
  'avenue du Maréchal Foch',
  'rue Jules Ferry',
  'rue du Moulin',
  "parc d'activités des Landes",
];

const PHONE_PREFIX: Record<string, string[]> = {
  '11': ['01'],
  '24': ['02'],
  '28': ['02'],
  '52': ['02'],
  '53': ['02'],
  '32': ['03'],
  '44': ['03'],
  '27': ['03'],
  '84': ['04'],
  '93': ['04'],
  '94': ['04'],
  '75': ['05'],
  '76': ['05', '04'],
  '01': ['0590'],
  '02': ['0596'],
  '03': ['0594'],
  '04': ['0262'],
  '06': ['0269'],
};

const deaccent = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
export const slug = (s: string): string =>
  deaccent(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function phone(rng: Prng, region: string): string {
  const prefix = rng.pick(PHONE_PREFIX[region] ?? ['09']);
  let digits = prefix;
  while (digits.length < 10) digits += String(rng.int(0, 9));
  return digits.replace(/(\d\d)(?=\d)/g, '$1 ');
}

export function streetLine(rng: Prng): string {
  return `${rng.int(1, 180)} ${rng.pick(STREETS)}`;
}

export function organisme(seed: number, index: number, ref: Reference): Organisme {
  const rng = Prng.derive(seed ^ 0x0f0f0f0f, index);
  const seat = rng.pick(ref.communes);
  const place = seat.nom.replace(/ \d+(er|e) Arrondissement$/, '');
  const name = `${rng.pick(PREFIXES)} ${rng.pick(MIDDLES)} ${place}`;
  const form = rng.chance(0.25) ? 'Association' : rng.pick(FORMS);
  const raisonSociale = form === 'Association' ? `Association ${name}` : `${name} ${form}`;
  const domaine = `${slug(name).slice(0, 40)}.fr`;
  const dep = /^\d\d/.test(seat.departement) ? seat.departement.slice(0, 2) : '20';
  const region = /^\d\d$/.test(seat.region) ? seat.region : '00';
  const numeroActivite = `${region}${dep}${String(rng.int(0, 99999)).padStart(5, '0')}${dep}`;
  return {
    index,
    siret: makeSiret(rng),
    numeroActivite,
    nom: deaccent(name).toUpperCase(),
    raisonSociale,
    domaine,
    seat,
    ligne: streetLine(rng),
    tel: phone(rng, seat.region),
    courriel: `${rng.pick(['contact', 'formation', 'accueil', 'admissions', 'inscriptions'])}@${domaine}`,
  };
}
