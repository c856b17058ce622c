import { requireAccess } from '@formations/schema/subgraph';
import type { AccountData } from '../db/accounts.ts';
import type { RightsContext } from '../context.ts';
import { accountLoader } from './loaders.ts';
import { projectedBalance } from '../domain/account.ts';
import { quote, type CpfTrainingKind, type HolderStatus } from '../domain/quote.ts';
import { builder } from './builder.ts';

const external = [{ name: 'external', args: {} }];
import { CpfQuoteRef } from './cpf-quote.ts';
import { CpfTrainingKindEnum, HolderStatusEnum } from './enums.ts';

type SessionFacts = { price: number | null; cpfKind: CpfTrainingKind; startDate: string | null };

// The session's facts as catalog gives them with the option (its SessionFacts, @external here).
const SessionFactsRef = builder.objectRef<SessionFacts>('SessionFacts').implement({
  fields: (t) => ({
    price: t.expose('price', { type: 'Cents', nullable: true, directives: external }),
    cpfKind: t.expose('cpfKind', { type: CpfTrainingKindEnum, directives: external }),
    startDate: t.expose('startDate', { type: 'Date', nullable: true, directives: external }),
  }),
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

/**
 * The balance projected for `date`, once per account read and day: a request quotes every option
 * of the same person (16 in the README flagship) from the same ledger, and replaying it with the
 * pending years was the larger part of each quote.
 */
const projected = new WeakMap<AccountData, { params: RightsContext['params']; date: string; balance: number }>();
function balanceOn(account: AccountData, params: RightsContext['params'], date: string): number {
  const known = projected.get(account);
  if (known && known.params === params && known.date === date) return known.balance;
  const balance = projectedBalance(account.entries, account.years, params, date);
  projected.set(account, { params, date, balance });
  return balance;
}

type QuoteRequirements = {
  holder: HolderFacts | null;
  sessionFacts: SessionFacts | null;
};

builder.externalRef('TrainingOption', builder.selection<{ personId: string; sessionId: string }>('personId sessionId')).implement({
  externalFields: (t) => ({
    holder: t.field({ type: HolderFactsRef, nullable: true }),
    sessionFacts: t.field({ type: SessionFactsRef }),
  }),
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person considered.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session considered.' }),
    cpfQuote: t.field({
      type: CpfQuoteRef,
      nullable: true,
      description:
        "What the holder's CPF rights cover for this session: balance, eligibility, spending cap and participation forfaitaire. Null when the session has no price.",
      requires: builder.selection<QuoteRequirements>('holder { accessGrant status hasDrivingLicence } sessionFacts { price cpfKind startDate }'),
      resolve: async (option, _args, ctx) => {
        // As for cpfAccount: load in the same tick as the other options, return only once allowed.
        const [, account] = await Promise.all([
          // holder is null when passport failed upstream: no grant, so FORBIDDEN, not a crash.
          // The quote is part of a funding plan: the FUNDING scope opens it too.
          requireAccess(option.holder?.accessGrant, ctx.viewer, option.personId, ['rights', 'funding']),
          accountLoader(ctx).load(option.personId),
        ]);
        const session = option.sessionFacts;
        if (!option.holder || !session || session.price === null || session.price === undefined) return null;
        // A quote is for an order placed today, with today's rules and today's balance.
        const date = ctx.today();
        return quote(
          {
            date,
            sessionStart: session.startDate,
            price: session.price,
            balance: balanceOn(account, ctx.params, date),
            status: option.holder.status,
            hasDrivingLicence: option.holder.hasDrivingLicence,
            kind: session.cpfKind,
          },
          ctx.params,
        );
      },
    }),
  }),
});
