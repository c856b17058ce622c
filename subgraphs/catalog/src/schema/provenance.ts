// Where a record comes from (every source listing it) and whether it is served from a last good
// version (stale): see the README's "Several sources" policy.
import type { CatalogContext } from '../context.ts';
import type { SessionRow } from '../db/queries.ts';
import { builder } from './builder.ts';
import { load } from './loaders.ts';
import { CatalogueSourceRef, ExtraRef, StaleFlagRef, type CatalogueSourceShape } from './refs.ts';

StaleFlagRef.implement({
  description:
    "Why a record is served from its last good version: the source's newer version was rejected by the import (see the import report). Cleared when the source sends a good version.",
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'Why the newer version was rejected, e.g. `periode: "20270230" is not a calendar date`.' }),
    since: t.field({ type: 'DateTime', description: 'When the newer version was first rejected.', resolve: (f) => f.since }),
    source: t.exposeString('source', { description: 'The source whose newer version was rejected, e.g. "carif-pdl.xml".' }),
  }),
});

CatalogueSourceRef.implement({
  description: 'One source listing a record (a national aggregate, a Carif export…), with what it says of it that the merged record may not show.',
  fields: (t) => ({
    source: t.exposeString('source', { description: 'The source, named by its file name: "offres-pays-de-la-loire-2.3.xml".' }),
    file: t.exposeString('file', { description: 'The file it was last imported from, as given to the indexer.' }),
    exportedAt: t.field({
      type: 'DateTime',
      description:
        "When the source exported the version held (LHEO horodatage-export, else the file's modification time): the most recent export wins field by field.",
      resolve: (s) => s.exportedAt,
    }),
    importedAt: t.field({ type: 'DateTime', description: 'When the indexer last read this record from the source.', resolve: (s) => s.importedAt }),
    stale: t.field({
      type: StaleFlagRef,
      nullable: true,
      description: "Set when this source's newer version was rejected and its last good version is kept.",
      resolve: (s) => s.stale,
    }),
    extras: t.field({ type: [ExtraRef], description: 'The LHEO extras this source attaches to the record.', resolve: (s) => s.extras }),
    informationDates: t.field({
      type: ['Date'],
      description: "Days of information meetings this source gives for the session's action (LHEO date-information); empty for a training.",
      resolve: (s) => s.informationDates,
    }),
  }),
});

/** Every source listing the formation `numero`, most recent export first. */
export async function trainingSources(ctx: CatalogContext, numero: string): Promise<CatalogueSourceShape[]> {
  return (await load.sourceCopies(ctx, numero)).map((c) => ({
    source: c.sourceId,
    file: c.file,
    exportedAt: c.exportedAt,
    importedAt: c.importedAt,
    stale: c.record.stale ?? null,
    extras: c.record.extras,
    informationDates: [],
  }));
}

/** Every source listing the session, most recent export first. */
export async function sessionSources(ctx: CatalogContext, session: SessionRow): Promise<CatalogueSourceShape[]> {
  const formation = await load.formation(ctx, session.formationId);
  if (!formation) return [];
  return (await load.sourceCopies(ctx, formation.numero)).flatMap((c) =>
    c.record.actions.flatMap((a) =>
      a.sessions
        .filter((s) => s.id === session.id)
        .map((s) => ({
          source: c.sourceId,
          file: c.file,
          exportedAt: c.exportedAt,
          importedAt: c.importedAt,
          stale: s.stale ?? c.record.stale ?? null,
          extras: s.extras,
          informationDates: a.informationDates ?? [],
        })),
    ),
  );
}
