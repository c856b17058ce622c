// One <formation> subtree → the records the catalogue stores, with what was rejected and why.
// A bad session is dropped alone; a bad field is dropped with a warning; a formation without
// numero or intitulé is rejected whole.
import {
  ACTION_FIELDS,
  FORMATION_FIELDS,
  isFunderCode,
  propertyOf,
  SESSION_FIELDS,
  type Extra,
  type FormationColumns,
  type LheoField,
  type LheoRead,
  type LheoValues,
  type PlaceColumns,
  type StaleFlag,
} from '@formations/catalog/indexing';
import { child, children, path, textOf, type XmlNode } from './xml-stream.ts';
import {
  CODE_PATTERNS,
  blankToNull,
  certificationCode,
  displayHtml,
  parseCoordinate,
  parseEtatRecrutement,
  ok,
  parseHours,
  parseLheoDate,
  parseModalite,
  parseNbPlaces,
  parsePriceCents,
  plainText,
  type EtatRecrutement,
  type Modalite,
  type Parsed,
} from './values.ts';

/** Machine-readable reasons, for producers' reports (`--report`). */
export type IssueCode =
  | 'NO_NUMERO'
  | 'NO_TITLE'
  | 'DUPLICATE_NUMERO'
  | 'NUMERO_OF_ANOTHER_FORMATION'
  | 'INVALID_PERIOD'
  | 'PERIOD_ENDS_BEFORE_START'
  | 'INVALID_VALUE'
  | 'INVALID_CODE'
  | 'INVALID_SIRET'
  | 'INVALID_COORDINATES'
  | 'KEPT_LAST_GOOD_VERSION'
  | 'SEARCH_INDEX_NOT_UPDATED'
  | 'INVALID_CERTIFICATION'
  /** A line of an NDJSON export that is not a formation record (npm run export's format). */
  | 'INVALID_RECORD';

export interface Issue {
  severity: 'reject' | 'warning';
  code: IssueCode;
  line: number;
  element: string;
  numero: string | null;
  reason: string;
}

export interface CodeRecord {
  kind: 'FORMACODE' | 'NSF' | 'ROME';
  code: string;
  principal: boolean;
}

/** Its name and address lines, and where it is (PlaceColumns, the action's columns). */
export interface LieuRecord extends PlaceColumns {
  nom: string | null;
  lignes: string[];
}

/** Besides its fields of SESSION_FIELDS (nb-places…), read from the table. */
export interface SessionRecord extends LheoValues<typeof SESSION_FIELDS> {
  id: string;
  line: number;
  debut: string | null;
  fin: string | null;
  etatRecrutement: EtatRecrutement | null;
  extras: Extra[];
  /** Set when this is the last good version, kept because the source's newer one was rejected. */
  stale?: StaleFlag | null;
}

/** Besides its fields of ACTION_FIELDS (hours, rythme-formation, acces-handicapes…), read from the table. */
export interface ActionRecord extends LheoValues<typeof ACTION_FIELDS> {
  id: string;
  line: number;
  modalite: Modalite | null;
  prixCents: number | null;
  codePublicVise: string[];
  financeurs: string[];
  cpfEligible: boolean | null;
  lieu: LieuRecord;
  /** date-information: days of information meetings. */
  informationDates: string[];
  extras: Extra[];
  sessions: SessionRecord[];
}

export interface OrganismeRecord {
  siret: string;
  raisonSociale: string | null;
  nom: string | null;
  numeroActivite: string | null;
}

/** Besides its fields of FORMATION_FIELDS (certifiante, levels, url-formation…), read from the table, and its columns written by hand (FormationColumns). */
export interface FormationRecord extends LheoValues<typeof FORMATION_FIELDS>, FormationColumns {
  numero: string;
  line: number;
  organisme: OrganismeRecord | null;
  codes: CodeRecord[];
  extras: Extra[];
  actions: ActionRecord[];
  stale?: StaleFlag | null;
}

export interface MappedFormation {
  formation: FormationRecord | null;
  issues: Issue[];
  /** Sessions left out of `formation`, with the action they belong to. */
  rejectedSessions: { id: string; actionId: string; reason: string; line: number }[];
}

const textField = (node: XmlNode | undefined) => blankToNull(textOf(node));

/** Texts come HTML-escaped (&lt;p&gt;): once unescaped by the XML parser they are HTML. */
function richText(node: XmlNode | undefined) {
  const html = textField(node);
  return { text: plainText(html), html: displayHtml(html) };
}

/** The readers of db/lheo-fields.ts's `read`, on an element's text. */
const READERS: Record<LheoRead, (raw: string | null) => Parsed<string | number | boolean | null>> = {
  text: (raw) => ok(blankToNull(raw)),
  plainText: (raw) => ok(plainText(blankToNull(raw))),
  flag: (raw) => {
    const value = blankToNull(raw);
    return ok(value === '1' ? true : value === '0' ? false : null);
  },
  hours: parseHours,
  places: parseNbPlaces,
};

/** The first element along `names` below `node` (trying each element of a name in turn). */
function firstAlong(node: XmlNode | undefined, names: readonly string[]): XmlNode | undefined {
  if (names.length === 0) return node;
  for (const next of children(node, names[0]!)) {
    const found = firstAlong(next, names.slice(1));
    if (found) return found;
  }
  return undefined;
}

/**
 * The values of a table's fields below `node`, by their `lheo` path and `read`; `field` keeps a
 * value or drops it with a warning.
 */
function readFields<F extends readonly LheoField[]>(
  fields: F,
  node: XmlNode,
  field: (at: XmlNode | undefined, parsed: Parsed<string | number | boolean | null>) => unknown,
): LheoValues<F> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const at = firstAlong(node, f.lheo.split('/'));
    out[propertyOf(f.column)] = field(at, READERS[f.read](textOf(at)));
  }
  return out as LheoValues<F>;
}

/** extras info="group" > extra info="key": flattened, nested extras included. */
export function readExtras(owner: XmlNode): Extra[] {
  const out: Extra[] = [];
  const walk = (extras: XmlNode, group: string | null) => {
    for (const item of extras.children) {
      if (item.name === 'extra') out.push({ group, key: item.attrs.info ?? null, value: item.text.trim() });
      else if (item.name === 'extras') walk(item, item.attrs.info ?? group);
    }
  };
  for (const extras of children(owner, 'extras')) walk(extras, extras.attrs.info ?? null);
  return out;
}

const YES = new Set(['1', 'oui', 'o', 'true', 'vrai', 'yes', 'y']);
const NO = new Set(['0', 'non', 'n', 'false', 'faux', 'no']);

/** CPF eligibility travels in extras (e.g. <extras info="eligibilite-cpf"><extra info="eligible">1</extra>). */
export function cpfEligibility(extras: Extra[]): boolean | null {
  for (const extra of extras) {
    const label = `${extra.group ?? ''} ${extra.key ?? ''}`.toLowerCase();
    if (!/cpf/.test(label) || !/eligib|éligib/.test(label)) continue;
    const value = extra.value.toLowerCase();
    if (YES.has(value)) return true;
    if (NO.has(value)) return false;
  }
  return null;
}

export function mapFormation(node: XmlNode): MappedFormation {
  const issues: Issue[] = [];
  const rejectedSessions: MappedFormation['rejectedSessions'] = [];
  const numero = blankToNull(node.attrs.numero);
  const issue = (severity: Issue['severity'], code: IssueCode, at: XmlNode, reason: string, id: string | null = numero) =>
    issues.push({ severity, code, line: at.line, element: at.name, numero: id, reason });
  /** A field that fails to parse is dropped with a warning, the record kept. */
  const field = <T>(at: XmlNode | undefined, parsed: Parsed<T | null>, id: string | null = numero): T | null => {
    if (parsed.ok) return parsed.value;
    issue('warning', 'INVALID_VALUE', at ?? node, `${parsed.reason}: field ignored`, id);
    return null;
  };

  const intitule = plainText(textField(child(node, 'intitule-formation')));
  if (!numero) issue('reject', 'NO_NUMERO', node, 'formation has no numero attribute');
  if (!intitule) issue('reject', 'NO_TITLE', node, 'formation has no intitule-formation');
  if (!numero || !intitule) return { formation: null, issues, rejectedSessions };
  const formationExtras = readExtras(node);

  const codes: CodeRecord[] = [];
  const domaine = child(node, 'domaine-formation');
  for (const [element, kind] of [
    ['code-FORMACODE', 'FORMACODE'],
    ['code-NSF', 'NSF'],
    ['code-ROME', 'ROME'],
  ] as const) {
    for (const codeNode of children(domaine, element)) {
      const code = textField(codeNode)?.toUpperCase() ?? '';
      if (!CODE_PATTERNS[kind].test(code)) {
        issue('warning', 'INVALID_CODE', codeNode, `${element} "${codeNode.text.trim()}" is not a valid code: ignored`);
        continue;
      }
      if (codes.some((c) => c.kind === kind && c.code === code)) continue;
      codes.push({ kind, code, principal: kind === 'FORMACODE' && codeNode.attrs.tag === 'principal' });
    }
  }
  // Without a tag="principal", the first Formacode is the principal one.
  const formacodes = codes.filter((c) => c.kind === 'FORMACODE');
  if (formacodes.length > 0 && !formacodes.some((c) => c.principal)) formacodes[0]!.principal = true;

  let codeRncp: string | null = null;
  let codeRs: string | null = null;
  let codeCertifinfo: string | null = null;
  let codeCpf: string | null = null;
  for (const certification of [...children(node, 'certification'), ...children(node, 'code-type-formation')]) {
    codeRncp ??= field(child(certification, 'code-RNCP'), certificationCode('RNCP', textOf(child(certification, 'code-RNCP'))));
    codeRs ??= field(child(certification, 'code-RS'), certificationCode('RS', textOf(child(certification, 'code-RS'))));
    codeCertifinfo ??= textField(child(certification, 'code-CERTIFINFO'));
    codeCpf ??= textField(child(certification, 'code-CPF'));
  }

  const organismeNode = child(node, 'organisme-formation-responsable');
  let organisme: OrganismeRecord | null = null;
  if (organismeNode) {
    const siretNode = path(organismeNode, 'SIRET-organisme-formation', 'SIRET');
    const siret = textField(siretNode)?.replace(/\s/g, '') ?? '';
    if (CODE_PATTERNS.SIRET.test(siret)) {
      organisme = {
        siret,
        raisonSociale: textField(child(organismeNode, 'raison-sociale')),
        nom: textField(child(organismeNode, 'nom-organisme')),
        numeroActivite: textField(child(organismeNode, 'numero-activite')),
      };
    } else {
      issue('warning', 'INVALID_SIRET', siretNode ?? organismeNode, `SIRET "${siret}" is not 14 digits: organisme not linked`);
    }
  }

  const seenSessions = new Set<string>();
  const actions: ActionRecord[] = [];
  children(node, 'action').forEach((actionNode, actionIndex) => {
    const actionId = blankToNull(actionNode.attrs.numero) ?? `${numero}#${actionIndex + 1}`;
    if (actions.some((a) => a.id === actionId)) {
      issue('reject', 'DUPLICATE_NUMERO', actionNode, `action numero "${actionId}" appears twice in this formation`, actionId);
      return;
    }
    const afield = <T>(at: XmlNode | undefined, parsed: Parsed<T | null>) => field(at, parsed, actionId);
    const lieuNode = child(actionNode, 'lieu-de-formation');
    const coordonnees = child(lieuNode, 'coordonnees');
    const adresse = child(coordonnees, 'adresse');
    const geo = child(adresse, 'geolocalisation');
    const lat = parseCoordinate(textOf(child(geo, 'latitude')), 'latitude');
    const lng = parseCoordinate(textOf(child(geo, 'longitude')), 'longitude');
    let latitude = lat.ok ? lat.value : null;
    let longitude = lng.ok ? lng.value : null;
    const broken = [lat, lng].flatMap((p) => (p.ok ? [] : [p.reason]));
    if (broken.length === 0 && ((latitude === null) !== (longitude === null) || (latitude === 0 && longitude === 0))) {
      broken.push('incomplete or null-island coordinates');
    }
    if (broken.length > 0) {
      issue('warning', 'INVALID_COORDINATES', geo ?? actionNode, `${broken.join('; ')}: place kept without coordinates`, actionId);
      latitude = longitude = null;
    }
    const insee = textField(child(adresse, 'code-INSEE-commune'));
    const extras = readExtras(actionNode);
    const sessions: SessionRecord[] = [];
    children(actionNode, 'session').forEach((sessionNode, sessionIndex) => {
      const sessionId = blankToNull(sessionNode.attrs.numero) ?? `${actionId}#${sessionIndex + 1}`;
      if (seenSessions.has(sessionId)) {
        issue('reject', 'DUPLICATE_NUMERO', sessionNode, `session numero "${sessionId}" appears twice in this formation`, sessionId);
        return;
      }
      const periode = child(sessionNode, 'periode');
      const debut = parseLheoDate(textOf(child(periode, 'debut')));
      const fin = parseLheoDate(textOf(child(periode, 'fin')));
      const reject = (code: IssueCode, reason: string) => {
        issue('reject', code, periode ?? sessionNode, reason, sessionId);
        rejectedSessions.push({ id: sessionId, actionId, reason, line: (periode ?? sessionNode).line });
      };
      if (!debut.ok || !fin.ok) return reject('INVALID_PERIOD', `periode: ${[debut, fin].flatMap((p) => (p.ok ? [] : [p.reason])).join('; ')}`);
      if (debut.value && fin.value && fin.value < debut.value)
        return reject('PERIOD_ENDS_BEFORE_START', `periode ends (${fin.value}) before it starts (${debut.value})`);
      seenSessions.add(sessionId);
      const etat = child(sessionNode, 'etat-recrutement');
      sessions.push({
        id: sessionId,
        line: sessionNode.line,
        debut: debut.value,
        fin: fin.value,
        etatRecrutement: field(etat, parseEtatRecrutement(textOf(etat)), sessionId),
        ...readFields(SESSION_FIELDS, sessionNode, (at, parsed) => field(at, parsed, sessionId)),
        extras: readExtras(sessionNode),
      });
    });
    const prix = child(actionNode, 'prix-total-TTC');
    const modalite = child(actionNode, 'modalites-enseignement');
    actions.push({
      id: actionId,
      line: actionNode.line,
      modalite: afield(modalite, parseModalite(textOf(modalite))),
      prixCents: afield(prix, parsePriceCents(textOf(prix))),
      ...readFields(ACTION_FIELDS, actionNode, afield),
      codePublicVise: children(actionNode, 'code-public-vise').flatMap((c) => textField(c) ?? []),
      financeurs: [
        ...new Set(
          children(actionNode, 'organisme-financeur').flatMap((f) => {
            const codeNode = child(f, 'code-financeur');
            const code = textField(codeNode);
            if (code === null) return [];
            if (isFunderCode(code)) return [code];
            issue(
              'warning',
              'INVALID_CODE',
              codeNode ?? f,
              `code-financeur "${code}" is not in the LHEO dictionary dict-financeurs (0 … 20): ignored`,
              actionId,
            );
            return [];
          }),
        ),
      ],
      // Declared on the action, else on the formation (as the demo and many exports do).
      cpfEligible: cpfEligibility(extras) ?? cpfEligibility(formationExtras),
      informationDates: children(actionNode, 'date-information').flatMap((info) => {
        const date = child(info, 'date');
        return afield(date, parseLheoDate(textOf(date))) ?? [];
      }),
      lieu: {
        nom: textField(child(coordonnees, 'ligne')) ?? textField(child(adresse, 'denomination')),
        lignes: children(adresse, 'ligne').flatMap((l) => textField(l) ?? []),
        codePostal: textField(child(adresse, 'codepostal')),
        ville: textField(child(adresse, 'ville')),
        codeInsee: insee && CODE_PATTERNS.INSEE.test(insee) ? insee : null,
        departement: textField(child(adresse, 'departement')),
        region: textField(child(adresse, 'region')),
        latitude,
        longitude,
      },
      extras,
      sessions,
    });
  });

  const objectif = richText(child(node, 'objectif-formation'));
  const resultats = richText(child(node, 'resultats-attendus'));
  const contenu = richText(child(node, 'contenu-formation'));
  return {
    formation: {
      numero,
      line: node.line,
      modifiedAt: node.attrs['horodatage-modification'] ?? null,
      intitule,
      objectifText: objectif.text,
      objectifHtml: objectif.html,
      resultatsText: resultats.text,
      resultatsHtml: resultats.html,
      contenuText: contenu.text,
      contenuHtml: contenu.html,
      codeRncp,
      codeRs,
      codeCertifinfo,
      codeCpf,
      certificationCode: codeRncp ?? codeRs,
      ...readFields(FORMATION_FIELDS, node, field),
      organisme,
      codes,
      extras: formationExtras,
      actions,
    },
    issues,
    rejectedSessions,
  };
}
