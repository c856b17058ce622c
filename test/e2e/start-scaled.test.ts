// `npm run start:scaled` through its own code path (startScaledStack): rights, passport and
// abondements on PostgreSQL (TEST_DATABASE_URL's server as DATABASE_URL, else a throwaway one), two replicas of
// each stateful subgraph, the gateway with two workers given every replica. Across the replicas:
// 100 parallel CPF debits through the gateway land exactly once, the flagship query answers what
// a one-process stack on fresh demo data answers (same pinned day), and every
// replica served part of the requests (a subgraph's /health counts them in `served`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScaledStack, SCALED_REPLICAS, type ScaledStack } from '../../scripts/start-scaled.ts';
import { graphql, holderToken, tokenFor } from '../src/client.ts';
import { FLAGSHIP } from '../src/flagship.ts';
import { served, startOwnStack } from '../src/stack.ts';

const DEBITED = 'karim-benali';
// With the flagship query, the person's dossiers: the dossiers replicas serve their part too.
const DOSSIERS = /* GraphQL */ `
  query ($id: ID!) {
    person(id: $id) { dossiers { id state } }
  }
`;

let stack: ScaledStack;
let operator: string;

const servedBy = async () =>
  Object.fromEntries(
    await Promise.all(Object.keys(SCALED_REPLICAS).map(async (name) => [name, await Promise.all(stack.replicaUrls[name]!.map(served))] as const)),
  );
const debit = (key: string) =>
  graphql(
    stack.gatewayUrl,
    `mutation ($key: String!) { debitCpfAccount(personId: "${DEBITED}", amount: 100, reason: $key, idempotencyKey: $key) { id } }`,
    { key },
    { token: operator },
  );
const balance = async (gatewayUrl: string) =>
  (await graphql(gatewayUrl, `{ person(id: "${DEBITED}") { cpfAccount { balance } } }`, {}, { token: await holderToken(DEBITED) })).data?.person?.cpfAccount
    ?.balance as number;

beforeAll(async () => {
  const env: Record<string, string> = { CLOCK_NOW: '2026-11-25', STACK_READY_TIMEOUT_MS: process.env.STACK_READY_TIMEOUT_MS ?? '180000' };
  if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  stack = await startScaledStack({ ports: 'random', output: 'quiet', env });
  operator = await tokenFor({ sub: 'operator-scaled-test', role: 'operator' });
}, 400_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

describe('npm run start:scaled', () => {
  it('runs two replicas of each stateful subgraph, rights, passport and abondements on PostgreSQL, two gateway workers', async () => {
    for (const name of Object.keys(SCALED_REPLICAS)) expect(stack.replicaUrls[name]).toHaveLength(2);
    for (const name of ['rights', 'passport', 'abondements']) {
      const health = (await (await fetch(new URL('/health', stack.replicaUrls[name]![1]!))).json()) as { database?: string };
      expect(health.database).toBe('postgresql');
    }
    const gateway = (await (await fetch(new URL('/health', stack.gatewayUrl))).json()) as {
      primary?: number;
      subgraphs: Record<string, { replicas?: unknown[] }>;
    };
    expect(gateway.primary).toBe(stack.processes.get('gateway')!.pid);
    expect(gateway.subgraphs.rights!.replicas).toHaveLength(2);
  });

  it('100 parallel debits through the gateway land exactly once, split between the rights replicas', async () => {
    const before = await balance(stack.gatewayUrl);
    const servedBefore = await servedBy();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => debit(`scaled-${i}`)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((a) => a.data!.debitCpfAccount.id)).size).toBe(100);
    const replayed = await Promise.all(Array.from({ length: 100 }, (_, i) => debit(`scaled-${i}`)));
    expect(replayed.map((a) => a.data?.debitCpfAccount.id)).toEqual(answers.map((a) => a.data!.debitCpfAccount.id));
    expect(await balance(stack.gatewayUrl)).toBe(before - 100 * 100);
    const servedAfter = await servedBy();
    const shares = servedAfter.rights!.map((n, i) => n - servedBefore.rights![i]!);
    expect(shares[0]! + shares[1]!).toBeGreaterThanOrEqual(200);
    for (const share of shares) expect(share).toBeGreaterThanOrEqual(50);
  });

  it("answers a person's flagship query as the one-process stack does, every replica serving part of it", async () => {
    const person = 'camille-martin';
    const token = await holderToken(person);
    // A one-process stack of its own on fresh demo data: the e2e run's shared stack holds what
    // other test files did to Camille (dossiers, France Travail decisions).
    const ask = (gatewayUrl: string) => Promise.all([FLAGSHIP, DOSSIERS].map((query) => graphql(gatewayUrl, query, { id: person }, { token })));
    const oneProcess = await startOwnStack('one-process', { env: { CLOCK_NOW: '2026-11-25' } });
    const single = await ask(oneProcess.gatewayUrl).finally(() => oneProcess.stop());
    for (const answer of single) expect(answer.errors).toBeUndefined();
    const servedBefore = await servedBy();
    for (let i = 0; i < 6; i++) {
      const scaled = await ask(stack.gatewayUrl);
      for (const answer of scaled) expect(answer.errors).toBeUndefined();
      expect(scaled.map((answer) => answer.data)).toEqual(single.map((answer) => answer.data));
    }
    const servedAfter = await servedBy();
    for (const name of Object.keys(SCALED_REPLICAS)) {
      const shares = servedAfter[name]!.map((n, i) => n - servedBefore[name]![i]!);
      expect({ name, servedByEach: shares.every((n) => n > 0) }).toEqual({ name, servedByEach: true });
    }
  }, 300_000);
});
