// Every query of the README and of the benchmarks, planned by Apollo's own query planner on the
// committed supergraph, within the fetches and sequential stages the federation contract states.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan } from '@apollo/query-planner';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/stack.ts';
import { describeStages, fetchCounts, planStages, type Stage } from '../bench/floor.ts';
import { benchQueries } from '../bench/queries.ts';

/** The contract's table: query name → its limits. */
function contractLimits(): Map<string, { fetches: number; stages: number }> {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs', 'federation-contract.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Query plans'));
  const rows = [...section.matchAll(/^\| ([^|]+?) \| (\d+) \| (\d+) \|$/gm)];
  return new Map(rows.map((m) => [m[1]!, { fetches: Number(m[2]), stages: Number(m[3]) }]));
}

const depth = (s: Stage): number =>
  s.kind === 'Fetch' ? 1 : s.kind === 'Sequence' ? s.nodes.reduce((sum, n) => sum + depth(n), 0) : Math.max(...s.nodes.map(depth));

const supergraphSdl = fs.readFileSync(path.join(repoRoot, 'schema', 'supergraph.graphql'), 'utf8');
const limits = contractLimits();

describe('query plans within the federation contract', () => {
  it.each(benchQueries().map((q) => [q.name, q.query] as const))('%s', (name, query) => {
    const limit = limits.get(name);
    expect(limit, `docs/federation-contract.md § Query plans has no row for "${name}"`).toBeDefined();
    const stages = planStages(supergraphSdl, query);
    const fetches = [...fetchCounts(stages).values()].reduce((a, b) => a + b, 0);
    if (fetches > limit!.fetches || depth(stages) > limit!.stages) {
      const supergraph = Supergraph.build(supergraphSdl);
      const plan = prettyFormatQueryPlan(new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))));
      expect.fail(`"${name}" is planned as ${describeStages(stages)}; the contract allows ${limit!.fetches} fetches in ${limit!.stages} stages.\n${plan}`);
    }
  });
});
