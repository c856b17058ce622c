import { forbidden, notFound } from '@formations/schema/subgraph';
import { dossierPage } from '../db/reads.ts';
import { assertMayRead, viewerOf } from './access.ts';
import { builder } from './builder.ts';
import { DossierRef } from './dossier.ts';
import { dossierLoader, freshen } from './loaders.ts';

builder.asEntity(DossierRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (ref, ctx) => {
    const dossier = await dossierLoader(ctx).load(ref.id);
    if (!dossier) return null;
    await assertMayRead(ctx, dossier);
    return dossier;
  },
});

builder.queryFields((t) => ({
  dossier: t.field({
    type: DossierRef,
    description:
      'A dossier, for its parties: the holder, the training organisation, the prescriber who positioned it (with consent), France Travail for its reviews, the operator.',
    args: { id: t.arg.id({ required: true, description: 'Dossier number.' }) },
    resolve: async (_root, { id }, ctx) => {
      viewerOf(ctx);
      const dossier = await dossierLoader(ctx).load(String(id));
      if (!dossier) throw notFound(`no dossier ${id}`);
      await assertMayRead(ctx, dossier);
      return dossier;
    },
  }),
  allDossiers: t.field({
    type: [DossierRef],
    description: 'Every dossier in id order, a page at a time: for the operator (reconciliation).',
    args: {
      after: t.arg.id({ description: 'Last id of the previous page.' }),
      first: t.arg.int({ defaultValue: 100, description: 'Page size, 1 … 500.' }),
    },
    resolve: (_root, args, ctx) => {
      if (viewerOf(ctx).role !== 'operator') throw forbidden('only the operator lists every dossier');
      freshen(ctx);
      return dossierPage(ctx.db, args.after ? String(args.after) : null, Math.min(Math.max(args.first ?? 100, 1), 500));
    },
  }),
}));
