// What the imports changed, for consumers that keep a copy of the catalogue in step.
import { GraphQLError } from 'graphql';
import { catalogueChanges, type CatalogueChangeRow } from '../db/queries.ts';
import { builder } from './builder.ts';
import { load } from './loaders.ts';
import { SessionRef, TrainingRef } from './refs.ts';

const CatalogueChangeKindEnum = builder.enumType('CatalogueChangeKind', {
  description: 'What an import did to a record.',
  values: {
    ADDED: { description: 'Now in the catalogue (first listed by a source).' },
    CHANGED: { description: 'Still in the catalogue, with different content (its merged version changed).' },
    WITHDRAWN: { description: 'No longer in the catalogue: no source lists it any more.' },
  },
});
const CatalogueEntityEnum = builder.enumType('CatalogueEntity', {
  description: 'The kind of record a change is about.',
  values: { TRAINING: { description: 'A training (LHEO formation).' }, SESSION: { description: 'A session.' } },
});

const CatalogueChangeRef = builder.objectRef<CatalogueChangeRow>('CatalogueChange').implement({
  description: 'One change an import made to the served catalogue.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', description: 'When the import that made it ran.', resolve: (c) => c.at }),
    kind: t.field({ type: CatalogueChangeKindEnum, resolve: (c) => c.kind }),
    entity: t.field({ type: CatalogueEntityEnum, resolve: (c) => c.entity }),
    id: t.exposeID('id', { description: 'The session or training id (LHEO numero).' }),
    source: t.exposeString('sourceId', { description: 'The source whose import made the change.' }),
    session: t.field({
      type: SessionRef,
      nullable: true,
      description: 'The session as served now; null for a training, or when it has been withdrawn since.',
      resolve: (c, _, ctx) => (c.entity === 'SESSION' ? load.session(ctx, c.id) : null),
    }),
    training: t.field({
      type: TrainingRef,
      nullable: true,
      description: 'The training as served now; null for a session, or when it has been withdrawn since.',
      resolve: (c, _, ctx) => (c.entity === 'TRAINING' ? load.formationByNumero(ctx, c.id) : null),
    }),
  }),
});

const CatalogueChangesRef = builder.objectRef<{ changes: CatalogueChangeRow[]; hasMore: boolean }>('CatalogueChanges').implement({
  description: 'A page of the change log, oldest first.',
  fields: (t) => ({
    changes: t.field({ type: [CatalogueChangeRef], resolve: (p) => p.changes }),
    endCursor: t.string({
      nullable: true,
      description: 'Pass it as `after` (with the same `since`) for the next page; null when the page is empty.',
      resolve: (p) => (p.changes.length > 0 ? String(p.changes.at(-1)!.seq) : null),
    }),
    hasMore: t.boolean({ description: 'Whether more changes follow this page.', resolve: (p) => p.hasMore }),
  }),
});

const MAX_FIRST = 1000;

builder.queryFields((t) => ({
  catalogueChanges: t.field({
    type: CatalogueChangesRef,
    description:
      'Trainings and sessions added, changed or withdrawn by the imports that ran after `since`, oldest first: poll with the time of your last sync (one import logs all its changes at one time; page with `after`).',
    args: {
      since: t.arg({ type: 'DateTime', required: true, description: 'Changes of imports strictly after this instant.' }),
      first: t.arg.int({ defaultValue: 100, description: `Changes per page, 1 … ${MAX_FIRST}.` }),
      after: t.arg.string({ description: 'The `endCursor` of the previous page.' }),
    },
    resolve: (_, { since, first, after }, ctx) => {
      const limit = first ?? 100;
      if (limit < 1 || limit > MAX_FIRST) throw new GraphQLError(`first must be between 1 and ${MAX_FIRST}`, { extensions: { code: 'BAD_USER_INPUT' } });
      const afterSeq = after ? Number(after) : 0;
      if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new GraphQLError('after must be an endCursor', { extensions: { code: 'BAD_USER_INPUT' } });
      const rows = catalogueChanges(ctx.db.sqlite, new Date(since).toISOString(), afterSeq, limit + 1);
      return { changes: rows.slice(0, limit), hasMore: rows.length > limit };
    },
  }),
}));
