// A subgraph dies: the other subgraphs' fields still arrive, with a located error; the
// gateway recovers by itself when the subgraph is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, holderToken } from '../src/client.ts';
import { startOwnStack, type OwnStack } from '../src/stack.ts';

const QUERY = `query ($id: ID!) { person(id: $id) { givenName cpfAccount { balance } } }`;

describe('partial results and recovery', () => {
  let stack: OwnStack;
  let token: string;

  beforeAll(async () => {
    stack = await startOwnStack('faults', {
      env: { BREAKER_FAILURES: '2', BREAKER_OPEN_MS: '300', SUBGRAPH_TIMEOUT_MS: '2000' },
    });
    token = await holderToken('camille-martin');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers passport fields with a located error while rights is down, then recovers', async () => {
    const before = await graphql(stack.gatewayUrl, QUERY, { id: 'camille-martin' }, { token });
    expect(before.errors).toBeUndefined();
    const balance = before.data!.person.cpfAccount.balance;

    await stack.kill('rights');
    for (let i = 0; i < 4; i++) {
      const during = await graphql(stack.gatewayUrl, QUERY, { id: 'camille-martin' }, { token });
      expect(during.data!.person.givenName).toBe('Camille');
      expect(during.data!.person.cpfAccount).toBeNull();
      const error = during.errors?.[0];
      expect(error?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(error?.extensions?.serviceName).toBe('rights');
      expect(error?.path).toEqual(['person', 'cpfAccount']);
    }

    await stack.start('rights');
    await new Promise((r) => setTimeout(r, 400)); // the breaker's pause
    const after = await graphql(stack.gatewayUrl, QUERY, { id: 'camille-martin' }, { token });
    expect(after.errors).toBeUndefined();
    expect(after.data!.person.cpfAccount.balance).toBe(balance);
  });

  it('reports readiness per subgraph', async () => {
    const ready = await fetch(stack.gatewayUrl.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
    await stack.kill('catalog');
    const notReady = await fetch(stack.gatewayUrl.replace('/graphql', '/ready'));
    const body = (await notReady.json()) as { subgraphs: Record<string, { ok: boolean }> };
    expect(notReady.status).toBe(503);
    expect(body.subgraphs.catalog?.ok).toBe(false);
    expect(body.subgraphs.passport?.ok).toBe(true);
    await stack.start('catalog');
  });
});
