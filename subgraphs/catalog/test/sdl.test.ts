import fs from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';

describe('committed SDL', () => {
  it('equals the printed schema (run `npm run sdl` after a schema change)', () => {
    expect(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).toBe(printSubgraphSchema(schema));
  });
});
