import { sql } from 'drizzle-orm';
import { serveSubgraph } from '@formations/schema/subgraph';
import { clockFromEnv } from '@formations/schema/clock';
import { openAbondementsDatabase } from './db/client.ts';
import { schema } from './schema/index.ts';

const { db } = openAbondementsDatabase();
const clock = clockFromEnv();

await serveSubgraph({
  name: 'abondements',
  schema,
  port: Number(process.env.PORT ?? 4004),
  extendContext: (base) => ({ ...base, db, clock }),
  health: () => ({ rules: db.get<{ n: number }>(sql`select count(*) as n from rules`).n }),
});
