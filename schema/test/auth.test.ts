import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import {
  AuthError,
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
