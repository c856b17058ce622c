// `npm start`: demo data on first run, the subgraphs and the gateway, then the IDE URL.
import path from 'node:path';
import { signCallerToken } from '@formations/schema/auth';
import { repoRoot, startStack } from './stack.ts';
import { ensureConsoleBuilt } from '../console/build.ts';

const started = Date.now();
const token = await signCallerToken({ sub: 'camille-martin', role: 'holder' }, '30d');
// The console (console/dist) builds beside the stack's start, only when its sources changed.
const consoleBuilt = ensureConsoleBuilt({ log: (line) => console.log(`[console] ${line}`) });
const stack = await startStack({
  dataDir: process.env.DATA_DIR ?? path.join(repoRoot, 'data'),
  output: 'inherit',
  ideToken: token,
});
await consoleBuilt;
const ide = stack.gatewayUrl.replace('127.0.0.1', 'localhost');
console.log(`
  Formations API is up in ${((Date.now() - started) / 1000).toFixed(1)} s.

  GraphQL IDE (served locally):  ${ide}
  Adviser's console:             ${ide.replace('/graphql', '/console/')}  (demo sign-in: pick a role)
  Endpoint:                      POST ${ide}
  Gateway health:                ${ide.replace('/graphql', '/health')}
  Catalogue served:              ${path.resolve(process.env.DATA_DIR ?? path.join(repoRoot, 'data'), 'catalog.sqlite')}

  Token for Camille Martin (demo job seeker), already set in the IDE:
  ${token}

  Other tokens: npm run token -- --person karim-benali | lucie-moreau
                npm run token -- --sub sophie-adviser --role adviser
  Ctrl-C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().then(() => process.exit(0));
  });
}
for (const [name, child] of stack.processes) {
  child.once('exit', (code) => {
    if (stopping) return;
    console.error(`${name} stopped unexpectedly (exit ${code}); stopping the stack.`);
    stopping = true;
    void stack.stop().then(() => process.exit(1));
  });
}
