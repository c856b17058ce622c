import { CPF_TRAINING_KINDS } from '../domain/cpf-kind.ts';
import { builder } from './builder.ts';

export const CpfTrainingKindEnum = builder.enumType('CpfTrainingKind', {
  description: 'What the CPF rules see of a training: the kind of certification or action it leads to (caps and conditions depend on it).',
  values: Object.fromEntries(
    CPF_TRAINING_KINDS.map((kind) => [
      kind,
      {
        description: {
          RNCP: 'A whole certification of the Répertoire national des certifications professionnelles.',
          RNCP_BLOCK: 'One block of competences of an RNCP certification.',
          RS: 'A certification or habilitation of the Répertoire spécifique.',
          CLEA: 'CléA, the certificate of basic professional knowledge and skills (RS5080, or CléA numérique).',
          BILAN_COMPETENCES: 'A bilan de compétences (skills assessment).',
          DRIVING_LICENCE_B: 'Preparation for the car driving licence (permis B).',
          VAE: 'Support for a validation des acquis de l’expérience.',
          BUSINESS_CREATION: 'Training for people creating or taking over a business.',
          OTHER: 'None of the above: not a CPF kind by itself.',
        }[kind],
      },
    ]),
  ) as Record<(typeof CPF_TRAINING_KINDS)[number], { description: string }>,
});

/** Declared identically in passport, rights and abondements. */
export const HolderStatusEnum = builder.enumType('HolderStatus', {
  description: "The holder's situation, which decides how rights are earned and whether the participation forfaitaire is due.",
  values: ['JOB_SEEKER', 'EMPLOYEE', 'SELF_EMPLOYED'] as const,
});

export const ModalityEnum = builder.enumType('Modality', {
  description: 'How the teaching is delivered (LHEO modalites-enseignement).',
  values: {
    PRESENTIEL: { description: 'In person, at the place of training (code 0).' },
    DISTANCE: { description: 'Entirely at a distance (code 2).' },
    MIXTE: { description: 'Partly in person, partly at a distance (code 1).' },
  },
});

export const RecruitmentStateEnum = builder.enumType('RecruitmentState', {
  description: 'Whether the session takes applications (LHEO etat-recrutement).',
  values: {
    OPEN: { description: 'Applications are open (code 1).' },
    CLOSED: { description: 'Applications are closed (code 2).' },
    SUSPENDED: { description: 'Applications are suspended for now (code 3).' },
  },
});

export const CertificationKindEnum = builder.enumType('CertificationKind', {
  description: 'The France Compétences register a certification belongs to.',
  values: {
    RNCP: { description: 'Répertoire national des certifications professionnelles (diplomas, titles, CQP with a level).' },
    RS: { description: 'Répertoire spécifique (certifications and habilitations without a level).' },
  },
});
