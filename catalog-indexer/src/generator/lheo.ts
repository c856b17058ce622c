/** Writes one generated <formation> (with its actions and sessions) as LHEO 2.2 or 2.3 XML text. */
import { Prng } from './prng.ts';
import type { Commune, Formacode, Reference } from './reference.ts';
import { organisme, phone, streetLine, type Organisme } from './organismes.ts';
import { contenu, objectif, resultats, title, type CertKind } from './text.ts';

export type LheoVersion = '2.2' | '2.3';

export const NAMESPACES: Record<LheoVersion, string> = {
  '2.2': 'http://www.lheo.org/2.2',
  '2.3': 'http://lheo.gouv.fr/2.3',
};

export type FormationCounts = { actions: number; sessions: number };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string): string => esc(s).replace(/"/g, '&quot;');

// dates as days since 1970-01-01 (UTC)
const DAY = 86_400_000;
const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
const ymd = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10).replace(/-/g, '');
const FIRST_DAY = dayOf(2026, 12, 1);
const LAST_DAY = dayOf(2028, 6, 30);

type Place = { commune: Commune; ligne: string; lat?: string; lon?: string };

function adresse(out: string[], indent: string, p: Place): void {
  const c = p.commune;
  out.push(
    `${indent}<adresse>\n`,
    `${indent}  <ligne>${esc(p.ligne)}</ligne>\n`,
    `${indent}  <codepostal>${c.codepostal}</codepostal>\n`,
    `${indent}  <ville>${esc(c.nom.toLocaleUpperCase('fr-FR'))}</ville>\n`,
    `${indent}  <departement>${c.departement}</departement>\n`,
    `${indent}  <code-INSEE-commune>${c.insee}</code-INSEE-commune>\n`,
    `${indent}  <region>${c.region}</region>\n`,
    `${indent}  <pays>FR</pays>\n`,
  );
  if (p.lat !== undefined && p.lon !== undefined) {
    out.push(
      `${indent}  <geolocalisation>\n`,
      `${indent}    <latitude>${p.lat}</latitude>\n`,
      `${indent}    <longitude>${p.lon}</longitude>\n`,
      `${indent}  </geolocalisation>\n`,
    );
  }
  out.push(`${indent}</adresse>\n`);
}

const seatPlace = (o: Organisme): Place => ({
  commune: o.seat,
  ligne: o.ligne,
  lat: o.seat.latitude.toFixed(4),
  lon: o.seat.longitude.toFixed(4),
});

/** a place in the commune, at most 2 km from its centre */
function nearPlace(rng: Prng, c: Commune, geoloc: boolean): Place {
  const r = 2 * Math.sqrt(rng.next()) * 0.999;
  const a = rng.next() * 2 * Math.PI;
  const lat = c.latitude + (r * Math.cos(a)) / 111.32;
  const lon = c.longitude + (r * Math.sin(a)) / (111.32 * Math.cos((c.latitude * Math.PI) / 180));
  return geoloc ? { commune: c, ligne: streetLine(rng), lat: lat.toFixed(4), lon: lon.toFixed(4) } : { commune: c, ligne: streetLine(rng) };
}

function organismeXml(out: string[], o: Organisme): void {
  const coords = (tag: string): void => {
    out.push(`      <${tag}>\n        <coordonnees>\n`);
    adresse(out, '          ', seatPlace(o));
    out.push(
      `          <telfixe><numtel>${o.tel}</numtel></telfixe>\n`,
      `          <courriel>${o.courriel}</courriel>\n`,
      `          <web><urlweb>https://www.${o.domaine}</urlweb></web>\n`,
      `        </coordonnees>\n      </${tag}>\n`,
    );
  };
  out.push(
    `    <organisme-formation-responsable>\n`,
    `      <numero-activite>${o.numeroActivite}</numero-activite>\n`,
    `      <SIRET-organisme-formation><SIRET>${o.siret}</SIRET></SIRET-organisme-formation>\n`,
    `      <nom-organisme>${esc(o.nom)}</nom-organisme>\n`,
    `      <raison-sociale>${esc(o.raisonSociale)}</raison-sociale>\n`,
  );
  coords('coordonnees-organisme');
  coords('contact-organisme');
  out.push(`    </organisme-formation-responsable>\n`);
}

/** LHEO 2.3 levels (13 = niveau 3 ... 16 = niveau 6) and the old 2.2 scale (4 = V ... 7 = II) */
const levelCode = (v: LheoVersion, level: number): string => (v === '2.3' ? String(10 + level) : String(level + 1));

const MANUAL_CHAMPS = new Set(['317', '318', '420', '427', '428', '434', '440', '450', '455', '460']);
const PUBLICS = ['80011', '80044', '80056', '80045', '80005'];
const FINANCEURS = ['10', '2', '4', '16', '17', '5'];

export type FormationContext = {
  ref: Reference;
  seed: number;
  organismes: number;
  version: LheoVersion;
  exportStamp: string;
};

/**
 * Appends the XML of formation number `n` (1-based) to `out`, with at most `maxSessions` sessions.
 * Returns the counts actually written.
 */
export function writeFormation(out: string[], rng: Prng, n: number, maxSessions: number, ctx: FormationContext): FormationCounts {
  const { ref, version: v } = ctx;
  const numero = `GEN-F${String(n).padStart(6, '0')}`;
  const org = organisme(ctx.seed, rng.int(0, ctx.organismes - 1), ref);

  // ---- domain: principal Formacode (mostly one linked to ROME codes), 0-2 secondary of the same champ
  const principal: Formacode = rng.chance(0.85) ? rng.pick(ref.linkedFormacodes) : rng.pick(ref.formacodes);
  const sameChamp = (ref.formacodesByChamp.get(principal.champ) ?? []).filter((f) => f.code !== principal.code);
  const secondary = rng.sample(
    sameChamp,
    rng.weighted([
      [0, 3],
      [1, 4],
      [2, 3],
    ] as const),
  );
  const romePool = new Set<string>(ref.romeByFormacode.get(principal.code) ?? []);
  for (const s of secondary) for (const r of ref.romeByFormacode.get(s.code) ?? []) romePool.add(r);
  const romes = rng.sample([...romePool].sort(), rng.int(1, 2));
  const metier = romes[0] ? ref.romeByCode.get(romes[0])?.metier : undefined;

  // ---- certification
  const certifying = rng.chance(0.82);
  // CAP / bac pro for production and service trades, BTS / licence pro for the others
  const manual = /^2/.test(principal.champ) || MANUAL_CHAMPS.has(principal.champ);
  let kind: CertKind = 'NONE';
  if (certifying) {
    const rs = v === '2.3' && rng.chance(0.35);
    kind = rs
      ? 'RS'
      : rng.weighted<CertKind>([
          ['TP', metier ? 45 : 0],
          ['CAP', manual ? 15 : 0],
          ['BACPRO', manual ? 10 : 0],
          ['BTS', manual ? 8 : 15],
          ['LICPRO', manual ? 0 : 5],
        ]);
  }
  const level: number | undefined =
    kind === 'TP'
      ? rng.weighted([
          [3, 3],
          [4, 3],
          [5, 3],
          [6, 1],
        ] as const)
      : kind === 'CAP'
        ? 3
        : kind === 'BACPRO'
          ? 4
          : kind === 'BTS'
            ? 5
            : kind === 'LICPRO'
              ? 6
              : undefined;
  const rncp = rng.chance(0.9) ? rng.int(30000, 41999) : rng.int(1000, 29999);
  const rsNum = rng.chance(0.85) ? rng.int(5000, 7299) : rng.int(100, 4999);
  const certCode = kind === 'NONE' ? '' : kind === 'RS' ? `RS${rsNum}` : `RNCP${rncp}`;

  const intitule = title(rng, kind, principal.libelle, metier);

  // ---- hours
  const long = kind === 'TP' || kind === 'CAP' || kind === 'BACPRO' || kind === 'BTS' || kind === 'LICPRO';
  const centre = long
    ? rng.int(12, 40) * 35
    : rng.weighted([
        [rng.int(1, 6) * 7, 5],
        [rng.int(2, 12) * 35, 5],
      ] as const);
  const entreprise = long && rng.chance(0.8) ? rng.int(2, 22) * 35 : !long && rng.chance(0.15) ? rng.int(1, 4) * 35 : 0;
  const textCtx = {
    label: principal.libelle,
    labels: [principal.libelle, ...secondary.map((s) => s.libelle)],
    metier,
    heures: centre,
    entreprise,
  };

  // ---- formation header
  const stamp = v === '2.3' ? ` horodatage-modification="${ctx.exportStamp}"` : '';
  out.push(`  <formation numero="${numero}"${stamp}>\n    <domaine-formation>\n`);
  out.push(`      <code-FORMACODE ref="V12" tag="principal">${principal.code}</code-FORMACODE>\n`);
  for (const s of secondary) out.push(`      <code-FORMACODE ref="V12">${s.code}</code-FORMACODE>\n`);
  if (principal.nsf) out.push(`      <code-NSF>${principal.nsf}</code-NSF>\n`);
  for (const r of romes) out.push(`      <code-ROME>${r}</code-ROME>\n`);
  out.push(`    </domaine-formation>\n`, `    <intitule-formation>${esc(intitule)}</intitule-formation>\n`);
  const obj = rng.chance(0.3) ? `<p>${objectif(rng, textCtx)}</p>` : objectif(rng, textCtx);
  const cont = rng.chance(0.03) ? '-' : contenu(rng, textCtx);
  const res = rng.chance(0.05) ? '-' : resultats(kind, intitule, level);
  out.push(
    `    <objectif-formation>${esc(obj)}</objectif-formation>\n`,
    `    <resultats-attendus>${esc(res)}</resultats-attendus>\n`,
    `    <contenu-formation>${esc(cont)}</contenu-formation>\n`,
    `    <certifiante>${kind === 'NONE' ? 0 : 1}</certifiante>\n`,
    `    <contact-formation>\n      <coordonnees>\n        <nom>Service des admissions</nom>\n`,
    `        <telfixe><numtel>${org.tel}</numtel></telfixe>\n        <courriel>${org.courriel}</courriel>\n`,
    `      </coordonnees>\n    </contact-formation>\n`,
    `    <parcours-de-formation>${rng.weighted([
      [1, 8],
      [2, 1],
      [3, 1],
    ] as const)}</parcours-de-formation>\n`,
  );
  const entryLevel = level !== undefined && level > 3 && rng.chance(0.4) ? level - 1 : undefined;
  out.push(`    <code-niveau-entree>${entryLevel ? levelCode(v, entryLevel) : '0'}</code-niveau-entree>\n`);
  if (v === '2.3') {
    const ogf = kind === 'NONE' ? rng.pick(['7', '4']) : '6';
    out.push(`    <objectif-general-formation>${ogf}</objectif-general-formation>\n`);
  }
  if (kind === 'RS') out.push(`    <certification>\n      <code-RS>${certCode}</code-RS>\n    </certification>\n`);
  else if (kind !== 'NONE') {
    const code = v === '2.3' ? certCode : String(rncp);
    out.push(`    <certification>\n      <code-RNCP>${code}</code-RNCP>\n    </certification>\n`);
  }
  if (level !== undefined) out.push(`    <code-niveau-sortie>${levelCode(v, level)}</code-niveau-sortie>\n`);
  out.push(`    <url-formation><urlweb>https://www.${org.domaine}/formations/${numero.toLowerCase()}</urlweb></url-formation>\n`);

  // ---- actions and sessions (trimmed to maxSessions)
  const plan: number[] = [];
  for (
    let a = rng.weighted([
      [1, 5],
      [2, 3],
      [3, 2],
    ] as const);
    a > 0;
    a--
  )
    plan.push(rng.int(1, 4));
  let total = plan.reduce((s, x) => s + x, 0);
  while (total > maxSessions) {
    const last = plan.length - 1;
    if (plan[last]! > 1) plan[last]!--;
    else plan.pop();
    total--;
  }

  const basePrice = rng.int(8, 25);
  const weeks = Math.ceil((centre + entreprise) / 35);
  for (let a = 0; a < plan.length; a++) {
    const an = `${numero}-A${a + 1}`;
    // LHEO dict-modalites-enseignement: 0 présentiel, 1 mixte, 2 entièrement à distance.
    const modalite = rng.weighted([
      [0, 80],
      [2, 8],
      [1, 12],
    ] as const);
    const permanent = modalite === 2 || rng.chance(0.2);
    const rythme = modalite === 2 ? 'À distance, à son rythme' : rng.chance(0.75) ? 'Temps plein' : 'Temps partiel';
    out.push(`    <action numero="${an}">\n`, `      <rythme-formation>${rythme}</rythme-formation>\n`);
    for (const p of rng.sample(PUBLICS, rng.int(1, 3))) out.push(`      <code-public-vise ref="V12">${p}</code-public-vise>\n`);
    out.push(
      `      <niveau-entree-obligatoire>${entryLevel ? 1 : 0}</niveau-entree-obligatoire>\n`,
      `      <modalites-alternance>${entreprise > 0 ? `${entreprise} heures en entreprise` : '-'}</modalites-alternance>\n`,
      `      <modalites-enseignement>${modalite}</modalites-enseignement>\n`,
      `      <conditions-specifiques>${rng.chance(0.85) ? '-' : 'Entretien de motivation et tests de positionnement'}</conditions-specifiques>\n`,
      `      <prise-en-charge-frais-possible>${rng.chance(0.9) ? 1 : 0}</prise-en-charge-frais-possible>\n`,
    );
    // place: none for distance learning in 2.3, the organisme's seat in 2.2 (mandatory there)
    let place: Place | undefined;
    if (modalite === 2) place = v === '2.2' ? seatPlace(org) : undefined;
    else {
      const local = ref.communesByRegion.get(org.seat.region) ?? ref.communes;
      const commune = rng.chance(0.4) ? org.seat : rng.chance(0.7) ? rng.pick(local) : rng.pick(ref.communes);
      place = nearPlace(rng, commune, !rng.chance(0.05));
    }
    if (place) {
      out.push(`      <lieu-de-formation>\n        <coordonnees>\n`);
      adresse(out, '          ', place);
      out.push(`        </coordonnees>\n      </lieu-de-formation>\n`);
    }
    out.push(`      <modalites-entrees-sorties>${permanent ? 1 : 0}</modalites-entrees-sorties>\n`);
    const inscription = rng.chance(0.7) || !place ? seatPlace(org) : place;
    const duration = Math.min(weeks * (rythme === 'Temps partiel' ? 2 : 1) * 7, LAST_DAY - FIRST_DAY - 30);
    for (let s = 0; s < plan[a]!; s++) {
      let debut: string;
      let fin: string;
      if (rng.chance(0.02)) {
        debut = '00000000';
        fin = '99999999';
      } else {
        let start = FIRST_DAY + rng.int(0, LAST_DAY - FIRST_DAY - duration);
        start -= (new Date(start * DAY).getUTCDay() + 6) % 7; // back to Monday
        if (start < FIRST_DAY) start += 7;
        debut = ymd(start);
        fin = ymd(Math.min(start + Math.max(duration - 3, 0), LAST_DAY));
      }
      out.push(
        `      <session numero="${an}-S${s + 1}">\n`,
        `        <periode><debut>${debut}</debut><fin>${fin}</fin></periode>\n`,
        `        <adresse-inscription>\n`,
      );
      adresse(out, '          ', inscription);
      out.push(
        `        </adresse-inscription>\n`,
        `        <etat-recrutement>${rng.weighted([
          [1, 88],
          [2, 7],
          [3, 5],
        ] as const)}</etat-recrutement>\n`,
      );
      // Places left (recrutement > nb-places) exist in LHEO 2.3 only; about half the sessions give them.
      if (v === '2.3' && rng.chance(0.5))
        out.push(`        <recrutement><modalite-recrutement>3</modalite-recrutement><nb-places>${rng.int(0, 24)}</nb-places></recrutement>\n`);
      out.push(`      </session>\n`);
    }
    if (rng.chance(0.75)) {
      out.push(`      <acces-handicapes>Locaux accessibles aux personnes à mobilité réduite ; référent handicap joignable à l'accueil.</acces-handicapes>\n`);
    }
    let price = '-';
    if (!rng.chance(0.04)) {
      const raw = Math.min(12000, Math.max(300, centre * (basePrice + rng.int(-2, 2)) * (modalite === 2 ? 0.8 : 1)));
      const cents = rng.chance(0.1) ? rng.pick([0.5, 0.9, 0.25, 0.99]) : 0;
      price = (Math.min(12000, Math.round(raw / 10) * 10) + (raw < 11999 ? cents : 0)).toFixed(2);
    }
    out.push(`      <prix-total-TTC>${price}</prix-total-TTC>\n`);
    if (!long && rng.chance(0.3)) out.push(`      <duree-indicative>${centre} heures sur ${Math.max(1, Math.ceil(centre / 35))} semaines</duree-indicative>\n`);
    out.push(`      <nombre-heures-centre>${centre}</nombre-heures-centre>\n`);
    if (entreprise > 0) out.push(`      <nombre-heures-entreprise>${entreprise}</nombre-heures-entreprise>\n`);
    out.push(`      <nombre-heures-total>${centre + entreprise}</nombre-heures-total>\n`);
    for (const f of rng.sample(FINANCEURS, rng.int(1, 3))) out.push(`      <organisme-financeur><code-financeur>${f}</code-financeur></organisme-financeur>\n`);
    out.push(`    </action>\n`);
  }
  organismeXml(out, org);
  if (kind !== 'NONE' && rng.chance(0.85)) {
    out.push(
      `    <extras info="eligibilite-cpf">\n`,
      `      <extra info="eligible">1</extra>\n`,
      `      <extra info="categorie">${kind === 'RS' ? 'RS' : 'RNCP'}</extra>\n`,
      `      <extra info="code-certification">${certCode}</extra>\n`,
      `    </extras>\n`,
    );
  }
  out.push(`  </formation>\n`);
  return { actions: plan.length, sessions: total };
}

export function header(v: LheoVersion, seed: number): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<!-- Synthetic catalogue generated by catalog-indexer/src/generator (seed ${seed}): FICTIONAL offers and organismes, real Formacode / ROME / commune codes. -->\n` +
    `<lheo xmlns="${NAMESPACES[v]}">\n<offres>\n`
  );
}

export function footer(exportDate: string): string {
  return (
    `</offres>\n<extras info="export">\n  <extra info="date-export">${exportDate}</extra>\n` +
    `  <extra info="source">${escAttr('générateur de catalogue (fictif)')}</extra>\n</extras>\n</lheo>\n`
  );
}
