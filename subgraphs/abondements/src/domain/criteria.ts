// A funder's criteria, declared once. Everything else is derived from the two tables below:
// - FACTS: what the plan reads of the holder and of the session, with its type: the domain
//   types PersonFacts / SessionFacts, the @external fields of HolderFacts / SessionFacts and the
//   `holder { … } sessionFacts { … }` part of fundingPlan's @requires (src/schema/plans.ts);
// - CRITERIA: each criterion a funder can save on a rule: its code (FundingCriterion), its
//   French words, the fact it reads, its kind (one-of / any-of / range) and the GraphQL fields it
//   takes: the domain type RuleCriteria (also the JSON of the `rules.criteria` column), the check
//   (src/domain/matching.ts dispatches on `kind`), RuleCriteria / RuleCriteriaInput
//   (src/schema/convention.ts) and the FundingCriterion values (src/schema/enums.ts).
// Adding a criterion: one entry in CRITERIA (and, if it reads a fact not yet in FACTS, that fact
// here and in the subgraph that owns it). See docs/how-to.md.
import type { CpfQuote, HolderStatus } from './types.ts';

/** The value types a fact or a criterion's field can have, as GraphQL names them. */
interface ValueTypes {
  String: string;
  Int: number;
  Cents: number;
  Date: string;
  HolderStatus: HolderStatus;
}
export type ValueType = keyof ValueTypes;

export interface FactDef {
  type: ValueType;
  /** A list of values (never null): `[String!]!`. */
  list?: true;
  nullable?: true;
}

/**
 * The holder's and the session's facts the funding plan reads, as catalog passes them with each
 * option (TrainingOption.holder, TrainingOption.sessionFacts; docs/federation-contract.md). The
 * order is the order of the @requires selection.
 */
export const FACTS = {
  holder: {
    status: { type: 'HolderStatus' },
    qualificationLevel: { type: 'Int', nullable: true },
    homeRegion: { type: 'String', nullable: true },
    homeDepartement: { type: 'String', nullable: true },
    employerSiret: { type: 'String', nullable: true },
    employerIdcc: { type: 'String', nullable: true },
  },
  sessionFacts: {
    price: { type: 'Cents', nullable: true },
    startDate: { type: 'Date', nullable: true },
    region: { type: 'String', nullable: true },
    departement: { type: 'String', nullable: true },
    formacodes: { type: 'String', list: true },
    romeCodes: { type: 'String', list: true },
    nsfCodes: { type: 'String', list: true },
    certificationCode: { type: 'String', nullable: true },
  },
} as const satisfies Record<'holder' | 'sessionFacts', Record<string, FactDef>>;

type FactValue<F> = F extends { type: infer T extends ValueType; list: true }
  ? ValueTypes[T][]
  : F extends { type: infer T extends ValueType; nullable: true }
    ? ValueTypes[T] | null
    : F extends { type: infer T extends ValueType }
      ? ValueTypes[T]
      : never;
type FactsOf<S> = { -readonly [K in keyof S]: FactValue<S[K]> };

/** What the plan knows of the holder (passport's facts, passed on by catalog). */
export type PersonFacts = { id: string } & FactsOf<typeof FACTS.holder>;
/** What the plan knows of the session (catalog's SessionFacts). */
export type SessionFacts = { id: string } & FactsOf<typeof FACTS.sessionFacts>;

/** Where a criterion reads its fact: the holder, the session, or rights' CPF quote. */
export type FactRef =
  | { from: 'holder'; field: keyof typeof FACTS.holder }
  | { from: 'sessionFacts'; field: keyof typeof FACTS.sessionFacts }
  | { from: 'cpfQuote'; field: keyof CpfQuote };

/** One GraphQL field of a criterion (the same name in RuleCriteria and RuleCriteriaInput). */
export interface CriterionField {
  name: string;
  description: string;
}

interface CriterionBase {
  /** Its FundingCriterion value: what a rule decision names. */
  code: string;
  /** What it means, for the FundingCriterion value's description. */
  description: string;
  /** The fact it reads, in French with its article: "le statut du titulaire". */
  words: string;
  /** "connue" rather than "connu" when the fact is unknown. */
  feminine?: true;
  /** The fact, first known value of these (the price: the quote's, else the session's). */
  reads: readonly FactRef[];
  /** How a value is written in an explanation (default: as it is; Cents: "1 234,56 €"). */
  show?(value: string): string;
}

/** The fact is one value; the rule lists the values it accepts. */
export interface OneOfCriterion extends CriterionBase {
  kind: 'oneOf';
  type: 'String' | 'HolderStatus';
  field: CriterionField;
}
/** The fact is a list of codes; the rule is met when they share one with its list. */
export interface AnyOfCriterion extends CriterionBase {
  kind: 'anyOf';
  type: 'String';
  field: CriterionField;
}
/** The fact is a number; the rule bounds it (at least, below: exclusive, at most). */
export interface RangeCriterion extends CriterionBase {
  kind: 'range';
  type: 'Int' | 'Cents';
  bounds: { atLeast?: CriterionField; below?: CriterionField; atMost?: CriterionField };
}
export type CriterionDef = OneOfCriterion | AnyOfCriterion | RangeCriterion;

export const HOLDER_STATUS_WORDS: Record<HolderStatus, string> = {
  JOB_SEEKER: "demandeur d'emploi",
  EMPLOYEE: 'salarié',
  SELF_EMPLOYED: 'travailleur indépendant',
};

/** The criteria a funder can save on a rule, in the order they are checked. */
export const CRITERIA = [
  {
    code: 'HOLDER_STATUS',
    description: "The holder's status (job seeker, employee, self-employed).",
    kind: 'oneOf',
    type: 'HolderStatus',
    words: 'le statut du titulaire',
    reads: [{ from: 'holder', field: 'status' }],
    field: { name: 'holderStatuses', description: 'Holder statuses accepted.' },
    show: (status: string) => HOLDER_STATUS_WORDS[status as HolderStatus] ?? status,
  },
  {
    code: 'RESIDENCE_REGION',
    description: "The holder's région of residence.",
    kind: 'oneOf',
    type: 'String',
    words: 'la région de résidence',
    feminine: true,
    reads: [{ from: 'holder', field: 'homeRegion' }],
    field: { name: 'residenceRegions', description: 'INSEE région codes of residence accepted.' },
  },
  {
    code: 'RESIDENCE_DEPARTEMENT',
    description: "The holder's département of residence.",
    kind: 'oneOf',
    type: 'String',
    words: 'le département de résidence',
    reads: [{ from: 'holder', field: 'homeDepartement' }],
    field: { name: 'residenceDepartements', description: 'Départements of residence accepted.' },
  },
  {
    code: 'BRANCH',
    description: "The branch (IDCC) of the holder's employer.",
    kind: 'oneOf',
    type: 'String',
    words: 'la branche',
    feminine: true,
    reads: [{ from: 'holder', field: 'employerIdcc' }],
    field: { name: 'branchIdccs', description: "IDCC codes of the holder's branch accepted." },
    show: (idcc: string) => `IDCC ${idcc}`,
  },
  {
    code: 'EMPLOYER',
    description: "The holder's employer (SIRET).",
    kind: 'oneOf',
    type: 'String',
    words: "le SIRET de l'employeur",
    reads: [{ from: 'holder', field: 'employerSiret' }],
    field: { name: 'employerSirets', description: "SIRETs of the holder's employer accepted." },
  },
  {
    code: 'CPF_BALANCE',
    description: "The holder's CPF balance on the quote's date.",
    kind: 'range',
    type: 'Cents',
    words: 'le solde CPF',
    reads: [{ from: 'cpfQuote', field: 'balance' }],
    bounds: {
      atLeast: { name: 'cpfBalanceAtLeast', description: 'Lowest CPF balance accepted.' },
      below: { name: 'cpfBalanceBelow', description: 'The CPF balance must be below this.' },
    },
  },
  {
    code: 'QUALIFICATION_LEVEL',
    description: "The holder's qualification level (0 … 8).",
    kind: 'range',
    type: 'Int',
    words: 'le niveau de qualification',
    reads: [{ from: 'holder', field: 'qualificationLevel' }],
    bounds: {
      atLeast: { name: 'qualificationLevelAtLeast', description: 'Lowest qualification level accepted.' },
      atMost: { name: 'qualificationLevelAtMost', description: 'Highest qualification level accepted.' },
    },
  },
  {
    code: 'CERTIFICATION',
    description: 'The certification (RNCP/RS) the session prepares.',
    kind: 'oneOf',
    type: 'String',
    words: 'la certification visée',
    feminine: true,
    reads: [{ from: 'sessionFacts', field: 'certificationCode' }],
    field: { name: 'certificationCodes', description: 'RNCP/RS codes of the certifications funded.' },
  },
  {
    code: 'FORMACODE',
    description: "The session's Formacodes.",
    kind: 'anyOf',
    type: 'String',
    words: 'les Formacodes de la session',
    reads: [{ from: 'sessionFacts', field: 'formacodes' }],
    field: { name: 'formacodes', description: 'Formacode domains funded.' },
  },
  {
    code: 'NSF',
    description: "The session's NSF domains.",
    kind: 'anyOf',
    type: 'String',
    words: 'les domaines NSF de la session',
    reads: [{ from: 'sessionFacts', field: 'nsfCodes' }],
    field: { name: 'nsfCodes', description: 'NSF domains funded.' },
  },
  {
    code: 'ROME',
    description: 'The jobs (ROME) the session prepares for.',
    kind: 'anyOf',
    type: 'String',
    words: 'les métiers (ROME) que prépare la session',
    reads: [{ from: 'sessionFacts', field: 'romeCodes' }],
    field: { name: 'romeCodes', description: 'ROME jobs the session must prepare for.' },
  },
  {
    code: 'TRAINING_REGION',
    description: 'The région of the place of training.',
    kind: 'oneOf',
    type: 'String',
    words: 'la région du lieu de formation',
    feminine: true,
    reads: [{ from: 'sessionFacts', field: 'region' }],
    field: { name: 'trainingRegions', description: 'INSEE région codes where the training must take place.' },
  },
  {
    code: 'TRAINING_DEPARTEMENT',
    description: 'The département of the place of training.',
    kind: 'oneOf',
    type: 'String',
    words: 'le département du lieu de formation',
    reads: [{ from: 'sessionFacts', field: 'departement' }],
    field: { name: 'trainingDepartements', description: 'Départements where the training must take place, e.g. "85".' },
  },
  {
    code: 'PRICE',
    description: 'The price of the session (the quote’s, else the catalogue’s).',
    kind: 'range',
    type: 'Cents',
    words: 'le prix',
    reads: [
      { from: 'cpfQuote', field: 'price' },
      { from: 'sessionFacts', field: 'price' },
    ],
    bounds: {
      atLeast: { name: 'priceAtLeast', description: 'Lowest session price accepted.' },
      atMost: { name: 'priceAtMost', description: 'Highest session price accepted.' },
    },
  },
] as const satisfies readonly CriterionDef[];

export type CriterionEntry = (typeof CRITERIA)[number];
export type RuleCriterionCode = CriterionEntry['code'];

type FieldsOf<E> = E extends { kind: 'oneOf' | 'anyOf'; type: infer T extends ValueType; field: { name: infer N extends string } }
  ? { [K in N]?: ValueTypes[T][] }
  : E extends { kind: 'range'; bounds: infer B }
    ? { [K in keyof B as B[K] extends { name: infer N extends string } ? N : never]?: number }
    : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * What a rule asks of the holder and the session (derived from CRITERIA). An absent criterion
 * accepts everyone; a list accepts any of its values. Money bounds are in cents.
 */
export type RuleCriteria = Flatten<UnionToIntersection<FieldsOf<CriterionEntry>>>;

/** Every GraphQL field of every criterion, in table order: RuleCriteria's and RuleCriteriaInput's. */
export type CriterionGraphQLField = CriterionField & { type: ValueType; list: boolean; criterion: RuleCriterionCode };
export function criterionFields(): CriterionGraphQLField[] {
  return (CRITERIA as readonly CriterionDef[]).flatMap((c): CriterionGraphQLField[] =>
    c.kind === 'range'
      ? (['atLeast', 'below', 'atMost'] as const).flatMap((bound) => {
          const field = c.bounds[bound];
          return field ? [{ ...field, type: c.type, list: false, criterion: c.code as RuleCriterionCode }] : [];
        })
      : [{ ...c.field, type: c.type, list: true, criterion: c.code as RuleCriterionCode }],
  );
}

/**
 * What is wrong with criteria a funder saves, in French (null when nothing): a range bound that is
 * negative or leaves no value possible would make a rule that never applies.
 */
export function criteriaProblem(criteria: RuleCriteria): string | null {
  const values = criteria as Record<string, number | undefined>;
  for (const c of CRITERIA as readonly CriterionDef[]) {
    if (c.kind !== 'range') continue;
    const [atLeast, below, atMost] = (['atLeast', 'below', 'atMost'] as const).map((b) => {
      const field = c.bounds[b];
      return field ? { name: field.name, value: values[field.name] } : undefined;
    });
    for (const bound of [atLeast, below, atMost]) {
      if (bound?.value !== undefined && bound.value < 0) return `${bound.name} ne peut pas être négatif`;
    }
    if (atLeast?.value !== undefined && atMost?.value !== undefined && atLeast.value > atMost.value) {
      return `${atLeast.name} ne peut pas dépasser ${atMost.name} : aucune valeur ne remplirait le critère ${c.code}`;
    }
    if (atLeast?.value !== undefined && below?.value !== undefined && atLeast.value >= below.value) {
      return `${atLeast.name} doit être inférieur à ${below.name} : aucune valeur ne remplirait le critère ${c.code}`;
    }
  }
  return null;
}
