import { builder } from './builder.ts';
import { ModalityEnum } from './enums.ts';
import { load } from './loaders.ts';
import { hasPlace } from './place.ts';
import { ACTION_FIELDS } from '../db/lheo-fields.ts';
import { lheoFields } from './lheo-fields.ts';
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
    // hoursInCentre, rhythm, disabledAccess…: the LHEO fields stored as they are (db/lheo-fields.ts).
    ...lheoFields(t, ACTION_FIELDS),
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
