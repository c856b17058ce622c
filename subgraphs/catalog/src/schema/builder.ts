import { subgraphBuilder } from '@formations/schema/builder';
import type { CatalogContext } from '../context.ts';

export const builder = subgraphBuilder<CatalogContext>();

builder.queryType({ description: 'The training catalogue (LHEO offers and RNCP / RS certifications). Public: no person data.' });
