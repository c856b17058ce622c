import { builder } from './builder.ts';
import { COMPETENCE_CATEGORIES, PROVENANCES } from '../domain/types.ts';

export const HolderStatusEnum = builder.enumType('HolderStatus', {
  description: "The holder's situation on the job market, which decides several CPF and funding rules.",
  values: {
    JOB_SEEKER: { description: 'Registered job seeker (demandeur d’emploi).' },
    EMPLOYEE: { description: 'Private-sector employee.' },
    SELF_EMPLOYED: { description: 'Self-employed worker (travailleur indépendant).' },
  } as const,
});

export const ProvenanceEnum = builder.enumType('Provenance', {
  description: 'Where a passport item comes from, and so who may change it.',
  values: {
    GUARANTEED: { description: 'Sent by the certifier, the employer (DSN) or the Caisse des Dépôts: proven, and the holder cannot edit it.' },
    DECLARED: { description: 'Typed in by the holder: unproven, and the holder may edit or delete it.' },
  } satisfies Record<(typeof PROVENANCES)[number], { description: string }>,
});

export const CertificationKindEnum = builder.enumType('CertificationKind', {
  description: 'The national register a certification is recorded in.',
  values: {
    RNCP: { description: 'Répertoire national des certifications professionnelles: diplomas and titles, with a qualification level.' },
    RS: { description: 'Répertoire spécifique: certifications and habilitations of skills, without a level.' },
  } as const,
});

export const CompetenceCategoryEnum = builder.enumType('CompetenceCategory', {
  description: 'The kind of competence, as ROME 4.0 classifies it.',
  values: {
    SAVOIR_FAIRE: { description: 'Savoir-faire: what the person can do at work.' },
    SAVOIR_ETRE_PROFESSIONNEL: { description: 'Savoir-être professionnel: how the person behaves at work (rigour, autonomy…).' },
  } satisfies Record<(typeof COMPETENCE_CATEGORIES)[number], { description: string }>,
});

export const AccessScopeEnum = builder.enumType('AccessScope', {
  description: 'A part of a person’s data the holder can open to someone else.',
  values: {
    PASSPORT: { value: 'passport', description: 'The passport itself: identity, home, competences, certifications, experiences, target jobs.' },
    RIGHTS: { value: 'rights', description: 'The CPF account and the quotes computed from it.' },
    FUNDING: { value: 'funding', description: 'Funding plans and the dotations funders gave the person.' },
    RECOMMENDATIONS: { value: 'recommendations', description: 'The trainings recommended to the person.' },
  } as const,
});
