import { GraphQLError } from 'graphql';
import { AuthError, assertAccess } from '../auth.ts';

export const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
export const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
export const badUserInput = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
export const notFound = (message: string) => new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });

/** Turns an AuthError into a GraphQL FORBIDDEN error; rethrows anything else. */
export function asGraphQLAuthError(error: unknown): never {
  if (error instanceof AuthError) throw forbidden(error.message);
  throw error;
}

/** The gate before any person data, in every subgraph: `assertAccess`, refused as FORBIDDEN. */
export const requireAccess = (...args: Parameters<typeof assertAccess>): Promise<void> => assertAccess(...args).catch(asGraphQLAuthError);
