import { builder } from './builder.ts';
import { ModalityEnum } from './enums.ts';
import { load } from './loaders.ts';
import { hasPlace } from './place.ts';
import { ActionRef, ExtraRef, PlaceRef, SessionRef, TrainingRef } from './refs.ts';

ActionRef.implement({
  description: 'An action: how and where a training is delivered — place, price, hours, modality (LHEO action).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The action numero from the LHEO source.' }),
    training: t.field({
      type: TrainingRef,
      description: 'The training delivered.',
      resolve: async (a, _, ctx) => {
        const formation = await load.formation(ctx, a.formationId);
        if (!formation) throw new Error(`formation ${a.formationId} missing`);
        return formation;
      },
    }),
    modality: t.expose('modalite', { type: ModalityEnum, nullable: true, description: 'In person, at a distance or mixed.' }),
    price: t.expose('prixCents', { type: 'Cents', nullable: true, description: 'Total price incl. VAT (prix-total-TTC) in cents; null when unknown.' }),
    hoursInCentre: t.exposeInt('nombreHeuresCentre', { nullable: true, description: 'Hours at the training centre.' }),
    hoursInCompany: t.exposeInt('nombreHeuresEntreprise', { nullable: true, description: 'Hours in a company (placement).' }),
    totalHours: t.exposeInt('nombreHeuresTotal', { nullable: true, description: 'Total hours when the source gives them (LHEO 2.3).' }),
    indicativeDuration: t.exposeString('dureeIndicative', { nullable: true, description: 'Duration as the source words it, e.g. "2 ans".' }),
    rhythm: t.exposeString('rythme', { nullable: true, description: 'Rhythm, e.g. "Temps plein".' }),
    permanentEntry: t.exposeBoolean('entreesSortiesPermanentes', {
      nullable: true,
      description: 'True when one may start at any time (entrées/sorties permanentes).',
    }),
    disabledAccess: t.exposeString('accesHandicapes', {
      nullable: true,
      description: 'Arrangements for disabled people, as the provider words them (acces-handicapes); null when it describes none specific.',
    }),
    specificConditions: t.exposeString('conditionsSpecifiques', { nullable: true, description: 'Prerequisites and specific conditions, plain text.' }),
    targetPublicCodes: t.exposeStringList('codePublicVise', { description: 'Formacode codes of the public aimed at (code-public-vise).' }),
    funderCodes: t.exposeStringList('financeurs', { description: 'Codes of the funders buying this action (organisme-financeur, LHEO dictionary).' }),
    cpfEligible: t.exposeBoolean('cpfEligible', {
      nullable: true,
      description: 'Whether the source declares it eligible to the CPF; null when it does not say.',
    }),
    place: t.field({
      type: PlaceRef,
      nullable: true,
      description: 'Where it is delivered; null without any address.',
      resolve: (a) => (hasPlace(a) ? a : null),
    }),
    sessions: t.field({ type: [SessionRef], description: 'Its sessions, earliest first.', resolve: (a, _, ctx) => load.sessionsOfAction(ctx, a.id) }),
    extras: t.field({ type: [ExtraRef], description: 'Free LHEO extensions attached to the action (e.g. eligibilite-cpf).', resolve: (a) => a.extras }),
  }),
});
