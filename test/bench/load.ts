// One closed-loop load run with autocannon, measured the same way for every target.
// autocannon's own summary has no p95 (it jumps from p90 to p97.5), so latencies are taken from
// each response and the percentiles computed here.
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  /** Answers received in the run. */
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** Transport errors, timeouts, non-2xx answers and answers carrying GraphQL errors. */
  errors: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
  /** Seconds of unmeasured load first (JIT, pools, caches). */
  warmUp?: number;
  /** Each request's own body and headers (a random person, a fresh idempotency key), instead of `body` every time. */
  next?: () => { body: string; headers?: Record<string, string> };
}

/** The value below which `q` of the sorted samples fall (nearest rank). */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { next } = options;
  const varying = next
    ? {
        requests: [
          {
            setupRequest: (req: autocannon.Request) => {
              const r = next();
              return { ...req, body: r.body, headers: { ...options.headers, ...r.headers } };
            },
          },
        ],
      }
    : {};
  const target = { url: options.url, method: 'POST' as const, headers: options.headers, body: options.body, connections: options.connections, ...varying };
  if (options.warmUp !== 0) await autocannon({ ...target, duration: options.warmUp ?? 3 });
  const latencies: number[] = [];
  let graphqlErrors = 0;
  const result = await autocannon({
    ...target,
    duration: options.duration,
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, ms: number) => latencies.push(ms));
      client.on('body', (buf: Buffer) => {
        if (buf.includes('"errors"')) graphqlErrors++;
      });
    },
  });
  const sorted = Float64Array.from(latencies).sort();
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    rps: Math.round(result.requests.average),
    requests: latencies.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
  };
}
