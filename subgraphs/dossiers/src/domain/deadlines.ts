// The delays a dossier runs against, in French working days, as dated parameters with their
// source. A deadline's `dueOn` is the last day the actor may act; from the next day (Paris) its
// effect applies: on read, and by the sweep that re-reads due deadlines from the database.
import { addDays, addWorkingDays } from '@formations/schema/working-days';
import type { DossierState, FundingRoute, Transition } from './states.ts';

export const DEADLINE_KINDS = [
  'ORGANISATION_ANSWER',
  'ORGANISATION_ANSWER_PREREQUISITES',
  'HOLDER_ACCEPTANCE',
  'FUNDER_SILENCE',
  'FREE_CANCELLATION',
  'DECISION_BEFORE_START',
  'ENTRY_DECLARATION',
  'EXIT_DECLARATION',
  'SERVICE_DONE_VALIDATION',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface DeadlineParameter {
  kind: Exclude<DeadlineKind, 'DECISION_BEFORE_START'>;
  workingDays: number;
  /** First day the delay applies (to a state entered that day or later). */
  validFrom: string;
  source: string;
}

// Mon Compte Formation opened on 21 Nov 2019; the public terms give no start date of their own
// for these delays, so they apply from then until a dated change is added here.
export const DEADLINE_PARAMETERS: readonly DeadlineParameter[] = [
  {
    kind: 'ORGANISATION_ANSWER',
    workingDays: 2,
    validFrom: '2019-11-21',
    source:
      'EDOF: the organisation answers a request within 2 working days (30 when prerequisites must be checked), else the request lapses (shared/domain/dossiers.md)',
  },
  {
    kind: 'HOLDER_ACCEPTANCE',
    workingDays: 4,
    validFrom: '2019-11-21',
    source: 'EDOF: the holder accepts the proposed order within 4 working days after validated, else it lapses (shared/domain/dossiers.md)',
  },
  {
    kind: 'FUNDER_SILENCE',
    workingDays: 10,
    validFrom: '2019-11-21',
    source: 'France Travail top-up on Mon Compte Formation: answer within 10 working days, silence means acceptance (shared/domain/abondements.md, flow 1)',
  },
  {
    kind: 'ORGANISATION_ANSWER_PREREQUISITES',
    workingDays: 30,
    validFrom: '2019-11-21',
    source:
      'EDOF: "≤ 2 working days (30 when prerequisites must be checked)" (shared/domain/dossiers.md); the terms as organisations summarise them: the organisation acknowledges the request within 2 working days, then has thirty working days to answer it (apifop.fr/?p=23342, summarising the terms of use); else the request lapses',
  },
  {
    kind: 'ENTRY_DECLARATION',
    workingDays: 3,
    validFrom: '2019-11-21',
    source:
      'EDOF: "inTraining: entry declared by the organisation, ≤ 3 working days after the real start" (shared/domain/dossiers.md); "Vous disposez de trois jours ouvrés pour procéder à cette déclaration" (of.moncompteformation.gouv.fr, aide "Déclarer l\'entrée en formation")',
  },
  {
    kind: 'EXIT_DECLARATION',
    workingDays: 3,
    validFrom: '2019-11-21',
    source: 'EDOF: "terminated: exit declared (reason code) by the organisation, ≤ 3 working days" after the real exit (shared/domain/dossiers.md)',
  },
  {
    kind: 'SERVICE_DONE_VALIDATION',
    workingDays: 5,
    validFrom: '2019-11-21',
    source:
      'EDOF: "serviceDoneDeclared … correctable for 5 days"; "serviceDoneValidated: the operator validates, automatically after 5 working days unless it opens a control" (shared/domain/dossiers.md)',
  },
  {
    kind: 'FREE_CANCELLATION',
    workingDays: 11,
    validFrom: '2019-11-21',
    source: 'EDOF: the holder cancels free of charge during the 11 working days after acceptance (shared/domain/dossiers.md)',
  },
];

export function parameterOn(kind: DeadlineParameter['kind'], day: string): DeadlineParameter {
  const inForce = DEADLINE_PARAMETERS.filter((p) => p.kind === kind && p.validFrom <= day).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  if (!inForce) throw new RangeError(`no ${kind} delay in force on ${day}`);
  return inForce;
}

export interface Deadline {
  kind: DeadlineKind;
  /** Last day to act (Paris); the effect applies from the next day. */
  dueOn: string;
  workingDays: number | null;
  source: string;
  /** The system transition applied when it passes; null for a deadline that only changes a rule (free cancellation). */
  effect: Transition | null;
}

function fromParameter(kind: DeadlineParameter['kind'], enteredOn: string): Deadline {
  const p = parameterOn(kind, enteredOn);
  return { kind, dueOn: addWorkingDays(enteredOn, p.workingDays), workingDays: p.workingDays, source: p.source, effect: DEADLINE_EFFECTS[kind] };
}

/** What happens when each deadline passes (null: nothing happens, a rule changes). */
export const DEADLINE_EFFECTS: Record<DeadlineKind, Transition | null> = {
  ORGANISATION_ANSWER: 'lapse',
  ORGANISATION_ANSWER_PREREQUISITES: 'lapse',
  // A declaration is the organisation's to make: a late one is still taken, and says it was late.
  ENTRY_DECLARATION: null,
  EXIT_DECLARATION: null,
  SERVICE_DONE_VALIDATION: 'validateServiceDone',
  HOLDER_ACCEPTANCE: 'lapse',
  FUNDER_SILENCE: 'grantFunding',
  FREE_CANCELLATION: null,
  DECISION_BEFORE_START: 'lapse',
};

/** The deadline that runs while a dossier is in `state`, entered on `enteredOn` (Paris day). */
export function deadlineIn(route: FundingRoute, state: DossierState, enteredOn: string, sessionStart: string | null): Deadline | null {
  if (route === 'FRANCE_TRAVAIL_AIF') {
    // France Travail must decide before the training starts (the request is due ≥ 15 days before entry).
    if (state !== 'FUNDER_REVIEW' || !sessionStart) return null;
    return {
      kind: 'DECISION_BEFORE_START',
      dueOn: addDays(sessionStart, -1),
      workingDays: null,
      source: 'AIF: France Travail decides before entry; the request is due at least 15 days before (shared/domain/dossiers.md)',
      effect: DEADLINE_EFFECTS.DECISION_BEFORE_START,
    };
  }
  switch (state) {
    case 'notProcessed':
      return fromParameter('ORGANISATION_ANSWER', enteredOn);
    case 'validated':
      return fromParameter('HOLDER_ACCEPTANCE', enteredOn);
    case 'waitingAcceptation':
      return fromParameter('FUNDER_SILENCE', enteredOn);
    case 'serviceDoneDeclared':
      return fromParameter('SERVICE_DONE_VALIDATION', enteredOn);
    default:
      return null;
  }
}

/** One step of a dossier's history, as the deadlines read it. */
export interface HistoryStep {
  transition: Transition;
  fromState: DossierState | null;
  toState: DossierState;
  /** Paris day of the step. */
  on: string;
}

/**
 * The deadline running now, from the dossier's history: counted from the day the current state was
 * entered (a step that stays in the state, a correction or a prerequisites check, does not restart
 * it); while the organisation checks prerequisites, its 30 working days count from the request.
 */
export function runningDeadline(route: FundingRoute, state: DossierState, history: readonly HistoryStep[], sessionStart: string | null): Deadline | null {
  let entered = -1;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.toState === state && history[i]!.fromState !== state) {
      entered = i;
      break;
    }
  }
  if (entered < 0) return null;
  const on = history[entered]!.on;
  if (route !== 'FRANCE_TRAVAIL_AIF' && state === 'notProcessed' && history.slice(entered + 1).some((s) => s.transition === 'checkPrerequisites')) {
    return fromParameter('ORGANISATION_ANSWER_PREREQUISITES', on);
  }
  return deadlineIn(route, state, on, sessionStart);
}

/** The last day to declare an entry or an exit that really happened on `on`. */
export const declarationDeadline = (kind: 'ENTRY_DECLARATION' | 'EXIT_DECLARATION', on: string): Deadline => fromParameter(kind, on);

/**
 * Why the real day `on` of an entry or exit declared on `today` cannot be taken (in the future,
 * or before the day it must follow), or null.
 */
export function realDayProblem(
  kind: 'ENTRY_DECLARATION' | 'EXIT_DECLARATION',
  on: string,
  today: string,
  notBefore: { day: string; what: string } | null,
): string | null {
  const what = kind === 'ENTRY_DECLARATION' ? 'entry' : 'exit';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) return `the day of the ${what} must be a date (YYYY-MM-DD), got ${on}`;
  if (on > today) return `the ${what} on ${on} has not happened yet (today is ${today}): declare it once it has`;
  if (notBefore && on < notBefore.day) return `the ${what} on ${on} comes before ${notBefore.what} on ${notBefore.day}`;
  return null;
}

/** Whether a declaration made on `declaredOn` of an entry or exit on `on` came after its last day. */
export const declaredLate = (kind: 'ENTRY_DECLARATION' | 'EXIT_DECLARATION', on: string, declaredOn: string) =>
  isPast(declarationDeadline(kind, on), declaredOn);

/** The end of the free cancellation period of a dossier accepted on `acceptedOn`. */
export const freeCancellation = (acceptedOn: string): Deadline => fromParameter('FREE_CANCELLATION', acceptedOn);

/** Whether the deadline has passed on `today` (its last day is over). */
export const isPast = (deadline: Pick<Deadline, 'dueOn'>, today: string) => today > deadline.dueOn;

/** Whether a dossier accepted on `acceptedOn` (null: not accepted) is still within its free cancellation period on `today`. */
export const withinFreeCancellation = (acceptedOn: string | null, today: string) => acceptedOn !== null && !isPast(freeCancellation(acceptedOn), today);

export const MIN_WORKING_DAYS_BEFORE_START = {
  workingDays: 11,
  source: 'EDOF: the session starts at least 11 working days after the request (shared/domain/dossiers.md)',
};

/** Why a CPF request made on `today` for a session starting on `start` comes too late, or null. */
export function tooLateToRequest(route: FundingRoute, start: string | null, today: string): string | null {
  if (route === 'FRANCE_TRAVAIL_AIF' || !start) return null;
  const earliest = addWorkingDays(today, MIN_WORKING_DAYS_BEFORE_START.workingDays);
  return start < earliest ? `the session starts on ${start}, before ${earliest} (${MIN_WORKING_DAYS_BEFORE_START.source})` : null;
}

export const MAX_OPEN_REQUESTS_PER_ACTION = {
  count: 5,
  source: 'EDOF: at most 5 open requests per action per holder (shared/domain/dossiers.md)',
};

/**
 * The steps each deadline bounds: those its actor makes by its last day, before its effect applies
 * (a lapse, an acceptance by silence, the automatic validation) or the rule changes (free
 * cancellation). From the same source lines as the delays above.
 */
export const DEADLINE_BOUNDS: Record<DeadlineKind, readonly Transition[]> = {
  ORGANISATION_ANSWER: ['checkPrerequisites', 'validateDossier', 'refuseDossier'],
  ORGANISATION_ANSWER_PREREQUISITES: ['validateDossier', 'refuseDossier'],
  HOLDER_ACCEPTANCE: ['acceptDossier', 'requestFunderReview', 'declineDossier'],
  FUNDER_SILENCE: ['grantFunding', 'refuseFunding'],
  DECISION_BEFORE_START: ['grantFunding', 'refuseFunding'],
  FREE_CANCELLATION: ['cancelDossier'],
  ENTRY_DECLARATION: ['declareEntry'],
  EXIT_DECLARATION: ['declareExit'],
  // "correctable for 5 days"; "automatically after 5 working days unless it opens a control".
  SERVICE_DONE_VALIDATION: ['declareServiceDone', 'openControl', 'validateServiceDone'],
};

/** The deadline among those running that bounds `transition`, or null. */
export const deadlineOfStep = (transition: Transition, running: readonly Deadline[]): Deadline | null =>
  running.find((d) => DEADLINE_BOUNDS[d.kind].includes(transition)) ?? null;
