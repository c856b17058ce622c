// `npm start`: demo data on first run, the subgraphs and the gateway, then the IDE URL.
import path from 'node:path';
import { repoRoot, startStack } from './stack.ts';
import { announce, prepareStart, stopOnSignals } from './start-shared.ts';

const { started, token, consoleBuilt } = await prepareStart();
const dataDir = process.env.DATA_DIR ?? path.join(repoRoot, 'data');
const stack = await startStack({ dataDir, output: 'inherit', ideToken: token });
await consoleBuilt;
announce(stack.gatewayUrl, started, token, [['Catalogue served:', path.resolve(dataDir, 'catalog.sqlite')]]);
stopOnSignals(stack.processes, stack.stop);
