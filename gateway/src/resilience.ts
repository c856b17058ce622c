// Per-subgraph timeouts, retries for idempotent reads only, and a circuit breaker, so one
// slow or dead subgraph costs its own fields (a located error) and nothing else.
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { circuitOpen, subgraphBytes, subgraphDuration, subgraphRequests } from './metrics.ts';

export interface ResilienceOptions {
  timeoutMs: number;
  readRetries: number;
  breaker: { failureThreshold: number; openMs: number };
}

export class CircuitOpenError extends Error {
  constructor(subgraph: string, retryInMs: number) {
    super(`subgraph ${subgraph} is unavailable (circuit open, next try in ${Math.ceil(retryInMs / 1000)} s)`);
    this.name = 'CircuitOpenError';
  }
}

/** closed → (N consecutive failures) → open → (openMs) → half-open: one trial request decides. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    readonly subgraph: string,
    private readonly options: ResilienceOptions['breaker'],
    private readonly now: () => number = Date.now,
  ) {
    circuitOpen.set({ subgraph }, 0);
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.options.failureThreshold) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Throws when the request must not be sent. */
  admit(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return;
    }
    throw new CircuitOpenError(this.subgraph, Math.max(0, this.options.openMs - (this.now() - this.openedAt)));
  }

  success(): void {
    this.trialInFlight = false;
    if (this.failures === 0) return;
    this.failures = 0;
    circuitOpen.set({ subgraph: this.subgraph }, 0);
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      circuitOpen.set({ subgraph: this.subgraph }, 1);
    }
  }
}

const READ = /^\s*(?:query\b|\{)/;

function isRead(init?: FetcherRequestInit): boolean {
  if (typeof init?.body !== 'string') return false;
  // The gateway serialises { query, variables, … } with the query first: no need to parse it all.
  const prefix = '{"query":"';
  if (init.body.startsWith(prefix)) return READ.test(init.body.slice(prefix.length, prefix.length + 16));
  try {
    return READ.test((JSON.parse(init.body) as { query?: string }).query ?? '');
  } catch {
    return false;
  }
}

/** A Fetcher that can time a request out itself (`timeoutMs`, rejecting with a TimeoutError) without an AbortSignal per request. */
export type TimingFetcher = Fetcher & { acceptsTimeoutMs: true };

/** Nothing reached the subgraph: safe to send a mutation to another replica. */
const neverSent = (error: unknown) => /ECONNREFUSED|EHOSTUNREACH|ENOTFOUND/.test(`${(error as { code?: string })?.code} ${(error as Error)?.message}`);

/**
 * The processes serving one subgraph, taken in turn, each with its own breaker: a dead replica
 * opens its circuit and the others take its share; the subgraph is unavailable only when all are.
 */
export class Replicas {
  private turn = 0;
  readonly members: { url: string; breaker: CircuitBreaker }[];

  constructor(subgraph: string, urls: readonly string[], options: ResilienceOptions['breaker'], now?: () => number) {
    this.members = urls.map((url) => ({ url, breaker: new CircuitBreaker(urls.length > 1 ? `${subgraph} ${url}` : subgraph, options, now) }));
  }

  /** The next replica whose breaker admits a request; throws the first refusal when none does. */
  next(): { url: string; breaker: CircuitBreaker } {
    let refusal: unknown;
    for (let i = 0; i < this.members.length; i++) {
      const member = this.members[this.turn++ % this.members.length]!;
      try {
        member.breaker.admit();
        return member;
      } catch (error) {
        refusal ??= error;
      }
    }
    throw refusal;
  }

  get state(): CircuitBreaker['state'] {
    const states = this.members.map((m) => m.breaker.state);
    return states.includes('closed') ? 'closed' : states.includes('half-open') ? 'half-open' : 'open';
  }
}

/**
 * `urls`: the subgraph's replicas (one or more); the URL Apollo passes is replaced by the replica's.
 * Reads are retried (on the next replica when there are several); a mutation moves to another
 * replica only when the first could not be reached at all.
 */
export function resilientFetcher(
  subgraph: string,
  options: ResilienceOptions,
  fetcher: Fetcher | TimingFetcher = globalThis.fetch as unknown as Fetcher,
  urls: readonly string[] = [],
) {
  const timing = 'acceptsTimeoutMs' in fetcher && fetcher.acceptsTimeoutMs === true;
  const replicas = new Replicas(subgraph, urls.length > 0 ? urls : [''], options.breaker);
  const fetch: Fetcher = async (url, init) => {
    const read = isRead(init);
    const attempts = read ? 1 + Math.max(options.readRetries, replicas.members.length - 1) : replicas.members.length;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let replica: { url: string; breaker: CircuitBreaker };
      try {
        replica = replicas.next();
      } catch (error) {
        subgraphRequests.inc({ subgraph, outcome: 'rejected' });
        throw error;
      }
      const { breaker } = replica;
      const stop = subgraphDuration.startTimer({ subgraph });
      try {
        const response: FetcherResponse = await fetcher(
          replica.url || url,
          (timing ? { ...init, timeoutMs: options.timeoutMs } : { ...init, signal: AbortSignal.timeout(options.timeoutMs) }) as FetcherRequestInit,
        );
        stop();
        if (response.status >= 500) {
          breaker.failure();
          subgraphRequests.inc({ subgraph, outcome: 'error' });
          if (read && attempt < attempts) continue;
        } else {
          breaker.success();
          subgraphRequests.inc({ subgraph, outcome: 'ok' });
          if (typeof init?.body === 'string') subgraphBytes.inc({ subgraph, direction: 'request' }, Buffer.byteLength(init.body));
          subgraphBytes.inc({ subgraph, direction: 'response' }, Number(response.headers.get('content-length') ?? 0));
        }
        return response;
      } catch (error) {
        stop();
        breaker.failure();
        const timedOut = (error as Error).name === 'TimeoutError';
        subgraphRequests.inc({ subgraph, outcome: timedOut ? 'timeout' : 'error' });
        lastError = timedOut ? new Error(`subgraph ${subgraph} did not answer within ${options.timeoutMs} ms`) : error;
        if (!read && !neverSent(error)) break;
      }
    }
    throw lastError;
  };
  return { fetch, breaker: replicas };
}
