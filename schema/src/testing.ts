// For subgraph tests: runs operations on a subgraph's schema in-process, as the gateway would
// send them (ApolloServer.executeOperation), with the context a test builds.
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type Database from 'better-sqlite3';
import type { GraphQLSchema } from 'graphql';
import type pg from 'pg';

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

/** The two databases a stateful subgraph runs on: its repository tests run on both. */
export const DIALECTS = ['sqlite', 'postgresql'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** Raw SQL for checks behind a store's back, with `?` placeholders in both dialects. */
export type RawQuery = <T = Record<string, unknown>>(text: string, ...values: unknown[]) => Promise<T[]>;

export const sqliteQuery =
  (sqlite: Pick<Database.Database, 'prepare'>): RawQuery =>
  async <T>(text: string, ...values: unknown[]) => {
    const statement = sqlite.prepare(text);
    if (statement.reader) return statement.all(...values) as T[];
    statement.run(...values);
    return [];
  };

export const postgresQuery =
  (pool: Pick<pg.Pool, 'query'>): RawQuery =>
  async <T>(text: string, ...values: unknown[]) => {
    let n = 0;
    return (
      await pool.query(
        text.replace(/\?/g, () => `$${++n}`),
        values,
      )
    ).rows as T[];
  };
