// Composes the supergraph from the subgraphs' SDL with @apollo/composition.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export const SUBGRAPHS = [
  { name: 'passport', port: 4001 },
  { name: 'catalog', port: 4002 },
  { name: 'rights', port: 4003 },
  { name: 'abondements', port: 4004 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

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
