// Who may act on and read a dossier. The holder is the person; the training organisation is the
// one whose SIRET the session's training names; France Travail (a funder) decides its own reviews;
// a prescriber positions a person who consented (passport's signed access grant, scope funding);
// the operator (Caisse des Dépôts' back office) validates the service and the billing.
import { type Viewer } from '@formations/schema/auth';
import { forbidden, unauthenticated, requireAccess } from '@formations/schema/subgraph';
import type { DossiersContext } from '../context.ts';
import type { DossierRow } from '../db/store.ts';
import type { Actor } from '../domain/states.ts';
import { accessGrant } from '../peers.ts';

export const FRANCE_TRAVAIL_FUNDER = 'funder-france-travail';

export function viewerOf(ctx: DossiersContext): Viewer {
  if (!ctx.viewer) throw unauthenticated('sign in to work on dossiers');
  return ctx.viewer;
}

/** The actor the viewer acts as; a CEP adviser advises but takes no part in a dossier. */
export function actorOf(ctx: DossiersContext): Actor {
  const viewer = viewerOf(ctx);
  if (viewer.role === 'adviser') throw forbidden('a CEP adviser takes no part in dossiers; a prescriber positions, the holder requests');
  return viewer.role;
}

/** Whether the viewer is a party to this dossier as its role (the prescriber's consent is checked apart). */
export function isParty(viewer: Viewer, dossier: DossierRow): boolean {
  switch (viewer.role) {
    case 'holder':
      return viewer.sub === dossier.personId;
    case 'organisation':
      return !!viewer.siret && viewer.siret === dossier.organisationSiret;
    case 'funder':
      return viewer.funderId === FRANCE_TRAVAIL_FUNDER && (dossier.route === 'FRANCE_TRAVAIL_AIF' || dossier.state === 'waitingAcceptation');
    case 'operator':
      return true;
    default:
      return false;
  }
}

export const assertParty = (ctx: DossiersContext) => (dossier: DossierRow) => {
  if (!isParty(viewerOf(ctx), dossier)) throw forbidden('not a party to this dossier');
};

/** A prescriber acts or reads for a person only with that person's live consent (scope funding). */
export async function assertConsent(ctx: DossiersContext, personId: string): Promise<void> {
  const viewer = viewerOf(ctx);
  const grant = await accessGrant(ctx.peers, viewer, personId);
  await requireAccess(grant, viewer, personId, 'funding');
}

export async function assertMayRead(ctx: DossiersContext, dossier: DossierRow): Promise<void> {
  const viewer = viewerOf(ctx);
  if (isParty(viewer, dossier)) return;
  if (viewer.role === 'prescriber' && dossier.prescriberSub === viewer.sub) return assertConsent(ctx, dossier.personId);
  throw forbidden('not a party to this dossier');
}
