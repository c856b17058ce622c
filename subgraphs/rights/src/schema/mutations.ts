// Writing to accounts is an operator's job: a holder may read his rights, never credit himself.
import { badUserInput, forbidden } from '@formations/schema/subgraph';
import { loadAccounts } from '../db/accounts.ts';
import { debit, LedgerError, postExtraCredit, recordActivityYear, refund } from '../db/ledger.ts';
import { ActivityError } from '../domain/acquisition.ts';
import { ParameterError } from '../domain/parameters.ts';
import type { RightsContext } from '../context.ts';
import { builder } from './builder.ts';
import { CpfAccountRef } from './cpf-account.ts';
import { ExtraCreditKindEnum } from './enums.ts';
import { CpfLedgerEntryRef } from './ledger-entry.ts';

function asOperator(ctx: RightsContext): void {
  if (ctx.viewer?.role !== 'operator') throw forbidden('only an operator may write to a CPF account');
}

/** Rule violations become BAD_USER_INPUT with the reason; anything else is a server error. */
function asUserError<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof LedgerError) throw badUserInput(error.message, { reason: error.code });
    if (error instanceof ActivityError || error instanceof ParameterError || error instanceof RangeError) throw badUserInput(error.message);
    throw error;
  }
}

const EmploymentPeriodInput = builder.inputType('CpfEmploymentPeriodInput', {
  description: 'A stretch of salaried work inside the year.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true, description: 'First day worked.' }),
    to: t.field({ type: 'Date', required: true, description: 'Last day worked (same year).' }),
    workingTimePercent: t.int({ required: true, description: 'Share of the legal or agreed full time, in percent (100 full time, 30 for 30 % part time).' }),
  }),
});

const ActivityYearInput = builder.inputType('CpfActivityYearInput', {
  description: 'What a person did in one year, as the DSN and the self-employed declarations report it.',
  fields: (t) => ({
    personId: t.id({ required: true, description: 'The holder.' }),
    year: t.int({ required: true, description: 'The year of activity (2019 or later).' }),
    employmentPeriods: t.field({ type: [EmploymentPeriodInput], required: true, description: 'Salaried work; empty for a year as a job seeker.' }),
    qualificationLevel: t.int({ required: false, description: 'Level of the highest certification held (0 none … 8); below 3 the holder is low-qualified.' }),
    oeth: t.boolean({ required: true, defaultValue: false, description: 'Recognised worker with a disability (OETH).' }),
    esatAdmission: t.boolean({ required: true, defaultValue: false, description: 'Admitted to an ESAT during the year.' }),
    selfEmployed: t.boolean({ required: true, defaultValue: false, description: 'Self-employed during the year.' }),
    trainingContributionPaid: t.boolean({ required: true, defaultValue: false, description: 'Self-employed only: the training contribution was paid.' }),
  }),
});

builder.mutationFields((t) => ({
  recordCpfActivityYear: t.field({
    type: CpfAccountRef,
    description: 'Records a year of activity (operators only); once its credit date has come the yearly credit is posted, ceiling applied.',
    args: { input: t.arg({ type: ActivityYearInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      asOperator(ctx);
      const { personId, qualificationLevel, employmentPeriods, ...rest } = input;
      asUserError(() =>
        recordActivityYear(ctx.db, String(personId), { ...rest, qualificationLevel: qualificationLevel ?? null, employmentPeriods: employmentPeriods.map((p) => ({ ...p })) }, ctx.params, ctx.today()),
      );
      return loadAccounts(ctx.db, [String(personId)])[0]!;
    },
  }),
  postCpfExtraCredit: t.field({
    type: CpfLedgerEntryRef,
    description: 'Posts an abondement correctif, a C2P conversion or an AT/MP credit at the amount in force on its date (operators only).',
    args: {
      personId: t.arg.id({ required: true, description: 'The holder.' }),
      kind: t.arg({ type: ExtraCreditKindEnum, required: true, description: 'Which credit.' }),
      date: t.arg({ type: 'Date', required: true, description: 'The day it is granted; its amount is the one in force then.' }),
      c2pPoints: t.arg.int({ description: 'For C2P: the points converted.' }),
      idempotencyKey: t.arg.string({ required: true, description: 'Your unique key: posting again with it records nothing more.' }),
    },
    resolve: (_root, args, ctx) => {
      asOperator(ctx);
      return asUserError(() =>
        postExtraCredit(ctx.db, { personId: String(args.personId), kind: args.kind, date: args.date, c2pPoints: args.c2pPoints ?? undefined, idempotencyKey: args.idempotencyKey }, ctx.params),
      );
    },
  }),
  debitCpfAccount: t.field({
    type: CpfLedgerEntryRef,
    description: 'Spends rights for an accepted dossier (operators only); refused when the balance does not cover it.',
    args: {
      personId: t.arg.id({ required: true, description: 'The holder.' }),
      amount: t.arg({ type: 'Cents', required: true, description: 'What the rights pay.' }),
      reason: t.arg.string({ required: true, description: 'The dossier, in words.' }),
      idempotencyKey: t.arg.string({ required: true, description: 'Your unique key (e.g. the dossier number): a retry debits once.' }),
    },
    resolve: (_root, args, ctx) => {
      asOperator(ctx);
      const today = ctx.today();
      return asUserError(() =>
        debit(ctx.db, { personId: String(args.personId), amount: args.amount, date: today, reason: args.reason, idempotencyKey: args.idempotencyKey }, ctx.params, today),
      );
    },
  }),
  refundCpfDebit: t.field({
    type: CpfLedgerEntryRef,
    description: 'Gives back all or part of a debit when a dossier is cancelled (operators only).',
    args: {
      debitKey: t.arg.string({ required: true, description: 'The idempotency key of the debit.' }),
      amount: t.arg({ type: 'Cents', required: true, description: 'What to give back; never more than was spent.' }),
      idempotencyKey: t.arg.string({ required: true, description: 'Your unique key for this refund.' }),
    },
    resolve: (_root, args, ctx) => {
      asOperator(ctx);
      return asUserError(() => refund(ctx.db, { debitKey: args.debitKey, amount: args.amount, date: ctx.today(), idempotencyKey: args.idempotencyKey }));
    },
  }),
}));
