import { CPF_TRAINING_KINDS, HOLDER_STATUSES, type ParticipationExemption } from '../domain/quote.ts';
import { ENTRY_KINDS, EXTRA_CREDIT_KINDS, type ExtraCreditRefusal } from '../domain/ledger.ts';
import type { AcquisitionRule, WorkingTimeBasis } from '../domain/acquisition.ts';
import type { LawStatus } from '../domain/parameters.ts';
import type { SpendingOrderCode, SpendingStep } from '../domain/spending-order.ts';
import { SHARED_ENUMS } from '@formations/schema/shared-enums';
import { builder } from './builder.ts';

export const HolderStatusEnum = builder.enumType('HolderStatus', {
  description: "The holder's situation, which decides how rights are earned and whether the participation forfaitaire is due.",
  values: HOLDER_STATUSES,
});

export const CpfTrainingKindEnum = builder.enumType('CpfTrainingKind', {
  description: 'What the CPF rules see of a training: the kind of certification it leads to (L6323-6). OTHER is not fundable by the CPF.',
  values: CPF_TRAINING_KINDS,
});

export const CpfLedgerEntryKindEnum = builder.enumType('CpfLedgerEntryKind', {
  description: 'Why money entered or left a CPF account.',
  values: {
    ACQUISITION: { description: 'Yearly rights earned by working (L6323-11), credited in spring of the following year.' },
    DEBIT: { description: 'Rights spent on a training dossier.' },
    REFUND: { description: 'Rights given back when a dossier is cancelled.' },
    CORRECTIF: { description: 'Abondement correctif of 3,000 € (L6323-13), outside the ceiling.' },
    C2P: { description: 'Points of the compte professionnel de prévention converted to training rights (R4163-11).' },
    ATMP: { description: 'Credit after a work accident or occupational disease (CSS L432-12).' },
    APC: {
      description:
        'Abondement of at least 3,000 € paid by the employer after a dismissal for refusing a collective performance agreement (L2254-2, R6323-3-2), outside the ceiling.',
    },
  } satisfies Record<(typeof ENTRY_KINDS)[number], { description: string }>,
});

export const ExtraCreditKindEnum = builder.enumType('CpfExtraCreditKind', {
  description: 'Credits posted on top of the yearly acquisition, not subject to the ceiling.',
  values: {
    CORRECTIF: {
      description:
        'Abondement correctif (L6323-13, L6315-1 II): a firm of 50 or more missed the professional interviews and gave no non-mandatory training over the review period.',
    },
    C2P: { description: 'Points of the compte professionnel de prévention, converted at the value of the day (R4163-11).' },
    ATMP: { description: 'Work accident or occupational disease with permanent incapacity of 10 % or more (CSS L432-12).' },
    APC: { description: 'Dismissal after refusing a collective performance agreement: at least 3,000 € paid by the employer (L2254-2, R6323-3-2).' },
  } satisfies Record<(typeof EXTRA_CREDIT_KINDS)[number], { description: string }>,
});

export const ExtraCreditRefusalEnum = builder.enumType('CpfExtraCreditRefusal', {
  description: 'Why the facts given do not open an extra credit (the `reason` of the BAD_USER_INPUT error).',
  values: {
    FACTS_MISSING: { description: 'The facts the credit depends on were not given.' },
    FIRM_TOO_SMALL: { description: 'Correctif: the firm has fewer employees than the threshold (50).' },
    INTERVIEWS_HELD: { description: 'Correctif: the professional interviews of the review period were held.' },
    TRAINING_GIVEN: { description: 'Correctif: the employee had a non-mandatory training over the review period.' },
    BELOW_MINIMUM: { description: 'APC: the amount is below the legal minimum.' },
  } satisfies Record<ExtraCreditRefusal, { description: string }>,
});

// Shared with abondements, which declares the same four enums: keep names, values and descriptions identical.
// Internally the statuses are the parameters file's words ("in force"…).
const LAW_STATUS_VALUES = { IN_FORCE: 'in force', REPORTED: 'reported', DRAFT: 'draft' } as const satisfies Record<
  keyof typeof SHARED_ENUMS.LawStatus.values,
  LawStatus
>;
export const LawStatusEnum = builder.enumType('LawStatus', {
  description: SHARED_ENUMS.LawStatus.description,
  values: Object.fromEntries(
    Object.entries(SHARED_ENUMS.LawStatus.values).map(([name, { description }]) => [
      name,
      { value: LAW_STATUS_VALUES[name as keyof typeof LAW_STATUS_VALUES], description },
    ]),
  ) as { [K in keyof typeof LAW_STATUS_VALUES]: { value: (typeof LAW_STATUS_VALUES)[K]; description: string } },
});

export const SpendingOrderCodeEnum = builder.enumType('SpendingOrderCode', SHARED_ENUMS.SpendingOrderCode);

export const SpendingStepEnum = builder.enumType('SpendingStep', SHARED_ENUMS.SpendingStep);

export const ParticipationExemptionCodeEnum = builder.enumType('ParticipationExemptionCode', SHARED_ENUMS.ParticipationExemptionCode);

// The shared enums name exactly the codes the rules use.
SHARED_ENUMS.SpendingOrderCode.values satisfies Record<SpendingOrderCode, unknown>;
SHARED_ENUMS.SpendingStep.values satisfies Record<SpendingStep, unknown>;
SHARED_ENUMS.ParticipationExemptionCode.values satisfies Record<ParticipationExemption, unknown>;

export const AcquisitionRuleEnum = builder.enumType('CpfAcquisitionRule', {
  description: 'The rule that decides what a year of activity earns.',
  values: {
    NO_ACTIVITY: { description: 'No salaried or self-employed activity (e.g. a job seeker): rights kept, none earned (L6323-3).' },
    EMPLOYEE_HALF_TIME_OR_MORE: { description: 'Worked at least half the reference working time: the full yearly credit (L6323-11, R6323-1).' },
    EMPLOYEE_PRO_RATA: { description: 'Worked less than half: pro rata, rounded up to the cent (L6323-11, R6323-1 II).' },
    ESAT: { description: 'Admitted to an ESAT: 800 € per year of admission (R6323-29).' },
    SELF_EMPLOYED: { description: 'Self-employed all year, contribution paid (R6323-22).' },
    SELF_EMPLOYED_PRO_RATA: { description: 'Self-employed part of the year, contribution paid: pro rata, rounded up to the cent (R6323-22).' },
    SELF_EMPLOYED_CONTRIBUTION_UNPAID: { description: 'Self-employed but the training contribution was not paid: nothing earned (L6323-27).' },
  } satisfies Record<AcquisitionRule, { description: string }>,
});

export const WorkingTimeBasisEnum = builder.enumType('CpfWorkingTimeBasis', {
  description: 'How an employer declares the working time of a year (R6323-1 II).',
  values: {
    HOURS: { description: 'Hours worked, against the agreed full-time duration or 1,607 hours.' },
    DAYS: { description: 'Days worked under a forfait in days, against the days of the forfait (at most 218).' },
    PAY: { description: 'Pay received when pay is not based on hours, against 2,080 × the hourly SMIC.' },
  } satisfies Record<WorkingTimeBasis, { description: string }>,
});
