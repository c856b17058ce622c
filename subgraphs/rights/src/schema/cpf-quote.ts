import type { Participation, Quote } from '../domain/quote.ts';
import { builder } from './builder.ts';
import { LawStatusEnum, ParticipationExemptionCodeEnum, SpendingOrderCodeEnum, SpendingStepEnum } from './enums.ts';

const ParticipationRef = builder.objectRef<Participation>('ParticipationForfaitaire').implement({
  description: "The holder's mandatory participation in a CPF dossier (L6323-4), or why it is waived.",
  fields: (t) => ({
    amount: t.field({ type: 'Cents', description: 'The amount in force on the quote date (0 before 2 May 2024).', resolve: (p) => p.amount }),
    amountStatus: t.field({
      type: LawStatusEnum,
      description:
        'How certain the amount is: DRAFT while a published draft would change it (say "montant à confirmer"), REPORTED when known from secondary sources only.',
      resolve: (p) => p.amountStatus,
    }),
    amountNote: t.exposeString('amountNote', { nullable: true, description: 'What is uncertain about the amount, in French; null when nothing is.' }),
    due: t.exposeBoolean('due', { description: 'False when the holder is exempt or no participation applies.' }),
    exemptionCode: t.field({
      type: ParticipationExemptionCodeEnum,
      nullable: true,
      description: 'Why it is not due, as a code; null when due.',
      resolve: (p) => p.exemptionCode,
    }),
    exemptionReason: t.exposeString('exemptionReason', {
      nullable: true,
      description: 'Why it is not due, in French with the article, e.g. "demandeur d\'emploi : exonéré de la participation forfaitaire (L6323-4)".',
    }),
    exemptWithTopUpFrom: t.exposeStringList('exemptWithTopUpFrom', {
      description: 'Kinds of funder (EMPLOYER, OPCO) whose top-up on the dossier would waive it.',
    }),
    exemptWithDotationFrom: t.exposeStringList('exemptWithDotationFrom', {
      description:
        'Kinds of funder (EMPLOYER) whose dotation, when the dossier uses it, would waive it; other dotations (CEC, FAF, Région, France Travail…) do not.',
    }),
    legalSource: t.exposeString('legalSource', { description: 'The text fixing the amount or the exemption.' }),
  }),
});

export const CpfQuoteRef = builder.objectRef<Quote>('CpfQuote').implement({
  description: "What the holder's own CPF rights can pay for one session, under the rules of one date.",
  fields: (t) => ({
    date: t.field({
      type: 'Date',
      description: 'The day the dossier would be ordered (today): its rules and the balance on that day apply.',
      resolve: (q) => q.date,
    }),
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
    spendingCapStatus: t.field({
      type: LawStatusEnum,
      nullable: true,
      description: 'How certain the cap is; null when uncapped.',
      resolve: (q) => q.spendingCapStatus,
    }),
    spendingOrderCode: t.field({ type: SpendingOrderCodeEnum, description: 'The legal order of spending on that date.', resolve: (q) => q.spendingOrderCode }),
    spendingSteps: t.field({
      type: [SpendingStepEnum],
      description: "The steps of that order, first spent first; the holder's own payment comes after them.",
      resolve: (q) => q.spendingSteps,
    }),
    spendingOrderSource: t.exposeString('spendingOrderSource', { description: 'The text setting the order, with its entry into force, in French.' }),
    participation: t.field({ type: ParticipationRef, description: 'The participation forfaitaire on that date.', resolve: (q) => q.participation }),
    coveredByRights: t.field({
      type: 'Cents',
      description: "What the holder's own rights pay: at most the balance, the cap, and the price less the participation when due; 0 when ineligible.",
      resolve: (q) => q.coveredByRights,
    }),
  }),
});
