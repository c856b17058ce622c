import { subgraphBuilder } from '@formations/schema/builder';
import type { PassportContext } from '../context.ts';

export const builder = subgraphBuilder<PassportContext>();
