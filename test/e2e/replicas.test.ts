// Replicas behind the gateway: rights and abondements each served by two processes on the same
// database, the gateway given both URLs (RIGHTS_URL="a,b") and taking them in turn. 100 parallel
// debits through the gateway split between the two rights processes and land exactly once; 200
// reservations on an envelope that pays 50 grant exactly 50 across the two abondements processes; one
// rights replica is then SIGKILLed and every request, writes included, is answered by the other.
// SQLite there (two processes on one file, IMMEDIATE transactions). Then the same 200 reservations
// through two abondements processes on one PostgreSQL database (ABONDEMENTS_DATABASE_URL: the
// envelope's row locked FOR UPDATE), as replicas on several machines run (docs/databases.md);
// TEST_DATABASE_URL's server or a throwaway one. Loopback only, own stack.
import type { ChildProcess } from 'node:child_process';
import { createDatabase, startPostgresServer, type PostgresServer } from '@formations/schema/postgres-test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, freePort, run, startGatewayProcess, waitHealthy } from '../../scripts/stack.ts';
import { graphql, tokenFor } from '../src/client.ts';
import { served, startOwnStack, type OwnStack } from '../src/stack.ts';

const PERSON = 'karim-benali';
const REPLICATED = ['rights', 'abondements'] as const;

let stack: OwnStack;
let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;
const second: Record<string, { process: ChildProcess; url: string }> = {};
let operator: string;
let holder: string;

const balance = async () =>
  (await graphql(gateway.url, `{ person(id: "${PERSON}") { cpfAccount { balance } } }`, {}, { token: holder })).data?.person?.cpfAccount?.balance as number;
const debit = (key: string) =>
  graphql(
    gateway.url,
    `mutation ($key: String!) { debitCpfAccount(personId: "${PERSON}", amount: 100, reason: $key, idempotencyKey: $key) { id } }`,
    { key },
    { token: operator },
  );

beforeAll(async () => {
  stack = await startOwnStack('replicas', { env: { CLOCK_NOW: '2026-11-25' } });
  for (const name of REPLICATED) {
    const port = await freePort();
    const logs: string[] = [];
    const env = { ...process.env, ...stack.clockEnv, DATA_DIR: stack.dataDir, PORT: String(port) };
    const child = run([`subgraphs/${name}/src/server.ts`], env, 'quiet', `${name}-2`, logs);
    await waitHealthy(`http://127.0.0.1:${port}/health`, child, `${name} replica`, logs);
    second[name] = { process: child, url: `http://127.0.0.1:${port}/graphql` };
  }
  const urls = Object.fromEntries(Object.entries(stack.subgraphUrls).map(([name, url]) => [name, second[name] ? `${url},${second[name].url}` : url]));
  gateway = await startGatewayProcess(urls, { ...stack.clockEnv });
  operator = await tokenFor({ sub: 'operator-replicas-test', role: 'operator' });
  holder = await tokenFor({ sub: PERSON, role: 'holder' });
});
afterAll(async () => {
  await gateway?.stop();
  for (const { process: child } of Object.values(second)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(Object.values(second).map(({ process: child }) => exited(child)));
  await stack?.stop();
});

describe('two replicas of rights and abondements behind one gateway', () => {
  it('shares the requests between the replicas, and 100 parallel debits land exactly once', async () => {
    const before = await balance();
    const servedBefore = await Promise.all([served(stack.subgraphUrls.rights!), served(second.rights!.url)]);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => debit(`replicas-${i}`)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((a) => a.data!.debitCpfAccount.id)).size).toBe(100);
    // Replayed with the same keys (whichever replica gets them): the first answers, nothing more debited.
    const replayed = await Promise.all(Array.from({ length: 100 }, (_, i) => debit(`replicas-${i}`)));
    expect(replayed.map((a) => a.data?.debitCpfAccount.id)).toEqual(answers.map((a) => a.data!.debitCpfAccount.id));
    expect(await balance()).toBe(before - 100 * 100);
    const servedAfter = await Promise.all([served(stack.subgraphUrls.rights!), served(second.rights!.url)]);
    const shares = servedAfter.map((n, i) => n - servedBefore[i]!);
    expect(shares[0]! + shares[1]!).toBeGreaterThanOrEqual(200);
    for (const share of shares) expect(share).toBeGreaterThanOrEqual(80);

    // The funding plans (abondements) come from both of its replicas too.
    const plansBefore = await Promise.all([served(stack.subgraphUrls.abondements!), served(second.abondements!.url)]);
    for (let i = 0; i < 6; i++) {
      const res = await graphql(
        gateway.url,
        `{ person(id: "${PERSON}") { fundableTrainings(first: 2) { session { id } fundingPlan { remainingCost } } } }`,
        {},
        { token: holder },
      );
      expect(res.errors).toBeUndefined();
    }
    const plansAfter = await Promise.all([served(stack.subgraphUrls.abondements!), served(second.abondements!.url)]);
    expect(plansAfter.map((n, i) => n - plansBefore[i]!).every((n) => n >= 2)).toBe(true);
  });

  it('200 reservations at once on an envelope that pays 50, through both abondements replicas: exactly 50 granted', async () => {
    await reservationsAtOnce(gateway.url, [stack.subgraphUrls.abondements!, second.abondements!.url], 'replicas');
  });

  it('a replica SIGKILLed: the other answers every read and write, and the gateway says which one is down', async () => {
    const before = await balance();
    await stack.kill('rights');
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await debit(`replicas-after-kill-${i}`));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(await balance()).toBe(before - 20 * 100);
    const health = (await (await fetch(new URL('/health', gateway.url))).json()) as {
      subgraphs: { rights: { ok: boolean; circuit: string; replicas: { url: string; ok: boolean }[] } };
    };
    expect(health.subgraphs.rights.ok).toBe(true);
    expect(health.subgraphs.rights.circuit).toBe('closed');
    expect(health.subgraphs.rights.replicas.map((r) => r.ok)).toEqual([false, true]);
  });
});

/**
 * 200 reservations at once through `gatewayUrl` on a new rule whose envelope pays 50 (the Région
 * creates it through the gateway), then the same 200 again: exactly 50 granted, the replays answer
 * the same, the envelope consumed to the cent, and each of the abondements `replicas` served at least 150.
 */
async function reservationsAtOnce(gatewayUrl: string, replicas: string[], label: string): Promise<void> {
  const region = await tokenFor({ sub: `region-${label}-test`, role: 'funder', funderId: 'funder-region-pdl' });
  const convention = await graphql(
    gatewayUrl,
    `mutation { createConvention(label: "Réplicas ${label}", validFrom: "2026-01-01") { id } }`,
    {},
    { token: region },
  );
  expect(convention.errors).toBeUndefined();
  const rule = await graphql(
    gatewayUrl,
    `mutation ($convention: ID!) { createRule(conventionId: $convention, budget: ${50 * 7_500},
       rule: { label: "réplicas", criteria: {}, amount: { kind: FIXED, value: 7500 }, validFrom: "2026-01-01" }) { id } }`,
    { convention: convention.data!.createConvention.id },
    { token: region },
  );
  expect(rule.errors).toBeUndefined();
  const ruleId = rule.data!.createRule.id as string;
  const before = await Promise.all(replicas.map(served));
  const reserve = (i: number) =>
    graphql(
      gatewayUrl,
      `mutation ($key: ID!, $session: ID!) { reserveTopUp(key: $key, ruleId: "${ruleId}", personId: "${PERSON}", sessionId: $session, amount: 7500) { status } }`,
      { key: `${label}-reserve-${i}`, session: `${label}-session-${i}` },
      { token: operator },
    );
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => reserve(i)));
  expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
  const statuses = answers.map((a) => a.data!.reserveTopUp.status as string);
  expect(statuses.filter((s) => s === 'GRANTED')).toHaveLength(50);
  expect(statuses.filter((s) => s === 'REFUSED')).toHaveLength(150);
  // Replayed, whichever replica answers: the first answers.
  expect((await Promise.all(Array.from({ length: 200 }, (_, i) => reserve(i)))).map((a) => a.data?.reserveTopUp.status)).toEqual(statuses);
  const envelope = await graphql(gatewayUrl, '{ conventions { rules { id envelope { consumed remaining } } } }', {}, { token: region });
  const mine = envelope.data!.conventions.flatMap((c: { rules: { id: string }[] }) => c.rules).find((r: { id: string }) => r.id === ruleId);
  expect(mine.envelope).toEqual({ consumed: 50 * 7_500, remaining: 0 });
  const after = await Promise.all(replicas.map(served));
  for (const [i, n] of after.entries()) expect(n - before[i]!).toBeGreaterThanOrEqual(150);
}

describe('two abondements replicas on one PostgreSQL database behind a gateway', () => {
  let server: PostgresServer | undefined;
  let pgGateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  const replicas: { process: ChildProcess; url: string }[] = [];
  beforeAll(async () => {
    let serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) {
      server = await startPostgresServer();
      serverUrl = server.url;
    }
    const env = { ...process.env, ...stack.clockEnv, ABONDEMENTS_DATABASE_URL: await createDatabase(serverUrl, 'abondements_replicas') };
    const logs: string[] = [];
    const seed = run(['subgraphs/abondements/src/db/seed.ts'], env, 'quiet', 'seed abondements (PostgreSQL)', logs);
    expect(await exited(seed), logs.join('\n')).toBe(0);
    // Started together: they migrate once (an advisory lock), the second finds the tables made.
    const started = await Promise.all(
      [1, 2].map(async (i) => {
        const port = await freePort();
        const replicaLogs: string[] = [];
        const child = run(['subgraphs/abondements/src/server.ts'], { ...env, PORT: String(port) }, 'quiet', `abondements-pg-${i}`, replicaLogs);
        await waitHealthy(`http://127.0.0.1:${port}/health`, child, `abondements replica ${i} on PostgreSQL`, replicaLogs);
        return { process: child, url: `http://127.0.0.1:${port}/graphql` };
      }),
    );
    replicas.push(...started);
    // The other subgraphs as in the first gateway (both rights replicas: one of them is killed above).
    const urls = { ...stack.subgraphUrls, rights: `${stack.subgraphUrls.rights},${second.rights!.url}`, abondements: replicas.map((r) => r.url).join(',') };
    pgGateway = await startGatewayProcess(urls, { ...stack.clockEnv });
  }, 180_000);
  afterAll(async () => {
    await pgGateway?.stop();
    for (const { process: child } of replicas) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(replicas.map(({ process: child }) => exited(child)));
    await server?.stop();
  });

  it('serves from PostgreSQL: both replicas say so in their /health', async () => {
    for (const { url } of replicas)
      expect(await (await fetch(new URL('/health', url))).json()).toMatchObject({ status: 'ok', database: 'postgresql', rules: 2 });
  });

  it('200 reservations at once on an envelope that pays 50, through both replicas: exactly 50 granted', async () => {
    await reservationsAtOnce(
      pgGateway!.url,
      replicas.map((r) => r.url),
      'replicas-pg',
    );
  });
});
