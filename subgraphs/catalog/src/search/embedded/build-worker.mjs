// Entry of the index-building worker thread: the TypeScript loader first (the worker does not
// always inherit the parent's), then the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./build-worker.ts');
