import { clockFromEnv } from '@formations/schema/clock';
import { serveSubgraph } from '@formations/schema/subgraph';
import { openDossiersDatabase } from './db/client.ts';
import { peerUrlsFromEnv } from './peers.ts';
import { startRelay } from './relay.ts';
import { schema } from './schema/index.ts';
import { startSweep } from './sweep.ts';
import { startDeliverer } from './webhooks/deliverer.ts';

const clock = clockFromEnv();
const peers = peerUrlsFromEnv();
const { db, sqlite } = openDossiersDatabase();
const relay = startRelay(db, clock, peers);
const deliverer = startDeliverer(db, clock, peers);
startSweep(db, clock, () => {
  relay.kick();
  deliverer.kick();
});

await serveSubgraph({
  name: 'dossiers',
  schema,
  port: Number(process.env.PORT ?? 4005),
  extendContext: (base) => ({ ...base, db, clock, peers, kickRelay: relay.kick, kickWebhooks: deliverer.kick }),
  health: () => ({
    dossiers: (sqlite.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n,
    outboxPending: (sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n,
    webhookDeliveriesPending: (sqlite.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'").get() as { n: number }).n,
  }),
});
