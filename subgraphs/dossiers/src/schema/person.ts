// Dossiers seen from a person (holder or a consented viewer), a session (its training
// organisation) and a training option (the one dossier of that person on that session).
import { forbidden, requireAccess } from '@formations/schema/subgraph';
import { builder } from './builder.ts';
import { DossierRef } from './dossier.ts';
import { personDossiersLoader, sessionDossiersLoader } from './loaders.ts';
import { viewerOf } from './access.ts';

// Dossier and these types refer to each other; Pothos reads the fields lazily.
export const PersonRef = builder.externalRef('Person', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ accessGrant: t.string({ nullable: true }) }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The person (owned by passport).' }),
    dossiers: t.field({
      type: [DossierRef],
      nullable: true,
      description: "The person's dossiers, newest first, with prescribers' proposals. The holder, or a viewer with the holder's consent for funding.",
      requires: builder.selection<{ accessGrant: string | null }>('accessGrant'),
      resolve: async (person, _args, ctx) => {
        const [, list] = await Promise.all([requireAccess(person.accessGrant, ctx.viewer, person.id, 'funding'), personDossiersLoader(ctx).load(person.id)]);
        return list;
      },
    }),
  }),
});

export const SessionRef = builder.externalRef('Session', builder.selection<{ id: string }>('id')).implement({
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The session (owned by catalog).' }),
    dossiers: t.field({
      type: [DossierRef],
      nullable: true,
      description: "The dossiers on this session, for the session's training organisation (its own only) and the operator.",
      resolve: async (session, _args, ctx) => {
        const viewer = viewerOf(ctx);
        if (viewer.role !== 'organisation' && viewer.role !== 'operator') throw forbidden('only the training organisation sees the dossiers on its sessions');
        const list = await sessionDossiersLoader(ctx).load(session.id);
        return viewer.role === 'operator' ? list : list.filter((d) => d.organisationSiret === viewer.siret);
      },
    }),
  }),
});

// The access grant as catalog passes it on with the option (its HolderFacts, @external here):
// through `person { accessGrant }` the gateway would ask passport again.
const HolderFactsRef = builder.objectRef<{ accessGrant: string | null }>('HolderFacts').implement({
  fields: (t) => ({ accessGrant: t.exposeString('accessGrant', { nullable: true, directives: [{ name: 'external', args: {} }] }) }),
});

builder.externalRef('TrainingOption', builder.selection<{ personId: string; sessionId: string }>('personId sessionId')).implement({
  externalFields: (t) => ({ holder: t.field({ type: HolderFactsRef, nullable: true }) }),
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person considered.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session considered.' }),
    dossier: t.field({
      type: DossierRef,
      nullable: true,
      description: "The person's latest dossier on this session, if any. Needs the holder's consent for funding.",
      requires: builder.selection<{ holder: { accessGrant: string | null } | null }>('holder { accessGrant }'),
      resolve: async (option, _args, ctx) => {
        const [, list] = await Promise.all([
          requireAccess(option.holder?.accessGrant, ctx.viewer, option.personId, 'funding'),
          personDossiersLoader(ctx).load(option.personId),
        ]);
        return list.find((d) => d.sessionId === option.sessionId) ?? null;
      },
    }),
  }),
});
