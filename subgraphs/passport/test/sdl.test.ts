import fs from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { describe, expect, it } from 'vitest';
import { sdlPath } from '../src/print-sdl.ts';
import { schema } from '../src/schema/index.ts';

describe('schema.graphql', () => {
  it('is the committed print of the schema (run `npm run sdl` after a change)', () => {
    expect(fs.readFileSync(sdlPath, 'utf8')).toBe(printSubgraphSchema(schema));
  });
});
