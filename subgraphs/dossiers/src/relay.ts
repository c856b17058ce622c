// The outbox relay: delivers each dossier's money commands to rights and abondements, in order,
// as an operator (viewer token signed with the internal secret), with the step's idempotency key,
// retrying with backoff until the subgraph answers. It re-reads the outbox from the database, so
// whatever was committed before a crash or restart is delivered after it.
import type { Clock } from '@formations/schema/clock';
import type { Viewer } from '@formations/schema/auth';
import type { DossiersDatabase } from './db/client.ts';
import { reviewFacts, type ReviewFacts } from './db/funder-review.ts';
import { dueDossiers, dueOutboxRows, recordDelivery, type Delivery, type DossierRow, type OutboxRow, type PartRow } from './db/store.ts';
import { isReviewAction, reviewKey } from './domain/funder-review.ts';
import { ask, type GraphQLAnswer, type PeerUrls } from './peers.ts';

type DueRow = OutboxRow & { part: PartRow; dossier: DossierRow };

export const RELAY_VIEWER: Viewer = { sub: 'dossiers-outbox', role: 'operator', name: 'Dossiers outbox relay' };

/** Backoff: 0.5 s, 1 s, 2 s … at most one minute between attempts. */
export const backoffMs = (attempts: number) => Math.min(60_000, 500 * 2 ** attempts);

interface Command {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  /** The answer's meaning: taken / given back, or refused with a reason. */
  read: (data: any) => { ok: true; answer: string } | { ok: false; reason: string };
}

const status = (field: string, good: string) => (data: any) => {
  const value = data[field] as { status: string; reason?: string | null };
  return value.status === good ? { ok: true as const, answer: value.status } : { ok: false as const, reason: value.reason ?? value.status };
};
/** A release gives back all (RELEASED) or, after a partial completion, all but `keep` (still held, for `keep`). */
const released = (field: string, held: string, keep: number) => (data: any) => {
  const value = data[field] as { status: string; amount: number };
  const ok = keep === 0 ? value.status === 'RELEASED' : value.status === held && value.amount === keep;
  return ok ? { ok: true as const, answer: value.status } : { ok: false as const, reason: `${field}: ${value.status}, ${value.amount} cents held` };
};
const entry = (field: string) => (data: any) => ({ ok: true as const, answer: String(data[field].id) });

const request = (field: string, good: (status: string) => boolean) => (data: any) => {
  const value = data[field] as { status: string; decisionReason?: string | null } | null;
  // withdraw: null when the dossier made no request (abondements refused to make it).
  if (!value) return { ok: true as const, answer: 'NONE' };
  return good(value.status) ? { ok: true as const, answer: value.status } : { ok: false as const, reason: value.decisionReason ?? value.status };
};

/** France Travail's review: the request in abondements, made, decided or withdrawn under the dossier's key. */
export function reviewCommandFor(row: OutboxRow, dossier: DossierRow, facts: ReviewFacts, urls: PeerUrls): Command {
  const requestKey = reviewKey(dossier.id, 'open-review');
  switch (row.action) {
    case 'open-review':
      return {
        url: urls.abondements,
        query: `mutation ($k: ID!, $p: ID!, $s: ID!, $t: [ReviewedTopUpInput!]!, $o: Date!, $d: Date!, $start: Date!) { openDossierFranceTravailReview(dossierKey: $k, personId: $p, sessionId: $s, topUps: $t, offeredOn: $o, submittedOn: $d, sessionStartDate: $start) { status decisionReason } }`,
        variables: {
          k: requestKey,
          p: dossier.personId,
          s: dossier.sessionId,
          t: facts.topUps,
          o: facts.offeredOn,
          d: facts.submittedOn,
          start: dossier.sessionStart,
        },
        read: request('openDossierFranceTravailReview', () => true),
      };
    case 'accept-review':
    case 'refuse-review': {
      const accept = row.action === 'accept-review';
      return {
        url: urls.abondements,
        query: `mutation ($k: ID!, $a: Boolean!, $on: Date!, $by: String!, $r: String) { decideDossierFranceTravailReview(dossierKey: $k, accept: $a, decidedOn: $on, decidedBy: $by, reason: $r) { status decisionReason } }`,
        variables: { k: requestKey, a: accept, on: facts.decision?.on, by: facts.decision?.by, r: facts.decision?.reason ?? null },
        read: request('decideDossierFranceTravailReview', (s) => (accept ? s === 'ACCEPTED' || s === 'ACCEPTED_TACITLY' : s === 'REFUSED')),
      };
    }
    default:
      return {
        url: urls.abondements,
        query: `mutation ($k: ID!) { withdrawDossierFranceTravailReview(dossierKey: $k) { status decisionReason } }`,
        variables: { k: requestKey },
        read: request('withdrawDossierFranceTravailReview', () => true),
      };
  }
}

export function commandFor(row: OutboxRow, part: PartRow, dossier: DossierRow, urls: PeerUrls): Command {
  const commit = row.action === 'commit';
  switch (part.kind) {
    case 'CPF_RIGHTS':
      return commit
        ? {
            url: urls.rights,
            query: `mutation ($p: ID!, $a: Cents!, $r: String!, $k: String!) { debitCpfAccount(personId: $p, amount: $a, reason: $r, idempotencyKey: $k) { id } }`,
            variables: { p: dossier.personId, a: part.amount, r: `dossier ${dossier.id} (session ${dossier.sessionId})`, k: row.key },
            read: entry('debitCpfAccount'),
          }
        : {
            url: urls.rights,
            query: `mutation ($d: String!, $a: Cents!, $k: String!) { refundCpfDebit(debitKey: $d, amount: $a, idempotencyKey: $k) { id } }`,
            variables: { d: part.commitKey, a: part.amount - (part.kept ?? 0), k: row.key },
            read: entry('refundCpfDebit'),
          };
    case 'DOTATION':
      return commit
        ? {
            url: urls.abondements,
            query: `mutation ($k: ID!, $d: ID!, $p: ID!, $s: ID!, $c: String, $a: Cents!) { spendDotation(key: $k, dotationId: $d, personId: $p, sessionId: $s, certificationCode: $c, amount: $a) { status reason } }`,
            variables: { k: row.key, d: part.reference, p: dossier.personId, s: dossier.sessionId, c: dossier.certificationCode, a: part.amount },
            read: status('spendDotation', 'SPENT'),
          }
        : {
            url: urls.abondements,
            query: `mutation ($k: ID!, $keep: Cents!) { releaseDotationUse(key: $k, keep: $keep) { status amount } }`,
            variables: { k: part.commitKey, keep: part.kept ?? 0 },
            read: released('releaseDotationUse', 'SPENT', part.kept ?? 0),
          };
    case 'TOP_UP':
      return commit
        ? {
            url: urls.abondements,
            query: `mutation ($k: ID!, $r: ID!, $p: ID!, $s: ID!, $a: Cents!) { reserveTopUp(key: $k, ruleId: $r, personId: $p, sessionId: $s, amount: $a) { status reason } }`,
            variables: { k: row.key, r: part.reference, p: dossier.personId, s: dossier.sessionId, a: part.amount },
            read: status('reserveTopUp', 'GRANTED'),
          }
        : {
            url: urls.abondements,
            query: `mutation ($k: ID!, $keep: Cents!) { releaseReservation(key: $k, keep: $keep) { status amount } }`,
            variables: { k: part.commitKey, keep: part.kept ?? 0 },
            read: released('releaseReservation', 'GRANTED', part.kept ?? 0),
          };
  }
}

/** Sends one command and says what became of it. */
export async function deliver(row: OutboxRow, part: PartRow, dossier: DossierRow, urls: PeerUrls, nowMs: number, review?: ReviewFacts): Promise<Delivery> {
  // A return gives back only what a commit took.
  if (row.action === 'return' && part.status !== 'committed') return { outcome: 'skipped' };
  const command = review ? reviewCommandFor(row, dossier, review, urls) : commandFor(row, part, dossier, urls);
  const retry = (error: string): Delivery => ({ outcome: 'retry', error, nextAttemptAt: nowMs + backoffMs(row.attempts) });
  let answer: GraphQLAnswer<any>;
  try {
    answer = await ask(command.url, command.query, command.variables, RELAY_VIEWER);
  } catch (error) {
    return retry((error as Error).message);
  }
  const refusal = answer.errors?.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
  // The payer's words, and its code when it gives one (e.g. NO_FUNDER_DECISION): the dossier's reason carries both.
  if (refusal) return { outcome: 'refused', reason: refusal.extensions?.reason ? `${refusal.message} (${refusal.extensions.reason})` : refusal.message };
  if (answer.errors?.length || !answer.data) return retry(answer.errors?.[0]?.message ?? 'no data');
  const read = command.read(answer.data);
  return read.ok ? { outcome: 'done', answer: read.answer } : { outcome: 'refused', reason: read.reason };
}

export interface Relay {
  /** A transition committed commands (of this dossier when given): deliver them now, not on the next tick. */
  kick: (dossierId?: string) => void;
  /** Resolves when nothing is due (tests). */
  drain: () => Promise<void>;
  stop: () => void;
}

export interface RelayOptions {
  /** The safety net: due commands (retries after backoff, rows left by a crash) are looked for this often. */
  intervalMs?: number;
  /** Dossiers whose commands are in flight at once (each dossier's one at a time, in order). */
  concurrency?: number;
}

export const relayOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): RelayOptions => ({
  intervalMs: Number(env.OUTBOX_INTERVAL_MS ?? 250),
  concurrency: Number(env.OUTBOX_CONCURRENCY ?? 16),
});

export function startRelay(db: DossiersDatabase, clock: Clock, urls: PeerUrls, options: RelayOptions = relayOptionsFromEnv()): Relay {
  const { intervalMs = 250, concurrency = 16 } = options;
  // Each dossier's commands form a chain of their own: when one is answered, the dossier's next due
  // command is sent at once. A dossier is in flight at most once, so its commands go one at a time,
  // in order, and a refused commit still stops the later ones (recordDelivery). Different dossiers'
  // chains run side by side, at most `concurrency` of them, so a burst of acceptances does not open
  // hundreds of requests to rights and abondements at once.
  const inFlight = new Map<string, Promise<void>>();
  /** Dossiers named by a commit since the last pass. */
  const hinted = new Set<string>();
  /** A full look at the outbox is wanted: the timer, or a chain ended while others were left waiting. */
  let scanWanted = false;
  let backlog = false;
  let scheduled = false;
  const chain = async (first: DueRow) => {
    let row: DueRow | undefined = first;
    while (row) {
      const review = isReviewAction(row.action) ? reviewFacts(db, row.dossierId) : undefined;
      const delivery = await deliver(row, row.part, row.dossier, urls, clock.now().getTime(), review);
      if (delivery.outcome === 'retry')
        console.error(JSON.stringify({ level: 'warn', msg: 'outbox retry', key: row.key, attempts: row.attempts + 1, error: delivery.error }));
      recordDelivery(db, row.id, delivery, clock.now());
      row = delivery.outcome === 'retry' ? undefined : dueOutboxRows(db, clock.now().getTime(), 1, row.dossierId)[0];
    }
  };
  const launch = (row: DueRow) => {
    const task = chain(row)
      .catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'outbox relay failed', error: (error as Error).message })))
      .finally(() => {
        inFlight.delete(row.dossierId);
        // A slot is free: dossiers left waiting for one go now, not on the next tick.
        if (backlog) schedule(true);
      });
    inFlight.set(row.dossierId, task);
  };
  const pass = () => {
    scheduled = false;
    try {
      const now = clock.now().getTime();
      for (const id of hinted) {
        if (inFlight.size >= concurrency) break;
        hinted.delete(id);
        if (inFlight.has(id)) continue; // its chain reads the new commands when it gets there
        const row = dueOutboxRows(db, now, 1, id)[0];
        if (row) launch(row);
      }
      if (hinted.size > 0) backlog = true;
      if (!scanWanted) return;
      scanWanted = false;
      const free = concurrency - inFlight.size;
      const due = free > 0 ? dueDossiers(db, now, free + inFlight.size) : [];
      let started = 0;
      for (const id of due) {
        if (inFlight.has(id) || started >= free) continue;
        const row = dueOutboxRows(db, now, 1, id)[0];
        if (row) {
          launch(row);
          started += 1;
        }
      }
      backlog = hinted.size > 0 || free <= 0 || due.length === free + inFlight.size - started || due.some((id) => !inFlight.has(id));
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'outbox relay failed', error: (error as Error).message }));
    }
  };
  // Kicks are coalesced: many commits in one turn of the event loop make one pass, run right after
  // the answer to the mutation has been handed over, rather than inside it.
  const schedule = (scan: boolean) => {
    if (scan) scanWanted = true;
    if (scheduled) return;
    scheduled = true;
    setImmediate(pass);
  };
  const kick = (dossierId?: string) => {
    if (dossierId) hinted.add(dossierId);
    schedule(!dossierId);
  };
  const timer = setInterval(() => schedule(true), intervalMs);
  timer.unref();
  schedule(true);
  return {
    kick,
    drain: async () => {
      // Passes already scheduled run first; then wait for every chain, and for those they let start.
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (inFlight.size === 0 && !scheduled) return;
        await Promise.all([...inFlight.values()]);
      }
    },
    stop: () => clearInterval(timer),
  };
}
