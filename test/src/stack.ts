// Stacks a test file starts for itself, beside the run's shared one (global-setup.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type RunningStack, type StackOptions } from '../../scripts/stack.ts';

export type OwnStack = RunningStack & { dataDir: string };

/**
 * A stack of the test file's own on fresh demo data: a temporary folder (`formations-<name>-…`,
 * deleted by stop), free ports, quiet output.
 */
export async function startOwnStack(name: string, options: Omit<StackOptions, 'dataDir' | 'ports' | 'output'> = {}): Promise<OwnStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `formations-${name}-`));
  const remove = () => fs.rmSync(dataDir, { recursive: true, force: true });
  try {
    const stack = await startStack({ ...options, dataDir, ports: 'random', output: 'quiet' });
    return { ...stack, dataDir, stop: () => stack.stop().finally(remove) };
  } catch (error) {
    remove();
    throw error;
  }
}

/** How many requests a subgraph process has served (its /health's `served`), from its GraphQL URL. */
export const served = async (url: string): Promise<number> => ((await (await fetch(new URL('/health', url))).json()) as { served: number }).served;
