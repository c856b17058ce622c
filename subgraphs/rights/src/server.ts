import { serveSubgraph } from '@formations/schema/subgraph';
import { clockFromEnv } from '@formations/schema/clock';
import { openRightsDatabase } from './db/client.ts';
import { loadParameters } from './domain/parameters.ts';
import { schema } from './schema/index.ts';

const params = loadParameters();
const clock = clockFromEnv();
const { db, sqlite } = openRightsDatabase();

await serveSubgraph({
  name: 'rights',
  schema,
  port: Number(process.env.PORT ?? 4003),
  extendContext: (base) => ({ ...base, db, params, today: clock.today }),
  health: () => ({
    ledgerEntries: (sqlite.prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number }).n,
    lawParameters: params.all().length,
  }),
});
