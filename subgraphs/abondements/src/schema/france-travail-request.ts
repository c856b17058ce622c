// A job seeker's request to France Travail: asked by the holder, decided by France Travail's
// advisers, accepted by silence once the delay of working days has run out.
import { badUserInput, forbidden, notFound } from '@formations/schema/subgraph';
import { findFunder } from '../db/funder-admin.ts';
import {
  decideRequest,
  decideRequestOfDossier,
  findRequest,
  openRequestOfDossier,
  openRequestsOf,
  submitRequest,
  withdrawRequestOfDossier,
} from '../db/france-travail.ts';
import { RequestRefusal, requestStatusOn, type FranceTravailRequest, type RequestRefusalCode } from '../domain/france-travail-request.ts';
import type { FundedRequest } from '../domain/funding-plan.ts';
import type { AbondementsContext } from '../context.ts';
import { builder } from './builder.ts';
import { assertMayCommitFor } from './dossier-access.ts';
import { viewerFunderId } from './funder-access.ts';

/** A refusal as BAD_USER_INPUT: its French words as the message, its code as extensions.reason. */
const asBadInput = (error: unknown): never => {
  if (error instanceof RequestRefusal) throw badUserInput(error.message, { reason: error.code });
  throw error;
};

// Documents the codes of extensions.reason in the schema, for clients that switch on them.
export const RequestRefusalCodeEnum = builder.enumType('FranceTravailRequestRefusal', {
  description: 'Why a request to France Travail is refused or cannot be decided (extensions.reason of the BAD_USER_INPUT error).',
  values: {
    OFFER_IN_FUTURE: { description: "The provider's offer is dated after the request." },
    OFFER_WINDOW_PASSED: { description: "Asked more than 4 working days after the provider's offer (terms of Mon Compte Formation)." },
    SESSION_STARTS_TOO_SOON: { description: 'The session starts 15 working days or less after the request (terms of Mon Compte Formation).' },
    REQUEST_ALREADY_OPEN: { description: 'Another request of the holder is waiting for an answer: one at a time.' },
    AMOUNT_NOT_POSITIVE: { description: 'The amount asked is not positive.' },
    ALREADY_ACCEPTED_TACITLY: { description: 'Too late to decide: no answer within the delay, so the request is accepted.' },
    ALREADY_DECIDED: { description: 'The request is already accepted or refused.' },
    AMOUNT_GRANTED_OUT_OF_RANGE: { description: 'The amount granted is not positive or exceeds the amount asked.' },
    NO_FRANCE_TRAVAIL_FUNDER: { description: 'No funder of kind FRANCE_TRAVAIL is known.' },
    UNKNOWN_REQUEST: { description: 'No such request.' },
    NO_FRANCE_TRAVAIL_TOP_UP: { description: "A dossier's review asks nothing of France Travail: none of its top-ups is paid by a France Travail rule." },
    KEY_REUSED: { description: 'The dossier key was already used for another request.' },
  } satisfies Record<RequestRefusalCode, { description: string }>,
});

/** France Travail's own users: a funder account whose funder is of kind FRANCE_TRAVAIL. */
async function franceTravailFunderId(ctx: AbondementsContext): Promise<string> {
  const funderId = viewerFunderId(ctx);
  if ((await findFunder(ctx.store, funderId))?.kind !== 'FRANCE_TRAVAIL') throw forbidden('seuls les conseillers de France Travail instruisent ces demandes');
  return funderId;
}

const RequestStatusEnum = builder.enumType('FranceTravailRequestStatus', {
  description: 'Where a request to France Travail stands.',
  values: {
    OPEN: { description: 'Waiting for an answer; France Travail may still decide.' },
    ACCEPTED: { description: 'Accepted by an adviser of France Travail.' },
    REFUSED: { description: 'Refused by an adviser of France Travail.' },
    ACCEPTED_TACITLY: { description: 'No answer within the delay: silence means acceptance of the amount asked.' },
    WITHDRAWN: { description: 'The dossier that made it was cancelled before France Travail decided: it asks nothing any more.' },
  },
});

export const FranceTravailRequestRef = builder.objectRef<FranceTravailRequest>('FranceTravailRequest').implement({
  description: "A job seeker's request to France Travail for a top-up on one session. One may be open at a time.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the request.' }),
    personId: t.exposeID('personId', { description: 'The job seeker.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session asked for.' }),
    amountRequested: t.expose('amountRequested', { type: 'Cents', description: 'Amount asked (the remaining cost of the funding plan).' }),
    submittedOn: t.expose('submittedOn', { type: 'Date', description: 'Day the holder asked.' }),
    answerDueBy: t.expose('answerDueBy', {
      type: 'Date',
      description: 'Last day France Travail may answer (working days, French public holidays excluded); silence after it is acceptance.',
    }),
    status: t.field({
      type: RequestStatusEnum,
      description: 'Where the request stands today.',
      resolve: (r, _a, ctx) => requestStatusOn(r, ctx.clock.today()),
    }),
    amountGranted: t.field({
      type: 'Cents',
      nullable: true,
      description: 'Amount France Travail pays: the amount decided, or the amount asked when accepted tacitly; null while open or when refused.',
      resolve: (r, _a, ctx) => {
        const status = requestStatusOn(r, ctx.clock.today());
        return status === 'ACCEPTED_TACITLY' ? r.amountRequested : r.amountGranted;
      },
    }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true, description: 'Day of the decision.' }),
    decisionReason: t.exposeString('decisionReason', { nullable: true, description: "The adviser's reason, for the holder." }),
    dossierKey: t.exposeID('dossierKey', {
      nullable: true,
      description: "The dossier's key (dossier id + step) when a dossier's France Travail review made the request; null when the holder asked here.",
    }),
  }),
});

builder.queryFields((t) => ({
  franceTravailRequestsToDecide: t.field({
    type: [FranceTravailRequestRef],
    description: "Open requests waiting for France Travail's answer, the most urgent first. For France Travail's advisers only.",
    resolve: async (_root, _args, ctx) => {
      const today = ctx.clock.today();
      return (await openRequestsOf(ctx.store, await franceTravailFunderId(ctx))).filter((r) => requestStatusOn(r, today) === 'OPEN');
    },
  }),
}));

builder.mutationFields((t) => ({
  requestFranceTravailTopUp: t.field({
    type: FranceTravailRequestRef,
    description:
      "The job seeker asks France Travail to top up a session (terms of Mon Compte Formation): within 4 working days of the provider's offer, for a session starting more than 15 working days later, one request at a time. The answer is due within 10 working days; silence means acceptance. The delays are dated parameters. A refusal is BAD_USER_INPUT with French words and extensions.reason (FranceTravailRequestRefusal).",
    args: {
      personId: t.arg.id({ required: true, description: 'The job seeker (the signed-in holder).' }),
      sessionId: t.arg.id({ required: true, description: 'The session.' }),
      offeredOn: t.arg({ type: 'Date', required: true, description: 'Day the provider made its offer (proposition de commande).' }),
      sessionStartDate: t.arg({ type: 'Date', required: true, description: 'First day of the session.' }),
      amount: t.arg({ type: 'Cents', required: true, description: 'Amount asked: the remaining cost of the funding plan.' }),
    },
    resolve: async (_root, args, ctx) => {
      const personId = String(args.personId);
      if (ctx.viewer?.role !== 'holder' || ctx.viewer.sub !== personId) throw forbidden('seul le titulaire peut demander un abondement à France Travail');
      try {
        return await submitRequest(ctx.store, {
          personId,
          sessionId: String(args.sessionId),
          amountRequested: args.amount,
          offeredOn: args.offeredOn,
          sessionStartDate: args.sessionStartDate,
          today: ctx.clock.today(),
        });
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
  decideFranceTravailRequest: t.field({
    type: FranceTravailRequestRef,
    description: 'An adviser of France Travail accepts (possibly for less than asked) or refuses an open request, before the answer is due.',
    args: {
      id: t.arg.id({ required: true, description: 'The request.' }),
      accept: t.arg.boolean({ required: true, description: 'True to accept, false to refuse.' }),
      amountGranted: t.arg({ type: 'Cents', required: false, description: 'Amount granted when accepting; the amount asked when omitted.' }),
      reason: t.arg.string({ required: false, description: 'Reason given to the holder (expected for a refusal).' }),
    },
    resolve: async (_root, args, ctx) => {
      const funderId = await franceTravailFunderId(ctx);
      const id = String(args.id);
      const request = await findRequest(ctx.store, id);
      if (!request) throw notFound(`aucune demande ${id}`);
      if (request.funderId !== funderId) throw forbidden('cette demande est adressée à un autre financeur');
      try {
        return await decideRequest(ctx.store, id, {
          accept: args.accept,
          amountGranted: args.amountGranted ?? null,
          reason: args.reason ?? null,
          decidedBy: ctx.viewer?.sub ?? funderId,
          today: ctx.clock.today(),
        });
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
}));

// A dossier waiting for France Travail's review (EDOF waitingAcceptation): the dossiers subgraph's
// outbox makes, decides and withdraws the real request, as the ordering platform (operator), under
// the dossier's key, so that the request here and the dossier's state agree.
const ReviewedTopUpInput = builder.inputType('ReviewedTopUpInput', {
  description: "A top-up of a dossier's plan; those paid by a France Travail rule make the amount asked.",
  fields: (t) => ({
    ruleId: t.id({ required: true, description: 'The rule paying it.' }),
    amount: t.field({ type: 'Cents', required: true, description: 'Amount.' }),
  }),
});

builder.mutationFields((t) => ({
  openDossierFranceTravailReview: t.field({
    type: FranceTravailRequestRef,
    description:
      "Makes the France Travail request of a dossier waiting for its review: the amount of the plan's top-ups paid by France Travail rules, asked on the day the holder asked (submittedOn), with the windows and the one-open-request rule of requestFranceTravailTopUp. Idempotent by dossierKey. For the ordering platform (operator).",
    args: {
      dossierKey: t.arg.id({ required: true, description: "The dossier's key: dossier id + step." }),
      personId: t.arg.id({ required: true, description: 'The holder.' }),
      sessionId: t.arg.id({ required: true, description: 'The session.' }),
      topUps: t.arg({ type: [ReviewedTopUpInput], required: true, description: "The top-ups of the dossier's plan." }),
      offeredOn: t.arg({ type: 'Date', required: true, description: "Day of the organisation's offer (the dossier validated)." }),
      submittedOn: t.arg({ type: 'Date', required: true, description: 'Day the holder asked for the review.' }),
      sessionStartDate: t.arg({ type: 'Date', required: true, description: 'First day of the session.' }),
    },
    resolve: async (_root, args, ctx) => {
      assertMayCommitFor(ctx);
      try {
        return await openRequestOfDossier(ctx.store, {
          dossierKey: String(args.dossierKey),
          personId: String(args.personId),
          sessionId: String(args.sessionId),
          topUps: args.topUps.map((u) => ({ ruleId: String(u.ruleId), amount: u.amount })),
          offeredOn: args.offeredOn,
          submittedOn: args.submittedOn,
          sessionStartDate: args.sessionStartDate,
          today: ctx.clock.today(),
        });
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
  decideDossierFranceTravailReview: t.field({
    type: FranceTravailRequestRef,
    description:
      "Records France Travail's decision made on a dossier (grantFunding / refuseFunding) on its request, as of the dossier's day; repeating it changes nothing. For the ordering platform (operator).",
    args: {
      dossierKey: t.arg.id({ required: true, description: 'The key the request was made under.' }),
      accept: t.arg.boolean({ required: true, description: 'True when France Travail granted it.' }),
      decidedOn: t.arg({ type: 'Date', required: true, description: 'Day of the decision on the dossier.' }),
      decidedBy: t.arg.string({ required: true, description: "France Travail's user who decided on the dossier." }),
      reason: t.arg.string({ required: false, description: 'The reason given on the dossier.' }),
    },
    resolve: async (_root, args, ctx) => {
      assertMayCommitFor(ctx);
      try {
        return await decideRequestOfDossier(ctx.store, String(args.dossierKey), {
          accept: args.accept,
          reason: args.reason ?? null,
          decidedBy: args.decidedBy,
          decidedOn: args.decidedOn,
        });
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
  withdrawDossierFranceTravailReview: t.field({
    type: FranceTravailRequestRef,
    nullable: true,
    description:
      'The dossier was cancelled before France Travail decided: its open request is withdrawn (a decided one is left as it is). Null when the dossier made none. For the ordering platform (operator).',
    args: { dossierKey: t.arg.id({ required: true, description: 'The key the request was made under.' }) },
    resolve: (_root, args, ctx) => {
      assertMayCommitFor(ctx);
      return withdrawRequestOfDossier(ctx.store, String(args.dossierKey), ctx.clock.today());
    },
  }),
}));
