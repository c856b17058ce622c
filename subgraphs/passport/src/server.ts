import { count } from 'drizzle-orm';
import { clockFromEnv } from '@formations/schema/clock';
import { serveSubgraph } from '@formations/schema/subgraph';
import { openPassportDatabase } from './db/client.ts';
import { persons, romeJobs } from './db/schema.ts';
import { schema } from './schema/index.ts';

const { db } = openPassportDatabase();
const clock = clockFromEnv();
await serveSubgraph({
  name: 'passport',
  schema,
  port: Number(process.env.PORT ?? 4001),
  extendContext: (base) => ({ ...base, db, now: clock.now }),
  health: () => ({
    persons: db.select({ n: count() }).from(persons).get()?.n ?? 0,
    romeJobs: db.select({ n: count() }).from(romeJobs).get()?.n ?? 0,
  }),
});
