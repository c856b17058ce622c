import { AMOUNT_KINDS, FUNDER_KINDS, HOLDER_STATUSES, RECORD_STATUSES, ROUNDINGS } from '../domain/types.ts';
import { CRITERIA } from '../domain/matching.ts';
import { builder } from './builder.ts';

export const HolderStatusEnum = builder.enumType('HolderStatus', {
  description: "The holder's situation, which decides who may fund and whether the participation is due.",
  values: HOLDER_STATUSES,
});

export const FunderKindEnum = builder.enumType('FunderKind', {
  description: 'The kind of funder, as L6323-4 lists them; it decides the order of top-ups and the participation exemption.',
  values: FUNDER_KINDS,
});

export const AmountKindEnum = builder.enumType('AmountKind', {
  description: 'How a rule computes its top-up.',
  values: {
    FIXED: { description: 'A fixed amount in cents.' },
    PERCENT_OF_PRICE: { description: 'A percentage of the price of the session.' },
    PERCENT_OF_REMAINING_COST: { description: 'A percentage of what is still to fund when the rule comes in the spending order.' },
  } satisfies Record<(typeof AMOUNT_KINDS)[number], { description: string }>,
});

export const RoundingEnum = builder.enumType('Rounding', {
  description: 'How a percentage is rounded to the cent.',
  values: {
    DOWN: { description: 'Towards zero: the funder never pays a fraction of a cent more.' },
    HALF_UP: { description: 'To the nearest cent, half a cent up.' },
    UP: { description: 'Up to the next cent.' },
  } satisfies Record<(typeof ROUNDINGS)[number], { description: string }>,
});

export const RecordStatusEnum = builder.enumType('RecordStatus', {
  description: 'Whether a convention or a rule is in force. A suspended one funds nothing until it is reactivated.',
  values: RECORD_STATUSES,
});

export const CriterionEnum = builder.enumType('FundingCriterion', {
  description: 'What a rule checks: its status and dates, each of its criteria, then its budget envelope.',
  values: CRITERIA,
});

export const AbondementKindEnum = builder.enumType('AbondementKind', {
  description: 'The two legal kinds of co-funding (L6323-4).',
  values: {
    DOTATION: { description: 'Supplementary rights credited in advance to the holder (L6323-4 III).' },
    TOP_UP: { description: 'A complementary top-up for this dossier (L6323-4 II).' },
  },
});

export const FundingLineKindEnum = builder.enumType('FundingLineKind', {
  description: 'Who pays one line of a funding plan.',
  values: {
    DOTATION: { description: "A funder's dotation credited to the holder." },
    CPF_RIGHTS: { description: "The holder's own acquired CPF rights." },
    TOP_UP: { description: "A funder's complementary top-up." },
    HOLDER_PAYMENT: { description: 'What the holder pays himself beyond his rights (reste à charge).' },
    PARTICIPATION: { description: 'The participation forfaitaire the holder pays (L6323-4).' },
  },
});

export const SpendingOrderCodeEnum = builder.enumType('SpendingOrderCode', {
  description: 'The legal order of spending that applied to a plan.',
  values: {
    ARRETE_2020: { description: "Arrêté of 30 July 2020: the holder's rights first." },
    DECRET_2025_1156: { description: 'Décret 2025-1156, from 3 December 2025: dotations first, then the holder\'s rights.' },
  },
});

export const ReservationStatusEnum = builder.enumType('ReservationStatus', {
  description: 'What became of a reservation of envelope money.',
  values: {
    GRANTED: { description: 'The amount is set aside in the envelope for this dossier.' },
    REFUSED: { description: 'The envelope could not pay the amount.' },
    RELEASED: { description: 'The dossier was cancelled and the amount went back to the envelope.' },
  },
});
