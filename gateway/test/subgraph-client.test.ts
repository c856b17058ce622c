import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_HEADER } from '@formations/schema/auth';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from '../src/context.ts';
import { SubgraphDataSource } from '../src/gateway.ts';
import { httpFetcher } from '../src/http-fetcher.ts';

describe('subgraph HTTP client and data source', () => {
  let server: http.Server;
  let url: string;
  const connections = new Set<unknown>();
  const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '{"data":{"ok":true}}' };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      connections.add(req.socket);
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(answer.status, { 'content-type': answer.type });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const context: GatewayContext = { viewer: { sub: 'camille-martin', role: 'holder' }, viewerToken: 'signed-viewer', requestId: 'req-1' };
  const incoming = (query: string, variables?: Record<string, unknown>) =>
    ({
      kind: 'incoming operation',
      request: { query, variables },
      context,
      incomingRequestContext: { overallCachePolicy: undefined },
    }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

  it('reads whole answers and keeps its connections alive', async () => {
    const fetcher = httpFetcher();
    connections.clear();
    for (let i = 0; i < 5; i++) {
      const res = await fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ ok }"}' });
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('application/json');
      expect(await res.json()).toEqual({ data: { ok: true } });
    }
    expect(connections.size).toBe(1);
    fetcher.close();
  });

  it('queues requests beyond maxSockets (first come, first served) instead of opening more connections', async () => {
    const fetcher = httpFetcher({ maxSockets: 3 });
    connections.clear();
    const bodies = Array.from({ length: 30 }, (_, i) => `{"query":"{ ok }","n":${i}}`);
    const first = seen.length;
    const answers = await Promise.all(bodies.map((body) => fetcher(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(connections.size).toBe(3);
    // In order, give or take the connections running side by side.
    const arrival = seen.slice(first).map((s) => s.body);
    expect(arrival.sort()).toEqual([...bodies].sort());
    const order = seen.slice(first).map((s) => (JSON.parse(s.body) as { n: number }).n);
    order.forEach((n, position) => expect(Math.abs(n - position)).toBeLessThan(3));
    fetcher.close();
  });

  it('rejects with the reason of an aborted signal', async () => {
    const fetcher = httpFetcher();
    const signal = AbortSignal.abort(new DOMException('too slow', 'TimeoutError'));
    await expect(fetcher(url, { method: 'POST', body: '{}', signal })).rejects.toMatchObject({ name: 'TimeoutError' });
    fetcher.close();
  });

  it('gives up after timeoutMs with a TimeoutError and frees the connection', async () => {
    const slow = http.createServer((_req, res) => setTimeout(() => res.end('{}'), 300));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    const fetcher = httpFetcher();
    const started = Date.now();
    await expect(
      fetcher(`http://127.0.0.1:${(slow.address() as AddressInfo).port}/graphql`, { method: 'POST', body: '{}', timeoutMs: 50 } as never),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(Date.now() - started).toBeLessThan(250);
    fetcher.close();
    slow.closeAllConnections();
    await new Promise<void>((r) => slow.close(() => r()));
  });

  it('sends the viewer token, request id and the query first; passes the answer through', async () => {
    answer = { status: 200, type: 'application/json', body: '{"data":{"_entities":[{"cpfAccount":{"balance":1}}]}}' };
    const source = new SubgraphDataSource('rights', url, httpFetcher());
    seen.length = 0;
    const res = await source.process(
      incoming('query($representations:[_Any!]!){_entities(representations:$representations){...on Person{cpfAccount{balance}}}}', {
        representations: [{ id: 'a' }],
      }),
    );
    expect(res.data).toEqual({ _entities: [{ cpfAccount: { balance: 1 } }] });
    expect(seen[0]!.headers[VIEWER_HEADER]).toBe('signed-viewer');
    expect(seen[0]!.headers['x-request-id']).toBe('req-1');
    expect(seen[0]!.body.startsWith('{"query":"query(')).toBe(true);
    expect(JSON.parse(seen[0]!.body).variables).toEqual({ representations: [{ id: 'a' }] });
  });

  it('turns a non-2xx answer into errors located at the fields owed, as before', async () => {
    answer = { status: 401, type: 'application/json', body: '{"errors":[{"message":"invalid viewer"}]}' };
    const source = new SubgraphDataSource('rights', url, httpFetcher());
    const res = await source.process(
      incoming('query($representations:[_Any!]!){_entities(representations:$representations){...on Person{cpfAccount{balance}}}}', {
        representations: [{ id: 'a' }],
      }),
    );
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 0, 'cpfAccount'], 'SUBGRAPH_UNAVAILABLE']]);
    expect(res.errors?.[0]?.message).toMatch(/401: Unauthorized/);
  });

  it('refuses a non-JSON answer', async () => {
    answer = { status: 200, type: 'text/plain', body: 'hello' };
    const source = new SubgraphDataSource('catalog', url, httpFetcher());
    const res = await source.process(incoming('{ searchTrainings(query: "x") { total } }'));
    expect(res.errors?.[0]?.message).toMatch(/Expected JSON response body/);
  });
});
