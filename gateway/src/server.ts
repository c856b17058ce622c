import { startGateway } from './app.ts';
import { configFromEnv } from './config.ts';

await startGateway(configFromEnv());
