// npm run sdl: writes the subgraph SDL that composition reads (committed).
import fs from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { schema } from './schema/index.ts';

export const sdlPath = new URL('../schema.graphql', import.meta.url);

fs.writeFileSync(sdlPath, printSubgraphSchema(schema));
console.log(`wrote ${sdlPath.pathname}`);
