import { serveSubgraph } from '@formations/schema/subgraph';
import { catalogHealth } from './db/queries.ts';
import { openCatalog } from './db/client.ts';
import { today } from './domain/clock.ts';
import { schema } from './schema/index.ts';

today(); // fails fast on a bad CATALOG_TODAY
const db = openCatalog();
await serveSubgraph({
  name: 'catalog',
  schema,
  port: Number(process.env.PORT ?? 4002),
  extendContext: (base) => ({ ...base, db, today: today() }),
  health: () => ({ ...catalogHealth(db.sqlite), today: today() }),
});
