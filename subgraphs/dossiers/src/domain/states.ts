// The life of a dossier as a table: route × state × transition → next state, who may make it,
// and what it does to the money. Names: EDOF's (Mon Compte Formation's provider back office, as
// integrators such as Wedof name them) for CPF orders; the quote flow integrators use over
// France Travail's Kairos for the AIF. Source: shared/domain/dossiers.md.

export const FUNDING_ROUTES = ['CPF', 'FRANCE_TRAVAIL_AIF', 'EMPLOYER_OPCO'] as const;
export type FundingRoute = (typeof FUNDING_ROUTES)[number];

/** A prescriber's proposal, before the holder turns it into a request (both routes). */
export const PROPOSAL_STATE = 'proposed';

export const EDOF_STATES = [
  'notProcessed',
  'validated',
  'waitingAcceptation',
  'accepted',
  'refusedByOrganism',
  'refusedByFinancer',
  'refusedByAttendee',
  'lapsed',
  'inTraining',
  'terminated',
  'serviceDoneDeclared',
  'serviceDoneValidated',
  'toBill',
  'billed',
  'paid',
  'canceledByAttendee',
  'canceledByAttendeeNotRealized',
  'canceledByOrganism',
  'canceledByFinancer',
] as const;
export const AIF_STATES = [
  'QUOTE_DRAFT',
  'AWAITING_BENEFICIARY',
  'FUNDER_REVIEW',
  'GRANTED',
  'REFUSED',
  'IN_TRAINING',
  'EXITED',
  'INVOICED',
  'PAID',
  'CANCELLED',
  'LAPSED',
] as const;
export const DOSSIER_STATES = [PROPOSAL_STATE, ...EDOF_STATES, ...AIF_STATES] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** Who acts: the roles of the viewer token, and the system (deadlines, the outbox's refusals). */
export const ACTORS = ['holder', 'prescriber', 'organisation', 'funder', 'operator', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export const TRANSITIONS = [
  'positionOnSession',
  'requestDossier',
  'checkPrerequisites',
  'validateDossier',
  'refuseDossier',
  'acceptDossier',
  'declineDossier',
  'requestFunderReview',
  'grantFunding',
  'refuseFunding',
  'lapse',
  'cancelDossier',
  'cancelByOrganism',
  'cancelByFinancer',
  'declareEntry',
  'declareNoShow',
  'declareExit',
  'declareServiceDone',
  'validateServiceDone',
  'invoiceDossier',
  'markBilled',
  'markPaid',
] as const;
export type Transition = (typeof TRANSITIONS)[number];

/**
 * What a transition does to the money of the funding plan:
 * - `commit`: the recorded plan is frozen and its parts are moved (debit, spend, reserve);
 * - `returnAll`: everything taken is given back;
 * - `cancellationRule`: the holder cancels: everything back during the free cancellation period,
 *   afterwards as for a no-show (see keptOnLateCancellation);
 * - `returnThirdParty`: a no-show: funders' money (dotations, top-ups) goes back, the holder's
 *   own CPF rights stay spent (see keptOnLateCancellation);
 * - `prorate`: the service done is validated: each payer keeps only its share of what the
 *   organisation is owed for the completion rate declared (domain/completion.ts).
 */
export type MoneyEffect = 'commit' | 'returnAll' | 'cancellationRule' | 'returnThirdParty' | 'prorate';

export interface Rule {
  transition: Transition;
  /** `null` = the dossier does not exist yet (created by this transition). */
  from: readonly (DossierState | null)[];
  to: DossierState;
  actors: readonly Actor[];
  money?: MoneyEffect;
  /** Takes a funding plan (recorded, not moved: only `commit` moves money). */
  takesPlan?: boolean;
  /** Takes the real day of an entry or an exit (`on`, default today). */
  takesRealDay?: 'ENTRY_DECLARATION' | 'EXIT_DECLARATION';
  /** Takes the completion rate the organisation declares (whole percent, 0–100). */
  takesCompletion?: boolean;
  reasonRequired?: boolean;
}

const rule = (transition: Transition, from: Rule['from'], to: DossierState, actors: readonly Actor[], extra: Partial<Rule> = {}): Rule => ({
  transition,
  from,
  to,
  actors,
  ...extra,
});

/** CPF order on Mon Compte Formation (EDOF). EMPLOYER_OPCO dossiers are CPF orders co-funded by an employer or OPCO: same states. */
const EDOF: readonly Rule[] = [
  rule('positionOnSession', [null], 'proposed', ['prescriber']),
  rule('requestDossier', [null, 'proposed'], 'notProcessed', ['holder']),
  rule('declineDossier', ['proposed', 'validated'], 'refusedByAttendee', ['holder']),
  // The organisation must check prerequisites: it has 30 working days from the request instead of 2.
  rule('checkPrerequisites', ['notProcessed'], 'notProcessed', ['organisation']),
  rule('validateDossier', ['notProcessed'], 'validated', ['organisation']),
  rule('refuseDossier', ['notProcessed'], 'refusedByOrganism', ['organisation'], { reasonRequired: true }),
  rule('acceptDossier', ['validated'], 'accepted', ['holder'], { money: 'commit', takesPlan: true }),
  // A France Travail top-up asked: France Travail reviews, silence for 10 working days = accepted.
  rule('requestFunderReview', ['validated'], 'waitingAcceptation', ['holder'], { takesPlan: true }),
  rule('grantFunding', ['waitingAcceptation'], 'accepted', ['funder', 'system'], { money: 'commit' }),
  rule('refuseFunding', ['waitingAcceptation'], 'refusedByFinancer', ['funder'], { reasonRequired: true }),
  rule('lapse', ['notProcessed', 'validated'], 'lapsed', ['system']),
  rule('cancelDossier', ['notProcessed', 'validated', 'waitingAcceptation', 'accepted'], 'canceledByAttendee', ['holder'], { money: 'cancellationRule' }),
  rule('cancelByOrganism', ['validated', 'accepted'], 'canceledByOrganism', ['organisation'], { money: 'returnAll', reasonRequired: true }),
  rule('cancelByFinancer', ['waitingAcceptation', 'accepted'], 'canceledByFinancer', ['operator', 'system'], { money: 'returnAll', reasonRequired: true }),
  rule('declareEntry', ['accepted'], 'inTraining', ['organisation'], { takesRealDay: 'ENTRY_DECLARATION' }),
  rule('declareNoShow', ['accepted'], 'canceledByAttendeeNotRealized', ['organisation'], { money: 'returnThirdParty' }),
  rule('declareExit', ['inTraining'], 'terminated', ['organisation'], { reasonRequired: true, takesRealDay: 'EXIT_DECLARATION' }),
  // Declared with the completion rate; the organisation may correct it until it is validated.
  rule('declareServiceDone', ['terminated', 'serviceDoneDeclared'], 'serviceDoneDeclared', ['organisation'], { takesCompletion: true }),
  // By the operator, or by the system 5 working days after the declaration.
  rule('validateServiceDone', ['serviceDoneDeclared'], 'serviceDoneValidated', ['operator', 'system'], { money: 'prorate' }),
  rule('invoiceDossier', ['serviceDoneValidated'], 'toBill', ['organisation']),
  rule('markBilled', ['toBill'], 'billed', ['operator']),
  rule('markPaid', ['billed'], 'paid', ['operator']),
];

/** France Travail's AIF through a quote (devis): France Travail pays the organisation directly. */
const AIF: readonly Rule[] = [
  rule('positionOnSession', [null], 'proposed', ['prescriber']),
  rule('requestDossier', [null, 'proposed'], 'QUOTE_DRAFT', ['holder']),
  rule('declineDossier', ['proposed', 'AWAITING_BENEFICIARY'], 'CANCELLED', ['holder']),
  rule('validateDossier', ['QUOTE_DRAFT'], 'AWAITING_BENEFICIARY', ['organisation']),
  rule('refuseDossier', ['QUOTE_DRAFT'], 'CANCELLED', ['organisation'], { reasonRequired: true }),
  rule('acceptDossier', ['AWAITING_BENEFICIARY'], 'FUNDER_REVIEW', ['holder'], { takesPlan: true }),
  rule('grantFunding', ['FUNDER_REVIEW'], 'GRANTED', ['funder'], { money: 'commit' }),
  rule('refuseFunding', ['FUNDER_REVIEW'], 'REFUSED', ['funder'], { reasonRequired: true }),
  rule('lapse', ['FUNDER_REVIEW'], 'LAPSED', ['system']),
  rule('cancelDossier', ['QUOTE_DRAFT', 'AWAITING_BENEFICIARY', 'FUNDER_REVIEW', 'GRANTED'], 'CANCELLED', ['holder'], { money: 'cancellationRule' }),
  rule('cancelByOrganism', ['AWAITING_BENEFICIARY', 'GRANTED'], 'CANCELLED', ['organisation'], { money: 'returnAll', reasonRequired: true }),
  rule('cancelByFinancer', ['FUNDER_REVIEW', 'GRANTED'], 'CANCELLED', ['funder', 'operator', 'system'], { money: 'returnAll', reasonRequired: true }),
  rule('declareEntry', ['GRANTED'], 'IN_TRAINING', ['organisation'], { takesRealDay: 'ENTRY_DECLARATION' }),
  rule('declareNoShow', ['GRANTED'], 'CANCELLED', ['organisation'], { money: 'returnThirdParty' }),
  rule('declareExit', ['IN_TRAINING'], 'EXITED', ['organisation'], { reasonRequired: true, takesRealDay: 'EXIT_DECLARATION' }),
  rule('invoiceDossier', ['EXITED'], 'INVOICED', ['organisation']),
  rule('markPaid', ['INVOICED'], 'PAID', ['funder', 'operator']),
];

export const RULES: Record<FundingRoute, readonly Rule[]> = { CPF: EDOF, EMPLOYER_OPCO: EDOF, FRANCE_TRAVAIL_AIF: AIF };

export class TransitionError extends Error {
  constructor(
    message: string,
    readonly code: 'IMPOSSIBLE' | 'FORBIDDEN' | 'REASON_REQUIRED',
  ) {
    super(message);
  }
}

/** Bad input in one argument of a transition: told with the argument's name. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * The rule that applies, or why not: an actor who never makes this transition (FORBIDDEN, checked
 * first so a stranger learns nothing of the state), or a state it cannot leave that way.
 */
export function ruleFor(route: FundingRoute, state: DossierState | null, transition: Transition, actor: Actor): Rule {
  const candidates = RULES[route].filter((r) => r.transition === transition);
  if (candidates.length === 0) throw new TransitionError(`${transition} does not exist for a ${route} dossier`, 'IMPOSSIBLE');
  const mine = candidates.filter((r) => r.actors.includes(actor));
  if (mine.length === 0)
    throw new TransitionError(`${transition} is for ${[...new Set(candidates.flatMap((r) => r.actors))].join(' or ')}, not ${actor}`, 'FORBIDDEN');
  const fromHere = mine.find((r) => r.from.includes(state));
  if (!fromHere) {
    const current = state === null ? 'there is no dossier yet' : `the dossier is ${state}`;
    throw new TransitionError(`${transition} is impossible: ${current} (${route})`, 'IMPOSSIBLE');
  }
  return fromHere;
}

/** States in which the money of the plan is held (taken and not given back). */
export const MONEY_HELD_STATES: ReadonlySet<DossierState> = new Set<DossierState>([
  'accepted',
  'inTraining',
  'terminated',
  'serviceDoneDeclared',
  'serviceDoneValidated',
  'toBill',
  'billed',
  'paid',
  'GRANTED',
  'IN_TRAINING',
  'EXITED',
  'INVOICED',
  'PAID',
]);

/** States no transition leaves. */
export function isFinal(route: FundingRoute, state: DossierState): boolean {
  return !RULES[route].some((r) => r.from.includes(state));
}

/** A CPF request still waiting for an answer (counted against the limit of open requests per action). */
export const OPEN_REQUEST_STATES = ['notProcessed', 'validated', 'waitingAcceptation'] as const satisfies readonly DossierState[];
