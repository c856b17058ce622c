// The real product for the console's browser tests and benchmark: the console built if stale,
// then every subgraph and the gateway as processes (scripts/stack.ts, as `npm start` runs them),
// demo data in a temporary folder, the clock pinned like the e2e tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type RunningStack } from '../../scripts/stack.ts';
import { ensureConsoleBuilt } from '../build.ts';

export interface ConsoleStack {
  origin: string;
  stack: RunningStack;
  stop: () => Promise<void>;
}

/** `dataDir`: a data folder to use and keep (e.g. a catalogue imported beforehand); a temporary one otherwise. */
export async function startConsoleStack(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<ConsoleStack> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'formations-console-'));
  const [, stack] = await Promise.all([
    ensureConsoleBuilt(),
    startStack({ dataDir, ports: 'random', output: 'quiet', env: { CLOCK_NOW: '2026-11-25', LOG_LEVEL: 'warn', ...env } }),
  ]);
  return {
    origin: new URL(stack.gatewayUrl).origin,
    stack,
    stop: async () => {
      await stack.stop();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const running = await startConsoleStack();
  console.log(`${running.origin}/console/`);
  process.on('SIGINT', () => void running.stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
}
