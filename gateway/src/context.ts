import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { AuthError, signViewerToken, type Viewer } from '@formations/schema/auth';
import type { CallerVerifier } from './identity.ts';

export interface GatewayContext {
  viewer: Viewer | null;
  /** Signed for the subgraphs, once per request. */
  viewerToken: string | null;
  requestId: string;
}

export function bearerToken(req: http.IncomingMessage): string | null {
  const authorization = req.headers.authorization;
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  return match[1]!;
}

/**
 * Verified tokens, so a client's requests cost one signature check and one viewer-token
 * signature per minute rather than per request. Bounded; an entry never outlives its token.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { viewer: Viewer; viewerToken: string; until: number }>();

  constructor(
    private readonly verify: CallerVerifier,
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(token: string): Promise<{ viewer: Viewer; viewerToken: string }> {
    const cached = this.entries.get(token);
    if (cached && cached.until > this.now()) return cached;
    this.entries.delete(token);
    const viewer = await this.verify(token);
    const expiresAt = expiryOf(token);
    const entry = { viewer, viewerToken: await signViewerToken(viewer), until: Math.min(this.now() + this.ttlMs, expiresAt ?? Infinity) };
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, entry);
    return entry;
  }
}

/** The `exp` of a JWT already verified, in ms. */
function expiryOf(token: string): number | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export async function gatewayContext(req: http.IncomingMessage, tokens: VerifiedTokens, requestId: string): Promise<GatewayContext> {
  const token = bearerToken(req);
  if (!token) return { viewer: null, viewerToken: null, requestId };
  try {
    const { viewer, viewerToken } = await tokens.resolve(token);
    return { viewer, viewerToken, requestId };
  } catch (error) {
    throw unauthenticated(error instanceof AuthError ? error.message : 'invalid token');
  }
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
