import { describe, expect, it } from 'vitest';
import { committedSupergraph, freshSupergraph } from '@formations/schema/fresh';

describe('committed supergraph', () => {
  it('equals a fresh composition of the subgraphs (run `npm run compose` after a schema change)', async () => {
    expect(committedSupergraph()).toBe(await freshSupergraph());
  });
});
