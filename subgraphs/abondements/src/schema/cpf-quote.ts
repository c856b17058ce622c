import type { CpfQuote, ParticipationForfaitaire } from '../domain/types.ts';
import { builder } from './builder.ts';
import { LawStatusEnum, ParticipationExemptionCodeEnum, SpendingOrderCodeEnum, SpendingStepEnum } from './enums.ts';

// Value types owned by rights; declared here with the fields fundingPlan requires, all @external
// since only rights resolves them.
const external = [{ name: 'external', args: {} }];

export const ParticipationForfaitaireRef = builder.objectRef<ParticipationForfaitaire>('ParticipationForfaitaire').implement({
  description: "The holder's mandatory participation in a CPF dossier (L6323-4), as the rights subgraph computes it.",
  fields: (t) => ({
    amount: t.expose('amount', { type: 'Cents', directives: external, description: 'Amount in force at the quote date.' }),
    amountStatus: t.expose('amountStatus', { type: LawStatusEnum, directives: external, description: 'Whether the amount is in force, reported or a draft.' }),
    due: t.exposeBoolean('due', { directives: external, description: 'False when the holder is exempt.' }),
    exemptionReason: t.exposeString('exemptionReason', { nullable: true, directives: external, description: 'Why the holder is exempt.' }),
    exemptionCode: t.expose('exemptionCode', {
      type: ParticipationExemptionCodeEnum,
      nullable: true,
      directives: external,
      description: 'Why the holder is exempt, as a code.',
    }),
    exemptWithTopUpFrom: t.exposeStringList('exemptWithTopUpFrom', { directives: external, description: 'Funder kinds whose top-up exempts the holder.' }),
    exemptWithDotationFrom: t.exposeStringList('exemptWithDotationFrom', {
      directives: external,
      description: 'Funder kinds whose dotation spent on the dossier exempts the holder.',
    }),
    legalSource: t.exposeString('legalSource', { directives: external, description: 'Text that sets the participation.' }),
  }),
});

export const CpfQuoteRef = builder.objectRef<CpfQuote>('CpfQuote').implement({
  description: "What the holder's CPF rights can pay for a session, as the rights subgraph computes it.",
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', directives: external, description: 'Date whose rules apply.' }),
    price: t.expose('price', { type: 'Cents', directives: external, description: 'Price of the session.' }),
    balance: t.expose('balance', { type: 'Cents', directives: external, description: "The holder's acquired rights at that date." }),
    eligible: t.exposeBoolean('eligible', { directives: external, description: 'Whether the CPF may pay for this training.' }),
    ineligibilityReason: t.exposeString('ineligibilityReason', { nullable: true, directives: external, description: 'Why not, when not eligible.' }),
    spendingCap: t.expose('spendingCap', {
      type: 'Cents',
      nullable: true,
      directives: external,
      description: 'Cap on CPF spending for this kind of training (D6323-1 A).',
    }),
    spendingCapSource: t.exposeString('spendingCapSource', { nullable: true, directives: external, description: 'Text that sets the cap.' }),
    spendingCapStatus: t.expose('spendingCapStatus', {
      type: LawStatusEnum,
      nullable: true,
      directives: external,
      description: 'Whether the cap is in force, reported or a draft.',
    }),
    spendingOrderCode: t.expose('spendingOrderCode', {
      type: SpendingOrderCodeEnum,
      directives: external,
      description: 'The legal order of spending at the quote date.',
    }),
    spendingSteps: t.field({ type: [SpendingStepEnum], directives: external, description: 'Its steps, in order.', resolve: (q) => q.spendingSteps }),
    spendingOrderSource: t.exposeString('spendingOrderSource', { directives: external, description: 'Text that sets the order.' }),
    participation: t.field({
      type: ParticipationForfaitaireRef,
      directives: external,
      description: 'The participation forfaitaire.',
      resolve: (q) => q.participation,
    }),
  }),
});
