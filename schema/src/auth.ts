// Identity and access tokens shared by the gateway and the subgraphs.
// - The *caller token* is the bearer JWT a client sends to the gateway.
// - The *viewer token* is minted by the gateway for one request and sent to the subgraphs:
//   a subgraph trusts only claims signed with the internal secret, so a direct call that
//   bypasses the gateway is treated as anonymous.
// - An *access grant* is minted by passport when a viewer may read a person; the other
//   subgraphs require it through the supergraph (@requires) and verify its signature.
import { webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

export const ROLES = ['holder', 'adviser', 'prescriber', 'funder', 'organisation', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  /** Stable subject id: a person id for holders, an account id for professionals. */
  sub: string;
  role: Role;
  name?: string;
  /** For funders: the funder they act for. */
  funderId?: string;
  /** For training organisations: their SIRET. */
  siret?: string;
}

const encoder = new TextEncoder();
const DEV_JWT_SECRET = 'dev-only-secret-change-me-please-0123456789';
const DEV_INTERNAL_SECRET = 'dev-only-internal-secret-0123456789abcdef';

export function jwtSecret(): Uint8Array {
  return encoder.encode(process.env.JWT_SECRET ?? DEV_JWT_SECRET);
}
export function internalSecret(): Uint8Array {
  return encoder.encode(process.env.INTERNAL_SECRET ?? DEV_INTERNAL_SECRET);
}

/** The internal secret as an HMAC key, imported once (jose would import the raw bytes on every call). */
let internalKeyFor: { secret: string; key: Promise<webcrypto.CryptoKey> } | undefined;
function internalKey(): Promise<webcrypto.CryptoKey> {
  const secret = process.env.INTERNAL_SECRET ?? DEV_INTERNAL_SECRET;
  if (internalKeyFor?.secret !== secret) {
    const key = webcrypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    internalKeyFor = { secret, key };
  }
  return internalKeyFor.key;
}

/**
 * Internal tokens (viewer tokens, access grants) whose signature and claims were checked, by
 * token: the same token arrives with every subgraph fetch of a request and of the next ones,
 * and checking it again would give the same answer until it expires. An entry never outlives
 * its token's `exp` (checked on every hit exactly as jose does), holds only verified tokens,
 * is dropped when the internal secret changes, and the cache is bounded.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, { value: T; exp: number }>();
  private secret: string | undefined;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  get(token: string): T | undefined {
    this.checkSecret();
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.exp > this.nowSeconds()) return entry.value;
    this.entries.delete(token);
    return undefined;
  }

  /** Keeps a token just verified; one without an expiry is not kept. */
  set(token: string, exp: unknown, value: T): void {
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return;
    this.checkSecret();
    if (this.entries.size >= this.maxEntries) {
      const now = this.nowSeconds();
      for (const [key, entry] of this.entries) if (entry.exp <= now) this.entries.delete(key);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(token, { value, exp });
  }

  get size(): number {
    return this.entries.size;
  }

  private checkSecret(): void {
    const secret = process.env.INTERNAL_SECRET ?? DEV_INTERNAL_SECRET;
    if (secret !== this.secret) {
      this.entries.clear();
      this.secret = secret;
    }
  }
}

export const ISSUER = process.env.JWT_ISSUER ?? 'formations-api-dev';

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

function toViewer(payload: Record<string, unknown>): Viewer {
  const { sub, role, name, funderId, siret } = payload;
  if (typeof sub !== 'string' || !sub) throw new AuthError('token has no subject');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new AuthError(`token role must be one of ${ROLES.join(', ')}`);
  }
  const viewer: Viewer = { sub, role: role as Role };
  if (typeof name === 'string') viewer.name = name;
  if (typeof funderId === 'string') viewer.funderId = funderId;
  if (typeof siret === 'string') viewer.siret = siret;
  return viewer;
}

/** Signs a caller token (dev tool and tests; production tokens come from an identity provider). */
export async function signCallerToken(viewer: Viewer, ttl = '12h'): Promise<string> {
  return new SignJWT({ ...viewer }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setIssuedAt().setExpirationTime(ttl).sign(jwtSecret());
}

export async function verifyCallerToken(token: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, jwtSecret(), { issuer: ISSUER, algorithms: ['HS256'] });
    return toViewer(payload);
  } catch (error) {
    if (error instanceof AuthError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AuthError('token expired');
    throw new AuthError('invalid token');
  }
}

export const VIEWER_HEADER = 'x-formations-viewer';

export async function signViewerToken(viewer: Viewer): Promise<string> {
  return new SignJWT({ ...viewer })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('subgraphs')
    .setExpirationTime('2m')
    .sign(await internalKey());
}

const verifiedViewers = new VerifiedTokenCache<Viewer>();

export async function verifyViewerToken(token: string): Promise<Viewer> {
  const known = verifiedViewers.get(token);
  if (known) return { ...known };
  try {
    const { payload } = await jwtVerify(token, await internalKey(), { audience: 'subgraphs', algorithms: ['HS256'] });
    const viewer = toViewer(payload);
    verifiedViewers.set(token, payload.exp, viewer);
    return { ...viewer };
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError('invalid viewer token');
  }
}

/** What part of a person's data a grant opens. */
export const ACCESS_SCOPES = ['passport', 'rights', 'funding', 'recommendations'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

export interface AccessGrant {
  personId: string;
  viewerSub: string;
  scopes: AccessScope[];
}

export async function signAccessGrant(grant: AccessGrant): Promise<string> {
  return new SignJWT({ scopes: grant.scopes, viewer: grant.viewerSub })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(grant.personId)
    .setAudience('access-grant')
    .setExpirationTime('2m')
    .sign(await internalKey());
}

/** How long a signed grant (valid 2 minutes) is handed out again for the same claims. */
export const GRANT_REUSE_MS = 30_000;
const issuedGrants = new Map<string, { token: Promise<string>; until: number; secret: string }>();

/**
 * A grant for exactly these claims: the one signed for the same person, viewer and scopes less
 * than GRANT_REUSE_MS ago (so it has at least 90 s left), else a new one. The scopes are worked
 * out by the caller on every request, so a revoked or narrowed consent gives other claims and
 * never reuses a grant; reuse opens nothing a fresh grant would not.
 */
export function accessGrantFor(grant: AccessGrant, now = Date.now()): Promise<string> {
  const secret = process.env.INTERNAL_SECRET ?? DEV_INTERNAL_SECRET;
  const key = JSON.stringify([grant.personId, grant.viewerSub, grant.scopes]);
  const issued = issuedGrants.get(key);
  if (issued && issued.until > now && issued.secret === secret) return issued.token;
  if (issuedGrants.size >= 10_000) {
    for (const [k, entry] of issuedGrants) if (entry.until <= now) issuedGrants.delete(k);
    if (issuedGrants.size >= 10_000) issuedGrants.delete(issuedGrants.keys().next().value!);
  }
  const token = signAccessGrant(grant);
  issuedGrants.set(key, { token, until: now + GRANT_REUSE_MS, secret });
  token.catch(() => issuedGrants.delete(key));
  return token;
}

interface GrantClaims {
  personId: unknown;
  viewerSub: unknown;
  scopes: unknown[];
}
const verifiedGrants = new VerifiedTokenCache<GrantClaims>();

/** The claims of a valid grant (signature, audience and expiry checked once per token). */
async function grantClaims(token: string): Promise<GrantClaims> {
  const known = verifiedGrants.get(token);
  if (known) return known;
  let payload;
  try {
    ({ payload } = await jwtVerify(token, await internalKey(), { audience: 'access-grant', algorithms: ['HS256'] }));
  } catch {
    throw new AuthError('invalid access grant');
  }
  const claims: GrantClaims = { personId: payload.sub, viewerSub: payload.viewer, scopes: Array.isArray(payload.scopes) ? [...payload.scopes] : [] };
  Object.freeze(claims.scopes);
  verifiedGrants.set(token, payload.exp, Object.freeze(claims));
  return claims;
}

/**
 * Checks that `token` lets `viewer` read `scope` of person `personId` (any one of the scopes
 * when several are given). Throws a FORBIDDEN-worthy AuthError otherwise.
 */
export async function assertAccess(
  token: string | null | undefined,
  viewer: Viewer | null,
  personId: string,
  scope: AccessScope | readonly AccessScope[],
): Promise<void> {
  const wanted: readonly AccessScope[] = typeof scope === 'string' ? [scope] : scope;
  const label = wanted.join(' or ');
  if (!viewer) throw new AuthError('authentication required to read person data');
  if (!token) throw new AuthError(`not allowed to read ${label} of this person`);
  const { personId: grantedPerson, viewerSub, scopes } = await grantClaims(token);
  if (grantedPerson !== personId || viewerSub !== viewer.sub || !wanted.some((s) => scopes.includes(s))) {
    throw new AuthError(`not allowed to read ${label} of this person`);
  }
}
