import { nextOpenSession } from '../domain/next-session.ts';
import { FORMATION_FIELDS } from '../db/lheo-fields.ts';
import { builder } from './builder.ts';
import { lheoFields } from './lheo-fields.ts';
import { codesOf, load } from './loaders.ts';
import { cpfKindOf } from './session.ts';
import { CpfTrainingKindEnum } from './enums.ts';
import { trainingSources } from './provenance.ts';
import { ActionRef, CatalogueSourceRef, CertificationRef, ExtraRef, ProviderRef, SessionRef, StaleFlagRef, TrainingRef } from './refs.ts';
import { levelOf } from '../domain/levels.ts';

TrainingRef.implement({
  description: 'A training: what is taught and what it leads to (LHEO formation). Delivered through one or more actions.',
  fields: (t) => ({
    id: t.exposeID('numero', { description: 'The formation numero from the LHEO source.' }),
    // title, certification: shareable because abondements' FundableTraining.session @provides them back.
    title: t.exposeString('intitule', { shareable: true, description: 'Title (intitule-formation), plain text.' }),
    objective: t.exposeString('objectifText', { nullable: true, description: 'Objective (objectif-formation) as plain text, for lists and search snippets.' }),
    objectiveHtml: t.exposeString('objectifHtml', {
      nullable: true,
      description: 'Objective as sanitised HTML (formatting tags only), safe to display as is.',
    }),
    expectedResults: t.exposeString('resultatsText', { nullable: true, description: 'Expected results (resultats-attendus) as plain text.' }),
    expectedResultsHtml: t.exposeString('resultatsHtml', { nullable: true, description: 'Expected results as sanitised HTML.' }),
    content: t.exposeString('contenuText', { nullable: true, description: 'Programme (contenu-formation) as plain text.' }),
    contentHtml: t.exposeString('contenuHtml', { nullable: true, description: 'Programme as sanitised HTML.' }),
    // certifying, url…: the LHEO fields stored as they are (db/lheo-fields.ts).
    ...lheoFields(t, FORMATION_FIELDS),
    certificationCode: t.exposeString('certificationCode', { nullable: true, description: 'The certification it prepares: "RNCP37674" or "RS5080".' }),
    certification: t.field({
      type: CertificationRef,
      nullable: true,
      shareable: true,
      description: 'The certification it prepares, from the France Compétences register; null when not certifying or not in the register.',
      resolve: (f, _, ctx) => (f.certificationCode ? load.certification(ctx, f.certificationCode) : null),
    }),
    rncpCode: t.exposeString('codeRncp', { nullable: true, description: 'code-RNCP, normalised: "RNCP474".' }),
    rsCode: t.exposeString('codeRs', { nullable: true, description: 'code-RS, normalised: "RS5080".' }),
    certifinfoCode: t.exposeString('codeCertifinfo', { nullable: true, description: 'code-CERTIFINFO of the Certif Info service.' }),
    cpfCode: t.exposeString('codeCpf', {
      nullable: true,
      description: 'code-CPF of the Caisse des dépôts for trainings that are not strictly certifying, e.g. "CPF202".',
    }),
    cpfKind: t.field({ type: CpfTrainingKindEnum, description: 'What the CPF rules see of this training.', resolve: (f, _, ctx) => cpfKindOf(ctx, f) }),
    principalFormacode: t.string({
      nullable: true,
      description: 'The principal Formacode (tag="principal", else the first one).',
      resolve: async (f, _, ctx) => (await load.formationCodes(ctx, f.id)).find((c) => c.kind === 'FORMACODE' && c.principal)?.code ?? null,
    }),
    formacodes: t.stringList({ description: 'All Formacode codes, in source order.', resolve: (f, _, ctx) => codesOf(ctx, f.id, 'FORMACODE') }),
    nsfCodes: t.stringList({ description: 'NSF codes (domain of training).', resolve: (f, _, ctx) => codesOf(ctx, f.id, 'NSF') }),
    romeCodes: t.stringList({ description: 'ROME codes of the jobs it prepares for.', resolve: (f, _, ctx) => codesOf(ctx, f.id, 'ROME') }),
    entryLevel: t.int({
      nullable: true,
      description:
        'Level asked on entry, 1…8 (3 CAP, 4 bac, 5 bac+2, 6 bac+3/4, 7 bac+5, 8 doctorate), the scale of Certification.level and the search filter exitLevels; null when the source gives none (code-niveau-entree read by domain/levels.ts).',
      resolve: (f) => levelOf(f.niveauEntree),
    }),
    exitLevel: t.int({
      nullable: true,
      description: 'Level reached, 1…8, the scale of the search filter exitLevels; null when the source gives none (code-niveau-sortie).',
      resolve: (f) => levelOf(f.niveauSortie),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the source last modified it (horodatage-modification, LHEO 2.3).',
      resolve: (f) => (f.modifiedAt && !Number.isNaN(Date.parse(f.modifiedAt)) ? f.modifiedAt : null),
    }),
    source: t.exposeString('sourceId', {
      description: 'The source of the most recent export listing it, e.g. "offres-pays-de-la-loire-2.3.xml" (all of them: `sources`).',
    }),
    sources: t.field({
      type: [CatalogueSourceRef],
      description:
        'Every source listing this training, most recent export first: the training is one record merged from them, the most recent export winning field by field.',
      resolve: (f, _, ctx) => trainingSources(ctx, f.numero),
    }),
    stale: t.field({
      type: StaleFlagRef,
      nullable: true,
      description: 'Set when the training is served from its last good version because its newer version was rejected (e.g. no title); null when up to date.',
      resolve: (f) => f.stale,
    }),
    provider: t.field({
      type: ProviderRef,
      nullable: true,
      description: 'The training organisation responsible (organisme-formation-responsable); null when its SIRET is missing or invalid.',
      resolve: (f, _, ctx) => (f.organismeSiret ? load.organisme(ctx, f.organismeSiret) : null),
    }),
    actions: t.field({ type: [ActionRef], description: 'How and where it is delivered.', resolve: (f, _, ctx) => load.actionsOfFormation(ctx, f.id) }),
    sessions: t.field({
      type: [SessionRef],
      description: 'All its sessions, earliest first (unknown dates last).',
      resolve: (f, _, ctx) => load.sessionsOfFormation(ctx, f.id),
    }),
    nextSession: t.field({
      type: SessionRef,
      nullable: true,
      description:
        'Its next open session: not started yet today (Paris day) and taking applications (recruitment open or not given), the earliest start first, one without a start date (entries all year round) after the dated ones; null when none. `seatsLeft` tells the places left when the export gives them.',
      resolve: async (f, _, ctx) => nextOpenSession(await load.sessionsOfFormation(ctx, f.id), ctx.today),
    }),
    extras: t.field({ type: [ExtraRef], description: 'Free LHEO extensions attached to the formation.', resolve: (f) => f.extras }),
  }),
});
