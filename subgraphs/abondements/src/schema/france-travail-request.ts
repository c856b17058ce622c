// A job seeker's request to France Travail: asked by the holder, decided by France Travail's
// advisers, accepted by silence once the delay of working days has run out.
import { badUserInput, forbidden, loader, notFound } from '@formations/schema/subgraph';
import { findFunder } from '../db/funder-admin.ts';
import { decideRequest, findRequest, openRequestsOf, requestsOfPersons, RequestError, submitRequest } from '../db/france-travail.ts';
import { requestStatusOn, type FranceTravailRequest } from '../domain/france-travail-request.ts';
import type { FundedRequest } from '../domain/funding-plan.ts';
import type { AbondementsContext } from '../context.ts';
import { builder } from './builder.ts';
import { viewerFunderId } from './funder-access.ts';

export const requestsLoader = (ctx: AbondementsContext) =>
  loader<string, FundedRequest[]>(ctx, 'franceTravailRequestsByPerson', (personIds) => {
    const all = requestsOfPersons(ctx.db, personIds);
    return personIds.map((id) => all.filter((r) => r.personId === id));
  });

const asBadInput = (error: unknown): never => {
  if (error instanceof RequestError) throw badUserInput(error.message);
  throw error;
};

/** France Travail's own users: a funder account whose funder is of kind FRANCE_TRAVAIL. */
function franceTravailFunderId(ctx: AbondementsContext): string {
  const funderId = viewerFunderId(ctx);
  if (findFunder(ctx.db, funderId)?.kind !== 'FRANCE_TRAVAIL') throw forbidden("only France Travail's advisers decide these requests");
  return funderId;
}

const RequestStatusEnum = builder.enumType('FranceTravailRequestStatus', {
  description: 'Where a request to France Travail stands.',
  values: {
    OPEN: { description: 'Waiting for an answer; France Travail may still decide.' },
    ACCEPTED: { description: 'Accepted by an adviser of France Travail.' },
    REFUSED: { description: 'Refused by an adviser of France Travail.' },
    ACCEPTED_TACITLY: { description: 'No answer within the delay: silence means acceptance of the amount asked.' },
  },
});

export const FranceTravailRequestType = builder.objectRef<FranceTravailRequest>('FranceTravailRequest').implement({
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
    status: t.field({ type: RequestStatusEnum, description: 'Where the request stands today.', resolve: (r, _a, ctx) => requestStatusOn(r, ctx.clock.today()) }),
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
  }),
});

builder.queryFields((t) => ({
  franceTravailRequestsToDecide: t.field({
    type: [FranceTravailRequestType],
    description: "Open requests waiting for France Travail's answer, the most urgent first. For France Travail's advisers only.",
    resolve: (_root, _args, ctx) => {
      const today = ctx.clock.today();
      return openRequestsOf(ctx.db, franceTravailFunderId(ctx)).filter((r) => requestStatusOn(r, today) === 'OPEN');
    },
  }),
}));

builder.mutationFields((t) => ({
  requestFranceTravailTopUp: t.field({
    type: FranceTravailRequestType,
    description:
      'The job seeker asks France Travail to top up a session. Refused while another request is open. The answer is due within the configured working days; silence means acceptance.',
    args: {
      personId: t.arg.id({ required: true, description: 'The job seeker (the signed-in holder).' }),
      sessionId: t.arg.id({ required: true, description: 'The session.' }),
      amount: t.arg({ type: 'Cents', required: true, description: 'Amount asked: the remaining cost of the funding plan.' }),
    },
    resolve: (_root, args, ctx) => {
      const personId = String(args.personId);
      if (ctx.viewer?.role !== 'holder' || ctx.viewer.sub !== personId) throw forbidden('only the holder may ask France Travail for a top-up');
      if (args.amount <= 0) throw badUserInput('the amount asked must be positive');
      try {
        return submitRequest(ctx.db, {
          personId,
          sessionId: String(args.sessionId),
          amountRequested: args.amount,
          today: ctx.clock.today(),
          delayWorkingDays: ctx.settings.franceTravailAnswerDelayWorkingDays,
        });
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
  decideFranceTravailRequest: t.field({
    type: FranceTravailRequestType,
    description: "An adviser of France Travail accepts (possibly for less than asked) or refuses an open request, before the answer is due.",
    args: {
      id: t.arg.id({ required: true, description: 'The request.' }),
      accept: t.arg.boolean({ required: true, description: 'True to accept, false to refuse.' }),
      amountGranted: t.arg({ type: 'Cents', required: false, description: 'Amount granted when accepting; the amount asked when omitted.' }),
      reason: t.arg.string({ required: false, description: 'Reason given to the holder (expected for a refusal).' }),
    },
    resolve: (_root, args, ctx) => {
      const funderId = franceTravailFunderId(ctx);
      const id = String(args.id);
      const request = findRequest(ctx.db, id);
      if (!request) throw notFound(`no request ${id}`);
      if (request.funderId !== funderId) throw forbidden('this request is addressed to another funder');
      try {
        return decideRequest(ctx.db, id, {
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
