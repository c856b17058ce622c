// Apollo Gateway on the committed supergraph: no introspection of subgraphs at run time.
import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { VIEWER_HEADER } from '@formations/schema/auth';
import { injectTraceContext } from '@formations/schema/tracing';
import type { SubgraphName } from '@formations/schema/compose';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { queryPlanCache } from './metrics.ts';
import { resilientFetcher, type CircuitBreaker } from './resilience.ts';

class ViewerForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
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
      return new ViewerForwardingDataSource({ url: subgraphUrls.get(name) ?? url, fetcher: fetch });
    },
  });
  return { gateway, breakers };
}
