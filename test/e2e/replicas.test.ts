// Replicas behind the gateway: rights and abondements each served by two processes on the same
// database, the gateway given both URLs (RIGHTS_URL="a,b") and taking them in turn. 100 parallel
// debits through the gateway split between the two rights processes and land exactly once; 200
// reservations on an envelope that pays 50 grant exactly 50 across the two abondements processes; one
// rights replica is then SIGKILLed and every request, writes included, is answered by the other.
// SQLite here (two processes on one file, IMMEDIATE transactions); PostgreSQL is the database for
// replicas on several machines (docs/databases.md). Loopback only, own stack.
import type { ChildProcess } from 'node:child_process';
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
    const region = await tokenFor({ sub: 'region-replicas-test', role: 'funder', funderId: 'funder-region-pdl' });
    const convention = await graphql(gateway.url, 'mutation { createConvention(label: "Réplicas", validFrom: "2026-01-01") { id } }', {}, { token: region });
    expect(convention.errors).toBeUndefined();
    const rule = await graphql(
      gateway.url,
      `mutation ($convention: ID!) { createRule(conventionId: $convention, budget: ${50 * 7_500},
         rule: { label: "réplicas", criteria: {}, amount: { kind: FIXED, value: 7500 }, validFrom: "2026-01-01" }) { id } }`,
      { convention: convention.data!.createConvention.id },
      { token: region },
    );
    expect(rule.errors).toBeUndefined();
    const ruleId = rule.data!.createRule.id as string;
    const before = await Promise.all([served(stack.subgraphUrls.abondements!), served(second.abondements!.url)]);
    const reserve = (i: number) =>
      graphql(
        gateway.url,
        `mutation ($key: ID!, $session: ID!) { reserveTopUp(key: $key, ruleId: "${ruleId}", personId: "${PERSON}", sessionId: $session, amount: 7500) { status } }`,
        { key: `replicas-reserve-${i}`, session: `replicas-session-${i}` },
        { token: operator },
      );
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => reserve(i)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    const statuses = answers.map((a) => a.data!.reserveTopUp.status as string);
    expect(statuses.filter((s) => s === 'GRANTED')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'REFUSED')).toHaveLength(150);
    // Replayed, whichever replica answers: the first answers.
    expect((await Promise.all(Array.from({ length: 200 }, (_, i) => reserve(i)))).map((a) => a.data?.reserveTopUp.status)).toEqual(statuses);
    const envelope = await graphql(gateway.url, '{ conventions { rules { id envelope { consumed remaining } } } }', {}, { token: region });
    const mine = envelope.data!.conventions.flatMap((c: { rules: { id: string }[] }) => c.rules).find((r: { id: string }) => r.id === ruleId);
    expect(mine.envelope).toEqual({ consumed: 50 * 7_500, remaining: 0 });
    const after = await Promise.all([served(stack.subgraphUrls.abondements!), served(second.abondements!.url)]);
    for (const [i, n] of after.entries()) expect(n - before[i]!).toBeGreaterThanOrEqual(150);
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
