// A minimal OpenID Connect provider for the tests: discovery, an authorization endpoint that
// signs in a fixed user at once, a token endpoint that checks PKCE (S256) and answers an ES256
// ID token, and the JWKS the gateway verifies it with. Loopback only.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export interface FakeOidc {
  issuer: string;
  jwks: { keys: object[] };
  close: () => Promise<void>;
}

export async function startFakeOidc(user: { sub: string; role: string; name: string }, tokenIssuer = 'formations-api-dev'): Promise<FakeOidc> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'oidc-1', alg: 'ES256', use: 'sig' }] };
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string; clientId: string }>();
  let issuer = '';
  const cors = { 'access-control-allow-origin': '*' };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` }));
      return;
    }
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      if (p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge') || !p.get('state')) {
        res.writeHead(400).end('bad authorization request');
        return;
      }
      const code = randomUUID();
      codes.set(code, { challenge: p.get('code_challenge')!, nonce: p.get('nonce') ?? '', redirectUri: p.get('redirect_uri')!, clientId: p.get('client_id')! });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state')!);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri') || grant.clientId !== form.get('client_id')) {
        res.writeHead(400, { 'content-type': 'application/json', ...cors }).end(JSON.stringify({ error: 'invalid_grant' }));
        return;
      }
      const idToken = await new SignJWT({ role: user.role, name: user.name, nonce: grant.nonce })
        .setProtectedHeader({ alg: 'ES256', kid: 'oidc-1' })
        .setSubject(user.sub)
        .setIssuer(tokenIssuer)
        .setAudience(grant.clientId)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      res.end(JSON.stringify({ id_token: idToken, access_token: idToken, token_type: 'Bearer', expires_in: 600 }));
      return;
    }
    res.writeHead(404, cors).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwks,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
