// Apollo Gateway on the committed supergraph: no introspection of subgraphs at run time.
import fs from 'node:fs';
import { ApolloGateway, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError, Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { VIEWER_HEADER } from '@formations/schema/auth';
import { injectTraceContext } from '@formations/schema/tracing';
import type { SubgraphName } from '@formations/schema/compose';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { queryPlanCache } from './metrics.ts';
import { httpFetcher } from './http-fetcher.ts';
import { resilientFetcher, type Replicas } from './resilience.ts';

/** The fields a subgraph fetch asks for, so a failure can be reported at their place. */
function requestedFields(query: string): string[] {
  try {
    const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
    const names = (set: SelectionSetNode): string[] =>
      set.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.alias?.value ?? s.name.value] : s.kind === Kind.INLINE_FRAGMENT ? names(s.selectionSet) : []));
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

/** Cache-Control of a subgraph answer, as RemoteGraphQLDataSource reads it. */
function parseCacheControl(header: string | null): Record<string, string | true> {
  const directives: Record<string, string | true> = {};
  if (!header) return directives;
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [name, value] = part.split(/\s*=\s*/, 2);
    if (name) directives[name] = value === undefined ? true : value.replace(/^"|"$/g, '');
  }
  return directives;
}

async function bodyOf(response: FetcherResponse): Promise<unknown> {
  const type = response.headers.get('content-type');
  return type && (type.startsWith('application/json') || type.startsWith('application/graphql-response+json')) ? response.json() : response.text();
}

/**
 * One subgraph, as RemoteGraphQLDataSource does it (same request body, same errors for a non-2xx
 * answer, same cache-control hints) but without building node-fetch Headers and Request objects
 * for every fetch; adds the viewer token, request id and trace context, and turns a failed
 * fetch into errors located at the fields it owed.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    readonly url: string,
    private readonly fetcher: Fetcher,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await this.send(options);
    } catch (error) {
      // Only client operations are answered this way (not health checks or schema loads).
      if (!('incomingRequestContext' in options)) throw error;
      return unavailableResponse(this.subgraph, options.request.query ?? '', options.request.variables?.representations, error);
    }
  }

  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    if (request.http?.headers) for (const [name, value] of request.http.headers) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    // Only the gateway can mint the viewer token: subgraphs trust nothing else.
    if ('viewerToken' in context && context.viewerToken) headers[VIEWER_HEADER] = context.viewerToken;
    if ('requestId' in context && context.requestId) headers['x-request-id'] = context.requestId;
    injectTraceContext((name, value) => (headers[name.toLowerCase()] = value));
    // The query first: the resilience layer tells reads from writes by its first word.
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    const response = await this.fetcher(this.url, { method: 'POST', headers, body });
    if (!response.ok) throw await errorFromResponse(response);
    const result = await bodyOf(response);
    if (typeof result !== 'object' || result === null) throw new Error(`Expected JSON response body, but received: ${String(result)}`);
    if ('incomingRequestContext' in options) {
      const policy = options.incomingRequestContext.overallCachePolicy;
      if (policy && 'restrict' in policy) {
        const cacheControl = parseCacheControl(response.headers.get('cache-control'));
        const maxAge = cacheControl['max-age'];
        policy.restrict({
          maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
          ...(cacheControl.private === true ? { scope: 'PRIVATE' as const } : cacheControl.public === true ? { scope: 'PUBLIC' as const } : {}),
        });
      }
    }
    return { ...(result as GatewayGraphQLResponse), http: response };
  }
}

/** A non-2xx subgraph answer, as RemoteGraphQLDataSource reports it. */
async function errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
  const extensions: Record<string, unknown> = {
    response: { url: response.url, status: response.status, statusText: response.statusText, body: await bodyOf(response).catch(() => undefined) },
  };
  if (response.status === 401) extensions.code = 'UNAUTHENTICATED';
  else if (response.status === 403) extensions.code = 'FORBIDDEN';
  return new GraphQLError(`${response.status}: ${response.statusText}`, { extensions });
}

/** Reads the supergraph and the URL of each subgraph it names (env overrides win). */
export function readSupergraph(config: GatewayConfig): { sdl: string; subgraphUrls: Map<string, string[]> } {
  const sdl = fs.readFileSync(config.supergraphPath, 'utf8');
  const subgraphUrls = new Map<string, string[]>();
  for (const match of sdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    const name = match[1]!;
    subgraphUrls.set(name, config.subgraphUrls[name as SubgraphName] ?? [match[2]!]);
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

export function createGateway(config: GatewayConfig, subgraphUrls: Map<string, string[]>, sdl: string) {
  const breakers = new Map<string, Replicas>();
  const pools: ReturnType<typeof httpFetcher>[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: sdl,
    queryPlannerConfig: { cache: new CountingPlanCache() },
    buildService: ({ name, url }) => {
      // A pool of keep-alive connections per subgraph.
      const pool = httpFetcher({ maxSockets: config.subgraphMaxConnections });
      pools.push(pool);
      const { fetch, breaker } = resilientFetcher(
        name,
        { timeoutMs: config.subgraphTimeoutMs, readRetries: config.readRetries, breaker: config.breaker },
        pool,
        subgraphUrls.get(name) ?? (url ? [url] : []),
      );
      breakers.set(name, breaker);
      return new SubgraphDataSource(name, subgraphUrls.get(name)?.[0] ?? url ?? '', fetch);
    },
  });
  /** Closes the subgraph connections (after the server stopped). */
  const closeConnections = () => pools.forEach((pool) => pool.close());
  return { gateway, breakers, closeConnections };
}
