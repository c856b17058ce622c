// Who is signed in. The console sends the same bearer tokens as any API client:
// - development: the gateway mints a demo token (POST /console/dev-token, absent in production);
// - production: OpenID Connect, authorization code flow with PKCE, against the provider set by
//   CONSOLE_OIDC_ISSUER / CONSOLE_OIDC_CLIENT_ID on the gateway (the gateway verifies the token
//   with JWKS_URL / JWKS_FILE). The token lives in sessionStorage: gone when the tab closes.
import { BASE } from './router.tsx';

export type Role = 'holder' | 'adviser' | 'prescriber' | 'funder' | 'organisation' | 'operator';

export interface Persona {
  id: string;
  role: Role;
  label: string;
  hint: string;
}

export interface ConsoleConfig {
  graphqlPath: string;
  devSignIn: boolean;
  personas: Persona[];
  oidc: { issuer: string; clientId: string; scope: string; token: 'id_token' | 'access_token' } | null;
}

export interface Session {
  token: string;
  sub: string;
  role: Role;
  label: string;
}

const KEY = 'formations-console-session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    const claims = decodeClaims(session.token);
    if (claims?.exp && claims.exp * 1000 < Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** The settings the gateway writes into index.html (absent under `vite` in development: then fetched). */
export function inlineConfig(): ConsoleConfig | null {
  const block = document.getElementById('console-config');
  if (!block?.textContent) return null;
  try {
    return JSON.parse(block.textContent) as ConsoleConfig;
  } catch {
    return null;
  }
}

export async function fetchConfig(): Promise<ConsoleConfig> {
  const res = await fetch(`${BASE}/config.json`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`configuration indisponible (${res.status})`);
  return (await res.json()) as ConsoleConfig;
}

export async function devSignIn(persona: string): Promise<Session> {
  const res = await fetch(`${BASE}/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  if (!res.ok) throw new Error(`connexion refusée (${res.status})`);
  const body = (await res.json()) as { token: string; sub: string; role: Role; label: string };
  return { token: body.token, sub: body.sub, role: body.role, label: body.label };
}

/** A token pasted by hand (e.g. from `npm run token`): its claims say who it is. */
export function sessionFromToken(token: string): Session {
  const claims = decodeClaims(token.trim());
  if (!claims?.sub) throw new Error('ce jeton n’est pas un JWT lisible');
  const role = (claims.role ?? 'holder') as Role;
  return { token: token.trim(), sub: claims.sub, role, label: claims.name ?? claims.sub };
}

interface Claims {
  sub?: string;
  role?: string;
  name?: string;
  exp?: number;
  nonce?: string;
}

function decodeClaims(token: string): Claims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Claims;
  } catch {
    return null;
  }
}

// ---- OpenID Connect (authorization code + PKCE) ----

const OIDC_KEY = 'formations-console-oidc';

function randomString(bytes = 32): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(data);
}

function base64url(data: Uint8Array): string {
  return btoa(String.fromCharCode(...data))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function discovery(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string; end_session_endpoint?: string }> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`fournisseur d’identité injoignable (${res.status})`);
  return (await res.json()) as { authorization_endpoint: string; token_endpoint: string; end_session_endpoint?: string };
}

export const redirectUri = () => `${window.location.origin}${BASE}/connexion/retour`;

export async function startOidcSignIn(oidc: NonNullable<ConsoleConfig['oidc']>, returnTo: string): Promise<void> {
  const meta = await discovery(oidc.issuer);
  const verifier = randomString(48);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = randomString();
  const nonce = randomString();
  sessionStorage.setItem(OIDC_KEY, JSON.stringify({ verifier, state, nonce, returnTo }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scope,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On /connexion/retour: trades the code for tokens; answers the session and where to go back. */
export async function finishOidcSignIn(oidc: NonNullable<ConsoleConfig['oidc']>, params: URLSearchParams): Promise<{ session: Session; returnTo: string }> {
  const saved = JSON.parse(sessionStorage.getItem(OIDC_KEY) ?? 'null') as { verifier: string; state: string; nonce: string; returnTo: string } | null;
  sessionStorage.removeItem(OIDC_KEY);
  if (params.get('error')) throw new Error(`le fournisseur d’identité a refusé : ${params.get('error_description') ?? params.get('error')}`);
  if (!saved || params.get('state') !== saved.state) throw new Error('réponse de connexion inattendue (state) : recommencez');
  const code = params.get('code');
  if (!code) throw new Error('réponse de connexion sans code');
  const meta = await discovery(oidc.issuer);
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: oidc.clientId, code_verifier: saved.verifier }),
  });
  if (!res.ok) throw new Error(`échange du code refusé (${res.status})`);
  const tokens = (await res.json()) as { id_token?: string; access_token?: string };
  const idClaims = tokens.id_token ? decodeClaims(tokens.id_token) : null;
  if (idClaims?.nonce !== undefined && idClaims.nonce !== saved.nonce) throw new Error('réponse de connexion inattendue (nonce) : recommencez');
  const token = oidc.token === 'access_token' ? tokens.access_token : tokens.id_token;
  if (!token) throw new Error(`le fournisseur n’a pas rendu de ${oidc.token}`);
  return { session: sessionFromToken(token), returnTo: saved.returnTo };
}
