// How sure each part of a funding plan is, before and after a dossier exists: applied
// automatically (the holder's rights, a dotation, a convention's automated rule), subject to a
// funder's decision (who, by which day, what silence means), reserved in an envelope for this
// person × session, or committed (a dotation spent, a funder's acceptance). Pure: the holdings
// and requests are read by the caller.
import { addWorkingDays } from '@formations/schema/working-days';
import { requestStatusOn, type FranceTravailRequest } from './france-travail-request.ts';
import { CGU_MCF, funderParameterOn, type FunderParameterName } from './funder-parameters.ts';
import { formatDay } from './money.ts';
import type { Dotation, Funder, FunderKind, FundingRule, LawStatus } from './types.ts';

export const CERTAINTY_LEVELS = ['AUTOMATIC', 'FUNDER_DECISION', 'RESERVED', 'COMMITTED'] as const;
export type CertaintyLevel = (typeof CERTAINTY_LEVELS)[number];

export const SILENCE_MEANINGS = ['ACCEPTANCE', 'REFUSAL', 'NOT_SET'] as const;
export type SilenceMeaning = (typeof SILENCE_MEANINGS)[number];

export interface Certainty {
  level: CertaintyLevel;
  /** The funder who decides (FUNDER_DECISION) or decided (a committed request); null otherwise. */
  decidedBy: Funder | null;
  /** Last day the funder may answer; its silence takes effect the next day. Null when no delay is known. */
  decideBy: string | null;
  decideWithinWorkingDays: number | null;
  silenceMeans: SilenceMeaning | null;
  /** The text the level rests on. */
  source: string;
  /** How sure that text is (a funder's terms read through a secondary copy are REPORTED); null when none is known. */
  sourceStatus: LawStatus | null;
  /** The level in French, for the holder and the adviser. */
  label: string;
}

/** Money abondements holds for this person × session under a dossier's key. */
export type Holding =
  | { kind: 'RESERVATION'; ruleId: string; sessionId: string; amount: number; since: string }
  | { kind: 'DOTATION_USE'; dotationId: string; sessionId: string; amount: number; since: string };

/** A funder's terms for deciding on a top-up it is asked for: its delay and what its silence means, dated. */
export interface DecisionTerms {
  funderKind: FunderKind;
  validFrom: string;
  answerWithin: FunderParameterName;
  silenceMeans: Exclude<SilenceMeaning, 'NOT_SET'>;
  source: string;
  status: LawStatus;
}

// France Travail answers within a delay of working days (a dated funder parameter); "le silence
// vaut acceptation" (CGU Mon Compte Formation, shared/domain/abondements.md flow 1). No other
// funder's delay is known: its parts say so rather than guess.
export const DECISION_TERMS: readonly DecisionTerms[] = [
  {
    funderKind: 'FRANCE_TRAVAIL',
    validFrom: '2019-11-21',
    answerWithin: 'franceTravail.answerWithinWorkingDays',
    silenceMeans: 'ACCEPTANCE',
    source: CGU_MCF,
    status: 'REPORTED',
  },
];

export function decisionTermsOn(kind: FunderKind, date: string, table: readonly DecisionTerms[] = DECISION_TERMS): DecisionTerms | null {
  return (
    table
      .filter((t) => t.funderKind === kind && t.validFrom <= date)
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
      .at(-1) ?? null
  );
}

const SILENCE_WORDS: Record<Exclude<SilenceMeaning, 'NOT_SET'>, string> = { ACCEPTANCE: 'son silence vaut acceptation', REFUSAL: 'son silence vaut refus' };

const L6323_4_II = 'L6323-4 II (droits complémentaires)';
const L6323_4_III = 'L6323-4 III (droits supplémentaires)';

/** The holder's own acquired rights: debited at the order, nobody decides. */
export const CPF_RIGHTS_CERTAINTY: Certainty = {
  level: 'AUTOMATIC',
  decidedBy: null,
  decideBy: null,
  decideWithinWorkingDays: null,
  silenceMeans: null,
  source: 'L6323-11 ; décret 2025-1156',
  sourceStatus: 'IN_FORCE',
  label: 'automatique : droits acquis du titulaire, débités à la commande',
};

const plain = (level: CertaintyLevel, source: string, label: string): Certainty => ({
  level,
  decidedBy: null,
  decideBy: null,
  decideWithinWorkingDays: null,
  silenceMeans: null,
  source,
  sourceStatus: 'IN_FORCE',
  label,
});

/** A dotation: spent automatically at the order (first, décret 2025-1156); committed once spent for this session. */
export function dotationCertainty(dotation: Dotation, holdings: readonly Holding[]): Certainty {
  const use = holdings.find((h) => h.kind === 'DOTATION_USE' && h.dotationId === dotation.id);
  if (use)
    return plain(
      'COMMITTED',
      L6323_4_III,
      `engagé : ${formatDay(use.since.slice(0, 10))}, dépensé sur la dotation du financeur « ${dotation.funder.name} » pour cette session`,
    );
  return plain(
    'AUTOMATIC',
    `${L6323_4_III} ; décret 2025-1156`,
    `automatique : dotation du financeur « ${dotation.funder.name} », créditée d'avance et dépensée à la commande`,
  );
}

/**
 * A top-up: from a rule (and the funder's request on this session when the rule waits for the
 * funder's decision), or from a request alone. In order: accepted by the funder (committed), set
 * aside in the rule's envelope for this person × session (reserved), waiting for the funder, automatic.
 */
export function topUpCertainty(input: {
  funder: Funder;
  rule: FundingRule | null;
  request: FranceTravailRequest | null;
  holdings: readonly Holding[];
  today: string;
}): Certainty {
  const { funder, rule, request, holdings, today } = input;
  const status = request ? requestStatusOn(request, today) : null;
  const terms = decisionTermsOn(funder.kind, request?.submittedOn ?? today);
  const source = terms?.source ?? L6323_4_II;
  if (request && (status === 'ACCEPTED' || status === 'ACCEPTED_TACITLY')) {
    const how =
      status === 'ACCEPTED'
        ? `accordé par ${funder.name} le ${formatDay(request.decidedOn ?? today)}`
        : `accepté tacitement : ${funder.name} n'a pas répondu au plus tard le ${formatDay(request.answerDueBy)}`;
    return { ...plain('COMMITTED', source, `engagé : ${how}`), decidedBy: funder, decideBy: request.answerDueBy, sourceStatus: terms?.status ?? 'IN_FORCE' };
  }
  const reserved = rule && holdings.find((h) => h.kind === 'RESERVATION' && h.ruleId === rule.id);
  if (reserved)
    return plain(
      'RESERVED',
      L6323_4_II,
      `réservé le ${formatDay(reserved.since.slice(0, 10))} dans l'enveloppe de la règle « ${rule.label} » pour cette session`,
    );
  if (rule && rule.granting === 'AUTOMATIC') {
    return plain(
      'AUTOMATIC',
      `${L6323_4_II} ; convention du financeur avec la Caisse des Dépôts`,
      `automatique : règle de la convention de ${funder.name}, appliquée à la commande quand ses critères sont remplis`,
    );
  }
  // Waiting for the funder: the request's own deadline, or the one a request made today would have.
  if (!terms) {
    return {
      level: 'FUNDER_DECISION',
      decidedBy: funder,
      decideBy: null,
      decideWithinWorkingDays: null,
      silenceMeans: 'NOT_SET',
      source: L6323_4_II,
      sourceStatus: null,
      label: `soumis à la décision de ${funder.name} : aucun délai de réponse ni effet du silence connus, à demander au financeur`,
    };
  }
  const delay = funderParameterOn(terms.answerWithin, request?.submittedOn ?? today);
  const decideBy = request?.answerDueBy ?? addWorkingDays(today, delay.value);
  const asked = request ? `demande du ${formatDay(request.submittedOn)}` : 'si la demande est faite aujourd’hui';
  return {
    level: 'FUNDER_DECISION',
    decidedBy: funder,
    decideBy,
    decideWithinWorkingDays: delay.value,
    silenceMeans: terms.silenceMeans,
    source: terms.source,
    sourceStatus: terms.status,
    label: `soumis à la décision de ${funder.name} (${asked}) : réponse au plus tard le ${formatDay(decideBy)}, ${delay.value} jours ouvrés ; ${SILENCE_WORDS[terms.silenceMeans]}`,
  };
}
