import type { Participation, Quote } from '../domain/quote.ts';
import { builder } from './builder.ts';

const ParticipationRef = builder.objectRef<Participation>('ParticipationForfaitaire').implement({
  description: "The holder's mandatory participation in a CPF dossier (L6323-4), or why it is waived.",
  fields: (t) => ({
    amount: t.field({ type: 'Cents', description: 'The amount in force on the quote date (0 before 2 May 2024).', resolve: (p) => p.amount }),
    due: t.exposeBoolean('due', { description: 'False when the holder is exempt or no participation applies.' }),
    exemptionReason: t.exposeString('exemptionReason', { nullable: true, description: 'Why it is waived, e.g. "job seeker (L6323-4)".' }),
    exemptWithTopUpFrom: t.exposeStringList('exemptWithTopUpFrom', {
      description: 'Kinds of funder (EMPLOYER, OPCO) whose top-up on the dossier would waive it.',
    }),
    legalSource: t.exposeString('legalSource', { description: 'The text fixing the amount or the exemption.' }),
  }),
});

export const CpfQuoteRef = builder.objectRef<Quote>('CpfQuote').implement({
  description: "What the holder's own CPF rights can pay for one session, under the rules of one date.",
  fields: (t) => ({
    date: t.field({ type: 'Date', description: "The day the dossier would be ordered (today): its rules and the balance on that day apply.", resolve: (q) => q.date }),
    price: t.field({ type: 'Cents', description: 'The price of the session.', resolve: (q) => q.price }),
    balance: t.field({ type: 'Cents', description: "The holder's rights on that date (recorded years credited by then included).", resolve: (q) => q.balance }),
    eligible: t.exposeBoolean('eligible', { description: 'Whether the CPF may fund this session for this holder.' }),
    ineligibilityReason: t.exposeString('ineligibilityReason', { nullable: true, description: 'Why not, with the article.' }),
    spendingCap: t.field({
      type: 'Cents',
      nullable: true,
      description: 'Most CPF rights may pay for this kind of training (D6323-1 A: RS 1,500 €, bilan 1,600 €, licence B 900 €); null when uncapped.',
      resolve: (q) => q.spendingCap,
    }),
    spendingCapSource: t.exposeString('spendingCapSource', { nullable: true, description: 'The text setting the cap.' }),
    participation: t.field({ type: ParticipationRef, description: 'The participation forfaitaire on that date.', resolve: (q) => q.participation }),
    coveredByRights: t.field({
      type: 'Cents',
      description: "What the holder's own rights pay: at most the balance, the cap, and the price less the participation when due; 0 when ineligible.",
      resolve: (q) => q.coveredByRights,
    }),
  }),
});
