import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { handleGraphQL, listen, sendJson, boundPort } from '@formations/schema/subgraph';
import type { GatewayConfig } from './config.ts';
import { gatewayContext, type GatewayContext } from './context.ts';
import { createGateway, readSupergraph } from './gateway.ts';
import { idePage } from './ide.ts';

export interface RunningGateway {
  url: string;
  close: () => Promise<void>;
}

interface SubgraphHealth {
  ok: boolean;
  [fact: string]: unknown;
}

async function subgraphHealth(subgraphUrls: Map<string, string>): Promise<Record<string, SubgraphHealth>> {
  const entries = await Promise.all(
    [...subgraphUrls].map(async ([name, url]) => {
      const started = performance.now();
      try {
        const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
        const body = (await res.json()) as Record<string, unknown>;
        return [name, { ...body, ok: res.ok, latencyMs: Math.round(performance.now() - started) }] as const;
      } catch (error) {
        return [name, { ok: false, error: (error as Error).message }] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const { sdl, subgraphUrls } = readSupergraph(config);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: createGateway(config, subgraphUrls, sdl),
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const server = await listen(config.port, config.host, [
    async (req, res) => {
      if (req.url !== '/health') return false;
      const subgraphs = await subgraphHealth(subgraphUrls);
      const ok = Object.values(subgraphs).every((s) => s.ok);
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', subgraphs });
      return true;
    },
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
      await handleGraphQL(apollo, req, res, ({ req }) => gatewayContext(req));
      return true;
    },
  ]);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${boundPort(server)}/graphql`;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close().then(() => process.exit(0)));
  console.log(JSON.stringify({ level: 'info', msg: 'gateway ready', url }));
  return { url, close };
}
