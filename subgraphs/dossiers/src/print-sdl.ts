// Writes the subgraph's SDL to schema.graphql, committed so every change shows in review.
import fs from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { schema } from './schema/index.ts';

const file = new URL('../schema.graphql', import.meta.url);
fs.writeFileSync(file, printSubgraphSchema(schema));
console.log(`wrote ${file.pathname}`);
