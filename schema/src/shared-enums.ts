// Enums that several subgraphs declare: federation needs them identical in each, so their
// values and descriptions are written once here and each subgraph builds its enum from them.
export const SHARED_ENUMS = {
  SpendingOrderCode: {
    description: 'The legal order of spending of a CPF dossier, by the date of the order.',
    values: {
      ARRETE_2020: { description: "Arrêté du 30 juillet 2020: the holder's acquired rights first." },
      DECRET_2025_1156: {
        description:
          "Décret 2025-1156 of 3 December 2025, in force from 5 December 2025: supplementary rights (dotations) first, then the holder's acquired rights.",
      },
    },
  },
  SpendingStep: {
    description: "One step of the legal order of spending; the holder's own payment always comes after them.",
    values: {
      SUPPLEMENTARY_RIGHTS: {
        description: 'Supplementary rights: dotations (targeted first), collective-agreement credits, abondement correctif… (L6323-4 III).',
      },
      ACQUIRED_RIGHTS: { description: "The holder's own acquired CPF rights." },
      COMPLEMENTARY_TOP_UPS: { description: 'Complementary top-ups on the dossier: employer, France Travail, OPCO, Région… (L6323-4 II).' },
    },
  },
  LawStatus: {
    description: 'How sure a legal parameter is.',
    values: {
      IN_FORCE: { description: 'Set by a text in force.' },
      REPORTED: { description: 'Reported by a secondary source, not yet checked in a text in force: to confirm.' },
      DRAFT: { description: 'A draft text: not applicable yet.' },
    },
  },
  ParticipationExemptionCode: {
    description: 'Why the participation forfaitaire is not due (L6323-4, as the Caisse des Dépôts applies it).',
    values: {
      NOT_IN_FORCE: { description: 'No participation before 2 May 2024.' },
      JOB_SEEKER: { description: 'The holder is a job seeker.' },
      EMPLOYER_TOP_UP: { description: 'The employer tops up the dossier.' },
      OPCO_TOP_UP: { description: 'The OPCO (or a branch or group agreement) funds the dossier.' },
      EMPLOYER_DOTATION: { description: "The employer's dotation pays part of the dossier (from 2 May 2024)." },
      C2P_CAREER_CHANGE: { description: 'C2P points spent on a career change.' },
      ATMP: { description: 'The work-accident / occupational-disease credit.' },
    },
  },
} as const;
