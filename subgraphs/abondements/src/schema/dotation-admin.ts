// Funders credit dotations to named holders and follow their use.
import { randomUUID } from 'node:crypto';
import { badUserInput } from '@formations/schema/subgraph';
import { dotationsOfFunder, insertDotation } from '../db/queries.ts';
import { builder } from './builder.ts';
import { DotationRef } from './dotation.ts';
import { viewerFunderId } from './funder-access.ts';

builder.queryFields((t) => ({
  grantedDotations: t.field({
    type: [DotationRef],
    description: 'Dotations the signed-in funder credited, with what is spent, still usable, or refunded after the deadline.',
    resolve: (_root, _args, ctx) => dotationsOfFunder(ctx.store, viewerFunderId(ctx)),
  }),
}));

builder.mutationFields((t) => ({
  grantDotation: t.field({
    type: DotationRef,
    description:
      'Credits supplementary rights (L6323-4 III) to a named holder, from the signed-in funder (an employer for its employees…), optionally restricted to certifications, with a deadline and a refund of unused money.',
    args: {
      personId: t.arg.id({ required: true, description: 'The holder credited.' }),
      amount: t.arg({ type: 'Cents', required: true, description: 'Amount credited.' }),
      restrictedToCertifications: t.arg.stringList({ required: false, description: 'RNCP/RS codes it may pay for; omit for any eligible training.' }),
      deadline: t.arg({ type: 'Date', required: false, description: 'Last day it may be used.' }),
      refundIfUnused: t.arg.boolean({ required: false, description: 'Whether unused money goes back to the funder after the deadline (default false).' }),
    },
    resolve: (_root, args, ctx) => {
      const funderId = viewerFunderId(ctx);
      if (args.amount <= 0) throw badUserInput('une dotation doit créditer un montant positif');
      const today = ctx.clock.today();
      if (args.deadline != null && args.deadline < today) throw badUserInput("l'échéance est déjà passée");
      if (args.refundIfUnused && args.deadline == null) throw badUserInput('le reversement du reliquat au financeur exige une échéance');
      return insertDotation(ctx.store, {
        id: `dotation-${randomUUID()}`,
        funderId,
        personId: String(args.personId),
        amount: args.amount,
        restrictedToCertifications: args.restrictedToCertifications ?? [],
        deadline: args.deadline ?? null,
        refundIfUnused: args.refundIfUnused ?? false,
        grantedOn: today,
      });
    },
  }),
}));
