import { clockFromEnv, pinClock } from '@formations/schema/clock';
import { serveSubgraph } from '@formations/schema/subgraph';
import { startBackground } from './background.ts';
import { openDossiersDatabase } from './db/client.ts';
import { peerUrlsFromEnv } from './peers.ts';
import { schema } from './schema/index.ts';
import { startSweep } from './sweep.ts';

// The worker thread reads the same pinned clock (a CLOCK_NOW without its setting time would start later there).
const env = pinClock(process.env);
const clock = clockFromEnv(env);
const peers = peerUrlsFromEnv();
const { db, sqlite } = openDossiersDatabase();
const background = startBackground(env);
startSweep(db, clock, () => {
  background.kickRelay();
  background.kickWebhooks();
});

await serveSubgraph({
  name: 'dossiers',
  schema,
  port: Number(process.env.PORT ?? 4005),
  extendContext: (base) => ({ ...base, db, clock, peers, kickRelay: background.kickRelay, kickWebhooks: background.kickWebhooks }),
  health: () => ({
    dossiers: (sqlite.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n,
    outboxPending: (sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n,
    webhookDeliveriesPending: (sqlite.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'").get() as { n: number }).n,
  }),
});
