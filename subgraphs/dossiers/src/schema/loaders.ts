import { parisDate } from '@formations/schema/clock';
import { loader } from '@formations/schema/subgraph';
import type { DossiersContext } from '../context.ts';
import { dossiersByIds, dossiersOfPersons, dossiersOnSessions, partsOf, transitionsOf, unsettled } from '../db/reads.ts';
import { applyDueDeadlines, type DossierRow, type PartRow, type TransitionRow } from '../db/store.ts';

/** Deadlines are applied on read: once per request, before the first dossier is read. */
export function freshen(ctx: DossiersContext): void {
  if (ctx.loaders.has('deadlines-applied')) return;
  ctx.loaders.set('deadlines-applied', null as never);
  if (applyDueDeadlines(ctx.db, ctx.clock.now()).length > 0) ctx.kickRelay();
}

const batch = <V>(ctx: DossiersContext, name: string, read: (ids: readonly string[]) => Map<string, V>, empty: V) =>
  loader<string, V>(ctx, name, (ids) => {
    freshen(ctx);
    const found = read(ids);
    return ids.map((id) => found.get(id) ?? empty);
  });

export const dossierLoader = (ctx: DossiersContext) => batch<DossierRow | null>(ctx, 'dossier', (ids) => dossiersByIds(ctx.db, ids), null);
export const personDossiersLoader = (ctx: DossiersContext) => batch<DossierRow[]>(ctx, 'personDossiers', (ids) => dossiersOfPersons(ctx.db, ids), []);
export const sessionDossiersLoader = (ctx: DossiersContext) => batch<DossierRow[]>(ctx, 'sessionDossiers', (ids) => dossiersOnSessions(ctx.db, ids), []);
export const transitionsLoader = (ctx: DossiersContext) => batch<TransitionRow[]>(ctx, 'transitions', (ids) => transitionsOf(ctx.db, ids), []);
export const partsLoader = (ctx: DossiersContext) => batch<PartRow[]>(ctx, 'parts', (ids) => partsOf(ctx.db, ids), []);
export const settledLoader = (ctx: DossiersContext) =>
  loader<string, boolean>(ctx, 'settled', (ids) => {
    const open = unsettled(ctx.db, ids);
    return ids.map((id) => !open.has(id));
  });

export const today = (ctx: DossiersContext) => parisDate(ctx.clock.now());
