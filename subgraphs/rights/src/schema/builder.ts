import { subgraphBuilder } from '@formations/schema/builder';
import type { RightsContext } from '../context.ts';

export const builder = subgraphBuilder<RightsContext>();

builder.queryType({ description: 'Reading CPF rights and the law parameters they are computed with.' });
builder.mutationType({ description: 'Changes to CPF accounts, reserved to operators of the Caisse des Dépôts.' });
