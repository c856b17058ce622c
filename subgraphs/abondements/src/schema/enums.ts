import {
  AMOUNT_KINDS,
  FUNDER_KINDS,
  HOLDER_STATUSES,
  RECORD_STATUSES,
  ROUNDINGS,
  type LawStatus,
  type TopUpGranting,
  type ParticipationExemptionCode,
  type SpendingStep,
} from '../domain/types.ts';
import { PLAN_NOTE_CODES } from '../domain/funding-plan.ts';
import type { CertaintyLevel, SilenceMeaning } from '../domain/certainty.ts';
import { CRITERIA as RULE_CRITERIA } from '../domain/criteria.ts';
import type { Criterion } from '../domain/matching.ts';
import { SHARED_ENUMS } from '@formations/schema/shared-enums';
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

export const TopUpGrantingEnum = builder.enumType('TopUpGranting', {
  description: "How a rule's top-up is granted.",
  values: {
    AUTOMATIC: { description: 'Proposed automatically at purchase when the criteria are met (automated convention with the Caisse des Dépôts).' },
    FUNDER_DECISION: {
      description:
        "Only once the funder has decided on the dossier (France Travail's review on request: answer within 10 working days, silence means acceptance).",
    },
  } satisfies Record<TopUpGranting, { description: string }>,
});

export const CertaintyLevelEnum = builder.enumType('CertaintyLevel', {
  description: 'How sure a part of a funding plan is.',
  values: {
    AUTOMATIC: { description: "Applied without anyone deciding: the holder's rights, a dotation, an automated convention rule." },
    FUNDER_DECISION: { description: 'Counted only if the funder accepts: see decidedBy, decideBy and silenceMeans.' },
    RESERVED: { description: "Set aside in the rule's envelope for this person × session (a dossier's reservation)." },
    COMMITTED: { description: "Committed: a dotation spent for this session, or a funder's acceptance (explicit or by silence)." },
  } satisfies Record<CertaintyLevel, { description: string }>,
});

export const SilenceMeaningEnum = builder.enumType('SilenceMeaning', {
  description: "What the funder's silence past its deadline means.",
  values: {
    ACCEPTANCE: { description: 'Silence is acceptance of the amount asked.' },
    REFUSAL: { description: 'Silence is refusal.' },
    NOT_SET: { description: 'No known text says: ask the funder.' },
  } satisfies Record<SilenceMeaning, { description: string }>,
});

export const RecordStatusEnum = builder.enumType('RecordStatus', {
  description: 'Whether a convention or a rule is in force. A suspended one funds nothing until it is reactivated.',
  values: RECORD_STATUSES,
});

export const CriterionEnum = builder.enumType('FundingCriterion', {
  description: 'What a rule checks: its status and dates, each of its criteria, then its budget envelope.',
  // The rule's own checks around the criteria of domain/criteria.ts, each with its description.
  values: {
    STATUS: { description: 'The rule and its convention are active (not suspended by their funder).' },
    VALIDITY: { description: "The rule's validity dates include the quote's date." },
    ...Object.fromEntries(RULE_CRITERIA.map((c) => [c.code, { description: c.description }])),
    ENVELOPE: { description: "The rule's budget envelope still holds money." },
  } as Record<Criterion, { description: string }>,
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

// rights' enums, carried by the CPF quote (see @formations/schema/shared-enums).
export const SpendingOrderCodeEnum = builder.enumType('SpendingOrderCode', SHARED_ENUMS.SpendingOrderCode);

export const SpendingStepEnum = builder.enumType('SpendingStep', SHARED_ENUMS.SpendingStep);

export const LawStatusEnum = builder.enumType('LawStatus', SHARED_ENUMS.LawStatus);

export const ParticipationExemptionCodeEnum = builder.enumType('ParticipationExemptionCode', SHARED_ENUMS.ParticipationExemptionCode);

// The shared enums name exactly the codes the plan uses.
SHARED_ENUMS.SpendingStep.values satisfies Record<SpendingStep, unknown>;
SHARED_ENUMS.LawStatus.values satisfies Record<LawStatus, unknown>;
SHARED_ENUMS.ParticipationExemptionCode.values satisfies Record<ParticipationExemptionCode, unknown>;

export const PlanNoteCodeEnum = builder.enumType('PlanNoteCode', {
  description: 'What a note of a funding plan is about, beside its words.',
  values: {
    NO_CPF_QUOTE: { description: 'No CPF quote: only complementary top-ups apply.' },
    NOT_CPF_ELIGIBLE: { description: 'The training is not eligible to the CPF: no CPF rights, no dotation.' },
    CPF_RIGHTS_CAPPED: { description: 'CPF rights are capped for this kind of training (D6323-1 A).' },
    DOTATION_EXPIRED: { description: 'A dotation is not used: its deadline is past.' },
    DOTATION_RESTRICTED: { description: 'A dotation is not used: it is restricted to other certifications.' },
    DOTATION_SPENT: { description: 'A dotation is not used: nothing is left of it.' },
    DOTATION_INSUFFICIENT: { description: 'A dotation holds less than asked.' },
    PARTICIPATION_AMOUNT_TO_CONFIRM: { description: 'The amount of the participation forfaitaire is reported or a draft: to confirm.' },
    FUNDER_REFUSED: { description: 'A funder refused the request made on this session: its part is not counted.' },
  } satisfies Record<(typeof PLAN_NOTE_CODES)[number], { description: string }>,
});

export const ReservationStatusEnum = builder.enumType('ReservationStatus', {
  description: 'What became of a reservation of envelope money.',
  values: {
    GRANTED: { description: 'The amount is set aside in the envelope for this dossier.' },
    REFUSED: { description: 'The envelope could not pay the amount.' },
    RELEASED: { description: 'The dossier was cancelled and the amount went back to the envelope.' },
  },
});
