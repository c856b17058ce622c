// Typed operations from the supergraph: its API schema (what clients see: no join__ machinery,
// no @inaccessible fields) is written to src/gql/schema.graphql, then GraphQL Code Generator's
// client preset types every graphql() document of src/ and writes the persisted operations
// manifest (src/gql/persisted-documents.json: { sha256: query }) the gateway resolves.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';

const consoleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const supergraph = fs.readFileSync(path.join(consoleDir, '../schema/supergraph.graphql'), 'utf8');
const api = printSchema(Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema());
// CODEGEN_OUT: write elsewhere (the test that checks the committed src/gql is up to date).
const out = path.resolve(process.env.CODEGEN_OUT ?? path.join(consoleDir, 'src/gql'));
fs.mkdirSync(out, { recursive: true });
const schemaFile = path.join(out, 'schema.graphql');
if (!fs.existsSync(schemaFile) || fs.readFileSync(schemaFile, 'utf8') !== `${api}\n`) fs.writeFileSync(schemaFile, `${api}\n`);

await generate(
  {
    schema: schemaFile,
    documents: [path.join(consoleDir, 'src/**/*.{ts,tsx}'), `!${path.join(consoleDir, 'src/gql')}/**`],
    silent: true,
    generates: {
      [`${out}/`]: {
        preset: 'client',
        presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: (text: string) => createHash('sha256').update(text).digest('hex') } },
        config: {
          scalars: { Cents: 'number', Date: 'string', DateTime: 'string' },
          enumsAsTypes: true,
          useTypeImports: true,
          skipTypename: true,
        },
      },
    },
  },
  true,
);
