// Starts the real product once (every subgraph + gateway as processes, SQLite files in a
// temporary folder, demo data loaded by the same seeds as `npm start`) for every e2e file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startStack, type RunningStack } from '../../scripts/stack.ts';
import { startOtlpReceiver } from './otlp-receiver.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    dataDir: string;
    otlpUrl: string;
    /** The stack's clock settings: clockFromEnv(inject('clockEnv')) tells the stack's time. */
    clockEnv: Record<string, string>;
  }
}

let stack: RunningStack | undefined;
let dataDir: string | undefined;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>> | undefined;

export async function setup(project: TestProject): Promise<void> {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-e2e-'));
  receiver = await startOtlpReceiver();
  stack = await startStack({
    dataDir,
    ports: 'random',
    output: 'quiet',
    env: { CLOCK_NOW: '2026-11-25', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
  });
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('subgraphUrls', stack.subgraphUrls);
  project.provide('dataDir', dataDir);
  project.provide('otlpUrl', receiver.url);
  project.provide('clockEnv', stack.clockEnv);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  await receiver?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
