// Verifies caller tokens: keys from a JWKS (file or URL) in production; the HS256 dev secret
// only outside production.
import fs from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthError, ISSUER, ROLES, verifyCallerToken, type Role, type Viewer } from '@formations/schema/auth';
import type { GatewayConfig } from './config.ts';

export type CallerVerifier = (token: string) => Promise<Viewer>;

export function createCallerVerifier(config: GatewayConfig): CallerVerifier {
  let keys: JWTVerifyGetKey | undefined;
  if (config.jwksFile) keys = createLocalJWKSet(JSON.parse(fs.readFileSync(config.jwksFile, 'utf8')));
  else if (config.jwksUrl) keys = createRemoteJWKSet(new URL(config.jwksUrl));
  if (!keys) {
    if (config.production) throw new Error('production needs JWKS_FILE or JWKS_URL: the HS256 dev secret is for development only');
    return verifyCallerToken;
  }
  const jwks = keys;
  return async (token) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: process.env.JWT_ISSUER ?? ISSUER, algorithms: ['RS256', 'ES256', 'EdDSA'] }));
    } catch (error) {
      throw new AuthError((error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token');
    }
    const { sub, role, funderId, siret } = payload as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new AuthError('token lacks a subject or a known role');
    }
    const viewer: Viewer = { sub, role: role as Role };
    if (typeof funderId === 'string') viewer.funderId = funderId;
    if (typeof siret === 'string') viewer.siret = siret;
    return viewer;
  };
}
