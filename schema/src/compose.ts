// Composes the supergraph from the subgraphs' SDL with @apollo/composition.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, type SubgraphName } from './subgraphs.ts';

export { SUBGRAPHS, subgraphUrl, subgraphUrlVariable, type SubgraphName } from './subgraphs.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const supergraphPath = path.join(repoRoot, 'schema', 'supergraph.graphql');
export const subgraphSdlPath = (name: string) => path.join(repoRoot, 'subgraphs', name, 'schema.graphql');

export class CompositionError extends Error {}

/** Composes from the SDL files each subgraph writes (`npm run sdl` in the subgraph). */
export function composeSupergraph(sdlOf: (name: SubgraphName) => string = (name) => fs.readFileSync(subgraphSdlPath(name), 'utf8')): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: parse(sdlOf(name)),
    })),
  );
  if (result.errors) {
    throw new CompositionError(`supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
