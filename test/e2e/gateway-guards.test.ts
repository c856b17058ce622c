// Hostile input against the real gateway: limits, production masking, allow-list, rate limit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGatewayProcess } from '../../scripts/stack.ts';
import { graphql, holderToken } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');

describe('query limits (development gateway)', () => {
  it('refuses a query deeper than the limit', async () => {
    const deep = `{ searchTrainings(query: "a") { hits { session { training { sessions { training { sessions { training { sessions { training { sessions { training { sessions { id } } } } } } } } } } } } } }`;
    const res = await graphql(gateway(), deep);
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: searchTrainings(query: "x") { total }`).join(' ');
    const res = await graphql(gateway(), `{ ${aliases} }`);
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const res = await fetch(gateway(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ searchTrainings(query: "${'x'.repeat(200_000)}") { total } }` }),
    });
    expect(res.status).toBe(413);
  });

  it('blocks a GET that could be a cross-site request (CSRF prevention)', async () => {
    const res = await fetch(`${gateway()}?query=${encodeURIComponent('{ searchTrainings(query: "x") { total } }')}`);
    expect(res.status).toBe(400);
  });

  it('answers with a request id and JSON logs carry no personal data', async () => {
    const res = await fetch(gateway(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await holderToken('camille-martin')}`, 'x-request-id': 'e2e-req-1' },
      body: JSON.stringify({ query: '{ person(id: "camille-martin") { givenName } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('e2e-req-1');
  });
});

describe('production gateway', () => {
  let prod: Awaited<ReturnType<typeof startGatewayProcess>>;
  let sign: (sub: string, role: string) => Promise<string>;
  const persistedQuery = '{ searchTrainings(query: "cariste") { total } }';

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prod-gateway-'));
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] }));
    fs.writeFileSync(
      path.join(dir, 'operations.json'),
      JSON.stringify({ 'search-cariste': persistedQuery, 'my-name': 'query Me($id: ID!) { person(id: $id) { givenName } }' }),
    );
    sign = (sub, role) =>
      new SignJWT({ role })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject(sub)
        .setIssuer('formations-api-dev')
        .setExpirationTime('5m')
        .sign(privateKey);
    prod = await startGatewayProcess(inject('subgraphUrls'), {
      NODE_ENV: 'production',
      JWKS_FILE: path.join(dir, 'jwks.json'),
      PERSISTED_OPERATIONS_FILE: path.join(dir, 'operations.json'),
      PERSISTED_OPERATIONS_ONLY: 'true',
      RATE_LIMIT_PER_MINUTE: '20',
    });
  });
  afterAll(() => prod?.stop());

  it('runs persisted operations by id and refuses anything else', async () => {
    const ok = await fetch(prod.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'search-cariste' }) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { searchTrainings: { total: number } } }).data.searchTrainings.total).toBeGreaterThan(0);

    const adhoc = await graphql(prod.url, '{ __schema { types { name } } }');
    expect(adhoc.status).toBe(400);
    expect(adhoc.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });

  it('accepts JWKS-signed tokens and refuses the development secret', async () => {
    const body = JSON.stringify({ id: 'my-name', variables: { id: 'camille-martin' } });
    const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
    const good = (await (await fetch(prod.url, { method: 'POST', headers: headers(await sign('camille-martin', 'holder')), body })).json()) as {
      data: { person: { givenName: string } };
    };
    expect(good.data.person.givenName).toBe('Camille');
    const dev = await fetch(prod.url, { method: 'POST', headers: headers(await holderToken('camille-martin')), body });
    expect(dev.status).toBe(401);
  });

  it('never shows stack traces', async () => {
    const body = JSON.stringify({ id: 'my-name', variables: { id: 'karim-benali' } });
    const res = await fetch(prod.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign('camille-martin', 'holder')}` },
      body,
    });
    const text = await res.text();
    expect(text).toContain('FORBIDDEN');
    expect(text).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('limits each client to its rate and says when to retry', async () => {
    const token = await sign('lucie-moreau', 'holder');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await fetch(prod.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ id: 'search-cariste' }),
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(20);
    expect(statuses).toContain(429);
  });
});
