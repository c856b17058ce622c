// `npm run compose`: writes schema/supergraph.graphql (and each subgraph's schema.graphql).
// `npm run compose -- --check`: fails when the committed supergraph differs from a fresh composition.
import fs from 'node:fs';
import { CompositionError, subgraphSdlPath, supergraphPath } from './compose.ts';
import { committedSupergraph, freshSupergraph, printedSubgraphSdl } from './fresh.ts';

const check = process.argv.includes('--check');
try {
  const supergraph = await freshSupergraph();
  if (check) {
    if (supergraph !== committedSupergraph()) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
      process.exit(1);
    }
    console.log('supergraph up to date');
  } else {
    for (const [name, sdl] of Object.entries(await printedSubgraphSdl())) fs.writeFileSync(subgraphSdlPath(name), sdl);
    fs.writeFileSync(supergraphPath, supergraph);
    console.log(`wrote ${supergraphPath}`);
  }
} catch (error) {
  if (error instanceof CompositionError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
