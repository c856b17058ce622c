// The outbox relay and the webhook deliverer run in a worker thread of their own. They need little
// CPU, but each of their steps awaits an answer; on the main thread, under load, every await waited
// behind the queue of incoming requests, and the outbox lag grew with the load (p95 400 ms at 50
// clients). In a thread of their own the OS schedules them as soon as an answer arrives. They share
// the database file with the main thread (WAL, busy timeout), not memory: the main thread tells them
// by message that a transition committed something.
import { Worker } from 'node:worker_threads';

export interface Background {
  /** A transition committed outbox commands (of this dossier when given). */
  kickRelay: (dossierId?: string) => void;
  /** A transition queued webhook deliveries (or a webhook asked for a replay). */
  kickWebhooks: () => void;
  stop: () => Promise<void>;
}

export type BackgroundMessage = { kind: 'relay'; dossierId?: string } | { kind: 'webhooks' };

/** `env` is the worker's environment: the main thread's, with its clock pinned (`pinClock`), so both read the same time. */
export function startBackground(env: NodeJS.ProcessEnv): Background {
  let worker: Worker;
  let stopping = false;
  const start = () => {
    worker = new Worker(new URL('./background-worker.mjs', import.meta.url), { env });
    worker.on('error', (error) => console.error(JSON.stringify({ level: 'error', msg: 'outbox worker failed', error: error.message })));
    worker.on('exit', (code) => {
      if (stopping) return;
      // Nothing is lost: the outbox and the deliveries are rows; a new worker reads them again.
      console.error(JSON.stringify({ level: 'error', msg: 'outbox worker exited, restarting', code }));
      setTimeout(start, 500).unref();
    });
  };
  start();
  const send = (message: BackgroundMessage) => worker.postMessage(message);
  return {
    kickRelay: (dossierId) => send({ kind: 'relay', ...(dossierId ? { dossierId } : {}) }),
    kickWebhooks: () => send({ kind: 'webhooks' }),
    stop: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}
