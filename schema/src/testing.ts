// For subgraph tests: runs operations on a subgraph's schema in-process, as the gateway would
// send them (ApolloServer.executeOperation), with the context a test builds.
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';

/** Loosely typed on purpose: a test reads the shape it asked for. */
export interface OperationResult {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, any> }[];
}

/** `run(query, variables, context)` over one server per schema; the answer must be a single result. */
export function operationRunner<C extends BaseContext>(schema: GraphQLSchema) {
  const server = new ApolloServer<C>({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  return async (query: string, variables: Record<string, unknown>, contextValue: C): Promise<OperationResult> => {
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as OperationResult;
  };
}
