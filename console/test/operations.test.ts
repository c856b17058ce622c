// The console's operations against the supergraph of today: each one validates against the API
// schema (a subgraph change that breaks a screen fails here, with the field), and the committed
// generated code (src/gql) and persisted operations manifest are those of src/operations.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Supergraph, printSchema } from '@apollo/federation-internals';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { consoleDir } from '../build.ts';

const manifest = JSON.parse(fs.readFileSync(path.join(consoleDir, 'src/gql/persisted-documents.json'), 'utf8')) as Record<string, string>;

describe('the console’s persisted operations', () => {
  it('all validate against the API schema of schema/supergraph.graphql', () => {
    const api = buildSchema(printSchema(Supergraph.build(fs.readFileSync(path.join(consoleDir, '../schema/supergraph.graphql'), 'utf8')).apiSchema()));
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(8);
    for (const [hash, text] of Object.entries(manifest)) {
      const errors = validate(api, parse(text)).map((e) => e.message);
      expect(errors, `${text.slice(0, 60)}… (${hash}); after a schema change run: npm run codegen -w @formations/console`).toEqual([]);
    }
  });

  it('are the ones of src/operations.ts (npm run codegen -w @formations/console is up to date)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'console-codegen-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/codegen.ts'], {
        cwd: consoleDir,
        env: { ...process.env, CODEGEN_OUT: out },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const fresh = JSON.parse(fs.readFileSync(path.join(out, 'persisted-documents.json'), 'utf8')) as Record<string, string>;
      expect(Object.keys(fresh).sort(), 'run: npm run codegen -w @formations/console').toEqual(Object.keys(manifest).sort());
      expect(fs.readFileSync(path.join(out, 'gql.ts'), 'utf8')).toBe(fs.readFileSync(path.join(consoleDir, 'src/gql/gql.ts'), 'utf8'));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
