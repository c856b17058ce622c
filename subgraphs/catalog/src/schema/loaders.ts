// Per-request batched reads: every `_entities` call or list field costs one query per kind.
import { loader } from '@formations/schema/subgraph';
import type { CatalogContext } from '../context.ts';
import * as q from '../db/queries.ts';

// One look at the catalogue's version per request, for every batch it makes (db/queries.ts keeps rows per version).
const versions = new WeakMap<CatalogContext, string>();
function versionOf(ctx: CatalogContext): string {
  let version = versions.get(ctx);
  if (version === undefined) versions.set(ctx, (version = q.catalogVersionOf(ctx.db.sqlite)));
  return version;
}

export const load = {
  session: (ctx: CatalogContext, id: string) => loader(ctx, 'session', (ids: readonly string[]) => q.sessionsById(ctx.db.sqlite, ids, versionOf(ctx))).load(id),
  formation: (ctx: CatalogContext, id: number) =>
    loader(ctx, 'formation', (ids: readonly number[]) => q.formationsById(ctx.db.sqlite, ids, versionOf(ctx))).load(id),
  formationByNumero: (ctx: CatalogContext, numero: string) =>
    loader(ctx, 'formationByNumero', (numeros: readonly string[]) => q.formationsByNumero(ctx.db.sqlite, numeros, versionOf(ctx))).load(numero),
  action: (ctx: CatalogContext, id: string) => loader(ctx, 'action', (ids: readonly string[]) => q.actionsById(ctx.db.sqlite, ids, versionOf(ctx))).load(id),
  actionsOfFormation: (ctx: CatalogContext, id: number) =>
    loader(ctx, 'actionsOfFormation', (ids: readonly number[]) => q.actionsByFormation(ctx.db.sqlite, ids, versionOf(ctx))).load(id),
  sessionsOfAction: (ctx: CatalogContext, id: string) =>
    loader(ctx, 'sessionsOfAction', (ids: readonly string[]) => q.sessionsByAction(ctx.db.sqlite, ids, versionOf(ctx))).load(id),
  sessionsOfGroup: (ctx: CatalogContext, key: string) =>
    loader(ctx, 'sessionsOfGroup', (keys: readonly string[]) => q.sessionsByDuplicateKey(ctx.db.sqlite, keys, versionOf(ctx))).load(key),
  sessionsOfFormation: (ctx: CatalogContext, id: number) =>
    loader(ctx, 'sessionsOfFormation', (ids: readonly number[]) => q.sessionsByFormation(ctx.db.sqlite, ids, versionOf(ctx))).load(id),
  formationCodes: (ctx: CatalogContext, id: number) =>
    loader(ctx, 'formationCodes', (ids: readonly number[]) => q.formationCodes(ctx.db.sqlite, ids, versionOf(ctx))).load(id),
  certificationCodes: (ctx: CatalogContext, code: string) =>
    loader(ctx, 'certificationCodes', (codes: readonly string[]) => q.certificationCodes(ctx.db.sqlite, codes, versionOf(ctx))).load(code),
  sourceCopies: (ctx: CatalogContext, numero: string) =>
    loader(ctx, 'sourceCopies', (numeros: readonly string[]) => q.sourceCopiesByNumero(ctx.db.sqlite, numeros, versionOf(ctx))).load(numero),
  organisme: (ctx: CatalogContext, siret: string) =>
    loader(ctx, 'organisme', (sirets: readonly string[]) => q.organismesBySiret(ctx.db.sqlite, sirets, versionOf(ctx))).load(siret),
  formationsOfOrganisme: (ctx: CatalogContext, siret: string) =>
    loader(ctx, 'formationsOfOrganisme', (sirets: readonly string[]) => q.formationsByOrganisme(ctx.db.sqlite, sirets, versionOf(ctx))).load(siret),
  certification: (ctx: CatalogContext, code: string) =>
    loader(ctx, 'certification', (codes: readonly string[]) => q.certificationsByCode(ctx.db.sqlite, codes, versionOf(ctx))).load(code),
  formationsOfCertification: (ctx: CatalogContext, code: string) =>
    loader(ctx, 'formationsOfCertification', (codes: readonly string[]) => q.formationsByCertification(ctx.db.sqlite, codes, versionOf(ctx))).load(code),
  certifiers: (ctx: CatalogContext, code: string) =>
    loader(ctx, 'certifiers', (codes: readonly string[]) => q.certifiersOf(ctx.db.sqlite, codes, versionOf(ctx))).load(code),
  blocs: (ctx: CatalogContext, code: string) => loader(ctx, 'blocs', (codes: readonly string[]) => q.blocsOf(ctx.db.sqlite, codes, versionOf(ctx))).load(code),
  predecessors: (ctx: CatalogContext, code: string) =>
    loader(ctx, 'predecessors', (codes: readonly string[]) => q.predecessorsOf(ctx.db.sqlite, codes, versionOf(ctx))).load(code),
  successors: (ctx: CatalogContext, code: string) =>
    loader(ctx, 'successors', (codes: readonly string[]) => q.successorsOf(ctx.db.sqlite, codes, versionOf(ctx))).load(code),
};

export async function codesOf(ctx: CatalogContext, formationId: number, kind: 'FORMACODE' | 'NSF' | 'ROME'): Promise<string[]> {
  return (await load.formationCodes(ctx, formationId)).filter((c) => c.kind === kind).map((c) => c.code);
}
