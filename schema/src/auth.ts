// Identity and access tokens shared by the gateway and the subgraphs.
// - The *caller token* is the bearer JWT a client sends to the gateway.
// - The *viewer token* is minted by the gateway for one request and sent to the subgraphs:
//   a subgraph trusts only claims signed with the internal secret, so a direct call that
//   bypasses the gateway is treated as anonymous.
// - An *access grant* is minted by passport when a viewer may read a person; the other
//   subgraphs require it through the supergraph (@requires) and verify its signature.
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
  return new SignJWT({ ...viewer })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(jwtSecret());
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
    .sign(internalSecret());
}

export async function verifyViewerToken(token: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, internalSecret(), { audience: 'subgraphs', algorithms: ['HS256'] });
    return toViewer(payload);
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
    .sign(internalSecret());
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
  let payload;
  try {
    ({ payload } = await jwtVerify(token, internalSecret(), { audience: 'access-grant', algorithms: ['HS256'] }));
  } catch {
    throw new AuthError('invalid access grant');
  }
  const scopes = Array.isArray(payload.scopes) ? payload.scopes : [];
  if (payload.sub !== personId || payload.viewer !== viewer.sub || !wanted.some((s) => scopes.includes(s))) {
    throw new AuthError(`not allowed to read ${label} of this person`);
  }
}
