// The funder's side: its conventions, their rules and envelopes. Each funder sees only its own.
import { badUserInput, notFound } from '@formations/schema/subgraph';
import {
  conventionsOfFunder,
  createConvention,
  createRule,
  envelopesOfRules,
  findFunder,
  setConventionStatus,
  setEnvelopeBudget,
  setRuleStatus,
  updateRule,
  type ConventionRow,
  type EnvelopeRow,
  type RuleFields,
} from '../db/funder-admin.ts';
import { findRule } from '../db/queries.ts';
import { criteriaProblem, criterionFields } from '../domain/criteria.ts';
import type { FundingRule, RuleAmount, RuleCriteria } from '../domain/types.ts';
import type { AbondementsContext } from '../context.ts';
import { builder } from './builder.ts';
import { envelopeOfRule, rulesByConvention } from './loaders.ts';
import { AmountKindEnum, HolderStatusEnum, RecordStatusEnum, RoundingEnum, TopUpGrantingEnum } from './enums.ts';
import { FunderRef } from './funder.ts';
import { assertOwnRule, ownConvention, viewerFunderId } from './funder-access.ts';

// One GraphQL field per field of each criterion of domain/criteria.ts, the same in the output
// (RuleCriteria) and the input (RuleCriteriaInput): a list for one-of / any-of, a bound for a range.
const RuleCriteriaRef = builder.objectRef<RuleCriteria>('RuleCriteria').implement({
  description: 'What a rule asks of the holder and the session. A null criterion accepts everyone; a list accepts any of its values.',
  fields: (t) =>
    Object.fromEntries(
      criterionFields().map(({ name, type, list, description }) => {
        const resolve = (c: RuleCriteria) => ((c as Record<string, unknown>)[name] ?? null) as never;
        const field =
          type === 'HolderStatus'
            ? t.field({ type: [HolderStatusEnum], nullable: true, description, resolve })
            : type === 'Int'
              ? t.int({ nullable: true, description, resolve })
              : list
                ? t.stringList({ nullable: true, description, resolve })
                : t.field({ type: type === 'Cents' ? 'Cents' : 'String', nullable: true, description, resolve });
        return [name, field];
      }),
    ),
});

const RuleAmountRef = builder.objectRef<RuleAmount>('RuleAmount').implement({
  description: 'How a rule computes its top-up; it never pays more than its cap, its envelope or the remaining cost.',
  fields: (t) => ({
    kind: t.expose('kind', { type: AmountKindEnum, description: 'Fixed, % of the price or % of the remaining cost.' }),
    value: t.exposeInt('value', { description: 'Cents for a fixed amount; basis points otherwise (5000 = 50 %).' }),
    capPerDossier: t.expose('capPerDossier', { type: 'Cents', nullable: true, description: 'Most the rule pays for one dossier.' }),
    rounding: t.expose('rounding', { type: RoundingEnum, description: 'How a percentage is rounded to the cent.' }),
  }),
});

const EnvelopeRef = builder.objectRef<EnvelopeRow>('Envelope').implement({
  description: "A rule's own budget. Reservations take money from it atomically; it can never be overspent.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the envelope.' }),
    budget: t.expose('budget', { type: 'Cents', description: 'Total budget voted for the rule.' }),
    consumed: t.expose('consumed', { type: 'Cents', description: 'Reserved by dossiers (released reservations excluded).' }),
    remaining: t.field({ type: 'Cents', description: 'What the envelope can still pay.', resolve: (e) => e.budget - e.consumed }),
  }),
});

const FundingRuleRef = builder.objectRef<FundingRule>('FundingRule').implement({
  description: "One rule of a funder's convention: its criteria, its amount, its envelope and its validity.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the rule.' }),
    label: t.exposeString('label', { description: "What the rule funds, in the funder's words." }),
    status: t.expose('status', { type: RecordStatusEnum, description: 'Active or suspended.' }),
    validFrom: t.expose('validFrom', { type: 'Date', description: 'First day the rule applies.' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'Last day the rule applies; null when open-ended.' }),
    criteria: t.field({ type: RuleCriteriaRef, description: 'What the rule asks.', resolve: (r) => r.criteria }),
    amount: t.field({ type: RuleAmountRef, description: 'What the rule pays.', resolve: (r) => r.amount }),
    granting: t.expose('granting', {
      type: TopUpGrantingEnum,
      description: "Automatic at purchase, or only once the funder has decided on the dossier (the plan's part then says FUNDER_DECISION).",
    }),
    envelope: t.field({
      type: EnvelopeRef,
      nullable: true,
      description: "The rule's budget envelope.",
      resolve: (r, _a, ctx) => envelopeOfRule(ctx).load(r.id),
    }),
  }),
});

const ConventionRef = builder.objectRef<ConventionRow>('Convention').implement({
  description: 'A convention a funder signed with the Caisse des Dépôts; it holds the automated rules.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the convention.' }),
    label: t.exposeString('label', { description: 'Title of the convention.' }),
    status: t.expose('status', { type: RecordStatusEnum, description: 'Active or suspended; a suspended convention suspends all its rules.' }),
    validFrom: t.expose('validFrom', { type: 'Date', description: 'First day in force.' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'Last day in force; null when open-ended.' }),
    rules: t.field({ type: [FundingRuleRef], description: 'Its rules.', resolve: (c, _a, ctx) => rulesByConvention(ctx).load(c.id) }),
  }),
});

const RuleCriteriaInput = builder.inputType('RuleCriteriaInput', {
  description: 'Criteria of a rule; omit a criterion to accept everyone.',
  fields: (t) =>
    Object.fromEntries(
      criterionFields().map(({ name, type, list, description }) => {
        const field =
          type === 'HolderStatus'
            ? t.field({ type: [HolderStatusEnum], required: false, description })
            : type === 'Int'
              ? t.int({ required: false, description })
              : list
                ? t.stringList({ required: false, description })
                : t.field({ type: type === 'Cents' ? 'Cents' : 'String', required: false, description });
        return [name, field];
      }),
    ),
});

const RuleAmountInput = builder.inputType('RuleAmountInput', {
  description: 'What a rule pays.',
  fields: (t) => ({
    kind: t.field({ type: AmountKindEnum, required: true, description: 'Fixed, % of the price or % of the remaining cost.' }),
    value: t.int({ required: true, description: 'Cents for FIXED; basis points (0–10000) for a percentage.' }),
    capPerDossier: t.field({ type: 'Cents', required: false, description: 'Most paid for one dossier.' }),
    rounding: t.field({ type: RoundingEnum, required: false, description: 'Rounding of a percentage; DOWN when omitted.' }),
  }),
});

const RuleInput = builder.inputType('RuleInput', {
  description: 'A rule as a funder writes it.',
  fields: (t) => ({
    label: t.string({ required: true, description: 'What the rule funds.' }),
    criteria: t.field({ type: RuleCriteriaInput, required: true, description: 'Who and what it funds.' }),
    amount: t.field({ type: RuleAmountInput, required: true, description: 'What it pays.' }),
    granting: t.field({
      type: TopUpGrantingEnum,
      required: false,
      description: 'Automatic at purchase (when omitted), or only once the funder has decided on the dossier.',
    }),
    validFrom: t.field({ type: 'Date', required: true, description: 'First day it applies.' }),
    validTo: t.field({ type: 'Date', required: false, description: 'Last day it applies.' }),
  }),
});

type RuleInputShape = typeof RuleInput.$inferInput;

function toRuleFields(input: RuleInputShape): RuleFields {
  const criteria = Object.fromEntries(Object.entries(input.criteria).filter(([, v]) => v !== null && v !== undefined)) as RuleCriteria;
  const problem = criteriaProblem(criteria);
  if (problem) throw badUserInput(problem);
  const { kind, value, capPerDossier, rounding } = input.amount;
  if (!Number.isSafeInteger(value) || value < 0) throw badUserInput('amount.value doit être un entier positif ou nul');
  if (kind !== 'FIXED' && value > 10_000) throw badUserInput('un pourcentage se donne en points de base, au plus 10000 (100 %)');
  if (capPerDossier != null && capPerDossier < 0) throw badUserInput('capPerDossier ne peut pas être négatif');
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo < input.validFrom) throw badUserInput('validTo ne peut pas précéder validFrom');
  return {
    label: input.label,
    criteria,
    amount: { kind, value, capPerDossier: capPerDossier ?? null, rounding: rounding ?? 'DOWN' },
    granting: input.granting ?? 'AUTOMATIC',
    validFrom: input.validFrom,
    validTo,
  };
}

const ruleById = async (ctx: AbondementsContext, ruleId: string) => {
  const rule = await findRule(ctx.store, ruleId);
  if (!rule) throw notFound(`aucune règle ${ruleId}`);
  return rule;
};

builder.queryFields((t) => ({
  myFunder: t.field({
    type: FunderRef,
    description: 'The funder the signed-in funder user acts for.',
    resolve: async (_root, _args, ctx) => {
      const funder = await findFunder(ctx.store, viewerFunderId(ctx));
      if (!funder) throw notFound('le financeur de ce compte est inconnu');
      return funder;
    },
  }),
  conventions: t.field({
    type: [ConventionRef],
    description: "The signed-in funder's conventions, with their rules and envelopes. Other funders' conventions are never shown.",
    resolve: (_root, _args, ctx) => conventionsOfFunder(ctx.store, viewerFunderId(ctx)),
  }),
  convention: t.field({
    type: ConventionRef,
    description: "One of the signed-in funder's conventions; FORBIDDEN for another funder's.",
    args: { id: t.arg.id({ required: true, description: 'Identifier of the convention.' }) },
    resolve: (_root, { id }, ctx) => ownConvention(ctx, String(id)),
  }),
}));

builder.mutationFields((t) => ({
  createConvention: t.field({
    type: ConventionRef,
    description: 'Records a convention of the signed-in funder.',
    args: {
      label: t.arg.string({ required: true, description: 'Title.' }),
      validFrom: t.arg({ type: 'Date', required: true, description: 'First day in force.' }),
      validTo: t.arg({ type: 'Date', required: false, description: 'Last day in force.' }),
    },
    resolve: (_root, args, ctx) =>
      createConvention(ctx.store, { funderId: viewerFunderId(ctx), label: args.label, validFrom: args.validFrom, validTo: args.validTo ?? null }),
  }),
  setConventionStatus: t.field({
    type: ConventionRef,
    description: 'Suspends or reactivates a convention of the signed-in funder (all its rules with it).',
    args: {
      id: t.arg.id({ required: true, description: 'The convention.' }),
      status: t.arg({ type: RecordStatusEnum, required: true, description: 'New status.' }),
    },
    resolve: async (_root, { id, status }, ctx) => {
      const convention = await ownConvention(ctx, String(id));
      await setConventionStatus(ctx.store, convention.id, status);
      return { ...convention, status };
    },
  }),
  createRule: t.field({
    type: FundingRuleRef,
    description: 'Adds a rule, with its own budget envelope, to a convention of the signed-in funder.',
    args: {
      conventionId: t.arg.id({ required: true, description: 'The convention.' }),
      rule: t.arg({ type: RuleInput, required: true, description: 'The rule.' }),
      budget: t.arg({ type: 'Cents', required: true, description: 'Budget of its envelope.' }),
    },
    resolve: async (_root, args, ctx) => {
      const convention = await ownConvention(ctx, String(args.conventionId));
      if (args.budget < 0) throw badUserInput('le budget ne peut pas être négatif');
      const id = await createRule(ctx.store, { ...toRuleFields(args.rule), conventionId: convention.id, budget: args.budget });
      return ruleById(ctx, id);
    },
  }),
  updateRule: t.field({
    type: FundingRuleRef,
    description: 'Replaces the criteria, amount and dates of a rule of the signed-in funder.',
    args: {
      id: t.arg.id({ required: true, description: 'The rule.' }),
      rule: t.arg({ type: RuleInput, required: true, description: 'Its new content.' }),
    },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      await assertOwnRule(ctx, id);
      await updateRule(ctx.store, id, toRuleFields(args.rule));
      return ruleById(ctx, id);
    },
  }),
  setRuleStatus: t.field({
    type: FundingRuleRef,
    description: 'Suspends or reactivates a rule of the signed-in funder.',
    args: {
      id: t.arg.id({ required: true, description: 'The rule.' }),
      status: t.arg({ type: RecordStatusEnum, required: true, description: 'New status.' }),
    },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      await assertOwnRule(ctx, id);
      await setRuleStatus(ctx.store, id, args.status);
      return ruleById(ctx, id);
    },
  }),
  setEnvelopeBudget: t.field({
    type: EnvelopeRef,
    description: "Changes the budget of a rule's envelope; it cannot fall below what dossiers already reserved.",
    args: {
      ruleId: t.arg.id({ required: true, description: 'The rule.' }),
      budget: t.arg({ type: 'Cents', required: true, description: 'New budget.' }),
    },
    resolve: async (_root, args, ctx) => {
      const ruleId = String(args.ruleId);
      await assertOwnRule(ctx, ruleId);
      if (!(await setEnvelopeBudget(ctx.store, ruleId, args.budget))) throw badUserInput('le budget ne peut pas descendre sous le montant déjà réservé');
      const envelope = (await envelopesOfRules(ctx.store, [ruleId]))[0];
      if (!envelope) throw notFound(`la règle ${ruleId} n'a pas d'enveloppe`);
      return envelope;
    },
  }),
}));
