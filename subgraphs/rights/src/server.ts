import { serveSubgraph } from '@formations/schema/subgraph';
import { systemToday } from './context.ts';
import { openRightsDatabase } from './db/client.ts';
import { loadParameters } from './domain/parameters.ts';
import { schema } from './schema/index.ts';

const params = loadParameters();
const { db, sqlite } = openRightsDatabase();

await serveSubgraph({
  name: 'rights',
  schema,
  port: Number(process.env.PORT ?? 4003),
  extendContext: (base) => ({ ...base, db, params, today: systemToday }),
  health: () => ({
    ledgerEntries: (sqlite.prepare('SELECT count(*) AS n FROM ledger_entries').get() as { n: number }).n,
    lawParameters: params.all().length,
  }),
});
