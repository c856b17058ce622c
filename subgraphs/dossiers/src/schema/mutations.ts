// Every transition of a dossier is a mutation for its actor, with the caller's idempotency key:
// replaying the key returns the first answer (the same step), without doing anything again.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { badUserInput, forbidden } from '@formations/schema/subgraph';
import type { DossiersContext } from '../context.ts';
import { dossiersByIds, transitionById } from '../db/reads.ts';
import { applyTransition, IdempotencyError, type TransitionRequest, type TransitionResult } from '../db/store.ts';
import { PlanError, type PlanInput } from '../domain/money.ts';
import { FieldError, RULES, TransitionError, type FundingRoute, type Transition } from '../domain/states.ts';
import { sessionFacts } from '../peers.ts';
import { actorOf, assertConsent, assertParty, viewerOf } from './access.ts';
import { builder } from './builder.ts';
import { DossierRef, TransitionRef } from './dossier.ts';
import { FundingRouteEnum } from './enums.ts';
import { freshen } from './loaders.ts';

const DotationPartInput = builder.inputType('DotationPartInput', {
  description: 'A dotation used by the plan.',
  fields: (t) => ({
    dotationId: t.id({ required: true, description: 'The dotation (Person.dotations).' }),
    amount: t.field({ type: 'Cents', required: true, description: 'Amount taken from it.' }),
  }),
});
const TopUpPartInput = builder.inputType('TopUpPartInput', {
  description: "A top-up of the plan, paid from a rule's envelope.",
  fields: (t) => ({
    ruleId: t.id({ required: true, description: 'The rule (FundingPlan.abondements.rule.id).' }),
    amount: t.field({ type: 'Cents', required: true, description: 'Amount.' }),
  }),
});
const PlanInputType = builder.inputType('DossierPlanInput', {
  description:
    "The funding plan the holder saw (TrainingOption.fundingPlan): the dossier records it and moves exactly this money at acceptance. Its parts must add up to the session's price.",
  fields: (t) => ({
    cpfRights: t.field({ type: 'Cents', required: true, description: "The holder's own CPF rights." }),
    dotations: t.field({ type: [DotationPartInput], required: true, defaultValue: [], description: 'Dotations used.' }),
    topUps: t.field({ type: [TopUpPartInput], required: true, defaultValue: [], description: 'Top-ups.' }),
    remainingCost: t.field({ type: 'Cents', required: true, description: 'What the holder pays.' }),
  }),
});

type Change = TransitionResult;

const ChangeRef = builder.objectRef<Change>('DossierChange').implement({
  description: 'The answer to a transition: the step made (the same one when the idempotency key is replayed) and the dossier now.',
  fields: (t) => ({
    dossier: t.field({
      type: DossierRef,
      resolve: (c, _a, ctx) => dossiersByIds(ctx.db, [c.dossierId]).get(c.dossierId)!,
      description: 'The dossier as it is now.',
    }),
    transition: t.field({
      type: TransitionRef,
      resolve: (c, _a, ctx) => transitionById(ctx.db, c.transitionId)!,
      description: 'The step this call made (first call) or made earlier (replay).',
    }),
    replayed: t.exposeBoolean('replayed', { description: 'True when the idempotency key had been used: nothing was done again.' }),
  }),
});

function asUserError(error: unknown): never {
  if (error instanceof GraphQLError) throw error;
  if (error instanceof TransitionError) {
    if (error.code === 'FORBIDDEN') throw forbidden(error.message);
    throw badUserInput(error.message, { reason: error.code });
  }
  if (error instanceof FieldError) throw badUserInput(error.message, { field: error.field });
  if (error instanceof PlanError || error instanceof IdempotencyError) throw badUserInput(error.message);
  throw error;
}

function transition(
  ctx: DossiersContext,
  op: string,
  args: Record<string, unknown>,
  request: Omit<TransitionRequest, 'actor' | 'now' | 'idempotency'>,
): Change {
  const role = actorOf(ctx);
  freshen(ctx); // a deadline that passed applies before anyone acts
  const { idempotencyKey, ...rest } = args;
  try {
    const result = applyTransition(ctx.db, {
      ...request,
      actor: { role, sub: viewerOf(ctx).sub },
      idempotency: { key: String(idempotencyKey), request: JSON.stringify([op, rest]) },
      now: ctx.clock.now(),
    });
    if (result.outboxRows > 0) ctx.kickRelay(result.dossierId);
    if (!result.replayed) ctx.kickWebhooks?.();
    return result;
  } catch (error) {
    return asUserError(error);
  }
}

const plan = (
  input:
    | {
        cpfRights: number;
        remainingCost: number;
        dotations: { dotationId: string | number; amount: number }[];
        topUps: { ruleId: string | number; amount: number }[];
      }
    | null
    | undefined,
): PlanInput | null =>
  input
    ? {
        cpfRights: input.cpfRights,
        remainingCost: input.remainingCost,
        dotations: input.dotations.map((d) => ({ dotationId: String(d.dotationId), amount: d.amount })),
        topUps: input.topUps.map((t) => ({ ruleId: String(t.ruleId), amount: t.amount })),
      }
    : null;

async function createFor(ctx: DossiersContext, sessionId: string) {
  const session = await sessionFacts(ctx.peers, sessionId);
  if (!session) throw badUserInput(`no session ${sessionId} in the catalogue`);
  return session;
}

const key = (t: any) => t.arg.string({ required: true, description: 'Your unique key for this call: replaying it returns the first answer.' });

builder.mutationFields((t) => ({
  positionOnSession: t.field({
    type: ChangeRef,
    description: 'A prescriber proposes a session to a person who consented (scope funding): the proposal appears in their dossiers.',
    args: {
      personId: t.arg.id({ required: true, description: 'The person.' }),
      sessionId: t.arg.id({ required: true, description: 'The session.' }),
      route: t.arg({ type: FundingRouteEnum, required: true, defaultValue: 'CPF', description: 'The funding route proposed.' }),
      idempotencyKey: key(t),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = viewerOf(ctx);
      if (viewer.role !== 'prescriber') throw forbidden('only a prescriber positions a person on a session');
      await assertConsent(ctx, String(args.personId));
      const session = await createFor(ctx, String(args.sessionId));
      return transition(ctx, 'positionOnSession', args, {
        transition: 'positionOnSession',
        create: { id: newDossierId(), personId: String(args.personId), sessionId: String(args.sessionId), route: args.route as FundingRoute, session },
      });
    },
  }),
  requestDossier: t.field({
    type: ChangeRef,
    description: "The holder asks for a session: from a prescriber's proposal (dossierId), or directly (sessionId and route).",
    args: {
      dossierId: t.arg.id({ description: 'The proposal to turn into a request.' }),
      sessionId: t.arg.id({ description: 'Or the session, for a direct request.' }),
      route: t.arg({ type: FundingRouteEnum, description: 'The funding route of a direct request (default CPF).' }),
      idempotencyKey: key(t),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = viewerOf(ctx);
      if (viewer.role !== 'holder') throw forbidden('only the holder requests a dossier');
      if (args.dossierId)
        return transition(ctx, 'requestDossier', args, { transition: 'requestDossier', dossierId: String(args.dossierId), authorize: assertParty(ctx) });
      if (!args.sessionId) throw badUserInput('give the proposal (dossierId) or the session (sessionId)');
      const session = await createFor(ctx, String(args.sessionId));
      return transition(ctx, 'requestDossier', args, {
        transition: 'requestDossier',
        create: { id: newDossierId(), personId: viewer.sub, sessionId: String(args.sessionId), route: (args.route ?? 'CPF') as FundingRoute, session },
      });
    },
  }),
}));

const newDossierId = () => `dos-${randomUUID()}`;

/** The transitions of an existing dossier: id, key, and what each needs. */
const STEPS: { name: Transition; description: string }[] = [
  {
    name: 'checkPrerequisites',
    description:
      'The training organisation acknowledges a CPF request whose prerequisites it must check: it then has 30 working days from the request to answer, instead of 2.',
  },
  { name: 'validateDossier', description: 'The training organisation proposes the order (EDOF validated) or enters the quote (AIF).' },
  { name: 'refuseDossier', description: 'The training organisation refuses the request (reason code required).' },
  {
    name: 'acceptDossier',
    description:
      'The holder accepts with the funding plan they saw: a CPF order is accepted and its money committed (debit, dotations, top-ups); an AIF quote goes to France Travail.',
  },
  { name: 'declineDossier', description: 'The holder declines a proposal or the order.' },
  {
    name: 'requestFunderReview',
    description: 'The holder asks France Travail to top up, with the plan: France Travail reviews; silence for 10 working days means acceptance.',
  },
  { name: 'grantFunding', description: 'France Travail grants its review (CPF) or the AIF: the money is committed.' },
  { name: 'refuseFunding', description: 'France Travail refuses (reason code required).' },
  {
    name: 'cancelDossier',
    description: 'The holder cancels: free during the 11 working days after acceptance (everything given back); later, their CPF rights stay spent.',
  },
  { name: 'cancelByOrganism', description: 'The training organisation cancels (reason code required): everything is given back.' },
  {
    name: 'cancelByFinancer',
    description: 'The operator (or France Travail for the AIF) cancels the funding (reason code required): everything is given back.',
  },
  {
    name: 'declareEntry',
    description:
      'The training organisation declares the entry in training, with its real day (`on`), within 3 working days of it (a later declaration is taken, and marked late).',
  },
  {
    name: 'declareNoShow',
    description:
      "The training organisation declares a no-show: canceledByAttendeeNotRealized; funders' money is given back, the holder's CPF rights stay spent.",
  },
  {
    name: 'declareExit',
    description:
      'The training organisation declares the exit (reason code required: completed, dropped out…), with its real day (`on`), within 3 working days of it (a later declaration is taken, and marked late).',
  },
  {
    name: 'declareServiceDone',
    description:
      'The training organisation declares the service done with its completion rate; it may correct it (declare again) until the service is validated.',
  },
  {
    name: 'openControl',
    description:
      'The operator opens a control of the service declared done: the automatic validation 5 working days after the declaration no longer applies and the declaration can no longer be corrected; the control ends with validateServiceDone or refuseServiceDone.',
  },
  {
    name: 'validateServiceDone',
    description:
      'The operator validates the service done (also at the end of a control); without a decision or a control, it is validated automatically 5 working days after the declaration.',
  },
  {
    name: 'refuseServiceDone',
    description:
      'At the end of its control, the operator refuses the service done (reason code required): the organisation is owed nothing by the payers, everything taken for the dossier is given back.',
  },
  {
    name: 'invoiceDossier',
    description:
      'The training organisation invoices. For an AIF quote, with the completion rate: France Travail pays the hours attended, pro rata, and the rest of what was committed goes back.',
  },
  { name: 'markBilled', description: 'The operator records the invoice.' },
  { name: 'markPaid', description: 'The payment is recorded (operator; France Travail for the AIF).' },
];
const TAKES_PLAN = new Set(Object.values(RULES).flatMap((rules) => rules.filter((r) => r.takesPlan).map((r) => r.transition)));
const TAKES_REAL_DAY = new Set(Object.values(RULES).flatMap((rules) => rules.filter((r) => r.takesRealDay).map((r) => r.transition)));
const TAKES_COMPLETION = new Set(Object.values(RULES).flatMap((rules) => rules.filter((r) => r.takesCompletion).map((r) => r.transition)));
/** Required in the schema only when every route's rule takes it (the AIF invoice does, the CPF one not: checked by the store). */
const ALWAYS_TAKES_COMPLETION = new Set(
  [...TAKES_COMPLETION].filter((name) => Object.values(RULES).every((rules) => rules.every((r) => r.transition !== name || r.takesCompletion))),
);

builder.mutationFields((t) =>
  Object.fromEntries(
    STEPS.map(({ name, description }) => [
      name,
      t.field({
        type: ChangeRef,
        description,
        args: {
          id: t.arg.id({ required: true, description: 'The dossier.' }),
          idempotencyKey: key(t),
          reasonCode: t.arg.string({ description: 'Reason code (required for refusals, cancellations by the organisation or financer, exits).' }),
          reason: t.arg.string({ description: 'The reason in words.' }),
          ...(TAKES_PLAN.has(name) ? { plan: t.arg({ type: PlanInputType, required: true, description: 'The funding plan the holder saw.' }) } : {}),
          ...(TAKES_REAL_DAY.has(name)
            ? { on: t.arg({ type: 'Date', description: 'The day it really happened (Paris; default today): not in the future.' }) }
            : {}),
          ...(TAKES_COMPLETION.has(name)
            ? {
                completionRate: t.arg.int({
                  required: ALWAYS_TAKES_COMPLETION.has(name),
                  description: `Share of the planned hours the person attended, in whole percent (0–100)${ALWAYS_TAKES_COMPLETION.has(name) ? '' : ': required for an AIF quote'}.`,
                }),
              }
            : {}),
        },
        resolve: (_root, args: any, ctx) =>
          transition(ctx, name, args, {
            transition: name,
            dossierId: String(args.id),
            reasonCode: args.reasonCode ?? null,
            reason: args.reason ?? null,
            plan: plan(args.plan),
            realDay: args.on ?? null,
            completionRate: args.completionRate ?? null,
            authorize: assertParty(ctx),
          }),
      }),
    ]),
  ),
);
