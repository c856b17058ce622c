// Per-client rate limit. The counters live behind `RateLimitStore`: in the process (one gateway
// process), in the cluster's primary (several workers on one machine: `serveClusterRateLimits` in
// the primary, `ClusterRateLimiter` in each worker), or in a store shared by gateway machines
// (e.g. PostgreSQL, one row per client updated in one statement) implementing the same interface.

/** Where the gateway takes one request's token for a client: 0 when allowed, else the milliseconds to wait. */
export interface RateLimitStore {
  take(client: string): number | Promise<number>;
  close?(): void;
}

// Per-client token bucket: a burst up to the per-minute allowance, refilled continuously.
export class RateLimiter implements RateLimitStore {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Returns 0 when allowed, else the milliseconds to wait. */
  take(client: string): number {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > 100_000) this.evictFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.perMs);
  }

  private evictFull(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(client);
    }
  }
}

// --- Cluster mode: the primary holds the buckets, the workers ask it over the IPC channel. ---

const ASK = 'formations:ratelimit:take';
const ANSWER = 'formations:ratelimit:answer';

interface Ask {
  type: typeof ASK;
  id: number;
  clients: string[];
}
interface Answer {
  type: typeof ANSWER;
  id: number;
  waits: number[];
}

/** A worker's end of the IPC channel (`process` in a cluster worker). */
export interface WorkerChannel {
  send(message: Ask): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** The primary's view of the cluster (`node:cluster` in the primary). */
export interface PrimaryChannel {
  on(event: 'message', listener: (worker: { send(message: Answer): unknown }, message: unknown) => void): unknown;
}

/** In the cluster's primary: answers the workers' takes from one set of buckets (the whole gateway's rate). */
export function serveClusterRateLimits(cluster: PrimaryChannel, limiter: { take(client: string): number }): void {
  cluster.on('message', (worker, message) => {
    const ask = message as Partial<Ask> | null;
    if (ask?.type !== ASK || !Array.isArray(ask.clients)) return;
    worker.send({ type: ANSWER, id: ask.id as number, waits: ask.clients.map((client) => limiter.take(String(client))) });
  });
}

/**
 * In a worker: each take asks the primary. The takes of one turn of the event loop go in one
 * message. When the primary does not answer within `timeoutMs` (it is gone or stuck), the worker
 * falls back to a local bucket with its share of the rate (`fallbackPerMinute`), so the limit
 * still holds roughly rather than failing open.
 */
export class ClusterRateLimiter implements RateLimitStore {
  private nextId = 1;
  private batch: { clients: string[]; resolves: ((wait: number) => void)[] } | undefined;
  private readonly pending = new Map<number, { resolves: ((wait: number) => void)[]; timer: NodeJS.Timeout; clients: string[] }>();
  private readonly fallback: RateLimiter;
  private readonly listener = (message: unknown) => {
    const answer = message as Partial<Answer> | null;
    if (answer?.type !== ANSWER || typeof answer.id !== 'number' || !Array.isArray(answer.waits)) return;
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    clearTimeout(pending.timer);
    pending.resolves.forEach((resolve, i) => resolve(Number(answer.waits![i] ?? 0)));
  };

  constructor(
    private readonly channel: WorkerChannel,
    fallbackPerMinute: number,
    private readonly timeoutMs = 1000,
  ) {
    this.fallback = new RateLimiter(Math.max(1, fallbackPerMinute));
    channel.on('message', this.listener);
  }

  take(client: string): Promise<number> {
    return new Promise((resolve) => {
      if (!this.batch) {
        this.batch = { clients: [], resolves: [] };
        setImmediate(() => this.flush());
      }
      this.batch.clients.push(client);
      this.batch.resolves.push(resolve);
    });
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = undefined;
    if (!batch) return;
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.pending.delete(id);
      batch.resolves.forEach((resolve, i) => resolve(this.fallback.take(batch.clients[i]!)));
    }, this.timeoutMs);
    timer.unref();
    this.pending.set(id, { resolves: batch.resolves, timer, clients: batch.clients });
    try {
      this.channel.send({ type: ASK, id, clients: batch.clients });
    } catch {
      // channel closed: the timer answers from the fallback
    }
  }

  close(): void {
    this.channel.off('message', this.listener);
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolves.forEach((resolve, i) => resolve(this.fallback.take(pending.clients[i]!)));
      this.pending.delete(id);
    }
  }
}
