import { builder } from './builder.ts';
import { CertificationKindEnum } from './enums.ts';
import { load } from './loaders.ts';
import { CertificationRef, TrainingRef } from './refs.ts';

const Certifier = builder.objectRef<{ siret: string; nom: string }>('Certifier').implement({
  description: 'A body that awards a certification (certificateur).',
  fields: (t) => ({
    siret: t.exposeString('siret', { description: 'SIRET of the certifier.' }),
    name: t.exposeString('nom', { description: 'Name of the certifier, e.g. "MINISTERE DU TRAVAIL".' }),
  }),
});

const CompetenceBlock = builder.objectRef<{ code: string; libelle: string }>('CompetenceBlock').implement({
  description: 'A block of competences of an RNCP certification, certifiable on its own (CPF kind RNCP_BLOCK).',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Block code, e.g. "RNCP37674BC01".' }),
    title: t.exposeString('libelle', { description: 'What the block certifies.' }),
  }),
});

const codes = (kind: 'FORMACODE' | 'NSF' | 'ROME') => async (c: { code: string }, _: unknown, ctx: Parameters<typeof load.certificationCodes>[0]) =>
  (await load.certificationCodes(ctx, c.code)).filter((r) => r.kind === kind).map((r) => r.code);

CertificationRef.implement({
  description: 'A certification of the France Compétences registers (RNCP or RS) and the trainings that prepare it.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Register code: "RNCP37674" or "RS5080".' }),
    kind: t.expose('kind', { type: CertificationKindEnum, description: 'RNCP or RS.' }),
    title: t.exposeString('intitule', { description: 'Official title.' }),
    shortTitle: t.exposeString('abregeLibelle', { nullable: true, description: 'Short kind of diploma, e.g. "CAP", "TP", "BTS".' }),
    level: t.exposeInt('niveau', { nullable: true, description: 'European level 3 (CAP) … 8 (doctorate); null for RS and "sans niveau".' }),
    active: t.exposeBoolean('actif', { description: 'Whether the registration is active today.' }),
    registrationEndDate: t.field({
      type: 'Date',
      nullable: true,
      description: 'End of the registration in the register.',
      resolve: (c) => c.dateFinEnregistrement,
    }),
    decisionDate: t.field({ type: 'Date', nullable: true, description: 'Date of the registration decision (RS).', resolve: (c) => c.dateDecision }),
    registrationType: t.exposeString('typeEnregistrement', { nullable: true, description: '"Enregistrement de droit" or "Enregistrement sur demande".' }),
    certifiers: t.field({ type: [Certifier], description: 'Who awards it.', resolve: (c, _, ctx) => load.certifiers(ctx, c.code) }),
    blocks: t.field({ type: [CompetenceBlock], description: 'Its blocks of competences (RNCP only).', resolve: (c, _, ctx) => load.blocs(ctx, c.code) }),
    formacodes: t.stringList({ description: 'Formacode codes of the certification.', resolve: codes('FORMACODE') }),
    nsfCodes: t.stringList({ description: 'NSF codes of the certification.', resolve: codes('NSF') }),
    romeCodes: t.stringList({ description: 'ROME codes of the jobs it leads to.', resolve: codes('ROME') }),
    predecessorCodes: t.stringList({
      description: 'Codes of the certifications it replaces (they may not be in the register any more).',
      resolve: async (c, _, ctx) => (await load.predecessors(ctx, c.code)).map((l) => l.ancienne),
    }),
    successorCodes: t.stringList({
      description: 'Codes of the certifications that replace it.',
      resolve: async (c, _, ctx) => (await load.successors(ctx, c.code)).map((l) => l.nouvelle),
    }),
    predecessors: t.field({
      type: [CertificationRef],
      description: 'The certifications it replaces that are still in the register.',
      resolve: async (c, _, ctx) =>
        (await Promise.all((await load.predecessors(ctx, c.code)).map((l) => load.certification(ctx, l.ancienne)))).filter((x) => x !== null),
    }),
    successors: t.field({
      type: [CertificationRef],
      description: 'The certifications that replace it and are in the register.',
      resolve: async (c, _, ctx) =>
        (await Promise.all((await load.successors(ctx, c.code)).map((l) => load.certification(ctx, l.nouvelle)))).filter((x) => x !== null),
    }),
    trainings: t.field({
      type: [TrainingRef],
      description: 'Trainings of the catalogue that prepare it (linked by code-RNCP / code-RS).',
      resolve: (c, _, ctx) => load.formationsOfCertification(ctx, c.code),
    }),
  }),
});

builder.asEntity(CertificationRef, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: ({ code }, ctx) => load.certification(ctx, code),
});
