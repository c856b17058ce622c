import { serveSubgraph } from '@formations/schema/subgraph';
import { clockFromEnv } from '@formations/schema/clock';
import { openAbondementsStore } from './db/client.ts';
import { schema } from './schema/index.ts';

const store = await openAbondementsStore();
const clock = clockFromEnv();

await serveSubgraph({
  name: 'abondements',
  schema,
  port: Number(process.env.PORT ?? 4004),
  extendContext: (base) => ({ ...base, store, clock }),
  health: () => store.health(),
});
