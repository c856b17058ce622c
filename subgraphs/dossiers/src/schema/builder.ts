import { subgraphBuilder } from '@formations/schema/builder';
import type { DossiersContext } from '../context.ts';

export const builder = subgraphBuilder<DossiersContext>();

builder.queryType({ description: 'Dossiers: a person enrolled on a session with its funding, and their history.' });
builder.mutationType({ description: 'The transitions of a dossier, each for its actor, each idempotent.' });
