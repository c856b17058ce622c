export * from './server.ts';
export * from './errors.ts';
export * from './db.ts';
export { listen, sendJson, readBody, handleGraphQL, HttpError, boundPort, type Route } from './http.ts';
export { publicResponseCache, type PublicCacheOptions, type PublicResponseCache } from './public-cache.ts';
export * from './postgres.ts';
