import { serveSubgraph } from '@formations/schema/subgraph';
import { clockFromEnv } from '@formations/schema/clock';
import { openRightsStore } from './db/client.ts';
import { loadParameters } from './domain/parameters.ts';
import { schema } from './schema/index.ts';

const params = loadParameters();
const clock = clockFromEnv();
const store = await openRightsStore();

await serveSubgraph({
  name: 'rights',
  schema,
  port: Number(process.env.PORT ?? 4003),
  extendContext: (base) => ({ ...base, store, params, today: clock.today }),
  health: async () => ({
    ...(await store.health()),
    lawParameters: params.all().length,
  }),
});
