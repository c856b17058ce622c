// A fresh composition from the subgraphs' code (not from files that could be stale).
import fs from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { SUBGRAPHS, composeSupergraph, repoRoot, supergraphPath, type SubgraphName } from './compose.ts';

export async function printedSubgraphSdl(): Promise<Record<SubgraphName, string>> {
  const entries = await Promise.all(
    SUBGRAPHS.map(async ({ name }) => {
      const module = (await import(path.join(repoRoot, 'subgraphs', name, 'src', 'schema', 'index.ts'))) as { schema: GraphQLSchema };
      return [name, printSubgraphSchema(module.schema)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, string>;
}

export async function freshSupergraph(): Promise<string> {
  const sdl = await printedSubgraphSdl();
  return composeSupergraph((name) => sdl[name]);
}

export function committedSupergraph(): string {
  return fs.existsSync(supergraphPath) ? fs.readFileSync(supergraphPath, 'utf8') : '';
}
