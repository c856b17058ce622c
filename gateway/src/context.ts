import type http from 'node:http';
import { GraphQLError } from 'graphql';
import { AuthError, signViewerToken, verifyCallerToken, type Viewer } from '@formations/schema/auth';

export interface GatewayContext {
  viewer: Viewer | null;
  /** Signed for the subgraphs, once per request. */
  viewerToken: string | null;
}

export async function gatewayContext(req: http.IncomingMessage): Promise<GatewayContext> {
  const authorization = req.headers.authorization;
  if (!authorization) return { viewer: null, viewerToken: null };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  try {
    const viewer = await verifyCallerToken(match[1]!);
    return { viewer, viewerToken: await signViewerToken(viewer) };
  } catch (error) {
    throw unauthenticated(error instanceof AuthError ? error.message : 'invalid token');
  }
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
