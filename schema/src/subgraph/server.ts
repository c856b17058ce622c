// Boots one subgraph: Apollo Server on node:http, viewer from the gateway's signed header,
// per-request DataLoaders so entity resolution is batched.
import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import DataLoader from 'dataloader';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { AuthError, VIEWER_HEADER, verifyViewerToken, type Viewer } from '../auth.ts';
import { initTracing, shutdownTracing, withServerSpan } from '../tracing.ts';
import { boundPort, handleGraphQL, listen, sendJson } from './http.ts';
import { publicResponseCache, type PublicCacheOptions } from './public-cache.ts';

export interface SubgraphContext {
  viewer: Viewer | null;
  /** Per-request memo of DataLoaders, keyed by name. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

/** A per-request DataLoader: all loads of one tick become one `batch` call. */
export function loader<K, V>(
  ctx: SubgraphContext,
  name: string,
  batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]> | readonly (V | Error)[],
): DataLoader<K, V> {
  let found = ctx.loaders.get(name) as DataLoader<K, V> | undefined;
  if (!found) {
    found = new DataLoader<K, V>(async (keys) => batch(keys), { cache: true });
    ctx.loaders.set(name, found as DataLoader<unknown, unknown>);
  }
  return found;
}

export async function contextFromRequest(req: http.IncomingMessage): Promise<SubgraphContext> {
  const header = req.headers[VIEWER_HEADER];
  let viewer: Viewer | null = null;
  if (typeof header === 'string' && header) {
    try {
      viewer = await verifyViewerToken(header);
    } catch (error) {
      throw new GraphQLError(error instanceof AuthError ? error.message : 'invalid viewer', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
  }
  return { viewer, loaders: new Map() };
}

export interface SubgraphOptions<C extends SubgraphContext> {
  name: string;
  /** Adds the subgraph's own services (database, clock…) to each request's context. */
  extendContext: (base: SubgraphContext) => C;
  schema: GraphQLSchema;
  port: number;
  host?: string;
  /** Extra facts for /health (row counts, last import…); throwing (or rejecting) means unhealthy. */
  health?: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Keeps answers that touch no private type, keyed by the version of what they are read from. */
  publicCache?: Omit<PublicCacheOptions, 'schema' | 'maxEntries'>;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  close: () => Promise<void>;
}

export async function serveSubgraph<C extends SubgraphContext>(options: SubgraphOptions<C>): Promise<RunningSubgraph> {
  const production = process.env.NODE_ENV === 'production';
  initTracing(`subgraph-${options.name}`);
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    // Traces go through OpenTelemetry, not Apollo's inline ftv1 traces. No field sets a cache
    // hint and person data must not be cached, so no Cache-Control is ever computed: the
    // cache-control plugin only cost a hook around every field resolver.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();
  const store = options.publicCache
    ? publicResponseCache({ ...options.publicCache, schema: options.schema, maxEntries: Number(process.env.SUBGRAPH_RESPONSE_CACHE_ENTRIES ?? 5_000) })
    : null;
  // A cached answer is still refused to a caller whose viewer token doesn't verify (Apollo then says why).
  const admit = (req: http.IncomingMessage) =>
    contextFromRequest(req).then(
      () => true,
      () => false,
    );
  const started = Date.now();
  // GraphQL requests this process served: with replicas, how the gateway shared the load.
  let served = 0;
  const server = await listen(options.port, options.host ?? '127.0.0.1', [
    async (req, res) => {
      if (!req.url?.startsWith('/health')) return false;
      try {
        sendJson(res, 200, {
          status: 'ok',
          subgraph: options.name,
          pid: process.pid,
          served,
          uptimeSeconds: Math.round((Date.now() - started) / 1000),
          ...(store ? { publicCache: store.stats } : {}),
          ...(await options.health?.()),
        });
      } catch (error) {
        sendJson(res, 503, { status: 'unhealthy', subgraph: options.name, error: (error as Error).message });
      }
      return true;
    },
    async (req, res) => {
      if (!req.url?.startsWith('/graphql')) return false;
      served += 1;
      await withServerSpan(`${options.name} ${req.method} /graphql`, req.headers, () =>
        handleGraphQL(apollo, req, res, async ({ req }) => options.extendContext(await contextFromRequest(req)), store ? { cache: { store, admit } } : {}),
      );
      return true;
    },
  ]);
  const port = boundPort(server);
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/graphql`;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
      await shutdownTracing();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.closeIdleConnections();
      void close().then(() => process.exit(0));
    });
  }
  console.log(JSON.stringify({ level: 'info', msg: 'subgraph ready', subgraph: options.name, url }));
  return { url, port, close };
}
