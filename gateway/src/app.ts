import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';
import { initTracing, shutdownTracing, withServerSpan } from '@formations/schema/tracing';
import { HttpError, boundPort, handleGraphQL, listen, sendJson } from '@formations/schema/subgraph';
import type { GatewayConfig } from './config.ts';
import { VerifiedTokens, bearerToken, gatewayContext, type GatewayContext } from './context.ts';
import { createGateway, readSupergraph } from './gateway.ts';
import { idePage } from './ide.ts';
import { consoleSite } from './console-static.ts';
import { createCallerVerifier } from './identity.ts';
import { graphqlErrors, httpRequests, rateLimited, registry, requestDuration } from './metrics.ts';
import { PersistedOperationError, PersistedOperations, type GraphQLBody } from './persisted.ts';
import { ClusterRateLimiter, RateLimiter, type RateLimitStore } from './ratelimit.ts';

export interface RunningGateway {
  url: string;
  close: () => Promise<void>;
}

interface SubgraphHealth {
  ok: boolean;
  [fact: string]: unknown;
}

async function replicaHealth(url: string): Promise<SubgraphHealth> {
  const started = performance.now();
  try {
    const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as Record<string, unknown>;
    return { ...body, ok: res.ok, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Each subgraph's health; with replicas, each one's, the subgraph being ok while one of them is. */
async function subgraphHealth(subgraphUrls: Map<string, string[]>): Promise<Record<string, SubgraphHealth>> {
  const entries = await Promise.all(
    [...subgraphUrls].map(async ([name, urls]) => {
      const replicas = await Promise.all(urls.map(replicaHealth));
      if (replicas.length === 1) return [name, replicas[0]!] as const;
      return [name, { ok: replicas.some((r) => r.ok), replicas: replicas.map((r, i) => ({ url: urls[i], ...r })) }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Codes whose messages are written for clients; anything else is masked in production. */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'OPERATION_RESOLUTION_FAILURE',
  'SUBGRAPH_UNAVAILABLE',
]);

export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = (formatted.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
    const message = formatted.message;
    graphqlErrors.inc({ code });
    const extensions: Record<string, unknown> = { code };
    if (formatted.extensions?.serviceName) extensions.serviceName = formatted.extensions.serviceName;
    if (!production) return { ...formatted, message, extensions: { ...formatted.extensions, code } };
    return {
      message: PUBLIC_CODES.has(code) ? message : 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions,
    };
  };
}

function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

// LOG_LEVEL=warn drops the per-request lines (info); startup and errors still show.
const logRequests = (process.env.LOG_LEVEL ?? 'info') === 'info';

// Log lines are written once per turn of the event loop rather than one write(2) each (stdout
// is synchronous on a pipe): under load a turn ends many requests. Flushed on exit.
let pendingLines: string[] = [];
function flushLog(): void {
  if (pendingLines.length === 0) return;
  const text = `${pendingLines.join('\n')}\n`;
  pendingLines = [];
  process.stdout.write(text);
}
process.on('exit', flushLog);

function log(fields: Record<string, unknown>): void {
  pendingLines.push(JSON.stringify({ time: new Date().toISOString(), level: 'info', ...fields }));
  if (pendingLines.length === 1) setImmediate(flushLog);
}

/**
 * The rate limiter's counters: in this process, or, in a cluster worker, in the primary
 * (server.ts serves them there) so that the configured rate holds for the whole gateway.
 */
function rateLimitStore(config: GatewayConfig): RateLimitStore | undefined {
  if (config.rateLimitPerMinute <= 0) return undefined;
  if (cluster.isWorker && process.send) {
    // Should the primary not answer, each worker keeps its share of the rate.
    return new ClusterRateLimiter(process as never, Math.floor(config.rateLimitPerMinute / Math.max(1, config.workers)));
  }
  return new RateLimiter(config.rateLimitPerMinute);
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  initTracing('gateway');
  const tokens = new VerifiedTokens(createCallerVerifier(config));
  const { sdl, subgraphUrls } = readSupergraph(config);
  const { gateway, breakers, closeConnections } = createGateway(config, subgraphUrls, sdl);
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth },
    maxAliases: { n: config.limits.maxAliases },
    maxTokens: { n: config.limits.maxTokens },
    costLimit: { maxCost: config.limits.maxCost },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  const timing: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      const stop = requestDuration.startTimer();
      return {
        async willSendResponse() {
          stop();
        },
      };
    },
  };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: formatError(config.production),
    validationRules: armor.validationRules,
    // armor is typed against the CommonJS build of @apollo/server: same objects, other declarations
    plugins: [ApolloServerPluginLandingPageDisabled(), ...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]), timing],
  });
  await apollo.start();

  const configuredOperations = config.persistedOperations
    ? PersistedOperations.fromFile(config.persistedOperations.file, config.persistedOperations.only)
    : undefined;
  // The console at /console sends persisted operations only: without a configured manifest, the
  // gateway knows the built console's own (as a lookup, not an allow-list).
  const site = consoleSite({ production: config.production });
  let consoleOperations: { manifest: Record<string, string>; operations: PersistedOperations } | undefined;
  const persistedOperations = (): PersistedOperations | undefined => {
    if (configuredOperations) return configuredOperations;
    const manifest = site.manifest();
    if (!manifest) return undefined;
    if (consoleOperations?.manifest !== manifest) consoleOperations = { manifest, operations: new PersistedOperations(manifest, false) };
    return consoleOperations.operations;
  };
  const limiter = rateLimitStore(config);
  let draining = false;

  const server = await listen(config.port, config.host, [
    async (req, res) => {
      if (req.url !== '/health' && req.url !== '/ready') return false;
      const subgraphs = await subgraphHealth(subgraphUrls);
      for (const [name, breaker] of breakers) if (subgraphs[name]) subgraphs[name].circuit = breaker.state;
      if (req.url === '/health') {
        // Liveness: this process answers (200) and says how each subgraph is doing.
        const allOk = Object.values(subgraphs).every((s) => s.ok);
        // In cluster mode a worker answers: `primary` is the process that was started.
        const primary = cluster.isWorker ? { primary: process.ppid } : {};
        sendJson(res, draining ? 503 : 200, { status: draining ? 'draining' : allOk ? 'ok' : 'degraded', pid: process.pid, ...primary, subgraphs });
      } else {
        // Readiness: supergraph loaded and every subgraph reachable.
        const ready = !draining && Object.values(subgraphs).every((s) => s.ok);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', supergraphLoaded: true, subgraphs });
      }
      return true;
    },
    async (req, res) => {
      if (req.url !== '/metrics') return false;
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(text);
      return true;
    },
    site.route,
    (req, res) => {
      const path = req.url?.split('?')[0];
      const wantsPage = req.method === 'GET' && (path === '/' || path === '/graphql') && (req.headers.accept ?? '').includes('text/html');
      if (!wantsPage || config.production) return false;
      const page = idePage(config.ideToken);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
      res.end(page);
      return true;
    },
    async (req, res) => {
      if (!req.url?.startsWith('/graphql')) return false;
      const started = performance.now();
      const requestId = requestIdOf(req);
      res.setHeader('x-request-id', requestId);
      res.on('finish', () => {
        httpRequests.inc({ route: 'graphql', status: String(res.statusCode) });
        if (logRequests) log({ msg: 'request', requestId, method: req.method, status: res.statusCode, durationMs: Math.round(performance.now() - started) });
      });
      if (limiter) {
        let client = req.socket.remoteAddress ?? 'unknown';
        try {
          const token = bearerToken(req);
          // The client is its token (hashed: never log or keep a bearer), else its address.
          if (token) client = `t:${token.slice(-24)}`;
        } catch {
          // a malformed header is refused below by the context
        }
        const waitMs = await limiter.take(client);
        if (waitMs > 0) {
          rateLimited.inc();
          res.setHeader('retry-after', String(Math.ceil(waitMs / 1000)));
          sendJson(res, 429, { errors: [{ message: 'rate limit exceeded: slow down', extensions: { code: 'RATE_LIMITED' } }] });
          return true;
        }
      }
      const persisted = persistedOperations();
      try {
        await withServerSpan(`gateway ${req.method} /graphql`, req.headers, () =>
          handleGraphQL(apollo, req, res, ({ req }) => gatewayContext(req, tokens, requestId), {
            maxBodyBytes: config.limits.maxBodyBytes,
            prepare: persisted
              ? (body) => {
                  try {
                    return persisted.resolve(body as GraphQLBody);
                  } catch (error) {
                    // The console's manifest only adds ids: other clients' automatic persisted queries stay Apollo's.
                    if (!configuredOperations && error instanceof PersistedOperationError) return body;
                    throw error;
                  }
                }
              : undefined,
          }),
        );
      } catch (error) {
        if (error instanceof PersistedOperationError) {
          sendJson(res, 400, { errors: [{ message: error.message, extensions: { code: error.code } }] });
          return true;
        }
        if (error instanceof HttpError) {
          sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
          return true;
        }
        throw error;
      }
      return true;
    },
  ]);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${boundPort(server)}/graphql`;

  let closing: Promise<void> | undefined;
  // Graceful: stop accepting, let in-flight requests finish, then stop Apollo.
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000))]);
      clearInterval(idle);
      server.closeAllConnections();
      await apollo.stop();
      closeConnections();
      limiter?.close?.();
      await shutdownTracing();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close().then(() => process.exit(0)));
  log({ msg: 'gateway ready', url, pid: process.pid });
  return { url, close };
}
