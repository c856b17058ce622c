/** French titles and descriptions built from real Formacode / ROME labels and templates. */
import type { Prng } from './prng.ts';

export type CertKind = 'TP' | 'CAP' | 'BACPRO' | 'BTS' | 'LICPRO' | 'RS' | 'NONE';

export const ucfirst = (s: string): string => (s ? s.charAt(0).toLocaleUpperCase('fr-FR') + s.slice(1) : s);

const SUFFIXES = [' – parcours intensif', ' – formation adulte', ' en alternance', ' – parcours individualisé', ' – parcours modulaire'];

/** French elision: de("affréteur") -> "d'affréteur", de("soudage") -> "de soudage" */
export const de = (s: string): string => (/^[aeiouyàâäéèêëîïôöùûh]/i.test(s) ? `d'${s}` : `de ${s}`);

/** Intitulé, e.g. "Titre professionnel Soudeur assembleur industriel", "CAP Cuisine", "Formation soudage TIG". */
export function title(rng: Prng, kind: CertKind, label: string, metier: string | undefined): string {
  let t: string;
  switch (kind) {
    case 'TP':
      t = `Titre professionnel ${metier ?? ucfirst(label)}`;
      break;
    case 'CAP':
      t = `CAP ${ucfirst(label)}`;
      break;
    case 'BACPRO':
      t = `Bac pro ${ucfirst(label)}`;
      break;
    case 'BTS':
      t = `BTS ${ucfirst(label)}`;
      break;
    case 'LICPRO':
      t = `Licence professionnelle ${label}`;
      break;
    case 'RS':
      t = rng.pick([`Certificat de compétences ${label}`, `Certification ${label}`, `Certificat ${label}`]);
      break;
    default:
      t = rng.pick([
        `Formation ${label}`,
        `Formation ${label}`,
        `Perfectionnement ${label}`,
        `Module ${label}`,
        `Initiation : ${label}`,
        ...(metier ? [`Préparation opérationnelle à l'emploi – ${metier}`] : []),
      ]);
  }
  if (rng.chance(0.25)) t += rng.pick(SUFFIXES);
  return t.length > 250 ? t.slice(0, 250) : t;
}

type Ctx = { label: string; labels: string[]; metier: string | undefined; heures: number; entreprise: number };

const OBJECTIFS: ((c: Ctx) => string)[] = [
  (c) =>
    `Acquérir les compétences professionnelles en ${c.label} nécessaires pour exercer${c.metier ? ` le métier ${de(c.metier.toLowerCase())}` : ' en entreprise'}.`,
  (c) => `Maîtriser les techniques ${de(c.label)} et savoir les mettre en œuvre en respectant les règles d'hygiène, de sécurité et de qualité.`,
  (c) => `Être capable d'organiser son activité, de réaliser les opérations ${de(c.label)} et de rendre compte de son travail à sa hiérarchie.`,
  (c) =>
    `Développer son employabilité grâce à une qualification reconnue en ${c.label}${c.metier ? `, pour accéder à un emploi ${de(c.metier.toLowerCase())}` : ''}.`,
  (c) => `Consolider ses acquis en ${c.labels.join(', ')} et préparer une insertion durable dans l'emploi.`,
];

const SENTENCES: ((c: Ctx) => string)[] = [
  (c) => `La formation aborde les fondamentaux ${de(c.label)} : vocabulaire technique, réglementation, méthodes et outils utilisés en entreprise.`,
  (c) => `Les stagiaires réalisent des mises en situation professionnelle reconstituées, encadrées par des formateurs issus du secteur.`,
  (c) => `Un module est consacré à ${c.labels[c.labels.length - 1] ?? c.label}, avec des travaux pratiques individuels et en petits groupes.`,
  (c) => `Le parcours comprend ${c.heures} heures en centre${c.entreprise > 0 ? ` et ${c.entreprise} heures de période d'application en entreprise` : ''}.`,
  () => `Les acquis sont évalués en continu par des études de cas, des exercices pratiques et un dossier professionnel.`,
  () =>
    `Des séances de techniques de recherche d'emploi, de communication écrite et orale et de prévention des risques professionnels complètent le programme.`,
  (c) => `Les contenus sont adaptés au niveau de chacun après un positionnement initial et un entretien individuel avec le référent pédagogique.`,
  (c) =>
    c.metier
      ? `Le métier visé, ${c.metier.toLowerCase()}, recrute dans de nombreux secteurs : industrie, services, commerce et collectivités.`
      : `Les compétences visées sont recherchées dans l'industrie, les services, le commerce et les collectivités.`,
  () => `Une plateforme de ressources en ligne permet de réviser entre les séances et de suivre sa progression.`,
  (c) => `Les participants apprennent à planifier leurs interventions, à contrôler la qualité du travail réalisé et à appliquer les procédures ${de(c.label)}.`,
  () => `La sensibilisation au développement durable, à la sobriété énergétique et au numérique responsable fait partie du programme.`,
  () => `Un accompagnement personnalisé est proposé aux personnes en situation de handicap, en lien avec le référent handicap du centre.`,
];

const SHORT = [
  'Évaluations régulières tout au long du parcours.',
  'Bilan individuel en fin de formation.',
  'Attestation de fin de formation remise à chaque stagiaire.',
  'Accompagnement vers l’emploi.',
  'Plateaux techniques équipés.',
];

const LIST_ITEMS: ((c: Ctx) => string)[] = [
  (c) => `fondamentaux ${de(c.label)}`,
  (c) => `mise en pratique ${de(c.labels[1] ?? c.label)} sur plateau technique`,
  () => `santé et sécurité au travail, gestes et postures`,
  () => `communication professionnelle et travail en équipe`,
  () => `outils numériques du métier`,
  (c) => `réglementation et normes applicables en ${c.label}`,
  () => `préparation aux épreuves de certification`,
];

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

export function objectif(rng: Prng, c: Ctx): string {
  return rng.pick(OBJECTIFS)(c);
}

/**
 * Contenu: 60 to 140 words once HTML is removed; plain text, paragraphs or a list
 * (the HTML is escaped by the XML writer: &lt;p&gt;...).
 */
export function contenu(rng: Prng, c: Ctx): string {
  const target = rng.int(60, 140);
  const order = rng.sample(SENTENCES, SENTENCES.length);
  const chosen: string[] = [];
  let n = 0;
  const style = rng.weighted([
    ['text', 4],
    ['p', 4],
    ['ul', 2],
  ] as const);
  let items: string[] = [];
  let intro = '';
  if (style === 'ul') {
    intro = 'Le parcours comprend :';
    items = rng.sample(LIST_ITEMS, rng.int(3, 5)).map((f) => f(c));
    n = words(intro) + items.reduce((s, i) => s + words(i), 0);
  }
  for (const f of order) {
    const s = f(c);
    if (n + words(s) > target) continue;
    chosen.push(s);
    n += words(s);
  }
  for (let i = 0; n < 60; i++) {
    const s = SHORT[i % SHORT.length]!;
    chosen.push(s);
    n += words(s);
  }
  if (style === 'text') return chosen.join(' ');
  if (style === 'p') {
    const cut = Math.max(1, Math.floor(chosen.length / 2));
    return `<p>${chosen.slice(0, cut).join(' ')}</p><p>${chosen.slice(cut).join(' ')}</p>`.replace('<p></p>', '');
  }
  return `<p>${intro}</p><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul><p>${chosen.join(' ')}</p>`;
}

export function resultats(kind: CertKind, intitule: string, niveau: number | undefined): string {
  if (kind === 'NONE') return 'Attestation de fin de formation.';
  if (kind === 'RS') return `${intitule} (certification enregistrée au Répertoire spécifique).`;
  return `Obtenir la certification ${intitule}${niveau ? ` (niveau ${niveau})` : ''}.`;
}

export const wordCount = (html: string): number => words(html.replace(/<[^>]+>/g, ' '));
