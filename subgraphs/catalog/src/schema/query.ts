import { builder } from './builder.ts';
import { load } from './loaders.ts';
import { CertificationRef, SessionRef, TrainingRef } from './refs.ts';

builder.queryFields((t) => ({
  session: t.field({
    type: SessionRef,
    nullable: true,
    description: 'A session by its id (LHEO session numero); null when the catalogue has no such session.',
    args: { id: t.arg.id({ required: true, description: 'The session id.' }) },
    resolve: (_, { id }, ctx) => load.session(ctx, String(id)),
  }),
  training: t.field({
    type: TrainingRef,
    nullable: true,
    description: 'A training by its id (LHEO formation numero); null when unknown.',
    args: { id: t.arg.id({ required: true, description: 'The training id.' }) },
    resolve: (_, { id }, ctx) => load.formationByNumero(ctx, String(id)),
  }),
  certification: t.field({
    type: CertificationRef,
    nullable: true,
    description: 'A certification by its code ("RNCP37674", "RS5080"); null when not in the France Compétences register.',
    args: { code: t.arg.string({ required: true, description: 'The register code.' }) },
    resolve: (_, { code }, ctx) => load.certification(ctx, code.trim().toUpperCase()),
  }),
}));
