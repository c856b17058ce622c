import { accountCeiling, balanceOf, projectedBalance, yearCredits, type YearCredit } from '../domain/account.ts';
import type { AccountData } from '../db/accounts.ts';
import { badUserInput } from '@formations/schema/subgraph';
import { builder } from './builder.ts';
import { AcquisitionRuleEnum } from './enums.ts';
import { CpfLedgerEntryRef } from './ledger-entry.ts';

const YearCreditRef = builder.objectRef<YearCredit>('CpfYearCredit').implement({
  description: 'What one year of activity brings to the account, with the rule and figures that explain it.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year of activity.' }),
    amount: t.field({ type: 'Cents', description: 'Credited (or to be credited) after the ceiling.', resolve: (c) => c.amount }),
    entitled: t.field({ type: 'Cents', description: 'What the year earned before the ceiling; the difference is lost.', resolve: (c) => c.entitled }),
    ceiling: t.field({ type: 'Cents', description: 'The ceiling of acquired rights under this year’s rule.', resolve: (c) => c.ceiling }),
    rule: t.field({ type: AcquisitionRuleEnum, description: 'The acquisition rule applied.', resolve: (c) => c.rule }),
    creditDate: t.field({ type: 'Date', description: 'The day the year is credited, in spring of the following year.', resolve: (c) => c.creditDate }),
    posted: t.exposeBoolean('posted', { description: 'True once the credit is written in the ledger; false for a projection.' }),
    explanation: t.exposeString('explanation', { description: 'Rule, figures and ceiling, in French, in words an adviser can repeat.' }),
    legalSource: t.exposeString('legalSource', { description: 'The articles the amount comes from.' }),
  }),
});

const MAX_PAGE = 500;

export const CpfAccountRef = builder.objectRef<AccountData>('CpfAccount').implement({
  description: "A holder's compte personnel de formation: an append-only ledger in euro cents.",
  fields: (t) => ({
    balance: t.field({ type: 'Cents', description: 'Rights available today: the sum of every line of the ledger.', resolve: (a) => balanceOf(a.entries) }),
    ceiling: t.field({
      type: 'Cents',
      description: 'The ceiling of acquired rights (5,000 €, or 8,000 € for the low-qualified, OETH and ESAT workers); extra credits are outside it.',
      resolve: (a, _args, ctx) => accountCeiling(a.years, ctx.params, ctx.today()),
    }),
    entries: t.field({
      type: [CpfLedgerEntryRef],
      description: 'The ledger lines in date order, a page at a time.',
      args: {
        offset: t.arg.int({ required: true, defaultValue: 0, description: 'Lines to skip.' }),
        limit: t.arg.int({ required: true, defaultValue: 100, description: `Lines to return (at most ${MAX_PAGE}).` }),
      },
      resolve: (a, { offset, limit }) => {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) throw badUserInput(`offset doit être ≥ 0 et limit entre 0 et ${MAX_PAGE}`);
        return a.entries.slice(offset, offset + limit);
      },
    }),
    credits: t.field({
      type: [YearCreditRef],
      description: 'Each recorded year of activity and what it brings, explained.',
      resolve: (a, _args, ctx) => yearCredits(a.entries, a.years, ctx.params),
    }),
    projectedBalance: t.field({
      type: 'Cents',
      description: 'The balance on a given day, counting the recorded years that will be credited by then (ceiling applied).',
      args: { at: t.arg({ type: 'Date', required: true, description: 'The day to project to.' }) },
      resolve: (a, { at }, ctx) => projectedBalance(a.entries, a.years, ctx.params, at),
    }),
  }),
});
