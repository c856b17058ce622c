// What `npm start` and `npm run start:scaled` share: the demo token, the console build, the
// banner with the URLs, and Ctrl-C (or a process dying) stopping everything.
import type { ChildProcess } from 'node:child_process';
import { signCallerToken } from '@formations/schema/auth';
import { ensureConsoleBuilt } from '../console/build.ts';

/** Camille Martin's token (the IDE's), and the console built beside the stack's start when its sources changed. */
export async function prepareStart(): Promise<{ started: number; token: string; consoleBuilt: Promise<unknown> }> {
  const started = Date.now();
  const token = await signCallerToken({ sub: 'camille-martin', role: 'holder' }, '30d');
  const consoleBuilt = ensureConsoleBuilt({ log: (line) => console.log(`[console] ${line}`) });
  return { started, token, consoleBuilt };
}

/** The banner: where the IDE, the console and the endpoint are, and the demo token; `facts` are extra lines. */
export function announce(gatewayUrl: string, started: number, token: string, facts: [string, string][]): void {
  const ide = gatewayUrl.replace('127.0.0.1', 'localhost');
  const lines: [string, string][] = [
    ['GraphQL IDE (served locally):', ide],
    ["Adviser's console:", `${ide.replace('/graphql', '/console/')}  (demo sign-in: pick a role)`],
    ['Endpoint:', `POST ${ide}`],
    ['Gateway health:', ide.replace('/graphql', '/health')],
    ...facts,
  ];
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  console.log(`
  Formations API is up in ${((Date.now() - started) / 1000).toFixed(1)} s.

${lines.map(([label, value]) => `  ${label.padEnd(width)}${value}`).join('\n')}

  Token for Camille Martin (demo job seeker), already set in the IDE:
  ${token}

  Other tokens: npm run token -- --person karim-benali | lucie-moreau
                npm run token -- --sub sophie-adviser --role adviser
  Ctrl-C stops everything.
`);
}

/** Ctrl-C (SIGINT, SIGTERM) stops everything; so does any process of the stack stopping on its own. */
export function stopOnSignals(processes: Map<string, ChildProcess>, stop: () => Promise<void>): void {
  let stopping = false;
  const stopWith = (code: number) => {
    if (stopping) return;
    stopping = true;
    void stop().then(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopWith(0));
  for (const [name, child] of processes) {
    child.once('exit', (code) => {
      if (stopping) return;
      console.error(`${name} stopped unexpectedly (exit ${code}); stopping the stack.`);
      stopWith(1);
    });
  }
}
