import { cpfKind } from '../domain/cpf-kind.ts';
import type { CatalogContext } from '../context.ts';
import type { FormationRow, SessionRow } from '../db/queries.ts';
import { SESSION_FIELDS } from '../db/lheo-fields.ts';
import { builder } from './builder.ts';
import { lheoFields } from './lheo-fields.ts';
import { CpfTrainingKindEnum, ModalityEnum, RecruitmentStateEnum } from './enums.ts';
import { codesOf, load } from './loaders.ts';
import { hasPlace } from './place.ts';
import { sessionSources } from './provenance.ts';
import { ActionRef, CatalogueSourceRef, ExtraRef, PlaceRef, SessionRef, StaleFlagRef, TrainingRef } from './refs.ts';

async function formationOf(ctx: CatalogContext, formationId: number): Promise<FormationRow> {
  const formation = await load.formation(ctx, formationId);
  if (!formation) throw new Error(`formation ${formationId} missing`);
  return formation;
}

/** The facts of a session CPF and funding rules read: Session and SessionFacts serve them alike. */
export const sessionFacts = {
  cpfKind: async (s: SessionRow, ctx: CatalogContext) => cpfKindOf(ctx, await formationOf(ctx, s.formationId)),
  certificationCode: async (s: SessionRow, ctx: CatalogContext) => (await formationOf(ctx, s.formationId)).certificationCode,
  title: async (s: SessionRow, ctx: CatalogContext) => (await formationOf(ctx, s.formationId)).intitule,
  formacodes: (s: SessionRow, ctx: CatalogContext) => codesOf(ctx, s.formationId, 'FORMACODE').then(principalFirst(ctx, s.formationId)),
  romeCodes: (s: SessionRow, ctx: CatalogContext) => codesOf(ctx, s.formationId, 'ROME'),
  nsfCodes: (s: SessionRow, ctx: CatalogContext) => codesOf(ctx, s.formationId, 'NSF'),
};

/** The CPF kind of a formation (see src/data/cpf-kinds.json). */
export async function cpfKindOf(ctx: CatalogContext, formation: FormationRow) {
  const codes = await load.formationCodes(ctx, formation.id);
  return cpfKind({
    certificationCode: formation.certificationCode,
    cpfCode: formation.codeCpf,
    principalFormacode: codes.find((c) => c.kind === 'FORMACODE' && c.principal)?.code ?? null,
  });
}

SessionRef.implement({
  description: 'A session: one run of an action, with its dates (LHEO session). What a person enrols in and what funding plans are made for.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The session numero from the LHEO source (stable across imports).' }),
    // price, startDate, training: shareable because abondements' FundableTraining.session @provides them back.
    price: t.expose('prixCents', {
      type: 'Cents',
      nullable: true,
      shareable: true,
      description: 'Total price incl. VAT of the action (prix-total-TTC), in cents; null when the source gives none or an unreadable one.',
    }),
    startDate: t.field({
      type: 'Date',
      nullable: true,
      shareable: true,
      description: 'First day; null when unknown (LHEO 00000000).',
      resolve: (s) => s.debut,
    }),
    endDate: t.field({ type: 'Date', nullable: true, description: 'Last day; null when unknown (LHEO 99999999).', resolve: (s) => s.fin }),
    cpfKind: t.field({
      type: CpfTrainingKindEnum,
      description: 'What the CPF rules see of this session: RNCP, RS, CLEA, BILAN_COMPETENCES, DRIVING_LICENCE_B…',
      resolve: (s, _, ctx) => sessionFacts.cpfKind(s, ctx),
    }),
    certificationCode: t.string({
      nullable: true,
      description: 'Code of the certification its training prepares: "RNCP37674", "RS5080"; null when not certifying.',
      resolve: (s, _, ctx) => sessionFacts.certificationCode(s, ctx),
    }),
    formacodes: t.stringList({
      description: 'Formacode codes of its training, the principal one first.',
      resolve: (s, _, ctx) => sessionFacts.formacodes(s, ctx),
    }),
    romeCodes: t.stringList({
      description: 'ROME codes of the jobs its training prepares for (domaine-formation).',
      resolve: (s, _, ctx) => sessionFacts.romeCodes(s, ctx),
    }),
    nsfCodes: t.stringList({ description: 'NSF codes (domain of training) of its training.', resolve: (s, _, ctx) => sessionFacts.nsfCodes(s, ctx) }),
    region: t.exposeString('region', { nullable: true, description: 'INSEE région code of the place of training, e.g. "52".' }),
    departement: t.exposeString('departement', { nullable: true, description: 'Département of the place of training, e.g. "85".' }),
    modality: t.expose('modalite', {
      type: ModalityEnum,
      nullable: true,
      description: 'In person, at a distance or mixed; null when the source does not say.',
    }),
    recruitment: t.expose('etatRecrutement', {
      type: RecruitmentStateEnum,
      nullable: true,
      description: 'Whether the session takes applications; null when the source does not say.',
    }),
    distanceLearning: t.boolean({
      description:
        'Entirely at a distance (modalites-enseignement 2): within reach of every place, so searches near a place find it whatever its distance (unless excluded).',
      resolve: (s) => s.modalite === 'DISTANCE',
    }),
    // seatsLeft…: the LHEO fields stored as they are (db/lheo-fields.ts).
    ...lheoFields(t, SESSION_FIELDS),
    disabledAccess: t.string({
      nullable: true,
      description:
        'How the place and the training are arranged for disabled people, as the provider words it (acces-handicapes of the action); null when it describes no specific arrangement.',
      resolve: async (s, _, ctx) => (await load.action(ctx, s.actionId))?.accesHandicapes ?? null,
    }),
    permanentEntry: t.boolean({
      nullable: true,
      description: 'True when one may enter and leave all year round (modalites-entrees-sorties 1), false for fixed dates; null when the source does not say.',
      resolve: async (s, _, ctx) => (await load.action(ctx, s.actionId))?.entreesSortiesPermanentes ?? null,
    }),
    funderCodes: t.stringList({
      description:
        'Who buys the action (organisme-financeur/code-financeur, LHEO dict-financeurs: "2" Conseil régional, "4" France Travail, "16" OPCO…); empty when the source names none.',
      resolve: async (s, _, ctx) => (await load.action(ctx, s.actionId))?.financeurs ?? [],
    }),
    cpfEligible: t.boolean({
      nullable: true,
      description: 'Whether the source declares the action eligible to the CPF (extras eligibilite-cpf); null when it does not say.',
      resolve: async (s, _, ctx) => (await load.action(ctx, s.actionId))?.cpfEligible ?? null,
    }),
    training: t.field({
      type: TrainingRef,
      shareable: true,
      description: 'What is taught (LHEO formation).',
      resolve: (s, _, ctx) => formationOf(ctx, s.formationId),
    }),
    action: t.field({
      type: ActionRef,
      description: 'How and where it is delivered (LHEO action).',
      resolve: async (s, _, ctx) => {
        const action = await load.action(ctx, s.actionId);
        if (!action) throw new Error(`action ${s.actionId} missing`);
        return action;
      },
    }),
    place: t.field({
      type: PlaceRef,
      nullable: true,
      description: 'Where it takes place; null when the source gives no address (often distance learning).',
      resolve: async (s, _, ctx) => {
        const action = await load.action(ctx, s.actionId);
        return action && hasPlace(action) ? action : null;
      },
    }),
    extras: t.field({ type: [ExtraRef], description: 'Free LHEO extensions attached to the session.', resolve: (s) => s.extras }),
    stale: t.field({
      type: StaleFlagRef,
      nullable: true,
      description:
        'Set when the session is served from its last good version because every source listing it sent a newer version the import rejected (e.g. an impossible date); null when up to date.',
      resolve: (s) => s.stale,
    }),
    duplicates: t.field({
      type: [SessionRef],
      description:
        'The same offer listed under other numbers (same organisme SIRET, same certification — or same title when it prepares none —, same dates, same commune): search and recommendations show the group once, through one of its sessions, and list the others here. Empty when none.',
      resolve: async (s, _, ctx) => (s.duplicateKey ? (await load.sessionsOfGroup(ctx, s.duplicateKey)).filter((d) => d.id !== s.id) : []),
    }),
    sources: t.field({
      type: [CatalogueSourceRef],
      description: 'Every source listing this session, most recent export first: the session is one record merged from them.',
      resolve: (s, _, ctx) => sessionSources(ctx, s),
    }),
  }),
});

function principalFirst(ctx: CatalogContext, formationId: number) {
  return async (codes: string[]) => {
    const principal = (await load.formationCodes(ctx, formationId)).find((c) => c.kind === 'FORMACODE' && c.principal)?.code;
    return principal ? [principal, ...codes.filter((c) => c !== principal)] : codes;
  };
}

builder.asEntity(SessionRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => load.session(ctx, id),
});
