// A small node:http integration for Apollo Server: /graphql, /health, nothing else.
// Apollo Server 5 ships no HTTP framework; this keeps each process lean and fast.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
import type { PublicResponseCache } from './public-cache.ts';

export const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 1_000_000);

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new HttpError(413, `request body larger than ${limit} bytes`);
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining (so the client reads our 413 instead of a reset), but keep nothing;
      // a client that goes on far past the limit is cut off.
      if (size > limit) refused = true;
      if (size > 16 * limit) req.destroy();
      if (!refused) chunks.push(chunk);
    });
    req.on('end', () => (refused ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function toHeaderMap(req: http.IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Runs one GraphQL HTTP request through Apollo Server. */
export async function handleGraphQL<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  context: ContextFunction<[{ req: http.IncomingMessage }], TContext>,
  options: {
    maxBodyBytes?: number;
    prepare?: (body: unknown) => unknown;
    /** Public answers kept by data version; `admit` says whether this caller may be served one. */
    cache?: { store: PublicResponseCache; admit: (req: http.IncomingMessage) => Promise<boolean> };
  } = {},
): Promise<void> {
  const target = req.url ?? '/';
  const query = target.indexOf('?');
  const search = query === -1 ? '' : target.slice(query);
  let body: unknown;
  if (req.method === 'POST') {
    const raw = await readBody(req, options.maxBodyBytes);
    const type = req.headers['content-type'] ?? '';
    if (raw && type.includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
    } else {
      body = raw;
    }
    if (options.prepare) body = options.prepare(body);
  }
  const cacheKey = options.cache?.store.keyOf(body) ?? null;
  if (cacheKey !== null && options.cache) {
    const text = options.cache.store.get(cacheKey);
    if (text !== undefined && (await options.cache.admit(req))) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
  }
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search, body },
    context: () => context({ req }),
  });
  res.statusCode = response.status ?? 200;
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (response.body.kind === 'complete') {
    if (cacheKey !== null) options.cache?.store.offer(cacheKey, res.statusCode, response.body.string);
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> | boolean;

/** Starts a server; `routes` are tried in order, the first that returns true has answered. */
export async function listen(port: number, host: string, routes: Route[]): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    try {
      for (const route of routes) {
        if (await route(req, res)) return;
      }
      sendJson(res, 404, { error: 'not found' });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendJson(res, error.status, { errors: [{ message: error.message }] });
      else {
        console.error(error);
        sendJson(res, 500, { errors: [{ message: 'internal server error' }] });
      }
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export function boundPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
