// Starts the real product once (four subgraphs + gateway as processes, SQLite files in a
// temporary folder, demo data loaded by the same seeds as `npm start`) for every e2e file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startStack, type RunningStack } from '../../scripts/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    dataDir: string;
  }
}

let stack: RunningStack | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-e2e-'));
  stack = await startStack({ dataDir, ports: 'random', output: 'quiet', env: { CATALOG_TODAY: '2026-11-25', TODAY: '2026-11-25' } });
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('subgraphUrls', stack.subgraphUrls);
  project.provide('dataDir', dataDir);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
