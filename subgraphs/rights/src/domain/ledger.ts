// The CPF account as an append-only ledger: the balance is the sum of its entries. Only the
// holder's acquired rights count against the ceiling (extra credits do not, L6323-13), so the
// fold keeps the two apart and spends them in the order in force on the day of each debit.
import { formatDate, formatEuros } from './money.ts';
import type { Parameters } from './parameters.ts';
import type { YearEntitlement } from './acquisition.ts';
import { spendingOrderOn, supplementaryFirst } from './spending-order.ts';

export const ENTRY_KINDS = ['ACQUISITION', 'DEBIT', 'REFUND', 'CORRECTIF', 'C2P', 'ATMP', 'APC'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const EXTRA_CREDIT_KINDS = ['CORRECTIF', 'C2P', 'ATMP', 'APC'] as const;
export type ExtraCreditKind = (typeof EXTRA_CREDIT_KINDS)[number];

export interface LedgerEntry {
  kind: EntryKind;
  /** Signed cents: credits positive, debits negative. */
  amount: number;
  effectiveDate: string;
}

export interface Balances {
  balance: number;
  /** Acquired rights: what the ceiling is compared with. */
  acquired: number;
  /** Extra credits not yet spent (correctif, C2P, AT/MP, APC): outside the ceiling. */
  supplementary: number;
}

export const EMPTY: Balances = { balance: 0, acquired: 0, supplementary: 0 };

/** One entry applied to the running balances. */
export function apply(balances: Balances, entry: LedgerEntry, params: Parameters): Balances {
  const { acquired, supplementary } = balances;
  switch (entry.kind) {
    case 'ACQUISITION':
      return { balance: balances.balance + entry.amount, acquired: acquired + entry.amount, supplementary };
    case 'CORRECTIF':
    case 'C2P':
    case 'ATMP':
    case 'APC':
      return { balance: balances.balance + entry.amount, acquired, supplementary: supplementary + entry.amount };
    case 'REFUND':
      // A cancelled dossier gives the money back as acquired rights (the ledger does not track which pot paid).
      return { balance: balances.balance + entry.amount, acquired: acquired + entry.amount, supplementary };
    case 'DEBIT': {
      const spent = -entry.amount;
      const fromSupplementary = supplementaryFirst(spendingOrderOn(entry.effectiveDate, params))
        ? Math.min(spent, supplementary)
        : Math.max(0, spent - acquired);
      return { balance: balances.balance - spent, acquired: acquired - (spent - fromSupplementary), supplementary: supplementary - fromSupplementary };
    }
  }
}

export interface AcquisitionCredit {
  entitlement: YearEntitlement;
  /** What is actually credited once the ceiling is applied. */
  credited: number;
  explanation: string;
}

/** A year's entitlement cut so the acquired rights do not exceed the ceiling (L6323-11). */
export function capToCeiling(entitlement: YearEntitlement, acquired: number): AcquisitionCredit {
  const room = Math.max(0, entitlement.ceiling - acquired);
  const credited = Math.min(entitlement.amount, room);
  const lost = entitlement.amount - credited;
  const ceilingText =
    lost === 0
      ? ''
      : credited === 0
        ? ` ; plafond de ${formatEuros(entitlement.ceiling)} atteint (droits acquis : ${formatEuros(acquired)}) : rien n'est inscrit, ${formatEuros(lost)} perdus (L6323-11)`
        : ` ; plafond de ${formatEuros(entitlement.ceiling)} : les droits acquis étaient de ${formatEuros(acquired)}, ${formatEuros(credited)} inscrits et ${formatEuros(lost)} perdus (L6323-11)`;
  return { entitlement, credited, explanation: `${entitlement.explanation}${ceilingText}` };
}

export interface Replay {
  balances: Balances;
  /** The credits of the pending entitlements, each computed against the balance on its date. */
  credits: AcquisitionCredit[];
}

/**
 * Replays posted entries and pending yearly entitlements in date order up to `until`
 * (inclusive), crediting each entitlement against the acquired rights on its credit date.
 * On one day, posted entries come before the pending credits.
 */
export function replay(entries: readonly LedgerEntry[], pending: readonly YearEntitlement[], params: Parameters, until: string): Replay {
  type Event = { date: string; order: number; entry?: LedgerEntry; entitlement?: YearEntitlement };
  const events: Event[] = [
    ...entries.filter((e) => e.effectiveDate <= until).map((entry, order) => ({ date: entry.effectiveDate, order, entry })),
    ...pending
      .filter((p) => p.creditDate <= until)
      .map((entitlement) => ({ date: entitlement.creditDate, order: entries.length + entitlement.year, entitlement })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
  let balances = EMPTY;
  const credits: AcquisitionCredit[] = [];
  for (const event of events) {
    if (event.entry) {
      balances = apply(balances, event.entry, params);
    } else if (event.entitlement) {
      const credit = capToCeiling(event.entitlement, balances.acquired);
      credits.push(credit);
      balances = apply(balances, { kind: 'ACQUISITION', amount: credit.credited, effectiveDate: event.date }, params);
    }
  }
  return { balances, credits };
}

export interface ExtraCredit {
  kind: ExtraCreditKind;
  amount: number;
  explanation: string;
  legalSource: string;
}

/** What the operator knows of the facts behind an extra credit. */
export interface ExtraCreditFacts {
  /** C2P: the points converted. */
  c2pPoints?: number;
  /** APC: what the employer pays (at least the legal minimum). */
  amount?: number;
  /** Correctif: the facts over the review period of the professional interviews (L6315-1 II). */
  correctif?: CorrectifFacts;
}

export interface CorrectifFacts {
  /** Employees of the firm. */
  firmHeadcount: number;
  /** Every professional interview required over the review period was held. */
  interviewsHeld: boolean;
  /** The employee had at least one non-mandatory training over the review period (other than L6321-2). */
  nonMandatoryTraining: boolean;
}

export type ExtraCreditRefusal = 'FACTS_MISSING' | 'FIRM_TOO_SMALL' | 'INTERVIEWS_HELD' | 'TRAINING_GIVEN' | 'BELOW_MINIMUM';

/** A credit the facts do not open, with the reason in words and as a code. */
export class ExtraCreditError extends Error {
  constructor(
    message: string,
    readonly code: ExtraCreditRefusal,
  ) {
    super(message);
  }
}

/** The abondement correctif is owed only when every condition of L6315-1 II holds; otherwise it is refused, saying which one fails. */
function correctif(date: string, params: Parameters, facts: CorrectifFacts | undefined): ExtraCredit {
  if (!facts || !Number.isInteger(facts.firmHeadcount) || facts.firmHeadcount < 0) {
    throw new ExtraCreditError(
      "abondement correctif : il faut l'effectif de l'entreprise, si les entretiens ont eu lieu et si une formation non obligatoire a été suivie (L6315-1 II)",
      'FACTS_MISSING',
    );
  }
  const amount = params.at('extraCredit.correctif', date);
  const minHeadcount = params.at('extraCredit.correctif.minHeadcount', date);
  const review = params.at('extraCredit.correctif.reviewYears', date);
  const period = `sur la période de ${review.value} ans${review.status === 'in force' ? '' : ' (durée rapportée, à confirmer)'}`;
  if (facts.firmHeadcount < minHeadcount.value) {
    throw new ExtraCreditError(
      `abondement correctif refusé : l'entreprise compte ${facts.firmHeadcount} salariés, il n'est dû que dans les entreprises d'au moins ${minHeadcount.value} salariés (L6315-1 II)`,
      'FIRM_TOO_SMALL',
    );
  }
  if (facts.interviewsHeld) {
    throw new ExtraCreditError(`abondement correctif refusé : les entretiens professionnels prévus ${period} ont eu lieu (L6315-1 II)`, 'INTERVIEWS_HELD');
  }
  if (facts.nonMandatoryTraining) {
    throw new ExtraCreditError(
      `abondement correctif refusé : le salarié a suivi au moins une formation non obligatoire ${period} (L6315-1 II)`,
      'TRAINING_GIVEN',
    );
  }
  return {
    kind: 'CORRECTIF',
    amount: amount.value,
    explanation: `abondement correctif : entreprise de ${facts.firmHeadcount} salariés, entretiens professionnels manqués et aucune formation non obligatoire ${period} : ${formatEuros(amount.value)}, hors plafond`,
    legalSource: `${amount.source}; ${review.source}`,
  };
}

/** The amount of an extra credit on its date: a fixed sum, C2P points at the value of the day, or what the employer pays after an APC. */
export function extraCredit(kind: ExtraCreditKind, date: string, params: Parameters, facts: ExtraCreditFacts = {}): ExtraCredit {
  switch (kind) {
    case 'CORRECTIF':
      return correctif(date, params, facts.correctif);
    case 'ATMP': {
      const p = params.at('extraCredit.atmp', date);
      return {
        kind,
        amount: p.value,
        explanation: `accident du travail ou maladie professionnelle avec une incapacité permanente d'au moins 10 % : ${formatEuros(p.value)} pour une reconversion, hors plafond`,
        legalSource: p.source,
      };
    }
    case 'C2P': {
      const points = facts.c2pPoints;
      if (points === undefined || !Number.isInteger(points) || points <= 0)
        throw new ExtraCreditError('un crédit C2P demande un nombre entier de points, positif (R4163-11)', 'FACTS_MISSING');
      const p = params.at('extraCredit.c2pPoint', date);
      const amount = points * p.value;
      return {
        kind,
        amount,
        explanation: `${points} point(s) C2P convertis le ${formatDate(date)} à ${formatEuros(p.value)} l'un : ${formatEuros(amount)}, hors plafond`,
        legalSource: p.source,
      };
    }
    case 'APC': {
      const minimum = params.at('extraCredit.apcMinimum', date);
      const amount = facts.amount;
      if (amount === undefined || !Number.isSafeInteger(amount))
        throw new ExtraCreditError(
          "abondement après refus d'un accord de performance collective : il faut le montant versé par l'employeur (R6323-3-2)",
          'FACTS_MISSING',
        );
      if (amount < minimum.value) {
        throw new ExtraCreditError(
          `abondement après refus d'un accord de performance collective refusé : ${formatEuros(amount)} est moins que le minimum de ${formatEuros(minimum.value)} (L2254-2, R6323-3-2)`,
          'BELOW_MINIMUM',
        );
      }
      return {
        kind,
        amount,
        explanation: `licenciement après refus d'un accord de performance collective : ${formatEuros(amount)} versés par l'employeur (au moins ${formatEuros(minimum.value)}), hors plafond`,
        legalSource: minimum.source,
      };
    }
  }
}
