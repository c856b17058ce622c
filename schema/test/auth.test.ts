import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import {
  AuthError,
  GRANT_REUSE_MS,
  VerifiedTokenCache,
  accessGrantFor,
  assertAccess,
  signAccessGrant,
  signCallerToken,
  signViewerToken,
  verifyCallerToken,
  verifyViewerToken,
  type Viewer,
} from '../src/auth.ts';

const camille: Viewer = { sub: 'camille-martin', role: 'holder' };
const sophie: Viewer = { sub: 'sophie-adviser', role: 'adviser' };

describe('caller and viewer tokens', () => {
  it('round-trips the claims of a caller token', async () => {
    expect(await verifyCallerToken(await signCallerToken(camille))).toEqual(camille);
  });

  it('refuses a token signed with another key', async () => {
    const forged = await new SignJWT({ sub: 'camille-martin', role: 'holder' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('formations-api-dev')
      .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the'));
    await expect(verifyCallerToken(forged)).rejects.toThrow(AuthError);
  });

  it('refuses an unknown role', async () => {
    const token = await signCallerToken({ sub: 'x', role: 'admin' as Viewer['role'] });
    await expect(verifyCallerToken(token)).rejects.toThrow(/role/);
  });

  it('does not accept a caller token where a viewer token is expected', async () => {
    await expect(verifyViewerToken(await signCallerToken(camille))).rejects.toThrow(AuthError);
    expect(await verifyViewerToken(await signViewerToken(sophie))).toEqual(sophie);
  });
});

describe('access grants', () => {
  it('opens only the granted scopes, to the granted viewer, for the granted person', async () => {
    const grant = await signAccessGrant({ personId: 'camille-martin', viewerSub: 'sophie-adviser', scopes: ['passport', 'rights'] });
    await expect(assertAccess(grant, sophie, 'camille-martin', 'rights')).resolves.toBeUndefined();
    await expect(assertAccess(grant, sophie, 'camille-martin', 'funding')).rejects.toThrow(/funding/);
    await expect(assertAccess(grant, sophie, 'karim-benali', 'rights')).rejects.toThrow(AuthError);
    await expect(assertAccess(grant, { sub: 'someone-else', role: 'adviser' }, 'camille-martin', 'rights')).rejects.toThrow(AuthError);
  });

  it('refuses anonymous viewers and missing grants', async () => {
    await expect(assertAccess(null, null, 'camille-martin', 'rights')).rejects.toThrow(/authentication/);
    await expect(assertAccess(null, sophie, 'camille-martin', 'rights')).rejects.toThrow(AuthError);
    await expect(assertAccess('garbage', sophie, 'camille-martin', 'rights')).rejects.toThrow(/invalid/);
  });
});

describe('verified internal tokens, kept until they expire', () => {
  afterEach(() => vi.useRealTimers());
  const internal = new TextEncoder().encode('dev-only-internal-secret-0123456789abcdef');

  it('keeps an entry until its exp, never after, and only tokens with an expiry', () => {
    let now = 1_000;
    const cache = new VerifiedTokenCache<string>(3, () => now);
    cache.set('a', 1_010, 'A');
    cache.set('no-exp', undefined, 'X');
    expect(cache.get('a')).toBe('A');
    expect(cache.get('no-exp')).toBeUndefined();
    now = 1_010;
    expect(cache.get('a')).toBeUndefined();
  });

  it('is bounded: expired entries go first, then the oldest', () => {
    let now = 0;
    const cache = new VerifiedTokenCache<number>(2, () => now);
    cache.set('old', 5, 1);
    cache.set('b', 100, 2);
    now = 10;
    cache.set('c', 100, 3);
    expect([cache.get('old'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    cache.set('d', 100, 4);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
  });

  it('refuses a viewer token once expired, even after it was accepted', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-25T10:00:00Z') });
    const token = await new SignJWT({ ...sophie }).setProtectedHeader({ alg: 'HS256' }).setAudience('subgraphs').setExpirationTime('10s').sign(internal);
    expect(await verifyViewerToken(token)).toEqual(sophie);
    expect(await verifyViewerToken(token)).toEqual(sophie);
    vi.setSystemTime(Date.parse('2026-11-25T10:00:11Z'));
    await expect(verifyViewerToken(token)).rejects.toThrow(AuthError);
  });

  it('refuses an access grant once expired, even after it was accepted', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-25T10:00:00Z') });
    const grant = await new SignJWT({ scopes: ['rights'], viewer: sophie.sub })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('camille-martin')
      .setAudience('access-grant')
      .setExpirationTime('10s')
      .sign(internal);
    await expect(assertAccess(grant, sophie, 'camille-martin', 'rights')).resolves.toBeUndefined();
    vi.setSystemTime(Date.parse('2026-11-25T10:00:11Z'));
    await expect(assertAccess(grant, sophie, 'camille-martin', 'rights')).rejects.toThrow(/invalid access grant/);
  });

  it('checks person, viewer and scope on every use of a grant already verified', async () => {
    const grant = await signAccessGrant({ personId: 'camille-martin', viewerSub: 'sophie-adviser', scopes: ['rights'] });
    await expect(assertAccess(grant, sophie, 'camille-martin', 'rights')).resolves.toBeUndefined();
    await expect(assertAccess(grant, sophie, 'camille-martin', 'funding')).rejects.toThrow(/funding/);
    await expect(assertAccess(grant, sophie, 'karim-benali', 'rights')).rejects.toThrow(AuthError);
    await expect(assertAccess(grant, camille, 'camille-martin', 'rights')).rejects.toThrow(AuthError);
  });
});

describe('access grants handed out again', () => {
  it('reuses the grant of the same person, viewer and scopes for GRANT_REUSE_MS, then signs a new one', async () => {
    const claims = { personId: 'karim-benali', viewerSub: 'sophie-adviser', scopes: ['rights' as const] };
    const t0 = Date.now();
    const first = await accessGrantFor(claims, t0);
    expect(await accessGrantFor({ ...claims, scopes: ['rights'] }, t0 + GRANT_REUSE_MS - 1)).toBe(first);
    expect(await accessGrantFor({ ...claims, scopes: ['rights', 'funding'] }, t0 + 1)).not.toBe(first);
    expect(await accessGrantFor({ ...claims, viewerSub: 'other-adviser' }, t0 + 1)).not.toBe(first);
    await new Promise((r) => setTimeout(r, 1100)); // a new grant differs by its exp (seconds)
    expect(await accessGrantFor(claims, t0 + GRANT_REUSE_MS)).not.toBe(first);
  });

  it('hands out only grants with at least 90 s left', async () => {
    const t0 = Date.now();
    const grant = await accessGrantFor({ personId: 'lea-dubois', viewerSub: 'sophie-adviser', scopes: ['funding'] }, t0);
    const { exp } = JSON.parse(Buffer.from(grant.split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(exp * 1000 - (t0 + GRANT_REUSE_MS)).toBeGreaterThanOrEqual(89_000);
  });
});
