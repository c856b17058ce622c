// Prometheus metrics: requests, latency, errors per subgraph, query-plan cache hits.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'gateway_' });

const buckets = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export const httpRequests = new Counter({
  name: 'gateway_http_requests_total',
  help: 'HTTP requests answered by the gateway, by route and status',
  labelNames: ['route', 'status'] as const,
  registers: [registry],
});
export const requestDuration = new Histogram({
  name: 'gateway_request_duration_seconds',
  help: 'GraphQL request latency at the gateway',
  labelNames: ['operation'] as const,
  buckets,
  registers: [registry],
});
export const graphqlErrors = new Counter({
  name: 'gateway_graphql_errors_total',
  help: 'GraphQL errors returned to clients, by code',
  labelNames: ['code'] as const,
  registers: [registry],
});
export const subgraphRequests = new Counter({
  name: 'gateway_subgraph_requests_total',
  help: 'Fetches from the gateway to a subgraph, by outcome (ok, error, timeout, rejected by an open circuit)',
  labelNames: ['subgraph', 'outcome'] as const,
  registers: [registry],
});
export const subgraphDuration = new Histogram({
  name: 'gateway_subgraph_duration_seconds',
  help: 'Latency of subgraph fetches',
  labelNames: ['subgraph'] as const,
  buckets,
  registers: [registry],
});
export const subgraphBytes = new Counter({
  name: 'gateway_subgraph_bytes_total',
  help: 'Bytes of answered subgraph fetches, by direction (request body sent, response body received)',
  labelNames: ['subgraph', 'direction'] as const,
  registers: [registry],
});
export const circuitOpen = new Gauge({
  name: 'gateway_subgraph_circuit_open',
  help: '1 while the circuit breaker of a subgraph is open',
  labelNames: ['subgraph'] as const,
  registers: [registry],
});
export const queryPlanCache = new Counter({
  name: 'gateway_query_plan_cache_total',
  help: 'Query-plan cache lookups, by result (hit, miss)',
  labelNames: ['result'] as const,
  registers: [registry],
});
export const rateLimited = new Counter({
  name: 'gateway_rate_limited_total',
  help: 'Requests refused by the per-client rate limit',
  registers: [registry],
});
