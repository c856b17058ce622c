import { forbidden, notFound } from '@formations/schema/subgraph';
import { findConvention, funderOfRule } from '../db/funder-admin.ts';
import type { AbondementsContext } from '../context.ts';

/** The funder the viewer acts for; only a funder's own users manage its conventions. */
export function viewerFunderId(ctx: AbondementsContext): string {
  const viewer = ctx.viewer;
  if (viewer?.role !== 'funder' || !viewer.funderId) throw forbidden("seuls les utilisateurs d'un financeur gèrent ses conventions");
  return viewer.funderId;
}

export async function ownConvention(ctx: AbondementsContext, conventionId: string) {
  const funderId = viewerFunderId(ctx);
  const convention = await findConvention(ctx.store, conventionId);
  if (!convention) throw notFound(`aucune convention ${conventionId}`);
  if (convention.funderId !== funderId) throw forbidden('cette convention appartient à un autre financeur');
  return convention;
}

export async function assertOwnRule(ctx: AbondementsContext, ruleId: string): Promise<void> {
  const funderId = viewerFunderId(ctx);
  const owner = await funderOfRule(ctx.store, ruleId);
  if (!owner) throw notFound(`aucune règle ${ruleId}`);
  if (owner !== funderId) throw forbidden('cette règle appartient à un autre financeur');
}
