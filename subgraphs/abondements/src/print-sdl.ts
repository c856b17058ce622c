// `npm run sdl`: writes the subgraph's SDL next to package.json, to be reviewed in diffs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { schema } from './schema/index.ts';

export const sdlPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema.graphql');
export const printedSdl = () => printSubgraphSchema(schema);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(sdlPath, printedSdl());
  console.log(`wrote ${sdlPath}`);
}
