import { subgraphBuilder } from '@formations/schema/builder';
import type { AbondementsContext } from '../context.ts';

export const builder = subgraphBuilder<AbondementsContext>();

builder.queryType({ description: "Co-funding (abondements) of CPF trainings: funding plans, dotations, and the funders' own conventions." });
builder.mutationType({ description: 'Funders manage their conventions and rules; dossiers reserve and release envelope money.' });
