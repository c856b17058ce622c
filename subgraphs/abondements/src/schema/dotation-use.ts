// Spending a dotation when a dossier is ordered, and giving it back when it is cancelled.
import { badUserInput } from '@formations/schema/subgraph';
import { personOfDotationUse, releaseDotationUse, spendDotation, DotationUseError, type DotationUse } from '../db/dotation-uses.ts';
import type { DotationRefusalCode } from '../domain/dotations.ts';
import { builder } from './builder.ts';
import { assertMayCancelFor, assertMayCommitFor } from './dossier-access.ts';

const asBadInput = (error: unknown): never => {
  if (error instanceof DotationUseError) throw badUserInput(error.message);
  throw error;
};

const DotationUseStatusEnum = builder.enumType('DotationUseStatus', {
  description: 'What became of a spending of a dotation.',
  values: {
    SPENT: { description: 'The amount is taken from the dotation for this dossier.' },
    REFUSED: { description: 'The dotation could not pay it (deadline, targeted certification, amount left).' },
    RELEASED: { description: 'The dossier was cancelled and the amount went back to the dotation.' },
  },
});

const DotationRefusalCodeEnum = builder.enumType('DotationRefusalCode', {
  description: 'Why a dotation cannot pay (L6323-4 III, décret 2025-341); also the code of a funding plan note.',
  values: {
    DOTATION_EXPIRED: { description: 'Its deadline is past.' },
    DOTATION_RESTRICTED: { description: 'It is restricted to other certifications.' },
    DOTATION_SPENT: { description: 'Nothing is left of it.' },
    DOTATION_INSUFFICIENT: { description: 'It holds less than asked.' },
  } satisfies Record<DotationRefusalCode, { description: string }>,
});

const DotationUseRef = builder.objectRef<DotationUse>('DotationUse').implement({
  description: 'Money taken from a dotation for one dossier. The same key always gives the same answer.',
  fields: (t) => ({
    key: t.exposeID('key', { description: "The caller's idempotency key." }),
    dotationId: t.exposeID('dotationId', { description: 'The dotation.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session of the dossier.' }),
    amount: t.expose('amount', { type: 'Cents', description: 'Amount asked.' }),
    status: t.expose('status', { type: DotationUseStatusEnum, description: 'Spent, refused, or released.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was refused, in French.' }),
    reasonCode: t.expose('reasonCode', { type: DotationRefusalCodeEnum, nullable: true, description: 'Why it was refused, as a code.' }),
  }),
});

builder.mutationFields((t) => ({
  spendDotation: t.field({
    type: DotationUseRef,
    description:
      'Takes the dotation part of a funding plan when the dossier is ordered: atomic, idempotent, within the deadline and the targeted certifications.',
    args: {
      key: t.arg.id({ required: true, description: 'Idempotency key chosen by the caller.' }),
      dotationId: t.arg.id({ required: true, description: 'The dotation.' }),
      personId: t.arg.id({ required: true, description: 'The holder.' }),
      sessionId: t.arg.id({ required: true, description: 'The session.' }),
      certificationCode: t.arg.string({ required: false, description: 'The certification the session leads to.' }),
      amount: t.arg({ type: 'Cents', required: true, description: 'The dotation part of the funding plan.' }),
    },
    resolve: async (_root, args, ctx) => {
      assertMayCommitFor(ctx);
      const personId = String(args.personId);
      const now = ctx.clock.now();
      try {
        return await spendDotation(ctx.store, {
          key: String(args.key),
          dotationId: String(args.dotationId),
          personId,
          sessionId: String(args.sessionId),
          certificationCode: args.certificationCode ?? null,
          amount: args.amount,
          today: ctx.clock.today(),
          now: now.toISOString(),
        });
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
  releaseDotationUse: t.field({
    type: DotationUseRef,
    description:
      'Gives the amount back to the dotation when the dossier is cancelled, or all but `keep` after a partial completion (the spending then holds `keep`); releasing twice gives it back once.',
    args: {
      key: t.arg.id({ required: true, description: 'The spending key.' }),
      keep: t.arg({ type: 'Cents', required: true, defaultValue: 0, description: 'What stays spent (0: give everything back).' }),
    },
    resolve: async (_root, args, ctx) => {
      const key = String(args.key);
      const personId = await personOfDotationUse(ctx.store, key);
      if (!personId) throw badUserInput(`aucune dépense de clé ${key}`);
      assertMayCancelFor(ctx, personId);
      try {
        return await releaseDotationUse(ctx.store, key, ctx.clock.now().toISOString(), args.keep);
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
}));
