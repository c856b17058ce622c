import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unavailableResponse } from '../src/gateway.ts';
import type { Fetcher } from '@apollo/utils.fetcher';
import { httpFetcher } from '../src/http-fetcher.ts';
import { CircuitBreaker, CircuitOpenError, resilientFetcher } from '../src/resilience.ts';

describe('circuit breaker', () => {
  it('opens after N consecutive failures, lets one trial through after the pause, closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker('rights', { failureThreshold: 3, openMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) {
      breaker.admit();
      breaker.failure();
    }
    expect(breaker.state).toBe('open');
    expect(() => breaker.admit()).toThrow(CircuitOpenError);
    now = 1000;
    expect(breaker.state).toBe('half-open');
    breaker.admit(); // the trial
    expect(() => breaker.admit()).toThrow(CircuitOpenError); // only one trial at a time
    breaker.success();
    expect(breaker.state).toBe('closed');
    breaker.admit();
  });

  it('re-opens when the trial fails', () => {
    let now = 0;
    const breaker = new CircuitBreaker('rights', { failureThreshold: 1, openMs: 100 }, () => now);
    breaker.failure();
    now = 150;
    breaker.admit();
    breaker.failure();
    expect(breaker.state).toBe('open');
  });
});

describe.each([
  ['fetch', globalThis.fetch as unknown as Fetcher],
  ['the keep-alive HTTP client', httpFetcher()],
])('resilient fetcher against a real HTTP server, over %s', (_, client) => {
  let server: http.Server;
  let url: string;
  const hits: string[] = [];
  let mode: 'ok' | 'fail' | 'slow' = 'ok';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hits.push(body);
        if (mode === 'fail') req.socket.destroy();
        else if (mode === 'slow') setTimeout(() => res.end('{}'), 300);
        else res.end('{"data":{}}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const send = (fetch: ReturnType<typeof resilientFetcher>['fetch'], query: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  it('retries a read once, never a write', async () => {
    const { fetch } = resilientFetcher('t', { timeoutMs: 1000, readRetries: 1, breaker: { failureThreshold: 100, openMs: 1000 } }, client);
    mode = 'fail';
    hits.length = 0;
    await expect(send(fetch, 'query { a }')).rejects.toThrow();
    expect(hits).toHaveLength(2);
    hits.length = 0;
    await expect(send(fetch, 'mutation { debit }')).rejects.toThrow();
    expect(hits).toHaveLength(1);
  });

  it('gives up on a slow subgraph after its timeout', async () => {
    const { fetch } = resilientFetcher('t', { timeoutMs: 50, readRetries: 0, breaker: { failureThreshold: 100, openMs: 1000 } }, client);
    mode = 'slow';
    await expect(send(fetch, 'query { a }')).rejects.toThrow(/did not answer within 50 ms/);
  });

  it('fails fast while the circuit is open, then recovers by itself', async () => {
    const { fetch, breaker } = resilientFetcher('t', { timeoutMs: 1000, readRetries: 0, breaker: { failureThreshold: 2, openMs: 100 } }, client);
    mode = 'fail';
    await expect(send(fetch, 'query { a }')).rejects.toThrow();
    await expect(send(fetch, 'query { a }')).rejects.toThrow();
    hits.length = 0;
    await expect(send(fetch, 'query { a }')).rejects.toThrow(CircuitOpenError);
    expect(hits).toHaveLength(0);
    mode = 'ok';
    await new Promise((r) => setTimeout(r, 120));
    expect((await send(fetch, 'query { a }')).status).toBe(200);
    expect(breaker.state).toBe('closed');
  });
});

describe('replicas of one subgraph (real HTTP servers)', () => {
  const replicas: { server: http.Server; url: string; hits: number; mode: 'ok' | 'error' }[] = [];
  let refused = '';
  const options = { timeoutMs: 1000, readRetries: 1, breaker: { failureThreshold: 2, openMs: 60_000 } };

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const replica = { server: http.createServer(), url: '', hits: 0, mode: 'ok' as 'ok' | 'error' };
      replica.server.on('request', (req, res) => {
        req.resume().on('end', () => {
          replica.hits += 1;
          res.statusCode = replica.mode === 'ok' ? 200 : 503;
          res.end('{"data":{}}');
        });
      });
      await new Promise<void>((r) => replica.server.listen(0, '127.0.0.1', () => r()));
      replica.url = `http://127.0.0.1:${(replica.server.address() as AddressInfo).port}/graphql`;
      replicas.push(replica);
    }
    // A port nobody listens on: a replica that is down.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    refused = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise<void>((r) => closed.close(() => r()));
  });
  afterAll(() => Promise.all(replicas.map((r) => new Promise<void>((done) => r.server.close(() => done())))));

  const send = (fetch: ReturnType<typeof resilientFetcher>['fetch'], query: string) =>
    fetch('http://ignored/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const reset = (mode: 'ok' | 'error' = 'ok') => replicas.forEach((r) => Object.assign(r, { hits: 0, mode }));

  it('takes the replicas in turn, reads and writes alike', async () => {
    reset();
    const { fetch } = resilientFetcher(
      'rights',
      options,
      httpFetcher(),
      replicas.map((r) => r.url),
    );
    for (let i = 0; i < 10; i++) await send(fetch, i % 2 ? 'query { a }' : 'mutation { debit }');
    expect(replicas.map((r) => r.hits)).toEqual([5, 5]);
  });

  it('a replica that is down: its circuit opens and the others answer every request, writes included', async () => {
    reset();
    const { fetch, breaker } = resilientFetcher('rights', options, httpFetcher(), [refused, replicas[0]!.url]);
    for (let i = 0; i < 6; i++) expect((await send(fetch, i % 2 ? 'query { a }' : 'mutation { debit }')).status).toBe(200);
    expect(replicas[0]!.hits).toBe(6);
    expect(breaker.members.map((m) => m.breaker.state)).toEqual(['open', 'closed']);
    expect(breaker.state).toBe('closed');
  });

  it('a write answered with an error is not sent again to another replica (it may have been applied)', async () => {
    reset('error');
    const { fetch } = resilientFetcher(
      'rights',
      options,
      httpFetcher(),
      replicas.map((r) => r.url),
    );
    expect((await send(fetch, 'mutation { debit }')).status).toBe(503);
    expect(replicas[0]!.hits + replicas[1]!.hits).toBe(1);
    reset('error');
    expect((await send(fetch, 'query { a }')).status).toBe(503);
    expect(replicas[0]!.hits + replicas[1]!.hits).toBe(2);
  });

  it('unavailable only when every replica is', async () => {
    const { fetch, breaker } = resilientFetcher('rights', { ...options, readRetries: 0 }, httpFetcher(), [refused, refused]);
    for (let i = 0; i < 2; i++) await expect(send(fetch, 'query { a }')).rejects.toThrow();
    expect(breaker.state).toBe('open');
    await expect(send(fetch, 'query { a }')).rejects.toThrow(CircuitOpenError);
  });
});

describe('unavailable subgraph answer', () => {
  it('places one error per entity and field, so the gateway reports it where the data is missing', () => {
    const query = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Person{cpfAccount{balance}}}}';
    const res = unavailableResponse('rights', query, [{ id: 'a' }, { id: 'b' }], new Error('fetch failed'));
    expect(res.errors?.map((e) => e.path)).toEqual([
      ['_entities', 0, 'cpfAccount'],
      ['_entities', 1, 'cpfAccount'],
    ]);
    expect(res.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(unavailableResponse('catalog', '{ searchTrainings(query: "x") { total } }', undefined, new Error('x')).errors?.[0]?.path).toEqual([
      'searchTrainings',
    ]);
  });
});
