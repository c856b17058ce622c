import os from 'node:os';
import { SUBGRAPHS, supergraphPath, type SubgraphName } from '@formations/schema/compose';
import { DEFAULT_MAX_SOCKETS } from './http-fetcher.ts';

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /**
   * Subgraph URLs override the ones composed into the supergraph (containers, tests); several,
   * separated by commas or spaces, are replicas of the subgraph that the gateway takes in turn.
   */
  subgraphUrls: Partial<Record<SubgraphName, string[]>>;
  production: boolean;
  /** Token pre-filled in the IDE's headers (development only). */
  ideToken?: string;
  /** Caller tokens: a JWKS file or URL; the HS256 dev secret is refused in production. */
  jwksFile?: string;
  jwksUrl?: string;
  /** Query limits (graphql-armor). */
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxBodyBytes: number };
  /** Persisted operations: a manifest of { id: query }; `only` refuses any other operation. */
  persistedOperations?: { file: string; only: boolean };
  /** Requests per client (token subject, else IP) per minute; 0 disables. */
  rateLimitPerMinute: number;
  /** Per-subgraph fetch timeout (time waiting for a connection included), read retries and circuit breaker. */
  subgraphTimeoutMs: number;
  /** Connections (requests in flight) per subgraph; raise it for a subgraph served by several processes. */
  subgraphMaxConnections: number;
  readRetries: number;
  breaker: { failureThreshold: number; openMs: number };
  /** Worker processes (cluster mode); 1 = no cluster. */
  workers: number;
}

const int = (value: string | undefined, fallback: number) => (value === undefined || value === '' ? fallback : Number.parseInt(value, 10));

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: Partial<Record<SubgraphName, string[]>> = {};
  for (const { name } of SUBGRAPHS) {
    const url = env[`${name.toUpperCase()}_URL`];
    const urls = url?.split(/[\s,]+/).filter(Boolean) ?? [];
    if (urls.length > 0) subgraphUrls[name] = urls;
  }
  const production = env.NODE_ENV === 'production';
  const config: GatewayConfig = {
    port: int(env.PORT, 4000),
    host: env.HOST ?? '127.0.0.1',
    supergraphPath: env.SUPERGRAPH_PATH ?? supergraphPath,
    subgraphUrls,
    production,
    limits: {
      maxDepth: int(env.MAX_DEPTH, 12),
      maxAliases: int(env.MAX_ALIASES, 15),
      maxTokens: int(env.MAX_TOKENS, 3000),
      maxCost: int(env.MAX_COST, 20000),
      maxBodyBytes: int(env.MAX_BODY_BYTES, 100_000),
    },
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, production ? 600 : 0),
    subgraphTimeoutMs: int(env.SUBGRAPH_TIMEOUT_MS, 5000),
    subgraphMaxConnections: int(env.SUBGRAPH_MAX_CONNECTIONS, DEFAULT_MAX_SOCKETS),
    readRetries: int(env.SUBGRAPH_READ_RETRIES, 1),
    breaker: { failureThreshold: int(env.BREAKER_FAILURES, 5), openMs: int(env.BREAKER_OPEN_MS, 5000) },
    workers: env.GATEWAY_WORKERS === 'auto' ? os.availableParallelism() : int(env.GATEWAY_WORKERS, 1),
  };
  if (env.IDE_TOKEN && !production) config.ideToken = env.IDE_TOKEN;
  if (env.JWKS_FILE) config.jwksFile = env.JWKS_FILE;
  if (env.JWKS_URL) config.jwksUrl = env.JWKS_URL;
  if (env.PERSISTED_OPERATIONS_FILE) {
    config.persistedOperations = { file: env.PERSISTED_OPERATIONS_FILE, only: env.PERSISTED_OPERATIONS_ONLY === 'true' };
  }
  return config;
}
