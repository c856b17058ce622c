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

export async function gatewayContext(req: http.IncomingMessage, verify: CallerVerifier, requestId: string): Promise<GatewayContext> {
  const token = bearerToken(req);
  if (!token) return { viewer: null, viewerToken: null, requestId };
  try {
    const viewer = await verify(token);
    return { viewer, viewerToken: await signViewerToken(viewer), requestId };
  } catch (error) {
    throw unauthenticated(error instanceof AuthError ? error.message : 'invalid token');
  }
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
