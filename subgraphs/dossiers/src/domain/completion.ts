// A partial completion: what the training organisation is owed for the hours the person attended,
// and what goes back to each payer. Dated parameters with their source, like the law's.
import type { PartKind } from './money.ts';

/** Whose rule: Mon Compte Formation's for CPF orders (EDOF), France Travail's for the AIF. */
export type CompletionScheme = 'CPF' | 'AIF';

export interface CompletionParameter {
  scheme: CompletionScheme;
  /** First day the rule applies (to a service validated, or an AIF invoiced, that day or later). */
  validFrom: string;
  /** Below this completion rate (percent), the organisation is owed `floorShare` percent of the price. */
  floorBelow: number;
  floorShare: number;
  /** From this completion rate (percent), the organisation is owed the whole price. */
  wholeFrom: number;
  /** `in force`: read in the source; `reported`: our reading of a secondary source, to be confirmed. */
  status: 'in force' | 'reported';
  source: string;
}

// The domain file says only that the service done is declared with "absences, completion rate"
// (shared/domain/dossiers.md) and that for the AIF the organisation "declares attendance and exit,
// and invoices France Travail"; the CPF shares are those of the Mon Compte Formation terms of use
// as published when the platform opened, as training organisations reproduce them.
export const COMPLETION_PARAMETERS: readonly CompletionParameter[] = [
  {
    scheme: 'CPF',
    validFrom: '2019-11-21',
    floorBelow: 25,
    floorShare: 25,
    wholeFrom: 80,
    status: 'in force',
    source:
      'Mon Compte Formation terms of use (2019), on an abandonment or absences: "avec une assiduité inférieure à 25 %, l\'organisme de formation recevra 25 % du coût"; "entre 25 % et 80 %, une rémunération calculée au prorata des heures de formation effectuées"; "80 % ou plus, 100 % du coût de la commande" (as reproduced in organisations\' published conditions, e.g. cours.zdacademy.fr/home/refund_policy). The terms state no rounding: the amount owed is rounded down to the cent (nothing is paid for hours not attended, Code du travail L6354-1)',
  },
  {
    // No floor and no whole-price threshold: France Travail pays the hours done, pro rata.
    scheme: 'AIF',
    validFrom: '2019-11-21',
    floorBelow: 0,
    floorShare: 0,
    wholeFrom: 100,
    status: 'reported',
    source:
      'France Travail, aide individuelle à la formation: "Le montant de l\'AIF est versé directement à l\'organisme de formation par France Travail à la fin du stage après production de certains justificatifs" (Carif-Oref Occitanie, fiche AIF; cariforefoccitanie.fr). The justificatifs are the attendance the organisation declares; that an incomplete attendance is paid strictly pro rata of the hours done (no floor, no threshold) is our reading of the tripartite agreement, to be confirmed against its text. Rounded down to the cent, as for the CPF',
  },
];

export function completionParameterOn(day: string, scheme: CompletionScheme = 'CPF'): CompletionParameter {
  const inForce = COMPLETION_PARAMETERS.filter((p) => p.scheme === scheme && p.validFrom <= day).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  if (!inForce) throw new RangeError(`no ${scheme} completion rule in force on ${day}`);
  return inForce;
}

/** The share of the price (percent) owed for a completion rate (whole percent, 0–100). */
export function paidShare(rate: number, parameter: CompletionParameter): number {
  if (!Number.isInteger(rate) || rate < 0 || rate > 100) throw new RangeError(`a completion rate is a whole percent from 0 to 100, got ${rate}`);
  if (rate < parameter.floorBelow) return parameter.floorShare;
  if (rate >= parameter.wholeFrom) return 100;
  return rate;
}

/** What the organisation is owed, in cents: the price × the paid share, rounded down to the cent. */
export const amountDue = (price: number, rate: number, parameter: CompletionParameter) => Math.floor((price * paidShare(rate, parameter)) / 100);

export interface Settlement {
  due: number;
  /** For each part, in the order given (the spending order), what stays taken. */
  kept: number[];
  /** What the holder paid themselves (the remaining cost) and gets back. */
  remainingCostRefund: number;
}

/**
 * Who pays what is owed. Our rule: the amount owed is spent in the plan's spending order (décret
 * 2025-1156: dotations, then the holder's CPF rights, then top-ups; the holder's own payment last),
 * so what was not owed goes back from the other end: the holder's payment and the top-ups first,
 * the dotations last. Each part keeps min(its amount, what is still owed): the kept parts and the
 * holder's kept payment add up to the amount owed exactly.
 */
export function settle(
  parts: readonly { kind: PartKind; amount: number }[],
  remainingCost: number,
  price: number,
  rate: number,
  parameter: CompletionParameter,
): Settlement {
  const due = amountDue(price, rate, parameter);
  let owed = due;
  const kept = parts.map((p) => {
    const k = Math.min(p.amount, owed);
    owed -= k;
    return k;
  });
  const holderKept = Math.min(remainingCost, owed);
  return { due, kept, remainingCostRefund: remainingCost - holderKept };
}
