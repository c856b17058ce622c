import { CPF_TRAINING_KINDS, HOLDER_STATUSES } from '../domain/quote.ts';
import { ENTRY_KINDS, EXTRA_CREDIT_KINDS } from '../domain/ledger.ts';
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
  } satisfies Record<(typeof ENTRY_KINDS)[number], { description: string }>,
});

export const ExtraCreditKindEnum = builder.enumType('CpfExtraCreditKind', {
  description: 'Credits posted on top of the yearly acquisition, not subject to the ceiling.',
  values: {
    CORRECTIF: { description: 'Abondement correctif (L6323-13): the employer missed the professional interviews and gave no other training.' },
    C2P: { description: 'Points of the compte professionnel de prévention, converted at the value of the day (R4163-11).' },
    ATMP: { description: 'Work accident or occupational disease with permanent incapacity of 10 % or more (CSS L432-12).' },
  } satisfies Record<(typeof EXTRA_CREDIT_KINDS)[number], { description: string }>,
});
