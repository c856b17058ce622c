// The webhook deliverer: pushes each pending event to its webhook, signed, one dossier's events in
// order (the next waits for a 2xx to the previous), each attempt bounded by a timeout, failures
// retried with exponential backoff and jitter, for ever (at least once). It re-reads the pending
// deliveries from the database, so a restart resumes where the last process stopped.
import http from 'node:http';
import https from 'node:https';
import type { Clock } from '@formations/schema/clock';
import type { Viewer } from '@formations/schema/auth';
import type { DossiersDatabase } from '../db/client.ts';
import { accessGrant, type PeerUrls } from '../peers.ts';
import { addressProblem, guardedLookup, INNER_ADDRESS } from './address.ts';
import { DELIVERY_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signing.ts';
import { dueDeliveries, recordAttempt, type AttemptOutcome, type DueDelivery } from './store.ts';

export interface DelivererOptions {
  intervalMs?: number;
  /** Per attempt. */
  timeoutMs?: number;
  /** First retry after about this, doubling, at most `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

export const optionsFromEnv = (env: NodeJS.ProcessEnv = process.env): DelivererOptions => ({
  intervalMs: Number(env.WEBHOOK_INTERVAL_MS ?? 250),
  timeoutMs: Number(env.WEBHOOK_TIMEOUT_MS ?? 5000),
  backoffMs: Number(env.WEBHOOK_BACKOFF_MS ?? 1000),
  maxBackoffMs: Number(env.WEBHOOK_MAX_BACKOFF_MS ?? 3_600_000),
});

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries of many dossiers spread out. */
export function webhookBackoffMs(attempts: number, base: number, max: number, random: () => number = Math.random): number {
  const delay = Math.min(max, base * 2 ** Math.min(attempts, 30));
  return Math.round(delay / 2 + random() * (delay / 2));
}

// The sockets of the deliveries resolve their host with guardedLookup: they connect only to the
// addresses it checked (no second resolution a re-pointed name could answer differently). Kept
// alive between attempts, as fetch did: a reused socket is one the guarded lookup opened.
const agentOptions = { lookup: guardedLookup(), keepAlive: true };
const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

/** POSTs `body` to `url` through the guarded agents; redirects are not followed. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  const send = url.protocol === 'https:' ? https.request : http.request;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume(); // the answer's body is not read
      resolve(res.statusCode ?? 0);
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`timeout after ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
    req.on('error', reject);
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}

/** One HTTP attempt: 2xx acknowledges; anything else, a timeout or a network error is retried. */
export async function attempt(due: DueDelivery, nowMs: number, timeoutMs: number): Promise<{ statusCode: number | null; error: string | null }> {
  // The host may have been re-pointed since registration: checked again before each attempt (a
  // readable refusal; the connection itself is guarded by the agents' lookup).
  const url = new URL(due.webhook.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { statusCode: null, error: `not sent: ${url.protocol} is not http(s)` };
  const problem = await addressProblem(url);
  if (problem) return { statusCode: null, error: `not sent: ${problem}` };
  const body = JSON.stringify(due.event);
  const timestamp = Math.floor(nowMs / 1000);
  try {
    const status = await post(
      url,
      {
        'content-type': 'application/json',
        'user-agent': 'formations-webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(due.webhook.secret, timestamp, body),
        [EVENT_ID_HEADER]: due.event.id,
        [DELIVERY_HEADER]: String(due.delivery.attempts + 1),
      },
      body,
      timeoutMs,
    );
    return status >= 200 && status < 300 ? { statusCode: status, error: null } : { statusCode: status, error: `HTTP ${status}` };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.name === 'TimeoutError') return { statusCode: null, error: e.message };
    return { statusCode: null, error: e.code === INNER_ADDRESS ? `not sent: ${e.message}` : (e.code ?? e.message) };
  }
}

export interface Deliverer {
  kick: () => void;
  drain: () => Promise<void>;
  stop: () => void;
}

export function startDeliverer(db: DossiersDatabase, clock: Clock, peers: PeerUrls, options: DelivererOptions = optionsFromEnv()): Deliverer {
  const { intervalMs = 250, timeoutMs = 5000, backoffMs = 1000, maxBackoffMs = 3_600_000, random = Math.random } = options;
  // A prescriber's consent is asked of passport at most once per person every 5 s (it may be withdrawn);
  // a failed question is not remembered.
  const consentCache = new Map<string, { at: number; known: Promise<boolean> }>();
  const consent = async (due: DueDelivery): Promise<boolean> => {
    if (due.webhook.ownerRole !== 'prescriber') return true;
    const k = `${due.webhook.ownerSub}|${due.personId}`;
    const cached = consentCache.get(k);
    if (cached && performance.now() - cached.at < 5000) return cached.known;
    const viewer: Viewer = { sub: due.webhook.ownerSub, role: 'prescriber' };
    const known = accessGrant(peers, viewer, due.personId).then((grant) => grant !== null);
    consentCache.set(k, { at: performance.now(), known });
    known.catch(() => consentCache.delete(k));
    return known;
  };
  /** One attempt; true when the delivery is over (acknowledged or withheld), false when it waits for a retry. */
  const one = async (due: DueDelivery): Promise<boolean> => {
    const started = performance.now();
    let outcome: AttemptOutcome;
    try {
      if (!(await consent(due))) {
        recordAttempt(
          db,
          due.delivery.id,
          { outcome: 'withheld', error: 'the person has not consented (scope funding): event withheld' },
          performance.now() - started,
          clock.now(),
        );
        return true;
      }
    } catch (error) {
      const next = clock.now().getTime() + webhookBackoffMs(due.delivery.attempts, backoffMs, maxBackoffMs, random);
      recordAttempt(
        db,
        due.delivery.id,
        { outcome: 'retry', statusCode: null, error: `consent unknown: ${(error as Error).message}`, nextAttemptAt: next },
        performance.now() - started,
        clock.now(),
      );
      return false;
    }
    // The signature's timestamp is the machine's time (what receivers compare with), not the business clock.
    const result = await attempt(due, Date.now(), timeoutMs);
    const duration = performance.now() - started;
    if (result.error === null) outcome = { outcome: 'done', statusCode: result.statusCode! };
    else
      outcome = {
        outcome: 'retry',
        statusCode: result.statusCode,
        error: result.error,
        nextAttemptAt: clock.now().getTime() + webhookBackoffMs(due.delivery.attempts, backoffMs, maxBackoffMs, random),
      };
    recordAttempt(db, due.delivery.id, outcome, duration, clock.now());
    return outcome.outcome === 'done';
  };
  // Each (webhook, dossier) is a chain of its own: its next event goes as soon as the previous one is
  // acknowledged, and a slow or failing receiver holds up only its own chains, not other integrators'.
  const inFlight = new Map<string, Promise<void>>();
  let scanning = false;
  const chain = async (first: DueDelivery) => {
    let due: DueDelivery | undefined = first;
    while (due) {
      const over = await one(due);
      due = over ? dueDeliveries(db, clock.now().getTime(), 1, { webhookId: due.webhook.id, dossierId: due.delivery.dossierId })[0] : undefined;
    }
  };
  const kick = () => {
    if (scanning) return;
    scanning = true;
    try {
      for (const due of dueDeliveries(db, clock.now().getTime(), 200)) {
        const k = `${due.webhook.id}|${due.delivery.dossierId}`;
        if (inFlight.has(k)) continue;
        const task = chain(due)
          .catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'webhook deliverer failed', error: (error as Error).message })))
          .finally(() => {
            inFlight.delete(k);
            queueMicrotask(kick);
          });
        inFlight.set(k, task);
      }
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'webhook deliverer failed', error: (error as Error).message }));
    } finally {
      scanning = false;
    }
  };
  const timer = setInterval(kick, intervalMs);
  timer.unref();
  kick();
  return {
    kick,
    drain: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight.values()]);
    },
    stop: () => clearInterval(timer),
  };
}
