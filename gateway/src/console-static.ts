// The adviser's console (console/, a Vite + React build) served by the gateway under /console:
// static files from console/dist, its runtime settings (/console/config.json), its persisted
// operations manifest and, in development only, a sign-in that mints demo tokens server-side.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signCallerToken, type Role } from '@formations/schema/auth';
import { readBody, sendJson, type Route } from '@formations/schema/subgraph';

export const CONSOLE_PATH = '/console';
export const CONSOLE_MANIFEST = 'persisted-operations.json';
export const defaultConsoleDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../console/dist');

/** Demo accounts of the development sign-in (same tokens as `npm run token`). */
export const DEMO_PERSONAS: { id: string; sub: string; role: Role; label: string; hint: string }[] = [
  { id: 'camille-martin', sub: 'camille-martin', role: 'holder', label: 'Camille Martin', hint: 'titulaire, demandeuse d’emploi (La Roche-sur-Yon)' },
  { id: 'karim-benali', sub: 'karim-benali', role: 'holder', label: 'Karim Benali', hint: 'titulaire, salarié' },
  { id: 'lucie-moreau', sub: 'lucie-moreau', role: 'holder', label: 'Lucie Moreau', hint: 'titulaire, salariée peu qualifiée' },
  { id: 'sophie-adviser', sub: 'sophie-adviser', role: 'adviser', label: 'Sophie, conseillère CEP', hint: 'a le consentement de Camille Martin' },
  { id: 'marc-adviser', sub: 'marc-adviser', role: 'adviser', label: 'Marc, conseiller CEP', hint: 'sans consentement' },
  {
    id: 'prescriber-ft',
    sub: 'prescriber-ft',
    role: 'prescriber',
    label: 'Nadia, prescriptrice France Travail',
    hint: 'prescripteur habilité, sans consentement',
  },
];

export interface ConsoleOptions {
  distDir?: string;
  production: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface ConsoleSite {
  route: Route;
  /** The console's persisted operations { sha256: query }, when it is built. */
  manifest(): Record<string, string> | undefined;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Settings the browser needs, from the environment: the OpenID Connect provider in production. */
export function consoleSettings(production: boolean, env: NodeJS.ProcessEnv = process.env) {
  const oidc =
    env.CONSOLE_OIDC_ISSUER && env.CONSOLE_OIDC_CLIENT_ID
      ? {
          issuer: env.CONSOLE_OIDC_ISSUER.replace(/\/$/, ''),
          clientId: env.CONSOLE_OIDC_CLIENT_ID,
          scope: env.CONSOLE_OIDC_SCOPE ?? 'openid profile',
          // Which token the gateway verifies: the ID token (default) or the access token.
          token: env.CONSOLE_OIDC_TOKEN === 'access_token' ? 'access_token' : 'id_token',
        }
      : null;
  return {
    graphqlPath: '/graphql',
    devSignIn: !production,
    personas: production ? [] : DEMO_PERSONAS.map(({ id, role, label, hint }) => ({ id, role, label, hint })),
    oidc,
  };
}

function contentSecurityPolicy(oidcIssuer: string | undefined): string {
  const connect = ["'self'", ...(oidcIssuer ? [new URL(oidcIssuer).origin] : [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes; the DSFR uses data: images in its CSS.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

export function consoleSite(options: ConsoleOptions): ConsoleSite {
  const distDir = path.resolve(options.distDir ?? process.env.CONSOLE_DIST ?? defaultConsoleDist);
  const settings = consoleSettings(options.production, options.env);
  const settingsJson = JSON.stringify(settings);
  const csp = contentSecurityPolicy(settings.oidc?.issuer);
  let manifest: { mtimeMs: number; value: Record<string, string> } | undefined;
  let checkedAt = -Infinity;

  // Read again when the file changes (a rebuild while the gateway runs), looked at once a second.
  const readManifest = () => {
    const now = performance.now();
    if (now - checkedAt < 1000) return manifest?.value;
    checkedAt = now;
    const file = path.join(distDir, CONSOLE_MANIFEST);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      manifest = undefined;
      return undefined;
    }
    if (manifest?.mtimeMs !== stat.mtimeMs) manifest = { mtimeMs: stat.mtimeMs, value: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string> };
    return manifest.value;
  };

  // index.html carries the settings inline (a JSON block, not a script the CSP would have to
  // allow): the application starts without waiting for /console/config.json.
  const settingsBlock = `<script id="console-config" type="application/json">${settingsJson.replace(/</g, '\\u003c')}</script>`;
  let page: { mtimeMs: number; body: Buffer } | undefined;
  const indexHtml = (file: string): Buffer => {
    const mtimeMs = fs.statSync(file).mtimeMs;
    if (page?.mtimeMs !== mtimeMs) page = { mtimeMs, body: Buffer.from(fs.readFileSync(file, 'utf8').replace('</head>', `${settingsBlock}</head>`)) };
    return page.body;
  };

  const sendFile = (req: http.IncomingMessage, res: http.ServerResponse, file: string, immutable: boolean) => {
    const body = file.endsWith('index.html') ? indexHtml(file) : fs.readFileSync(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      ...(file.endsWith('.html') ? { 'content-security-policy': csp } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const route: Route = async (req, res) => {
    const url = req.url ?? '/';
    const pathname = decodeURIComponent(url.split('?')[0] ?? '/');
    if (pathname !== CONSOLE_PATH && !pathname.startsWith(`${CONSOLE_PATH}/`)) return false;
    if (pathname === CONSOLE_PATH) {
      res.writeHead(308, { location: `${CONSOLE_PATH}/${url.slice(CONSOLE_PATH.length)}` });
      res.end();
      return true;
    }
    const rest = pathname.slice(CONSOLE_PATH.length + 1);
    if (rest === 'config.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(settingsJson);
      return true;
    }
    if (rest === 'dev-token') {
      // Development sign-in: the token is signed here, with the dev secret; never in production.
      if (options.production) return false;
      if (req.method !== 'POST') {
        sendJson(res, 405, { error: 'POST { "persona": "<id>" }' });
        return true;
      }
      let persona: string | undefined;
      try {
        persona = (JSON.parse(await readBody(req, 10_000)) as { persona?: string }).persona;
      } catch {
        persona = undefined;
      }
      const demo = DEMO_PERSONAS.find((p) => p.id === persona);
      if (!demo) {
        sendJson(res, 400, { error: `unknown persona; one of ${DEMO_PERSONAS.map((p) => p.id).join(', ')}` });
        return true;
      }
      const token = await signCallerToken({ sub: demo.sub, role: demo.role }, '12h');
      sendJson(res, 200, { token, sub: demo.sub, role: demo.role, label: demo.label });
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!fs.existsSync(path.join(distDir, 'index.html'))) {
      const text = 'The console is not built: run `npm run build -w @formations/console` (npm start does it).\n';
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
      return true;
    }
    const file = path.resolve(distDir, rest);
    if (file.startsWith(distDir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      sendFile(req, res, file, rest.startsWith('assets/'));
      return true;
    }
    // Unknown asset: 404; any other path is a page of the single-page application.
    if (rest.startsWith('assets/') || path.extname(rest) !== '') {
      sendJson(res, 404, { error: 'not found' });
      return true;
    }
    sendFile(req, res, path.join(distDir, 'index.html'), false);
    return true;
  };

  return { route, manifest: readManifest };
}
