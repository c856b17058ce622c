// Law parameters as effective-dated data: every amount, ceiling, rate and date the CPF rules
// use comes from data/parameters.json, so a new decree is a data change, not a code change.
// Each entry says how sure it is (status) and quotes the text it comes from; a draft is shown
// to advisers but never applied.
import fs from 'node:fs';
import { isIsoDate } from '@formations/schema/scalars';
import { formatDate } from './money.ts';
import { isSpendingOrder, type SpendingOrderValue } from './spending-order.ts';

/** What kind of value each known parameter holds; unknown ids are refused at load. */
const KINDS = {
  'acquisition.yearlyCredit.standard': 'cents',
  'acquisition.ceiling.standard': 'cents',
  'acquisition.halfTimePercent': 'percent',
  'acquisition.lowQualificationBelowLevel': 'level',
  'acquisition.yearlyCredit.lowQualified': 'cents',
  'acquisition.ceiling.lowQualified': 'cents',
  'acquisition.oethSupplement': 'cents',
  'acquisition.ceiling.oeth': 'cents',
  'acquisition.yearlyCredit.esat': 'cents',
  'acquisition.ceiling.esat': 'cents',
  'acquisition.yearlyCredit.selfEmployed': 'cents',
  'acquisition.ceiling.selfEmployed': 'cents',
  'acquisition.creditDayInFollowingYear': 'monthDay',
  'acquisition.oethSupplementProRata': 'flag',
  'acquisition.referenceHours': 'count',
  'acquisition.forfaitDaysMax': 'count',
  'acquisition.payReferenceSmicHours': 'count',
  'smic.hourly': 'cents',
  'extraCredit.correctif': 'cents',
  'extraCredit.correctif.minHeadcount': 'count',
  'extraCredit.correctif.reviewYears': 'count',
  'extraCredit.apcMinimum': 'cents',
  'extraCredit.c2pPoint': 'cents',
  'extraCredit.atmp': 'cents',
  'spending.order': 'spendingOrder',
  'participation.amount': 'cents',
  'participation.exemptJobSeekers': 'flag',
  'participation.exemptWithTopUpFrom': 'list',
  'participation.exemptWithDotationFrom': 'list',
  'participation.exemptC2pCareerChange': 'flag',
  'participation.exemptAtmpCredit': 'flag',
  'eligibility.kinds': 'list',
  'spendingCap.RS': 'cents',
  'spendingCap.BILAN_COMPETENCES': 'cents',
  'spendingCap.DRIVING_LICENCE_B': 'cents',
  'licenceB.requiresNoValidLicence': 'flag',
  'licenceB.requiresJobSeekerOrCoFunding': 'flag',
} as const;

export type ParameterId = keyof typeof KINDS;
type Kind = (typeof KINDS)[ParameterId];
type ValueOf<K extends Kind> = K extends 'flag'
  ? boolean
  : K extends 'list'
    ? string[]
    : K extends 'monthDay'
      ? string
      : K extends 'spendingOrder'
        ? SpendingOrderValue
        : number;
export type ParameterValue<I extends ParameterId> = ValueOf<(typeof KINDS)[I]>;

/** How sure the law is: in force (text checked), reported (secondary sources only), draft (not applied). */
export const LAW_STATUSES = ['in force', 'reported', 'draft'] as const;
export type LawStatus = (typeof LAW_STATUSES)[number];

export interface Parameter<I extends ParameterId = ParameterId> {
  id: I;
  value: ParameterValue<I>;
  /** Entry into force (for a draft: the day it was made public; it is never applied). */
  validFrom: string;
  /** Last day in force, inclusive; null while in force. */
  validUntil: string | null;
  source: string;
  status: LawStatus;
  /** The article's own words. */
  text: string;
  /** Why the status is what it is, when it is not plainly in force. */
  note: string | null;
}

export class ParameterError extends Error {}

function checkValue(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'cents':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'count':
      return Number.isSafeInteger(value) && (value as number) > 0;
    case 'spendingOrder':
      return isSpendingOrder(value);
    case 'percent':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100;
    case 'level':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 8;
    case 'monthDay':
      return typeof value === 'string' && isIsoDate(`2024-${value}`);
    case 'flag':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0);
  }
}

export class Parameters {
  private readonly byId = new Map<ParameterId, Parameter[]>();

  /** Validates every entry: known id, value of the right kind, dates, a source, a status, the text, no overlapping periods in force. */
  constructor(entries: unknown) {
    if (!Array.isArray(entries)) throw new ParameterError('parameters must be a list');
    for (const [index, raw] of entries.entries()) {
      const where = `parameter #${index}`;
      const p = raw as Record<string, unknown>;
      const id = p.id as ParameterId;
      if (typeof id !== 'string' || !(id in KINDS)) throw new ParameterError(`${where}: unknown id ${JSON.stringify(p.id)}`);
      if (!checkValue(KINDS[id], p.value)) throw new ParameterError(`${where} (${id}): value ${JSON.stringify(p.value)} is not a valid ${KINDS[id]}`);
      if (typeof p.validFrom !== 'string' || !isIsoDate(p.validFrom)) throw new ParameterError(`${where} (${id}): validFrom must be YYYY-MM-DD`);
      if (p.validUntil !== null && (typeof p.validUntil !== 'string' || !isIsoDate(p.validUntil) || p.validUntil < p.validFrom)) {
        throw new ParameterError(`${where} (${id}): validUntil must be null or a date on or after validFrom`);
      }
      if (typeof p.source !== 'string' || p.source.trim() === '') throw new ParameterError(`${where} (${id}): a legal source is required`);
      if (!LAW_STATUSES.includes(p.status as LawStatus)) {
        throw new ParameterError(`${where} (${id}): status must be one of ${LAW_STATUSES.map((s) => `"${s}"`).join(', ')}, got ${JSON.stringify(p.status)}`);
      }
      if (typeof p.text !== 'string' || p.text.trim() === '') throw new ParameterError(`${where} (${id}): the text of the article is required`);
      if (p.note !== undefined && p.note !== null && typeof p.note !== 'string') throw new ParameterError(`${where} (${id}): note must be a string`);
      if (p.status !== 'in force' && !p.note) throw new ParameterError(`${where} (${id}): a ${p.status} entry needs a note saying why`);
      const list = this.byId.get(id) ?? [];
      list.push({
        id,
        value: p.value,
        validFrom: p.validFrom,
        validUntil: p.validUntil,
        source: p.source,
        status: p.status,
        text: p.text,
        note: p.note ?? null,
      } as Parameter);
      this.byId.set(id, list);
    }
    for (const [id, list] of this.byId) {
      list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
      // A draft sits beside the value it would replace; only applied entries must not overlap.
      const applied = list.filter((p) => p.status !== 'draft');
      for (let i = 1; i < applied.length; i++) {
        const before = applied[i - 1]!;
        if (before.validUntil === null || before.validUntil >= applied[i]!.validFrom) {
          throw new ParameterError(`${id}: the period from ${before.validFrom} overlaps the one from ${applied[i]!.validFrom}`);
        }
      }
    }
  }

  /** The entry applied on `date` (drafts never are), or undefined when the rule does not exist on that day. */
  find<I extends ParameterId>(id: I, date: string): Parameter<I> | undefined {
    return this.byId.get(id)?.find((p) => p.status !== 'draft' && p.validFrom <= date && (p.validUntil === null || date <= p.validUntil)) as
      | Parameter<I>
      | undefined;
  }

  /** A draft of `id` made public by `date` and not withdrawn: the applied value may change. */
  pendingDraft<I extends ParameterId>(id: I, date: string): Parameter<I> | undefined {
    return this.byId.get(id)?.find((p) => p.status === 'draft' && p.validFrom <= date && (p.validUntil === null || date <= p.validUntil)) as
      | Parameter<I>
      | undefined;
  }

  /** The entry in force on `date`; throws when the data has a gap there. */
  at<I extends ParameterId>(id: I, date: string): Parameter<I> {
    const found = this.find(id, date);
    if (!found) throw new ParameterError(`aucune valeur de ${id} en vigueur le ${formatDate(date)} : la règle n'existe pas à cette date`);
    return found;
  }

  all(): Parameter[] {
    return [...this.byId.values()].flat();
  }
}

const PARAMETERS_FILE = new URL('../../data/parameters.json', import.meta.url);

export function loadParameters(file: URL | string = PARAMETERS_FILE): Parameters {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { parameters?: unknown };
  return new Parameters(json.parameters);
}
