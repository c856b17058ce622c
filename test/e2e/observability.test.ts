// One trace per request across the gateway and the subgraphs; Prometheus metrics.
import { describe, expect, inject, it } from 'vitest';
import { graphql, holderToken } from '../src/client.ts';
import type { ReceivedSpan } from '../src/otlp-receiver.ts';

const gateway = () => inject('gatewayUrl');

describe('traces', () => {
  it('links the gateway span and every subgraph span of one request in one trace', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await fetch(gateway(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await holderToken('camille-martin')}`,
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ query: '{ person(id: "camille-martin") { givenName cpfAccount { balance } } }' }),
    });
    let spans: ReceivedSpan[] = [];
    for (let i = 0; i < 50; i++) {
      spans = ((await (await fetch(`${inject('otlpUrl')}/spans`)).json()) as ReceivedSpan[]).filter((s) => s.traceId === traceId);
      if (new Set(spans.map((s) => s.service)).size >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const services = new Set(spans.map((s) => s.service));
    expect(services).toEqual(new Set(['gateway', 'subgraph-passport', 'subgraph-rights']));
    const ids = new Set(spans.map((s) => s.spanId));
    for (const span of spans.filter((s) => s.service !== 'gateway')) expect(ids.has(span.parentSpanId!)).toBe(true);
  });
});

describe('metrics', () => {
  it('exposes request, latency, subgraph and query-plan cache metrics', async () => {
    await graphql(gateway(), '{ searchTrainings(query: "cariste") { total } }');
    await graphql(gateway(), '{ searchTrainings(query: "cariste") { total } }');
    const text = await (await fetch(gateway().replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/gateway_http_requests_total\{route="graphql",status="200"\} \d+/);
    expect(text).toContain('gateway_request_duration_seconds_bucket');
    expect(text).toMatch(/gateway_subgraph_requests_total\{subgraph="catalog",outcome="ok"\} \d+/);
    expect(text).toMatch(/gateway_query_plan_cache_total\{result="hit"\} [1-9]/);
    // Payload sizes per subgraph (capacity planning; the gateway benchmark's transport floor).
    expect(Number(/gateway_subgraph_bytes_total\{subgraph="catalog",direction="request"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(50);
    expect(Number(/gateway_subgraph_bytes_total\{subgraph="catalog",direction="response"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(10);
  });
});
