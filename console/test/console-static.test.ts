// The gateway's /console routes without a browser: what exists in development and not in production.
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { boundPort, listen } from '@formations/schema/subgraph';
import { verifyCallerToken } from '@formations/schema/auth';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleSite } from '../../gateway/src/console-static.ts';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(production: boolean, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dist, 'persisted-operations.json'), JSON.stringify({ abc: '{ __typename }' }));
  const site = consoleSite({ production, distDir: dist, env });
  const server = await listen(0, '127.0.0.1', [site.route]);
  servers.push(server);
  expect(site.manifest()).toEqual({ abc: '{ __typename }' });
  return `http://127.0.0.1:${boundPort(server)}`;
}

describe('/console on the gateway', () => {
  it('in development: demo personas and a token minted server-side, verifiable by the gateway', async () => {
    const origin = await serve(false);
    const config = (await (await fetch(`${origin}/console/config.json`)).json()) as { devSignIn: boolean; personas: { id: string }[]; oidc: unknown };
    expect(config.devSignIn).toBe(true);
    expect(config.personas.map((p) => p.id)).toEqual(['camille-martin', 'karim-benali', 'lucie-moreau', 'sophie-adviser', 'marc-adviser', 'prescriber-ft']);
    expect(config.oidc).toBeNull();
    const res = await fetch(`${origin}/console/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'sophie-adviser' }),
    });
    const { token } = (await res.json()) as { token: string };
    expect(await verifyCallerToken(token)).toMatchObject({ sub: 'sophie-adviser', role: 'adviser' });
    expect((await fetch(`${origin}/console/dev-token`, { method: 'POST', body: '{"persona":"root"}' })).status).toBe(400);
  });

  it('in production: no dev sign-in at all, the OpenID Connect provider from the environment, its origin allowed by the CSP', async () => {
    const origin = await serve(true, { CONSOLE_OIDC_ISSUER: 'https://id.example.gouv.fr/realms/cep/', CONSOLE_OIDC_CLIENT_ID: 'console' });
    const config = (await (await fetch(`${origin}/console/config.json`)).json()) as {
      devSignIn: boolean;
      personas: unknown[];
      oidc: { issuer: string; clientId: string; scope: string };
    };
    expect(config.devSignIn).toBe(false);
    expect(config.personas).toEqual([]);
    expect(config.oidc).toMatchObject({ issuer: 'https://id.example.gouv.fr/realms/cep', clientId: 'console', scope: 'openid profile' });
    const res = await fetch(`${origin}/console/dev-token`, { method: 'POST', body: '{"persona":"sophie-adviser"}' });
    expect(res.status).toBe(404);
    const page = await fetch(`${origin}/console/recherche`);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' https://id.example.gouv.fr");
  });

  it('serves assets as immutable, pages as index.html, refuses paths outside dist', async () => {
    const origin = await serve(false);
    const asset = await fetch(`${origin}/console/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(await (await fetch(`${origin}/console/personne/x`)).text()).toContain('<title>console</title>');
    expect((await fetch(`${origin}/console/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/console/%2e%2e/%2e%2e/etc/passwd`)).status).not.toBe(200);
    const redirect = await fetch(`${origin}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/console/');
  });
});
