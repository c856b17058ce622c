import { forbidden } from '@formations/schema/subgraph';
import type { AbondementsContext } from '../context.ts';

/** The holder orders his own dossier; the operator (Mon Compte Formation) acts for any. */
export function assertMayOrderFor(ctx: AbondementsContext, personId: string): void {
  const viewer = ctx.viewer;
  if (viewer?.role === 'operator') return;
  if (viewer?.role === 'holder' && viewer.sub === personId) return;
  throw forbidden("only the holder or the operator may reserve or release money for a holder's dossier");
}
