import type { Certainty } from '../domain/certainty.ts';
import type { Abondement, FundingLine, FundingPlan, PlanNote, PlanParticipation } from '../domain/funding-plan.ts';
import type { CriterionCheck, RuleDecision } from '../domain/matching.ts';
import type { FundingRule } from '../domain/types.ts';
import { builder } from './builder.ts';
import { DotationRef } from './dotation.ts';
import {
  AbondementKindEnum,
  CertaintyLevelEnum,
  CriterionEnum,
  FundingLineKindEnum,
  LawStatusEnum,
  ParticipationExemptionCodeEnum,
  PlanNoteCodeEnum,
  SilenceMeaningEnum,
  SpendingOrderCodeEnum,
  SpendingStepEnum,
} from './enums.ts';
import { FranceTravailRequestRef } from './france-travail-request.ts';
import { FunderRef } from './funder.ts';

export const RuleReferenceRef = builder.objectRef<FundingRule>('RuleReference').implement({
  description: "A funder's rule as a plan names it: enough to say which rule paid or refused.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the rule.' }),
    label: t.exposeString('label', { description: "What the rule funds, in the funder's words." }),
    funder: t.field({ type: FunderRef, description: 'The funder whose convention holds the rule.', resolve: (r) => r.funder }),
  }),
});

const CriterionCheckRef = builder.objectRef<CriterionCheck>('CriterionCheck').implement({
  description: 'One criterion of a rule checked against the person and the session.',
  fields: (t) => ({
    criterion: t.expose('criterion', { type: CriterionEnum, description: 'What was checked.' }),
    passed: t.exposeBoolean('passed', { description: 'Whether the criterion is met.' }),
    explanation: t.exposeString('explanation', { description: 'The facts compared, in French an adviser can repeat.' }),
  }),
});

const RuleDecisionRef = builder.objectRef<RuleDecision>('RuleDecision').implement({
  description: 'Whether one automated rule applies to this person × session, and why.',
  fields: (t) => ({
    rule: t.field({ type: RuleReferenceRef, description: 'The rule.', resolve: (d) => d.rule }),
    applies: t.exposeBoolean('applies', { description: 'True when every criterion is met (the plan may still give it nothing if nothing remains to fund).' }),
    decidingCriterion: t.expose('decidingCriterion', {
      type: CriterionEnum,
      nullable: true,
      description: 'The criterion that refused the rule; null when it applies.',
    }),
    reason: t.exposeString('reason', { description: 'The decisive explanation, in French, to tell the holder (decidingCriterion is its code).' }),
    checks: t.field({ type: [CriterionCheckRef], description: 'Every criterion checked, in order.', resolve: (d) => d.checks }),
  }),
});

export const PartCertaintyRef = builder.objectRef<Certainty>('PartCertainty').implement({
  description:
    "How sure a part of a funding plan is: applied automatically, subject to a funder's decision (who, by which day, what silence means), reserved for this person × session, or committed.",
  fields: (t) => ({
    level: t.expose('level', { type: CertaintyLevelEnum, description: 'How sure the part is.' }),
    decidedBy: t.field({
      type: FunderRef,
      nullable: true,
      description: 'The funder who decides (FUNDER_DECISION) or decided (COMMITTED by a request); null otherwise.',
      resolve: (c) => c.decidedBy,
    }),
    decideBy: t.expose('decideBy', {
      type: 'Date',
      nullable: true,
      description:
        'Last day the funder may answer (French working days); its silence takes effect the next day. Before any request: the day a request made today would be due. Null when no delay is known.',
    }),
    decideWithinWorkingDays: t.exposeInt('decideWithinWorkingDays', {
      nullable: true,
      description: "The funder's delay in working days, a dated parameter; null when none is known.",
    }),
    silenceMeans: t.expose('silenceMeans', {
      type: SilenceMeaningEnum,
      nullable: true,
      description: "What the funder's silence past decideBy means; null when nobody decides.",
    }),
    source: t.exposeString('source', { description: 'The text the level rests on (article, terms of Mon Compte Formation…).' }),
    sourceStatus: t.expose('sourceStatus', {
      type: LawStatusEnum,
      nullable: true,
      description: 'How sure that text is: REPORTED when read through a secondary copy; null when no text is known.',
    }),
    label: t.exposeString('label', { description: 'The level in French, for the holder and the adviser (level is its code).' }),
  }),
});

const AbondementRef = builder.objectRef<Abondement>('Abondement').implement({
  description: 'Money a funder puts in this dossier.',
  fields: (t) => ({
    kind: t.expose('kind', { type: AbondementKindEnum, description: 'Dotation (rights credited in advance) or top-up (for this dossier).' }),
    funder: t.field({ type: FunderRef, description: 'Who pays.', resolve: (a) => a.funder }),
    amount: t.expose('amount', { type: 'Cents', description: 'Amount paid in this plan.' }),
    rule: t.field({
      type: RuleReferenceRef,
      nullable: true,
      description: 'The automated rule that pays a top-up; null for a dotation.',
      resolve: (a) => a.rule,
    }),
    dotation: t.field({ type: DotationRef, nullable: true, description: 'The dotation spent; null for a top-up.', resolve: (a) => a.dotation }),
    franceTravailRequest: t.field({
      type: FranceTravailRequestRef,
      nullable: true,
      description: 'The request to the funder on this session that bounds this top-up (open, accepted or accepted by silence), if any.',
      resolve: (a) => a.franceTravailRequest,
    }),
    certainty: t.field({ type: PartCertaintyRef, description: 'How sure this part is.', resolve: (a) => a.certainty }),
  }),
});

const PlanParticipationRef = builder.objectRef<PlanParticipation>('PlanParticipation').implement({
  description: 'The participation forfaitaire in this plan, once top-ups that exempt it are known.',
  fields: (t) => ({
    amount: t.expose('amount', { type: 'Cents', description: 'Amount in force at the plan date.' }),
    amountStatus: t.expose('amountStatus', {
      type: LawStatusEnum,
      nullable: true,
      description: 'Whether the amount is in force, or reported / a draft (then "montant à confirmer"); null without a CPF quote.',
    }),
    due: t.exposeBoolean('due', { description: 'Whether the holder pays it in this plan.' }),
    exemptionCode: t.expose('exemptionCode', {
      type: ParticipationExemptionCodeEnum,
      nullable: true,
      description: "Why it is not due, as a code: the quote's (job seeker…) or the plan's (EMPLOYER_TOP_UP, OPCO_TOP_UP, EMPLOYER_DOTATION).",
    }),
    exemptionReason: t.exposeString('exemptionReason', { nullable: true, description: 'Why it is not due, in French, with its source.' }),
    legalSource: t.exposeString('legalSource', { nullable: true, description: 'Text that sets it.' }),
  }),
});

const PlanNoteRef = builder.objectRef<PlanNote>('PlanNote').implement({
  description: 'A note of a funding plan: a code for programs, a French message for people.',
  fields: (t) => ({
    code: t.expose('code', { type: PlanNoteCodeEnum, description: 'What the note is about.' }),
    message: t.exposeString('message', { description: 'The note in French, with its source.' }),
  }),
});

const FundingLineRef = builder.objectRef<FundingLine>('FundingLine').implement({
  description: 'One part of the price, in the order the money is spent.',
  fields: (t) => ({
    kind: t.expose('kind', { type: FundingLineKindEnum, description: 'Who pays this part.' }),
    label: t.exposeString('label', { description: 'The part in French, with its article (kind is its code).' }),
    amount: t.expose('amount', { type: 'Cents', description: 'Amount of this part.' }),
    funder: t.field({ type: FunderRef, nullable: true, description: 'The funder, for dotations and top-ups.', resolve: (l) => l.funder }),
    certainty: t.field({
      type: PartCertaintyRef,
      nullable: true,
      description:
        "How sure this part is; null for what the holder pays (HOLDER_PAYMENT, PARTICIPATION). CPF rights are AUTOMATIC here: their debit is the rights ledger's (the dossier's frozen plan says it).",
      resolve: (l) => l.certainty,
    }),
  }),
});

export const FundingPlanRef = builder.objectRef<FundingPlan>('FundingPlan').implement({
  description:
    'How the price of a session is paid for this person: CPF rights, dotations, top-ups and what remains for the holder. A simulation: no envelope money is reserved. cpfRights + Σ abondements + remainingCost = price, exactly.',
  fields: (t) => ({
    price: t.expose('price', { type: 'Cents', description: 'Price of the session.' }),
    date: t.expose('date', { type: 'Date', description: "Date whose rules apply (the CPF quote's date)." }),
    spendingOrder: t.string({
      description: "The order of spending that applied, in French, from the CPF quote's legal order.",
      resolve: (p) => p.spendingOrder.label,
    }),
    spendingOrderCode: t.field({
      type: SpendingOrderCodeEnum,
      nullable: true,
      description: "The legal order of spending that applied (the CPF quote's); null without a quote, when only top-ups apply.",
      resolve: (p) => p.spendingOrder.code,
    }),
    spendingSteps: t.field({ type: [SpendingStepEnum], description: 'The steps followed, in order.', resolve: (p) => p.spendingOrder.steps }),
    spendingOrderSource: t.string({
      nullable: true,
      description: 'The text that sets the order; null without a quote.',
      resolve: (p) => p.spendingOrder.source,
    }),
    cpfRights: t.expose('cpfRights', { type: 'Cents', description: "Paid from the holder's own acquired rights." }),
    abondements: t.field({ type: [AbondementRef], description: 'Dotations and top-ups, in spending order.', resolve: (p) => p.abondements }),
    participation: t.field({ type: PlanParticipationRef, description: 'The participation forfaitaire.', resolve: (p) => p.participation }),
    remainingCost: t.expose('remainingCost', { type: 'Cents', description: 'What the holder pays: reste à charge plus the participation when due.' }),
    lines: t.field({ type: [FundingLineRef], description: 'Every part in spending order; the amounts add up to the price.', resolve: (p) => p.lines }),
    ruleDecisions: t.field({
      type: [RuleDecisionRef],
      description: 'Every automated rule, applied or refused, with the criterion that decided: what an adviser needs to explain a refusal.',
      resolve: (p) => p.ruleDecisions,
    }),
    notes: t.stringList({
      description: 'Why parts are what they are (ineligibility, caps, unusable dotations), in French: the messages of planNotes.',
      resolve: (p) => p.notes.map((n) => n.message),
    }),
    planNotes: t.field({ type: [PlanNoteRef], description: 'The same notes, each with its code.', resolve: (p) => p.notes }),
  }),
});
