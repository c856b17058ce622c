// Inside the worker thread (background.ts): the outbox relay and the webhook deliverer on a
// connection of their own, woken by the main thread's messages and by their own timers.
import { parentPort } from 'node:worker_threads';
import { clockFromEnv } from '@formations/schema/clock';
import type { BackgroundMessage } from './background.ts';
import { openDossiersDatabase } from './db/client.ts';
import { peerUrlsFromEnv } from './peers.ts';
import { startRelay } from './relay.ts';
import { startDeliverer } from './webhooks/deliverer.ts';

const clock = clockFromEnv();
const peers = peerUrlsFromEnv();
const { db } = openDossiersDatabase();
const relay = startRelay(db, clock, peers);
const deliverer = startDeliverer(db, clock, peers);

parentPort!.on('message', (message: BackgroundMessage) => {
  if (message.kind === 'relay') relay.kick(message.dossierId);
  else deliverer.kick();
});
