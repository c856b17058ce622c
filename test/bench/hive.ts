// Hive Gateway (@graphql-hive/gateway, an independent implementation of Federation 2) on a copy of
// our supergraph pointing at running subgraphs, with the same identity work as ours
// (hive.config.ts). Used by bench:gateway and by the e2e test that compares its answers to ours.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exited, freePort, repoRoot } from '../../scripts/stack.ts';

export interface RunningHive {
  url: string;
  pid: number | undefined;
  stop: () => Promise<void>;
}

export async function startHiveGateway(
  subgraphUrls: Record<string, string>,
  workDir: string,
  supergraphSdl = fs.readFileSync(path.join(repoRoot, 'schema', 'supergraph.graphql'), 'utf8'),
): Promise<RunningHive> {
  let supergraph = supergraphSdl;
  for (const [name, url] of Object.entries(subgraphUrls)) {
    supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+`), `$1${url}`);
  }
  const supergraphFile = path.join(workDir, 'hive-supergraph.graphql');
  fs.writeFileSync(supergraphFile, supergraph);
  const port = await freePort();
  const hive = spawn(
    path.join(repoRoot, 'node_modules', '.bin', 'hive-gateway'),
    ['supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1', '-c', path.join(repoRoot, 'test', 'bench', 'hive.config.ts')],
    { cwd: path.join(repoRoot, 'test'), stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  const stop = async () => {
    if (hive.exitCode === null && hive.signalCode === null) {
      hive.kill('SIGTERM');
      await exited(hive);
    }
  };
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthcheck`)).ok) break;
    } catch {
      if (i > 300 || hive.exitCode !== null) {
        await stop();
        throw new Error('Hive Gateway did not start');
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}/graphql`, pid: hive.pid, stop };
}
