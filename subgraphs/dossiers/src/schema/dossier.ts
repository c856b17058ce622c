import { parisDate } from '@formations/schema/clock';
import type { DossierRow, PartRow, TransitionRow } from '../db/store.ts';
import {
  declarationDeadline,
  declaredLate,
  deadlineOfStep,
  freeCancellation,
  MAX_OPEN_REQUESTS_PER_ACTION,
  runningDeadline,
  tooLateToRequest,
  withinFreeCancellation,
  type Deadline,
} from '../domain/deadlines.ts';
import { givesBack, holderPaymentBack } from '../domain/money.ts';
import { RULES, stepsFor, type Rule } from '../domain/states.ts';
import type { DossiersContext } from '../context.ts';
import { openRequestsOnAction } from '../db/reads.ts';
import { isParty } from './access.ts';
import { builder } from './builder.ts';
import { ActorEnum, DeadlineKindEnum, DossierStateEnum, FundingRouteEnum, PartKindEnum, PartStatusEnum, PartWantedEnum, TransitionEnum } from './enums.ts';
import { partsLoader, settledLoader, today, transitionsLoader } from './loaders.ts';
import { PersonRef, SessionRef } from './person.ts';

export const TransitionRef = builder.objectRef<TransitionRow>('DossierTransition').implement({
  description: 'One step in the life of a dossier: who made it, when, and why.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Order of the step (increasing over all dossiers).' }),
    transition: t.expose('transition', { type: TransitionEnum, description: 'What was done.' }),
    fromState: t.expose('fromState', { type: DossierStateEnum, nullable: true, description: 'State before; null when the step created the dossier.' }),
    toState: t.expose('toState', { type: DossierStateEnum, description: 'State after.' }),
    actorRole: t.expose('actorRole', {
      type: ActorEnum,
      description: 'Who acted: holder, prescriber, organisation, funder, operator, or the system (a deadline, a refused payment).',
    }),
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
    reasonCode: t.exposeString('reasonCode', {
      nullable: true,
      description: 'Reason code (refusals, cancellations, exits; DEADLINE_… and FUNDING_REFUSED for the system).',
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'The reason in words.' }),
    effectiveOn: t.expose('effectiveOn', { type: 'Date', nullable: true, description: 'For an entry or an exit: the day it really happened (Paris).' }),
    late: t.boolean({
      description: 'True when an entry or an exit was declared more than 3 working days after it really happened (the organisation was late).',
      resolve: (s) =>
        s.effectiveOn && (s.transition === 'declareEntry' || s.transition === 'declareExit')
          ? declaredLate(s.transition === 'declareEntry' ? 'ENTRY_DECLARATION' : 'EXIT_DECLARATION', s.effectiveOn, parisDate(new Date(s.at)))
          : false,
    }),
  }),
});

const DeadlineRef = builder.objectRef<Deadline>('DossierDeadline').implement({
  description: 'A delay the dossier runs against, in French working days (Monday–Friday except public holidays).',
  fields: (t) => ({
    kind: t.expose('kind', { type: DeadlineKindEnum, description: 'Which delay.' }),
    dueOn: t.expose('dueOn', { type: 'Date', description: 'Last day to act (Paris); the effect applies from the next day.' }),
    workingDays: t.exposeInt('workingDays', { nullable: true, description: 'The delay in working days, as in force when the state was entered.' }),
    effect: t.expose('effect', {
      type: TransitionEnum,
      nullable: true,
      description: 'What happens when it passes (lapse, acceptance by silence); null when only a rule changes.',
    }),
    source: t.exposeString('source', { description: 'Where the delay comes from.' }),
  }),
});

const PartRef = builder.objectRef<PartRow>('FundingPart').implement({
  description: 'One part of the frozen funding plan and what became of its money.',
  fields: (t) => ({
    kind: t.expose('kind', { type: PartKindEnum, description: 'CPF rights, a dotation, or a top-up.' }),
    reference: t.string({ nullable: true, description: 'The dotation id or the rule id; null for CPF rights.', resolve: (p) => p.reference || null }),
    amount: t.expose('amount', { type: 'Cents', description: 'Amount.' }),
    kept: t.expose('kept', {
      type: 'Cents',
      nullable: true,
      description:
        'After a partial completion, what this payer still pays (the rest was given back); null when it pays all of `amount` or, given back, nothing.',
    }),
    wanted: t.expose('wanted', { type: PartWantedEnum, description: 'What the state of the dossier wants of this money.' }),
    status: t.expose('status', { type: PartStatusEnum, description: 'What the paying subgraph acknowledged.' }),
    key: t.exposeString('commitKey', { description: 'The idempotency key it was taken with (dossier id + step).' }),
    refusal: t.exposeString('refusal', { nullable: true, description: 'Why the payer refused, if it did.' }),
    takenAs: t.exposeString('commitAnswer', {
      nullable: true,
      description: "The payer's answer when it took the money: the ledger entry id of a debit, the status of a spending or reservation.",
    }),
    givenBackAs: t.exposeString('returnAnswer', {
      nullable: true,
      description: "The payer's answer when it gave the money back: the ledger entry id of the refund, or the status.",
    }),
  }),
});

interface Plan {
  dossier: DossierRow;
  parts: PartRow[];
}
const sumOf = (parts: PartRow[], kind: PartRow['kind']) => parts.filter((p) => p.kind === kind);

const PlanRef = builder.objectRef<Plan>('DossierFundingPlan').implement({
  description:
    'The funding plan the holder saw, recorded by the dossier, and frozen when the money was committed: what was actually debited, spent or reserved, not a recomputation. cpfRights + Σ dotations + Σ topUps + remainingCost = price.',
  fields: (t) => ({
    price: t.field({ type: 'Cents', resolve: (p) => p.dossier.price ?? 0, description: 'Price of the session when the dossier was created.' }),
    cpfRights: t.field({
      type: 'Cents',
      resolve: (p) => sumOf(p.parts, 'CPF_RIGHTS').reduce((s, x) => s + x.amount, 0),
      description: "The holder's own CPF rights.",
    }),
    dotations: t.field({ type: [PartRef], resolve: (p) => sumOf(p.parts, 'DOTATION'), description: 'Dotations used (supplementary rights).' }),
    topUps: t.field({ type: [PartRef], resolve: (p) => sumOf(p.parts, 'TOP_UP'), description: "Top-ups reserved in funders' envelopes." }),
    remainingCost: t.field({ type: 'Cents', resolve: (p) => p.dossier.remainingCost ?? 0, description: 'What the holder pays.' }),
    recordedAt: t.field({ type: 'DateTime', resolve: (p) => p.dossier.planRecordedAt!, description: 'When the holder sent it.' }),
    frozenAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (p) => p.dossier.frozenAt,
      description: 'When its money was committed (acceptance); null before.',
    }),
    amountDue: t.field({
      type: 'Cents',
      nullable: true,
      resolve: (p) => p.dossier.amountDue,
      description:
        "What the organisation is owed for the completion rate declared, set when the service done is validated or the AIF invoiced (rounded down to the cent): the payers keep it in the spending order, the rest goes back (top-ups and the holder's own payment first). Null before.",
    }),
    remainingCostRefunded: t.field({
      type: 'Cents',
      nullable: true,
      resolve: (p) => p.dossier.remainingCostRefunded,
      description:
        "Of what the holder paid themselves at acceptance, what goes back to them: all of it when the training does not take place (a cancellation by the organisation or a funder, the holder's cancellation within the free period, a refused service), nothing after a no-show or a late cancellation, what the organisation is not owed after a partial completion. Null while nothing was given back or settled.",
    }),
    parts: t.field({ type: [PartRef], resolve: (p) => p.parts, description: 'Every part, in the spending order.' }),
  }),
});

/** The deadlines that apply now (Dossier.deadlines): the one running in this state, and while accepted the free cancellation and the entry declaration. */
async function deadlinesOf(d: DossierRow, ctx: DossiersContext): Promise<Deadline[]> {
  const history = await transitionsLoader(ctx).load(d.id);
  const running = runningDeadline(
    d.route,
    d.state,
    history.map((s) => ({ ...s, on: parisDate(new Date(s.at)) })),
    d.sessionStart,
  );
  const list = running ? [running] : [];
  // The holder may cancel only before entry: the free period matters while the dossier is accepted.
  if (d.acceptedOn && (d.state === 'accepted' || d.state === 'GRANTED')) {
    list.push(freeCancellation(d.acceptedOn));
    if (d.sessionStart) list.push(declarationDeadline('ENTRY_DECLARATION', d.sessionStart));
  }
  return list;
}

/** Why the holder's request of this proposal would be refused today, as requestDossier checks it (db/store.ts), or null. */
function requestProblem(d: DossierRow, ctx: DossiersContext): string | null {
  const late = tooLateToRequest(d.route, d.sessionStart, today(ctx));
  if (late) return late;
  if (!d.actionId || d.route === 'FRANCE_TRAVAIL_AIF') return null;
  const open = openRequestsOnAction(ctx.db, d.personId, d.actionId, d.id);
  return open >= MAX_OPEN_REQUESTS_PER_ACTION.count ? `${open} requests on action ${d.actionId} are already open` : null;
}

interface Cancellation {
  free: boolean;
  freeUntil: string | null;
  givesBack: PartRow[];
  staysSpent: PartRow[];
  remainingCostRefunded: number;
}

const CancellationRef = builder.objectRef<Cancellation>('DossierCancellation').implement({
  description:
    "What the holder's cancellation (cancelDossier) would do today, by the rule the mutation applies: everything back during the free cancellation period, afterwards the holder's own CPF rights stay spent and only the funders' money goes back.",
  fields: (t) => ({
    free: t.exposeBoolean('free', { description: 'True when nothing would stay spent: within the free cancellation period, or nothing taken yet.' }),
    freeUntil: t.expose('freeUntil', {
      type: 'Date',
      nullable: true,
      description: 'Last day of the free cancellation period (11 working days after the acceptance); null before acceptance.',
    }),
    givesBack: t.field({ type: [PartRef], resolve: (c) => c.givesBack, description: 'The parts taken that would go back to their payers.' }),
    staysSpent: t.field({
      type: [PartRef],
      resolve: (c) => c.staysSpent,
      description: 'The parts taken that would stay spent (the holder’s CPF rights after the free period).',
    }),
    remainingCostRefunded: t.field({
      type: 'Cents',
      resolve: (c) => c.remainingCostRefunded,
      description: 'Of what the holder paid themselves at acceptance, what would go back to them.',
    }),
  }),
});

async function cancellationOf(d: DossierRow, ctx: DossiersContext): Promise<Cancellation | null> {
  const rule = RULES[d.route].find((r) => r.transition === 'cancelDossier' && r.from.includes(d.state));
  if (!rule || rule.money !== 'cancellationRule') return null;
  const held = (await partsLoader(ctx).load(d.id)).filter((p) => p.wanted === 'held');
  const within = withinFreeCancellation(d.acceptedOn, today(ctx));
  const back = held.filter((p) => givesBack('cancellationRule', p.kind, within));
  const paid = d.frozenAt ? (d.remainingCost ?? 0) : 0;
  const holderBack = holderPaymentBack('cancellationRule', paid, within);
  return {
    free: back.length === held.length && holderBack === paid,
    freeUntil: d.acceptedOn ? freeCancellation(d.acceptedOn).dueOn : null,
    givesBack: back,
    staysSpent: held.filter((p) => !back.includes(p)),
    remainingCostRefunded: holderBack,
  };
}

const NextStepRef = builder.objectRef<{ rule: Rule; deadline: Deadline | null }>('DossierNextStep').implement({
  description: 'A transition the viewer may make now: the mutation of the same name.',
  fields: (t) => ({
    transition: t.field({ type: TransitionEnum, resolve: (s) => s.rule.transition, description: 'The step (and mutation) it is.' }),
    actors: t.field({
      type: [ActorEnum],
      resolve: (s) => [...s.rule.actors],
      description: 'Who may make it: the viewer’s role, and the others who may (`system` when a deadline makes it by itself).',
    }),
    toState: t.field({ type: DossierStateEnum, resolve: (s) => s.rule.to, description: 'The state it leads to.' }),
    reasonRequired: t.boolean({ resolve: (s) => !!s.rule.reasonRequired, description: 'True when a reason code must be given.' }),
    takesPlan: t.boolean({ resolve: (s) => !!s.rule.takesPlan, description: 'True when it takes the funding plan the holder saw (`plan`).' }),
    deadline: t.field({
      type: DeadlineRef,
      nullable: true,
      resolve: (s) => s.deadline,
      description: 'The deadline that bounds it (last day to make it), or null when none does.',
    }),
  }),
});

export const DossierRef = builder.objectRef<DossierRow>('Dossier');
DossierRef.implement({
  description: 'One person enrolled on one session through one funding route: its state, history, deadlines and frozen funding plan.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Dossier number.' }),
    personId: t.exposeID('personId', { description: 'The holder.' }),
    person: t.field({ type: PersonRef, resolve: (d) => ({ id: d.personId }), description: 'The holder (passport).' }),
    sessionId: t.exposeID('sessionId', { description: 'The session.' }),
    session: t.field({ type: SessionRef, resolve: (d) => ({ id: d.sessionId }), description: 'The session (catalog).' }),
    route: t.expose('route', { type: FundingRouteEnum, description: 'How it is funded.' }),
    state: t.expose('state', { type: DossierStateEnum, description: 'Current state (EDOF names for CPF orders, quote flow for the AIF).' }),
    organisationSiret: t.exposeString('organisationSiret', { nullable: true, description: "SIRET of the session's training organisation." }),
    sessionStartDate: t.expose('sessionStart', { type: 'Date', nullable: true, description: 'Start of the session when the dossier was created.' }),
    completionRate: t.exposeInt('completionRate', {
      nullable: true,
      description: 'Share of the planned hours attended, in whole percent, as the organisation declared it with the service done; null before.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last transition.' }),
    transitions: t.field({ type: [TransitionRef], description: 'Its history, oldest first.', resolve: (d, _a, ctx) => transitionsLoader(ctx).load(d.id) }),
    deadlines: t.field({
      type: [DeadlineRef],
      description:
        'The deadlines that apply now: the one running in this state; while accepted (before entry), the end of free cancellation and the entry declaration (3 working days from the start, at the earliest the planned start).',
      resolve: (d, _a, ctx) => deadlinesOf(d, ctx),
    }),
    nextSteps: t.field({
      type: [NextStepRef],
      description:
        'What the viewer may do now on this dossier: the transitions the rules of its mutations allow the viewer in this state (empty for a reader who takes no part), each with who may make it and the deadline that bounds it.',
      resolve: async (d, _a, ctx) => {
        const viewer = ctx.viewer;
        if (!viewer || viewer.role === 'adviser') return [];
        const steps = stepsFor(d.route, d.state, viewer.role, {
          party: isParty(viewer, d),
          prerequisitesBeingChecked: d.deadlineKind === 'ORGANISATION_ANSWER_PREREQUISITES',
          requestProblem: d.state === 'proposed' && viewer.role === 'holder' ? requestProblem(d, ctx) : null,
        });
        if (steps.length === 0) return [];
        const running = await deadlinesOf(d, ctx);
        return steps.map((rule) => ({ rule, deadline: deadlineOfStep(rule.transition, running) }));
      },
    }),
    cancellation: t.field({
      type: CancellationRef,
      nullable: true,
      description: "What the holder's cancellation would do today (what goes back, what stays spent); null when the holder cannot cancel in this state.",
      resolve: (d, _a, ctx) => cancellationOf(d, ctx),
    }),
    fundingPlan: t.field({
      type: PlanRef,
      nullable: true,
      description: 'The funding plan recorded (at acceptance or when a review was asked) and frozen when committed; null before.',
      resolve: async (d, _a, ctx) => (d.planRecordedAt ? { dossier: d, parts: await partsLoader(ctx).load(d.id) } : null),
    }),
    moneySettled: t.field({
      type: 'Boolean',
      description: 'True when every money command of the dossier has been answered (nothing left in its outbox).',
      resolve: (d, _a, ctx) => settledLoader(ctx).load(d.id),
    }),
  }),
});
