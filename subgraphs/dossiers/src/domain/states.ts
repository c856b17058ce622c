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
  'serviceDoneInControl',
  'serviceDoneValidated',
  'serviceDoneRefused',
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
  'openControl',
  'validateServiceDone',
  'refuseServiceDone',
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
 * - `prorate`: the service done is validated (CPF), the AIF invoiced: each payer keeps only its
 *   share of what the organisation is owed for the completion rate declared (domain/completion.ts).
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
  // By the operator, or by the system 5 working days after the declaration "unless it opens a control".
  rule('validateServiceDone', ['serviceDoneDeclared'], 'serviceDoneValidated', ['operator', 'system'], { money: 'prorate' }),
  // The operator's control stops the automatic validation (no deadline runs in serviceDoneInControl)
  // and freezes the declaration; it ends with the operator's decision, never by silence. EDOF has no
  // public state name for a control (integrators show it as a flag on the folder): the two states are ours.
  rule('openControl', ['serviceDoneDeclared'], 'serviceDoneInControl', ['operator']),
  rule('validateServiceDone', ['serviceDoneInControl'], 'serviceDoneValidated', ['operator'], { money: 'prorate' }),
  // The service is refused: the organisation is owed nothing by the payers, everything taken goes back.
  rule('refuseServiceDone', ['serviceDoneInControl'], 'serviceDoneRefused', ['operator'], { money: 'returnAll', reasonRequired: true }),
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
  // The organisation invoices the hours attended: France Travail pays them, the rest of what was committed goes back.
  rule('invoiceDossier', ['EXITED'], 'INVOICED', ['organisation'], { takesCompletion: true, money: 'prorate' }),
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
  'serviceDoneInControl',
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

/** What the mutations check beyond the table, as known when a dossier is read. */
export interface StepFacts {
  /** The viewer is a party to the dossier in its role (the mutations' authorisation, schema/access.ts). */
  party: boolean;
  /** The organisation already said it checks the prerequisites (checkPrerequisites is made once). */
  prerequisitesBeingChecked: boolean;
  /** Why the holder's request of this proposal would be refused today (too late, too many open requests), or null. */
  requestProblem: string | null;
}

/**
 * The transitions `actor` may make now on a dossier in `state`: the rules of the table from this
 * state for this actor, less those the mutations would refuse for the facts given. The system's
 * steps (deadlines) are nobody's to make; creating a dossier is not a step of an existing one.
 */
export function stepsFor(route: FundingRoute, state: DossierState, actor: Actor, facts: StepFacts): Rule[] {
  if (actor === 'system' || !facts.party) return [];
  return RULES[route].filter((r) => {
    if (!r.from.includes(state) || !r.actors.includes(actor)) return false;
    if (r.transition === 'checkPrerequisites') return !facts.prerequisitesBeingChecked;
    if (r.transition === 'requestDossier') return facts.requestProblem === null;
    return true;
  });
}
