// Law parameters as effective-dated data: every amount, ceiling, rate and date the CPF rules
// use comes from data/parameters.json, so a new decree is a data change, not a code change.
import fs from 'node:fs';
import { isIsoDate } from '@formations/schema/scalars';

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
  'extraCredit.correctif': 'cents',
  'extraCredit.c2pPoint': 'cents',
  'extraCredit.atmp': 'cents',
  'spending.supplementaryRightsFirst': 'flag',
  'participation.amount': 'cents',
  'participation.exemptJobSeekers': 'flag',
  'participation.exemptWithTopUpFrom': 'list',
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
type ValueOf<K extends Kind> = K extends 'flag' ? boolean : K extends 'list' ? string[] : K extends 'monthDay' ? string : number;
export type ParameterValue<I extends ParameterId> = ValueOf<(typeof KINDS)[I]>;

export interface Parameter<I extends ParameterId = ParameterId> {
  id: I;
  value: ParameterValue<I>;
  validFrom: string;
  /** Last day in force, inclusive; null while in force. */
  validUntil: string | null;
  source: string;
}

export class ParameterError extends Error {}

function checkValue(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'cents':
      return Number.isSafeInteger(value) && (value as number) >= 0;
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

  /** Validates every entry: known id, value of the right kind, dates, a source, no overlapping periods. */
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
      const list = this.byId.get(id) ?? [];
      list.push({ id, value: p.value, validFrom: p.validFrom, validUntil: p.validUntil, source: p.source } as Parameter);
      this.byId.set(id, list);
    }
    for (const [id, list] of this.byId) {
      list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1]!;
        if (before.validUntil === null || before.validUntil >= list[i]!.validFrom) {
          throw new ParameterError(`${id}: the period from ${before.validFrom} overlaps the one from ${list[i]!.validFrom}`);
        }
      }
    }
  }

  /** The entry in force on `date`, or undefined when the rule does not exist on that day. */
  find<I extends ParameterId>(id: I, date: string): Parameter<I> | undefined {
    return this.byId.get(id)?.find((p) => p.validFrom <= date && (p.validUntil === null || date <= p.validUntil)) as
      | Parameter<I>
      | undefined;
  }

  /** The entry in force on `date`; throws when the data has a gap there. */
  at<I extends ParameterId>(id: I, date: string): Parameter<I> {
    const found = this.find(id, date);
    if (!found) throw new ParameterError(`no value of ${id} in force on ${date}`);
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
