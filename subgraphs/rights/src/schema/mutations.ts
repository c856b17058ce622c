// Writing to accounts is an operator's job: a holder may read his rights, never credit himself.
import { badUserInput, forbidden } from '@formations/schema/subgraph';
import { loadAccounts } from '../db/accounts.ts';
import { debit, LedgerError, postExtraCredit, recordActivityYear, refund } from '../db/ledger.ts';
import { ActivityError, type EmployerDeclaration } from '../domain/acquisition.ts';
import { ExtraCreditError } from '../domain/ledger.ts';
import { ParameterError } from '../domain/parameters.ts';
import type { RightsContext } from '../context.ts';
import { builder } from './builder.ts';
import { CpfAccountRef } from './cpf-account.ts';
import { ExtraCreditKindEnum, WorkingTimeBasisEnum } from './enums.ts';
import { CpfLedgerEntryRef } from './ledger-entry.ts';

function asOperator(ctx: RightsContext): void {
  if (ctx.viewer?.role !== 'operator') throw forbidden('seul un opérateur de la Caisse des Dépôts peut écrire sur un compte CPF');
}

/** Rule violations become BAD_USER_INPUT with the reason; anything else is a server error. */
async function asUserError<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof LedgerError || error instanceof ExtraCreditError) throw badUserInput(error.message, { reason: error.code });
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

const DateRangeInput = builder.inputType('CpfDateRangeInput', {
  description: 'A stretch of days inside the year, both ends included.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true, description: 'First day.' }),
    to: t.field({ type: 'Date', required: true, description: 'Last day (same year).' }),
  }),
});

const EmployerDeclarationInput = builder.inputType('CpfEmployerDeclarationInput', {
  description: "One employer's declaration of the year's working time in the DSN (R6323-1 II); several employers in a year add up.",
  fields: (t) => ({
    employer: t.string({ required: true, description: 'The employer (SIRET or name), as the explanation will show it.' }),
    basis: t.field({ type: WorkingTimeBasisEnum, required: true, description: 'What the employer declares: hours, days of a forfait, or pay.' }),
    hours: t.float({ description: 'HOURS: hours worked in the year (two decimals at most).' }),
    agreedFullTimeHours: t.float({ description: 'HOURS: the yearly full-time duration set by a company or branch agreement; omit when none (1,607 h apply).' }),
    days: t.int({ description: 'DAYS: days worked under the forfait.' }),
    forfaitDays: t.int({ description: 'DAYS: days of the forfait (counted at most 218).' }),
    pay: t.field({ type: 'Cents', description: 'PAY: gross pay received in the year, when pay is not based on hours.' }),
  }),
});

type DeclarationInput = {
  employer: string;
  basis: EmployerDeclaration['basis'];
  hours?: number | null;
  agreedFullTimeHours?: number | null;
  days?: number | null;
  forfaitDays?: number | null;
  pay?: number | null;
};

/** The input's optional fields become the declaration of its basis; a missing figure is refused in French. */
function toDeclaration(d: DeclarationInput): EmployerDeclaration {
  const missing = (what: string) => new ActivityError(`déclaration de ${d.employer} : ${what} manquant`);
  switch (d.basis) {
    case 'HOURS':
      if (d.hours == null) throw missing("le nombre d'heures (hours) est");
      return { employer: d.employer, basis: 'HOURS', hours: d.hours, agreedFullTimeHours: d.agreedFullTimeHours ?? null };
    case 'DAYS':
      if (d.days == null || d.forfaitDays == null) throw missing('le nombre de jours (days) ou de jours du forfait (forfaitDays) est');
      return { employer: d.employer, basis: 'DAYS', days: d.days, forfaitDays: d.forfaitDays };
    case 'PAY':
      if (d.pay == null) throw missing('la rémunération (pay) est');
      return { employer: d.employer, basis: 'PAY', pay: d.pay };
  }
}

const CorrectifFactsInput = builder.inputType('CpfCorrectifFactsInput', {
  description: 'The facts the abondement correctif depends on, over the review period of the professional interviews (L6315-1 II).',
  fields: (t) => ({
    firmHeadcount: t.int({ required: true, description: 'Employees of the firm (the correctif applies from 50).' }),
    interviewsHeld: t.boolean({ required: true, description: 'Every professional interview required over the period was held.' }),
    nonMandatoryTraining: t.boolean({ required: true, description: 'The employee had at least one non-mandatory training over the period.' }),
  }),
});

const ActivityYearInput = builder.inputType('CpfActivityYearInput', {
  description: 'What a person did in one year, as the DSN and the self-employed declarations report it.',
  fields: (t) => ({
    personId: t.id({ required: true, description: 'The holder.' }),
    year: t.int({ required: true, description: 'The year of activity (2019 or later).' }),
    employmentPeriods: t.field({
      type: [EmploymentPeriodInput],
      required: true,
      description: 'Salaried work as periods at a percent of full time; empty for a year as a job seeker.',
    }),
    declarations: t.field({
      type: [EmployerDeclarationInput],
      required: true,
      defaultValue: [],
      description: 'Salaried work as each employer declares it: hours, days of a forfait, or pay (R6323-1 II).',
    }),
    qualificationLevel: t.int({ required: false, description: 'Level of the highest certification held (0 none … 8); below 3 the holder is low-qualified.' }),
    oeth: t.boolean({ required: true, defaultValue: false, description: 'Recognised worker with a disability (OETH).' }),
    esatAdmission: t.boolean({ required: true, defaultValue: false, description: 'Admitted to an ESAT during the year.' }),
    selfEmployed: t.boolean({ required: true, defaultValue: false, description: 'Self-employed during the year.' }),
    selfEmployedPeriods: t.field({
      type: [DateRangeInput],
      required: true,
      defaultValue: [],
      description: 'Self-employed only: the stretches of activity; empty for the whole year (a part year is pro rata, R6323-22).',
    }),
    trainingContributionPaid: t.boolean({ required: true, defaultValue: false, description: 'Self-employed only: the training contribution was paid.' }),
  }),
});

builder.mutationFields((t) => ({
  recordCpfActivityYear: t.field({
    type: CpfAccountRef,
    description: 'Records a year of activity (operators only); once its credit date has come the yearly credit is posted, ceiling applied.',
    args: { input: t.arg({ type: ActivityYearInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      asOperator(ctx);
      const { personId, qualificationLevel, employmentPeriods, declarations, selfEmployedPeriods, ...rest } = input;
      await asUserError(() =>
        recordActivityYear(
          ctx.store,
          String(personId),
          {
            ...rest,
            qualificationLevel: qualificationLevel ?? null,
            employmentPeriods: employmentPeriods.map((p) => ({ ...p })),
            declarations: declarations.map(toDeclaration),
            selfEmployedPeriods: selfEmployedPeriods.map((p) => ({ ...p })),
          },
          ctx.params,
          ctx.today(),
        ),
      );
      return (await loadAccounts(ctx.store, [String(personId)]))[0]!;
    },
  }),
  postCpfExtraCredit: t.field({
    type: CpfLedgerEntryRef,
    description:
      'Posts an abondement correctif, a C2P conversion, an AT/MP credit or an APC abondement at the amount in force on its date (operators only); refused, with a French reason and a CpfExtraCreditRefusal code, when the facts do not open it.',
    args: {
      personId: t.arg.id({ required: true, description: 'The holder.' }),
      kind: t.arg({ type: ExtraCreditKindEnum, required: true, description: 'Which credit.' }),
      date: t.arg({ type: 'Date', required: true, description: 'The day it is granted; its amount is the one in force then.' }),
      c2pPoints: t.arg.int({ description: 'For C2P: the points converted.' }),
      amount: t.arg({ type: 'Cents', description: 'For APC: what the employer pays (at least the legal minimum, 3,000 €).' }),
      correctif: t.arg({ type: CorrectifFactsInput, description: 'For CORRECTIF: the facts over the review period.' }),
      idempotencyKey: t.arg.string({ required: true, description: 'Your unique key: posting again with it records nothing more.' }),
    },
    resolve: (_root, args, ctx) => {
      asOperator(ctx);
      return asUserError(() =>
        postExtraCredit(
          ctx.store,
          {
            personId: String(args.personId),
            kind: args.kind,
            date: args.date,
            facts: { c2pPoints: args.c2pPoints ?? undefined, amount: args.amount ?? undefined, correctif: args.correctif ?? undefined },
            idempotencyKey: args.idempotencyKey,
          },
          ctx.params,
        ),
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
        debit(
          ctx.store,
          { personId: String(args.personId), amount: args.amount, date: today, reason: args.reason, idempotencyKey: args.idempotencyKey },
          ctx.params,
          today,
        ),
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
      return asUserError(() => refund(ctx.store, { debitKey: args.debitKey, amount: args.amount, date: ctx.today(), idempotencyKey: args.idempotencyKey }));
    },
  }),
}));
