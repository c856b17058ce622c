import { clockFromEnv } from '@formations/schema/clock';
import { serveSubgraph } from '@formations/schema/subgraph';
import { openPassportStore } from './db/client.ts';
import { schema } from './schema/index.ts';

const store = await openPassportStore();
const clock = clockFromEnv();
await serveSubgraph({
  name: 'passport',
  schema,
  port: Number(process.env.PORT ?? 4001),
  extendContext: (base) => ({ ...base, store, now: clock.now }),
  health: () => store.health(),
});
