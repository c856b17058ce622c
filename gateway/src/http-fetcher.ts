// The gateway's HTTP client for subgraph fetches: node:http over a keep-alive pool per
// subgraph. Node's global fetch (undici) builds WHATWG Request/Response objects, web streams and
// a wasm HTTP parser for every call, which was the largest single cost of the gateway under
// load; a subgraph fetch needs none of it: POST a JSON string, read the whole answer.
import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

export interface HttpFetcherOptions {
  /**
   * Most connections, hence requests in flight, to one subgraph; requests beyond wait here for a
   * free one, first come first served. A subgraph process answers one request at a time, so more
   * connections add no throughput; and under a burst, a busy Node server takes up new connections
   * much later than its open ones (seen: requests on fresh connections waiting 5 s and timing out
   * while the others took 0.5 s), so a burst is better queued here than opened there.
   */
  maxSockets?: number;
  /** Idle connections are closed after this (below the subgraphs' 65 s keep-alive). */
  idleTimeoutMs?: number;
}

export const DEFAULT_MAX_SOCKETS = 16;

/** Response headers as the Fetcher interface wants them, over node's lower-cased header object. */
class ResponseHeaders implements FetcherHeaders {
  private readonly map: Map<string, string>;

  constructor(headers: http.IncomingHttpHeaders) {
    this.map = new Map();
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.map.get(key);
    this.map.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** A fully read response. */
export class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly ok: boolean;
  readonly headers: ResponseHeaders;
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    headers: http.IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new ResponseHeaders(headers);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  private consume(): Buffer {
    if (this.used) throw new TypeError('body already read');
    this.used = true;
    return this.body;
  }

  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.consume().toString('utf8'));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.consume();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }
  clone(): FetcherResponse {
    if (this.used) throw new TypeError('body already read');
    const copy = new BufferedResponse(this.url, this.status, this.statusText, {}, this.body);
    for (const [name, value] of this.headers) copy.headers.set(name, value);
    return copy;
  }
}

export interface HttpFetcherInit extends FetcherRequestInit {
  /** Gives up (and closes the connection) after this long, rejecting with an error named TimeoutError. */
  timeoutMs?: number;
}

export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * A Fetcher over node:http(s) with keep-alive pools; honours `signal` like fetch (rejects with
 * its reason) and `timeoutMs` (a plain timer: cheaper than an AbortSignal per request).
 */
export function httpFetcher(options: HttpFetcherOptions = {}): Fetcher & { acceptsTimeoutMs: true; close: () => void } {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? DEFAULT_MAX_SOCKETS,
    timeout: options.idleTimeoutMs ?? 30_000,
    scheduling: 'lifo' as const,
  };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const targets = new Map<string, URL>();

  const fetcher = (url: string, init: HttpFetcherInit = {}): Promise<FetcherResponse> =>
    new Promise((resolve, reject) => {
      let target = targets.get(url);
      if (!target) {
        target = new URL(url);
        if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new TypeError(`unsupported protocol in ${url}`);
        if (targets.size < 1000) targets.set(url, target);
      }
      const signal = init.signal as AbortSignal | undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const body = init.body;
      const headers: http.OutgoingHttpHeaders = { ...init.headers };
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const client = target.protocol === 'https:' ? https : http;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        settled = true;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        done();
        reject(error);
      };
      const onAbort = () => {
        fail(signal!.reason);
        req.destroy();
      };
      const req = client.request(
        {
          agent: agents[target.protocol as 'http:' | 'https:'],
          protocol: target.protocol,
          hostname: target.hostname.replace(/^\[|\]$/g, ''),
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: init.method ?? 'GET',
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('aborted', () => fail(new Error('subgraph response aborted')));
          res.on('end', () => {
            if (settled) return;
            done();
            resolve(
              new BufferedResponse(url, res.statusCode ?? 0, res.statusMessage ?? '', res.headers, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)),
            );
          });
        },
      );
      req.on('error', fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (init.timeoutMs !== undefined) {
        const ms = init.timeoutMs;
        timer = setTimeout(() => {
          fail(new TimeoutError(ms));
          req.destroy();
        }, ms);
      }
      req.end(body);
    });
  return Object.assign(fetcher, {
    acceptsTimeoutMs: true as const,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}
