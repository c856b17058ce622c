// `npm run sdl`: writes this subgraph's schema to schema.graphql (committed, reviewed in diffs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { schema } from './schema/index.ts';

export const sdlPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema.graphql');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(sdlPath, printSubgraphSchema(schema));
  console.log(`wrote ${sdlPath}`);
}
