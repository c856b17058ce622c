// The worker thread's entry: TypeScript is loaded by tsx in the main thread only, so the worker
// registers it before loading its code.
import { register } from 'tsx/esm/api';

register();
await import('./background-worker.ts');
