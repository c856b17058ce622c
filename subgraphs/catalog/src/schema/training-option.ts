// TrainingOption: a session considered for a person, with the score and the reasons.
// rights and abondements extend it with the CPF quote and the funding plan.
import { selectionShapeKey, type Selection } from '@pothos/plugin-federation';
import { badUserInput, requireAccess } from '@formations/schema/subgraph';
import type { CatalogContext } from '../context.ts';
import { recommendationCandidates } from '../db/candidates.ts';
import type { SessionRow } from '../db/queries.ts';
import { levelOf } from '../domain/levels.ts';
import { evaluate, recommend, relatedJobs, type Candidate, type PersonFacts } from '../domain/recommend.ts';
import { romeLabel } from '../domain/rome.ts';
import { allJobCodes, jobCompetences } from '../domain/rome-competences.ts';
import { builder } from './builder.ts';
import { codesOf, load } from './loaders.ts';
import { CpfTrainingKindEnum, HolderStatusEnum } from './enums.ts';
import { sessionFacts } from './session.ts';
import { SessionRef, TrainingOptionRef, type HolderFactsShape, type TrainingOptionShape } from './refs.ts';

async function candidateOf(ctx: CatalogContext, session: SessionRow): Promise<Candidate> {
  const formation = await load.formation(ctx, session.formationId);
  const certificationCodes = formation?.certificationCode ? await load.certificationCodes(ctx, formation.certificationCode) : [];
  return {
    sessionId: session.id,
    startDate: session.debut,
    recruitment: session.etatRecrutement,
    modality: session.modalite,
    place: session.latitude !== null && session.longitude !== null ? { latitude: session.latitude, longitude: session.longitude } : null,
    trainingRomeCodes: await codesOf(ctx, session.formationId, 'ROME'),
    certificationRomeCodes: certificationCodes.filter((c) => c.kind === 'ROME').map((c) => c.code),
    entryLevel: levelOf(formation?.niveauEntree ?? null),
  };
}

/** A session judged on its own (no target jobs): place and timing only. */
async function optionWithoutPersonFacts(
  ctx: CatalogContext,
  personId: string,
  sessionId: string,
  holder: HolderFactsShape | null,
): Promise<TrainingOptionShape | null> {
  const session = await load.session(ctx, sessionId);
  if (!session) return null;
  return { personId, holder, ...evaluate(await candidateOf(ctx, session), null, ctx.today, romeLabel) };
}

// The person's facts rights and abondements need, passed on with the options catalog makes: they
// @require them here instead of from passport, so the flagship needs no second passport fetch.
const HolderFactsRef = builder.objectRef<HolderFactsShape>('HolderFacts').implement({
  description: "The person's facts that the CPF quote and the funding plan of an option depend on, as passport gave them to catalog for this request.",
  shareable: true,
  fields: (t) => ({
    accessGrant: t.exposeString('accessGrant', { nullable: true, inaccessible: true }),
    status: t.expose('status', { type: HolderStatusEnum, description: 'Job seeker, employee or self-employed.' }),
    hasDrivingLicence: t.exposeBoolean('hasDrivingLicence', { description: 'Holds a valid car driving licence.' }),
    qualificationLevel: t.exposeInt('qualificationLevel', { nullable: true, description: 'Level of the highest certification held (0 … 8).' }),
    homeRegion: t.exposeString('homeRegion', { nullable: true, description: 'INSEE région code of home.' }),
    homeDepartement: t.exposeString('homeDepartement', { nullable: true, description: 'Département of home.' }),
    employerSiret: t.exposeString('employerSiret', { nullable: true, description: 'Current employer (employees).' }),
    employerIdcc: t.exposeString('employerIdcc', { nullable: true, description: 'Branch of the current employer (IDCC).' }),
  }),
});

// The session's facts the quote and the plan read, as a value type beside the Session entity:
// required as `session { … }` (an entity), Hive Gateway sends only what the client itself
// selected of the session (see docs/federation-contract.md § Other routers).
const SessionFactsRef = builder.objectRef<SessionRow>('SessionFacts').implement({
  description: 'The facts of the session that the CPF quote and the funding plan of an option read (the same as on Session).',
  shareable: true,
  fields: (t) => ({
    price: t.expose('prixCents', { type: 'Cents', nullable: true, description: 'Session.price.' }),
    startDate: t.field({ type: 'Date', nullable: true, description: 'Session.startDate.', resolve: (s) => s.debut }),
    cpfKind: t.field({ type: CpfTrainingKindEnum, description: 'Session.cpfKind.', resolve: (s, _, ctx) => sessionFacts.cpfKind(s, ctx) }),
    certificationCode: t.string({ nullable: true, description: 'Session.certificationCode.', resolve: (s, _, ctx) => sessionFacts.certificationCode(s, ctx) }),
    title: t.string({ description: "Its training's title.", resolve: (s, _, ctx) => sessionFacts.title(s, ctx) }),
    formacodes: t.stringList({ description: 'Session.formacodes.', resolve: (s, _, ctx) => sessionFacts.formacodes(s, ctx) }),
    romeCodes: t.stringList({ description: 'Session.romeCodes.', resolve: (s, _, ctx) => sessionFacts.romeCodes(s, ctx) }),
    nsfCodes: t.stringList({ description: 'Session.nsfCodes.', resolve: (s, _, ctx) => sessionFacts.nsfCodes(s, ctx) }),
    region: t.exposeString('region', { nullable: true, description: 'Session.region.' }),
    departement: t.exposeString('departement', { nullable: true, description: 'Session.departement (abondements: criterion TRAINING_DEPARTEMENT).' }),
  }),
});

async function sessionOf(ctx: CatalogContext, sessionId: string): Promise<SessionRow> {
  const session = await load.session(ctx, sessionId);
  if (!session) throw new Error(`session ${sessionId} missing`);
  return session;
}

TrainingOptionRef.implement({
  description: 'A session considered for a person, with why it was chosen. The rights and abondements subgraphs add its CPF quote and funding plan.',
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person it is considered for.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session considered.' }),
    person: t.field({ type: PersonRef, description: 'The person it is considered for.', resolve: (o) => ({ id: o.personId }) }),
    holder: t.field({
      type: HolderFactsRef,
      nullable: true,
      description:
        "The person's facts the option's CPF quote and funding plan depend on; null for an option not made with them (then neither can be computed).",
      resolve: (o) => o.holder,
    }),
    session: t.field({ type: SessionRef, description: 'The session considered.', resolve: (o, _, ctx) => sessionOf(ctx, o.sessionId) }),
    sessionFacts: t.field({
      type: SessionFactsRef,
      inaccessible: true,
      description: 'What rights and abondements @require of the session (see SessionFacts).',
      resolve: (o, _, ctx) => sessionOf(ctx, o.sessionId),
    }),
    // Shareable: abondements' Person.fundableTrainings @provides them back from what it @requires.
    score: t.exposeFloat('score', {
      shareable: true,
      description:
        'How well it fits, 0 … 1: target job (40 %; a job met only through the certification counts 30 % of it), share of the gap closed (20 %: the competences the person lacks for the target jobs that the jobs the session prepares for list), nearness (25 %, distance learning counts as near), how soon it starts (15 %).',
    }),
    reasons: t.exposeStringList('reasons', {
      shareable: true,
      description:
        'Why, in words an adviser can repeat: "prépare au métier N1103 …", "couvre 12 des 18 compétences qui vous manquent pour N1103", "à 12 km", "commence le 2026-01-12".',
    }),
    distanceKm: t.exposeFloat('distanceKm', {
      nullable: true,
      shareable: true,
      description: 'Distance from the person’s home in km; null for distance learning or unknown places.',
    }),
  }),
});

builder.asEntity(TrainingOptionRef, {
  key: builder.selection<{ personId: string; sessionId: string }>('personId sessionId'),
  resolveReference: ({ personId, sessionId }, ctx) => optionWithoutPersonFacts(ctx, personId, sessionId, null),
});

const MAX_RECOMMENDATIONS = 50;
const MAX_OPTIONS = 100;
/** How many candidates abondements re-ranks with their funding plans (Person.recommendationCandidates). */
export const CANDIDATES = 30;

type HolderRequirements = Partial<HolderFactsShape>;
const HOLDER_FACTS = 'accessGrant status hasDrivingLicence qualificationLevel homeRegion homeDepartement employerSiret employerIdcc';
type RecommendationRequirements = HolderRequirements & {
  targetRomeCodes?: string[];
  competenceCodes?: string[];
  homeLatitude?: number | null;
  homeLongitude?: number | null;
};
// Built by hand: Pothos' typed selection string is too deep for the compiler at this size.
const selection = <T extends object>(fields: string): Selection<T> => ({ selection: fields, [selectionShapeKey]: {} as T });
const recommendationRequirements = selection<RecommendationRequirements>(`${HOLDER_FACTS} targetRomeCodes competenceCodes homeLatitude homeLongitude`);

/** The facts passed on with the options (see HolderFacts); null when passport gave none. */
const holderOf = (person: HolderRequirements): HolderFactsShape | null =>
  person.status
    ? {
        accessGrant: person.accessGrant ?? null,
        status: person.status,
        hasDrivingLicence: person.hasDrivingLicence ?? false,
        qualificationLevel: person.qualificationLevel ?? null,
        homeRegion: person.homeRegion ?? null,
        homeDepartement: person.homeDepartement ?? null,
        employerSiret: person.employerSiret ?? null,
        employerIdcc: person.employerIdcc ?? null,
      }
    : null;

/** The person's best `count` sessions by relevance (job, gap closed, nearness, start). */
async function recommendationsFor(person: RecommendationRequirements & { id: string }, count: number, ctx: CatalogContext): Promise<TrainingOptionShape[]> {
  await requireAccess(person.accessGrant, ctx.viewer, person.id, 'recommendations');
  const targets = person.targetRomeCodes ?? [];
  if (targets.length === 0) return [];
  const facts: PersonFacts = {
    targetRomeCodes: targets,
    home: person.homeLatitude != null && person.homeLongitude != null ? { latitude: person.homeLatitude, longitude: person.homeLongitude } : null,
    competenceCodes: person.competenceCodes ?? [],
    qualificationLevel: person.qualificationLevel ?? null,
  };
  const romeCodes = [...targets, ...relatedJobs(facts, allJobCodes, jobCompetences)];
  const ranked = recommend(recommendationCandidates(ctx.db.sqlite, romeCodes), facts, ctx.today, count, romeLabel, jobCompetences);
  const holder = holderOf(person);
  return ranked.map((r) => ({ personId: person.id, holder, ...r }));
}

export const PersonRef = builder
  .externalRef('Person', builder.selection<{ id: string }>('id'), (person) => person)
  .implement({
    externalFields: (t) => ({
      accessGrant: t.string({ nullable: true }),
      targetRomeCodes: t.stringList(),
      competenceCodes: t.stringList(),
      homeLatitude: t.float({ nullable: true }),
      homeLongitude: t.float({ nullable: true }),
      qualificationLevel: t.int({ nullable: true }),
      status: t.field({ type: HolderStatusEnum }),
      hasDrivingLicence: t.boolean(),
      homeRegion: t.string({ nullable: true }),
      homeDepartement: t.string({ nullable: true }),
      employerSiret: t.string({ nullable: true }),
      employerIdcc: t.string({ nullable: true }),
    }),
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The person id (owned by passport).' }),
      recommendedTrainings: t.field({
        type: [TrainingOptionRef],
        // Nullable: if catalog fails, the person's other fields still arrive.
        nullable: true,
        description:
          'Sessions for the person’s target jobs, best first by relevance: they prepare for a target job (the training’s ROME codes, or its certification’s), close the gap (the competences the person lacks for the job, as in Person.skillsGap, that the jobs the session prepares for list), are near home or at a distance, start soon; not started yet and open to recruitment. A training asking a higher entry level than the person’s qualification level keeps half its score. Sessions for another job that covers at least half the gap of a target job are included. Money is not looked at: Person.fundableTrainings re-ranks these with their funding plans. FORBIDDEN without the person’s consent for recommendations.',
        args: { first: t.arg.int({ defaultValue: 5, description: `How many, 1 … ${MAX_RECOMMENDATIONS}.` }) },
        requires: recommendationRequirements,
        resolve: async (person, { first }, ctx) => {
          const count = first ?? 5;
          if (!Number.isInteger(count) || count < 1 || count > MAX_RECOMMENDATIONS) throw badUserInput(`first must be between 1 and ${MAX_RECOMMENDATIONS}`);
          return recommendationsFor(person, count, ctx);
        },
      }),
      recommendationCandidates: t.field({
        type: [TrainingOptionRef],
        // Nullable: if catalog fails, the person's other fields still arrive.
        nullable: true,
        inaccessible: true,
        description: `The ${CANDIDATES} best sessions of recommendedTrainings: what abondements' Person.fundableTrainings @requires to re-rank them with their funding plans. Not for clients.`,
        requires: recommendationRequirements,
        resolve: (person, _args, ctx) => recommendationsFor(person, CANDIDATES, ctx),
      }),
      trainingOptions: t.field({
        type: [TrainingOptionRef],
        // Nullable: if catalog fails, the person's other fields still arrive.
        nullable: true,
        description:
          'The given sessions as options for the person (e.g. ones they picked), in the order asked; unknown ids are left out. Scored on timing only, since no target jobs are read. FORBIDDEN without the person’s consent for recommendations.',
        args: { sessionIds: t.arg.idList({ required: true, description: `Session ids, at most ${MAX_OPTIONS}.` }) },
        requires: selection<HolderRequirements>(HOLDER_FACTS),
        resolve: async (person, { sessionIds }, ctx) => {
          await requireAccess(person.accessGrant, ctx.viewer, person.id, 'recommendations');
          if (sessionIds.length > MAX_OPTIONS) throw badUserInput(`at most ${MAX_OPTIONS} sessionIds`);
          const holder = holderOf(person);
          const options = await Promise.all([...new Set(sessionIds.map(String))].map((id) => optionWithoutPersonFacts(ctx, person.id, id, holder)));
          return options.filter((o) => o !== null);
        },
      }),
    }),
  });
