import { dotationStateOn } from '../domain/dotations.ts';
import type { Dotation } from '../domain/types.ts';
import { builder } from './builder.ts';
import { FunderRef } from './funder.ts';

export const DotationRef = builder.objectRef<Dotation>('Dotation').implement({
  description: "Supplementary rights (L6323-4 III) a funder, usually the employer, credited to the holder's account in advance.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the dotation.' }),
    funder: t.field({ type: FunderRef, description: 'Who credited it.', resolve: (d) => d.funder }),
    amount: t.expose('amount', { type: 'Cents', description: 'Amount credited.' }),
    spent: t.expose('spent', { type: 'Cents', description: 'Amount already spent on dossiers.' }),
    remaining: t.field({
      type: 'Cents',
      description: 'Amount the holder can still spend today: nothing once the deadline is past.',
      resolve: (d, _a, ctx) => dotationStateOn(d, ctx.clock.today()).usable,
    }),
    refundedToFunder: t.field({
      type: 'Cents',
      description: 'Unused money that went back to the funder after the deadline (only when the dotation says so).',
      resolve: (d, _a, ctx) => dotationStateOn(d, ctx.clock.today()).refundedToFunder,
    }),
    restrictedToCertifications: t.exposeStringList('restrictedToCertifications', {
      description: 'RNCP/RS codes it may pay for; empty when any eligible training qualifies.',
    }),
    deadline: t.expose('deadline', { type: 'Date', nullable: true, description: 'Last day it may be used; null when it does not expire.' }),
    refundIfUnused: t.exposeBoolean('refundIfUnused', { description: 'Whether unused money goes back to the funder after the deadline.' }),
    grantedOn: t.expose('grantedOn', { type: 'Date', description: 'Day it was credited.' }),
  }),
});
