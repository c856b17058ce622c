import { assertAccess } from '@formations/schema/auth';
import { asGraphQLAuthError, loader } from '@formations/schema/subgraph';
import { dotationsOfPersons } from '../db/queries.ts';
import type { Dotation } from '../domain/types.ts';
import type { AbondementsContext } from '../context.ts';
import { builder } from './builder.ts';
import { DotationType } from './dotation.ts';
import { HolderStatusEnum } from './enums.ts';
import { FranceTravailRequestType, requestsLoader } from './france-travail-request.ts';

/** Dotations of several persons in one query per request. */
export const dotationsLoader = (ctx: AbondementsContext) =>
  loader<string, Dotation[]>(ctx, 'dotationsByPerson', (personIds) => {
    const all = dotationsOfPersons(ctx.db, personIds);
    return personIds.map((id) => all.filter((d) => d.personId === id));
  });

export const PersonRef = builder.externalRef('Person', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({
    accessGrant: t.string({ nullable: true }),
    status: t.field({ type: HolderStatusEnum }),
    qualificationLevel: t.int({ nullable: true }),
    homeRegion: t.string({ nullable: true }),
    homeDepartement: t.string({ nullable: true }),
    employerSiret: t.string({ nullable: true }),
    employerIdcc: t.string({ nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the person (passport).' }),
    dotations: t.field({
      type: [DotationType],
      description:
        "Supplementary rights funders credited to this person's CPF account (employer dotations…), spent first from 3 Dec 2025. Needs the holder's consent (scope funding).",
      requires: builder.selection<{ accessGrant?: string | null }>('accessGrant'),
      resolve: async (person, _args, ctx) => {
        // Loading before the (async) access check keeps every person's load in the same batch.
        const [, dotations] = await Promise.all([
          assertAccess(person.accessGrant, ctx.viewer, person.id, 'funding').catch(asGraphQLAuthError),
          dotationsLoader(ctx).load(person.id),
        ]);
        return dotations;
      },
    }),
    franceTravailRequests: t.field({
      type: [FranceTravailRequestType],
      description: "The job seeker's requests to France Travail, oldest first, with their status today. Needs the holder's consent (scope funding).",
      requires: builder.selection<{ accessGrant?: string | null }>('accessGrant'),
      resolve: async (person, _args, ctx) => {
        const [, requests] = await Promise.all([
          assertAccess(person.accessGrant, ctx.viewer, person.id, 'funding').catch(asGraphQLAuthError),
          requestsLoader(ctx).load(person.id),
        ]);
        return requests;
      },
    }),
  }),
});
