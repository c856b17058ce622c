// French law days are Paris days. At 00:30 in Paris on 1 January 2026 it is still 31 December
// in UTC: every subgraph must already apply the new year's law (the participation forfaitaire
// of 2026), and the funding plan must be dated by the same day as the CPF quote it rests on.
// One stack pinned by CLOCK_NOW, the only clock setting there is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, holderToken } from '../src/client.ts';
import { startOwnStack, type OwnStack } from '../src/stack.ts';

const QUERY = /* GraphQL */ `
  query ($id: ID!) {
    person(id: $id) {
      recommendedTrainings(first: 3) {
        sessionId
        cpfQuote { date eligible participation { amount due } }
        fundingPlan { date participation { amount due } }
      }
    }
  }
`;

describe('00:30 in Paris on the first day of a new law (CLOCK_NOW=2025-12-31T23:30:00Z)', () => {
  let stack: OwnStack;

  beforeAll(async () => {
    stack = await startOwnStack('paris-day', { env: { CLOCK_NOW: '2025-12-31T23:30:00Z' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('quotes and plans with the 2026 participation (103.20 €, arrêté of 30 December 2025), not the 2025 one (102.23 €)', async () => {
    const res = await graphql(stack.gatewayUrl, QUERY, { id: 'lucie-moreau' }, { token: await holderToken('lucie-moreau') });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const options = res.data!.person.recommendedTrainings as { cpfQuote: any; fundingPlan: any }[];
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) {
      expect(option.cpfQuote.date).toBe('2026-01-01');
      expect(option.fundingPlan.date).toBe('2026-01-01');
      expect(option.cpfQuote.participation.amount).toBe(10320);
      expect(option.fundingPlan.participation.amount).toBe(10320);
    }
  });

  it('shows the Paris day in every subgraph’s health', async () => {
    for (const [name, url] of Object.entries(stack.subgraphUrls)) {
      const health = (await (await fetch(url.replace(/\/graphql$/, '/health'))).json()) as Record<string, unknown>;
      if ('today' in health) expect(health.today, name).toBe('2026-01-01');
    }
  });
});
