import { assertAccess } from '@formations/schema/auth';
import { asGraphQLAuthError } from '@formations/schema/subgraph';
import { accountLoader } from '../context.ts';
import { projectedBalance } from '../domain/account.ts';
import { quote, type CpfTrainingKind, type HolderStatus } from '../domain/quote.ts';
import { builder } from './builder.ts';

const external = [{ name: 'external', args: {} }];
import { CpfQuoteRef } from './cpf-quote.ts';
import { CpfTrainingKindEnum, HolderStatusEnum } from './enums.ts';

const SessionRef = builder.externalRef('Session', builder.keyDirective(builder.selection<{ id: string }>('id'), false)).implement({
  externalFields: (t) => ({
    price: t.field({ type: 'Cents', nullable: true }),
    cpfKind: t.field({ type: CpfTrainingKindEnum }),
    startDate: t.field({ type: 'Date', nullable: true }),
  }),
  fields: (t) => ({ id: t.exposeID('id', { description: 'The session (owned by catalog).' }) }),
});

type HolderFacts = { accessGrant: string | null; status: HolderStatus; hasDrivingLicence: boolean };

// The person's facts as catalog passes them on with the option (owned there, @external here):
// taking them from the option, not from passport, saves the flagship a passport fetch.
const HolderFactsRef = builder.objectRef<HolderFacts>('HolderFacts').implement({
  fields: (t) => ({
    accessGrant: t.exposeString('accessGrant', { nullable: true, directives: external }),
    status: t.expose('status', { type: HolderStatusEnum, directives: external }),
    hasDrivingLicence: t.exposeBoolean('hasDrivingLicence', { directives: external }),
  }),
});

type QuoteRequirements = {
  holder: HolderFacts | null;
  session: { price: number | null; cpfKind: CpfTrainingKind; startDate: string | null };
};

builder.externalRef('TrainingOption', builder.selection<{ personId: string; sessionId: string }>('personId sessionId')).implement({
  externalFields: (t) => ({
    holder: t.field({ type: HolderFactsRef, nullable: true }),
    session: t.field({ type: SessionRef }),
  }),
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person considered.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session considered.' }),
    cpfQuote: t.field({
      type: CpfQuoteRef,
      nullable: true,
      description:
        "What the holder's CPF rights cover for this session: balance, eligibility, spending cap and participation forfaitaire. Null when the session has no price.",
      requires: builder.selection<QuoteRequirements>('holder { accessGrant status hasDrivingLicence } session { price cpfKind startDate }'),
      resolve: async (option, _args, ctx) => {
        // As for cpfAccount: load in the same tick as the other options, return only once allowed.
        const [, account] = await Promise.all([
          // holder is null when passport failed upstream: no grant, so FORBIDDEN, not a crash.
          // The quote is part of a funding plan: the FUNDING scope opens it too.
          assertAccess(option.holder?.accessGrant, ctx.viewer, option.personId, ['rights', 'funding']).catch(asGraphQLAuthError),
          accountLoader(ctx).load(option.personId),
        ]);
        if (!option.holder || option.session.price === null || option.session.price === undefined) return null;
        // A quote is for an order placed today, with today's rules and today's balance.
        const date = ctx.today();
        return quote(
          {
            date,
            sessionStart: option.session.startDate,
            price: option.session.price,
            balance: projectedBalance(account.entries, account.years, ctx.params, date),
            status: option.holder.status,
            hasDrivingLicence: option.holder.hasDrivingLicence,
            kind: option.session.cpfKind,
          },
          ctx.params,
        );
      },
    }),
  }),
});
