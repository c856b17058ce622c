// The queries the README shows and the benchmarks run: one list, read by `bench:gateway` and by
// the query-plan test that holds each to the stage count docs/federation-contract.md states.
import fs from 'node:fs';
import path from 'node:path';
import { FLAGSHIP_QUERY } from '../../gateway/src/ide.ts';
import { repoRoot } from '../../scripts/stack.ts';

export interface BenchQuery {
  /** How the contract and the bench tables name it. */
  name: string;
  query: string;
  /** Variables; `$sessionId` is filled by the bench with a session of the running catalogue. */
  variables: Record<string, unknown>;
  /** Sent with Camille's token, or anonymously. */
  asHolder: boolean;
}

/** The GraphQL blocks of the README, by operation name (the README is their only copy). */
export function readmeOperations(file = path.join(repoRoot, 'README.md')): Map<string, string> {
  const blocks = [...fs.readFileSync(file, 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return new Map(
    blocks.flatMap((block) => {
      const name = /^\s*(?:query|mutation)\s+(\w+)/m.exec(block)?.[1];
      return name ? [[name, block] as const] : [];
    }),
  );
}

export function benchQueries(): BenchQuery[] {
  const readme = readmeOperations();
  const flagship = readme.get('Flagship');
  if (!flagship) throw new Error('README.md has no ```graphql block with `query Flagship`');
  return [
    { name: 'flagship, README (fundableTrainings)', query: flagship, variables: { personId: 'camille-martin' }, asHolder: true },
    { name: 'flagship, IDE (recommendedTrainings + fundingPlan)', query: FLAGSHIP_QUERY, variables: { personId: 'camille-martin' }, asHolder: true },
    {
      name: 'person + CPF account',
      query: `query ($id: ID!) { person(id: $id) { givenName status competences { code label } cpfAccount { balance ceiling } } }`,
      variables: { id: 'camille-martin' },
      asHolder: true,
    },
    {
      name: 'catalogue search',
      query: `query ($q: String!) { searchTrainings(query: $q) { total hits { session { id startDate price training { title } } } } }`,
      variables: { q: 'developpeur' },
      asHolder: false,
    },
    { name: 'one session by id', query: `query ($id: ID!) { session(id: $id) { id startDate price } }`, variables: { id: '$sessionId' }, asHolder: false },
  ];
}
