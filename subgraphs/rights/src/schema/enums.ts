import { CPF_TRAINING_KINDS, HOLDER_STATUSES, type ParticipationExemption } from '../domain/quote.ts';
import { ENTRY_KINDS, EXTRA_CREDIT_KINDS, type ExtraCreditRefusal } from '../domain/ledger.ts';
import type { AcquisitionRule, WorkingTimeBasis } from '../domain/acquisition.ts';
import type { LawStatus } from '../domain/parameters.ts';
import type { SpendingOrderCode, SpendingStep } from '../domain/spending-order.ts';
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
    APC: { description: 'Abondement of at least 3,000 € paid by the employer after a dismissal for refusing a collective performance agreement (L2254-2, R6323-3-2), outside the ceiling.' },
  } satisfies Record<(typeof ENTRY_KINDS)[number], { description: string }>,
});

export const ExtraCreditKindEnum = builder.enumType('CpfExtraCreditKind', {
  description: 'Credits posted on top of the yearly acquisition, not subject to the ceiling.',
  values: {
    CORRECTIF: { description: 'Abondement correctif (L6323-13, L6315-1 II): a firm of 50 or more missed the professional interviews and gave no non-mandatory training over the review period.' },
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
export const LawStatusEnum = builder.enumType('LawStatus', {
  description: 'How sure a legal parameter is.',
  values: {
    IN_FORCE: { value: 'in force', description: 'Set by a text in force.' },
    REPORTED: { value: 'reported', description: 'Reported by a secondary source, not yet checked in a text in force: to confirm.' },
    DRAFT: { value: 'draft', description: 'A draft text: not applicable yet.' },
  } satisfies Record<string, { value: LawStatus; description: string }>,
});

export const SpendingOrderCodeEnum = builder.enumType('SpendingOrderCode', {
  description: 'The legal order of spending of a CPF dossier, by the date of the order.',
  values: {
    ARRETE_2020: { description: "Arrêté du 30 juillet 2020: the holder's acquired rights first." },
    DECRET_2025_1156: { description: "Décret 2025-1156 of 3 December 2025, in force from 5 December 2025: supplementary rights (dotations) first, then the holder's acquired rights." },
  } satisfies Record<SpendingOrderCode, { description: string }>,
});

export const SpendingStepEnum = builder.enumType('SpendingStep', {
  description: "One step of the legal order of spending; the holder's own payment always comes after them.",
  values: {
    SUPPLEMENTARY_RIGHTS: { description: 'Supplementary rights: dotations (targeted first), collective-agreement credits, abondement correctif… (L6323-4 III).' },
    ACQUIRED_RIGHTS: { description: "The holder's own acquired CPF rights." },
    COMPLEMENTARY_TOP_UPS: { description: 'Complementary top-ups on the dossier: employer, France Travail, OPCO, Région… (L6323-4 II).' },
  } satisfies Record<SpendingStep, { description: string }>,
});

export const ParticipationExemptionCodeEnum = builder.enumType('ParticipationExemptionCode', {
  description: 'Why the participation forfaitaire is not due (L6323-4, as the Caisse des Dépôts applies it).',
  values: {
    NOT_IN_FORCE: { description: 'No participation before 2 May 2024.' },
    JOB_SEEKER: { description: 'The holder is a job seeker.' },
    EMPLOYER_TOP_UP: { description: 'The employer tops up the dossier.' },
    OPCO_TOP_UP: { description: 'The OPCO (or a branch or group agreement) funds the dossier.' },
    EMPLOYER_DOTATION: { description: "The employer's dotation pays part of the dossier (from 2 May 2024)." },
    C2P_CAREER_CHANGE: { description: 'C2P points spent on a career change.' },
    ATMP: { description: 'The work-accident / occupational-disease credit.' },
  } satisfies Record<ParticipationExemption, { description: string }>,
});

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
