import { randomUUID } from 'node:crypto';
import { badUserInput, notFound } from '@formations/schema/subgraph';
import { builder } from './builder.ts';
import { AccessScopeEnum } from './enums.ts';
import { PersonRef, requireHolder } from './person.ts';
import type * as q from '../db/store.ts';
import { isLive } from '../domain/access.ts';
import { consentProblems, normaliseScopes } from '../domain/consent.ts';
import type { Consent } from '../domain/types.ts';

export const ConsentRef = builder.objectRef<Consent>('Consent').implement({
  description: 'Access the holder gave someone (an adviser, a funder…) to parts of their data, until it expires or is revoked.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the consent (to revoke it).' }),
    viewerSub: t.exposeString('viewerSub', { description: 'Account id of the person or organisation given access.' }),
    scopes: t.field({ type: [AccessScopeEnum], description: 'The parts of the data opened.', resolve: (c) => c.scopes }),
    grantedAt: t.expose('grantedAt', { type: 'DateTime', description: 'When the holder gave it.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When it stops by itself.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true, description: 'When the holder revoked it; null if not revoked.' }),
    live: t.boolean({ description: 'True while it opens access: not revoked and not expired.', resolve: (c, _args, ctx) => isLive(c, ctx.now()) }),
  }),
});

const AccessLogEntryRef = builder.objectRef<q.AccessLogRow>('AccessLogEntry').implement({
  description: "One read of the person's data by someone other than the holder.",
  fields: (t) => ({
    readAt: t.expose('readAt', { type: 'DateTime', description: 'When the data was read.' }),
    viewerSub: t.exposeString('viewerSub', { description: 'Account id of the reader.' }),
    viewerRole: t.exposeString('viewerRole', { description: 'Role of the reader: adviser, prescriber, funder…' }),
    scopes: t.field({ type: [AccessScopeEnum], description: 'The scopes the reader held at that moment.', resolve: (e) => e.scopes }),
  }),
});

builder.objectFields(PersonRef, (t) => ({
  consents: t.field({
    type: [ConsentRef],
    description: 'Every consent the holder gave, live or not, newest first. Only the holder sees them.',
    resolve: (p, _args, ctx) => ctx.store.consentsOfPerson(requireHolder(ctx, p.id)),
  }),
  accessLog: t.field({
    type: [AccessLogEntryRef],
    description: "Who read the holder's data (everyone but the holder), newest first. Only the holder sees it.",
    args: { last: t.arg.int({ required: true, defaultValue: 50, description: 'How many entries, at most (1–500).' }) },
    resolve: (p, { last }, ctx) => {
      const personId = requireHolder(ctx, p.id);
      if (last < 1 || last > 500) throw badUserInput('last must be between 1 and 500');
      return ctx.store.accessLogOf(personId, last);
    },
  }),
}));

builder.mutationFields((t) => ({
  grantConsent: t.field({
    type: ConsentRef,
    description: 'The holder opens parts of their data to someone (e.g. their CEP adviser) until a date. Holder only.',
    args: {
      viewerSub: t.arg.string({ required: true, description: 'Account id of the person or organisation to give access to.' }),
      scopes: t.arg({ type: [AccessScopeEnum], required: true, description: 'The parts of the data to open.' }),
      expiresAt: t.arg({ type: 'DateTime', required: true, description: 'When the access stops by itself (in the future).' }),
    },
    resolve: (_root, { viewerSub, scopes, expiresAt }, ctx) => {
      const holderId = requireHolder(ctx);
      const now = ctx.now();
      const problems = consentProblems({ holderId, viewerSub, scopes, expiresAt }, now);
      if (problems.length > 0) throw badUserInput(`cannot grant this consent: ${problems.join('; ')}`, { problems });
      return ctx.store.insertConsent({
        id: randomUUID(),
        personId: holderId,
        viewerSub,
        scopes: normaliseScopes(scopes),
        grantedAt: now.toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
        revokedAt: null,
      });
    },
  }),
  revokeConsent: t.field({
    type: ConsentRef,
    description: 'The holder withdraws a consent at once (revoking twice keeps the first date). Holder only.',
    args: { id: t.arg.id({ required: true, description: 'Identifier of the consent.' }) },
    resolve: async (_root, { id }, ctx) => {
      const holderId = requireHolder(ctx);
      const consent = await ctx.store.consentById(String(id));
      // Someone else's consent answers as unknown, so ids cannot be probed.
      if (!consent || consent.personId !== holderId) throw notFound('no such consent');
      return (await ctx.store.revokeConsent(consent.id, ctx.now().toISOString())) ?? consent;
    },
  }),
}));
