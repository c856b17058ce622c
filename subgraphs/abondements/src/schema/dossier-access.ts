import { forbidden } from '@formations/schema/subgraph';
import type { AbondementsContext } from '../context.ts';

/**
 * Money is set aside or spent when a dossier is ordered, by the ordering platform (the
 * operator role, as Mon Compte Formation), which has computed the funding plan through the
 * supergraph. A holder cannot: the amount and the facts would be his own word.
 */
export function assertMayCommitFor(ctx: AbondementsContext): void {
  if (ctx.viewer?.role === 'operator') return;
  throw forbidden("seule la plateforme de commande (opérateur) peut réserver ou dépenser de l'argent pour un dossier");
}

/** A cancellation gives money back: the holder may cancel his own dossier, the operator any. */
export function assertMayCancelFor(ctx: AbondementsContext, personId: string): void {
  const viewer = ctx.viewer;
  if (viewer?.role === 'operator') return;
  if (viewer?.role === 'holder' && viewer.sub === personId) return;
  throw forbidden("seuls le titulaire et l'opérateur peuvent libérer l'argent d'un dossier du titulaire");
}
