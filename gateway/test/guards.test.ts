import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { signCallerToken } from '@formations/schema/auth';
import { formatError } from '../src/app.ts';
import { configFromEnv } from '../src/config.ts';
import { createCallerVerifier } from '../src/identity.ts';
import { PersistedOperations, sha256 } from '../src/persisted.ts';
import { RateLimiter } from '../src/ratelimit.ts';

describe('rate limiter', () => {
  it('allows a burst of the per-minute allowance, then refills continuously', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0); // per client
    now = 1000;
    expect(limiter.take('a')).toBe(0);
  });
});

describe('persisted operations', () => {
  const query = '{ searchTrainings(query: "cariste") { total } }';
  const ops = (only: boolean) => new PersistedOperations({ search: query }, only);

  it('resolves an operation by id or by sha256 (APQ shape)', () => {
    expect(ops(true).resolve({ id: 'search' }).query).toBe(query);
    expect(ops(true).resolve({ extensions: { persistedQuery: { sha256Hash: sha256(query) } } }).query).toBe(query);
  });

  it('refuses other operations in allow-list mode only', () => {
    expect(() => ops(true).resolve({ query: '{ __schema { types { name } } }' })).toThrow(/only runs persisted operations/);
    expect(ops(true).resolve({ query }).query).toBe(query);
    expect(ops(false).resolve({ query: '{ x }' }).query).toBe('{ x }');
    expect(() => ops(false).resolve({ id: 'nope' })).toThrow(/no persisted operation/);
  });
});

describe('error masking', () => {
  it('hides internal messages in production but keeps client-facing ones', () => {
    const format = formatError(true);
    const internal = format({ message: 'SQLITE_CORRUPT at /srv/data/x.sqlite', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } });
    expect(internal).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    const forbidden = format({ message: 'not allowed to read rights of this person', path: ['person'], extensions: { code: 'FORBIDDEN' } });
    expect(forbidden.message).toBe('not allowed to read rights of this person');
    expect(forbidden.path).toEqual(['person']);
  });

  it('keeps the subgraph and place of an unavailable subgraph', () => {
    const down = formatError(true)({
      message: 'subgraph rights is unavailable',
      path: ['person', 'cpfAccount'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'rights' },
    });
    expect(down).toEqual({
      message: 'subgraph rights is unavailable',
      path: ['person', 'cpfAccount'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'rights' },
    });
  });
});

describe('caller identity', () => {
  it('uses the HS256 dev secret outside production only', async () => {
    const dev = createCallerVerifier(configFromEnv({}));
    expect(await dev(await signCallerToken({ sub: 'camille-martin', role: 'holder' }))).toMatchObject({ sub: 'camille-martin' });
    expect(() => createCallerVerifier(configFromEnv({ NODE_ENV: 'production' }))).toThrow(/JWKS/);
  });

  it('verifies tokens against a JWKS file and refuses the dev secret then', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jwks-')), 'jwks.json');
    fs.writeFileSync(file, JSON.stringify({ keys: [jwk] }));
    const verify = createCallerVerifier(configFromEnv({ NODE_ENV: 'production', JWKS_FILE: file }));
    const token = await new SignJWT({ role: 'adviser' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('sophie-adviser')
      .setIssuer('formations-api-dev')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await verify(token)).toEqual({ sub: 'sophie-adviser', role: 'adviser' });
    await expect(verify(await signCallerToken({ sub: 'x', role: 'holder' }))).rejects.toThrow(/invalid token/);
  });
});

describe('verified tokens cache', () => {
  it('verifies a token once a minute at most, never past its expiry, and stays bounded', async () => {
    const { VerifiedTokens } = await import('../src/context.ts');
    let now = Date.parse('2026-11-25T10:00:00Z');
    let calls = 0;
    const verify = async (token: string) => {
      calls++;
      return { sub: token.length > 0 ? 'camille-martin' : 'x', role: 'holder' as const };
    };
    const token = await signCallerToken({ sub: 'camille-martin', role: 'holder' }, '90s');
    const cache = new VerifiedTokens(verify, 2, 60_000, () => now);
    await cache.resolve(token);
    await cache.resolve(token);
    expect(calls).toBe(1);
    now += 61_000;
    await cache.resolve(token);
    expect(calls).toBe(2);
    // the token's own expiry (iat + 90 s, real clock) caps the entry
    now = Date.now() + 120_000;
    await cache.resolve(token);
    expect(calls).toBe(3);
    const other = await signCallerToken({ sub: 'karim-benali', role: 'holder' });
    const third = await signCallerToken({ sub: 'lucie-moreau', role: 'holder' });
    await cache.resolve(other);
    await cache.resolve(third);
    await cache.resolve(token); // evicted by the bound of 2
    expect(calls).toBe(6);
  });
});
