// Apollo Gateway on the committed supergraph: no introspection of subgraphs at run time.
import fs from 'node:fs';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { VIEWER_HEADER } from '@formations/schema/auth';
import { injectTraceContext } from '@formations/schema/tracing';
import type { SubgraphName } from '@formations/schema/compose';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { queryPlanCache } from './metrics.ts';
import { resilientFetcher, type CircuitBreaker } from './resilience.ts';

/** The fields a subgraph fetch asks for, so a failure can be reported at their place. */
function requestedFields(query: string): string[] {
  try {
    const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
    const names = (set: SelectionSetNode): string[] =>
      set.selections.flatMap((s) =>
        s.kind === Kind.FIELD ? [s.alias?.value ?? s.name.value] : s.kind === Kind.INLINE_FRAGMENT ? names(s.selectionSet) : [],
      );
    const root = operation.selectionSet.selections[0];
    // An entity fetch selects `_entities(representations) { ... on Person { field } }`.
    if (root?.kind === Kind.FIELD && root.name.value === '_entities' && root.selectionSet) return names(root.selectionSet).filter((n) => n !== '__typename');
    return names(operation.selectionSet);
  } catch {
    return [];
  }
}

/** A dead, slow or circuit-broken subgraph becomes errors located at the fields it owed. */
export function unavailableResponse(subgraph: string, query: string, representations: unknown, cause: unknown): GatewayGraphQLResponse {
  const message = `subgraph ${subgraph} is unavailable (${(cause as Error)?.message ?? 'no answer'}); the other fields were answered`;
  const extensions = { code: 'SUBGRAPH_UNAVAILABLE' };
  const fields = requestedFields(query);
  const errors: GraphQLFormattedError[] = Array.isArray(representations)
    ? representations.flatMap((_, i) => fields.map((field) => ({ message, path: ['_entities', i, field], extensions })))
    : fields.map((field) => ({ message, path: [field], extensions }));
  return { errors: errors.length ? errors : [{ message, extensions }] };
}

class ViewerForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: string, config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0]) {
    super(config);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      // Only client operations are answered this way (not health checks or schema loads).
      if (options.kind !== ('incoming operation' as typeof options.kind)) throw error;
      return unavailableResponse(this.subgraph, options.request.query ?? '', options.request.variables?.representations, error);
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Only the gateway can mint the viewer token: subgraphs trust nothing else.
    if ('viewerToken' in context && context.viewerToken) request.http?.headers.set(VIEWER_HEADER, context.viewerToken);
    if ('requestId' in context) request.http?.headers.set('x-request-id', context.requestId);
    injectTraceContext((name, value) => request.http?.headers.set(name, value));
  }
}

/** Reads the supergraph and the URL of each subgraph it names (env overrides win). */
export function readSupergraph(config: GatewayConfig): { sdl: string; subgraphUrls: Map<string, string> } {
  const sdl = fs.readFileSync(config.supergraphPath, 'utf8');
  const subgraphUrls = new Map<string, string>();
  for (const match of sdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    const name = match[1]!;
    subgraphUrls.set(name, config.subgraphUrls[name as SubgraphName] ?? match[2]!);
  }
  return { sdl, subgraphUrls };
}

/** The gateway's query-plan LRU, counting hits and misses. */
class CountingPlanCache<V extends {}> implements KeyValueCache<V> {
  private readonly lru = new InMemoryLRUCache<V>({ maxSize: 30 * 2 ** 20 });
  async get(key: string) {
    const plan = await this.lru.get(key);
    queryPlanCache.inc({ result: plan === undefined ? 'miss' : 'hit' });
    return plan;
  }
  set(key: string, value: V, options?: { ttl?: number | null }) {
    return this.lru.set(key, value, options);
  }
  delete(key: string) {
    return this.lru.delete(key);
  }
  clear() {
    this.lru.clear();
  }
}

export function createGateway(config: GatewayConfig, subgraphUrls: Map<string, string>, sdl: string) {
  const breakers = new Map<string, CircuitBreaker>();
  const gateway = new ApolloGateway({
    supergraphSdl: sdl,
    queryPlannerConfig: { cache: new CountingPlanCache() },
    buildService: ({ name, url }) => {
      // Node's fetch (undici) keeps a pool of keep-alive connections per subgraph.
      const { fetch, breaker } = resilientFetcher(name, {
        timeoutMs: config.subgraphTimeoutMs,
        readRetries: config.readRetries,
        breaker: config.breaker,
      });
      breakers.set(name, breaker);
      return new ViewerForwardingDataSource(name, { url: subgraphUrls.get(name) ?? url, fetcher: fetch });
    },
  });
  return { gateway, breakers };
}
