// Two rights processes on one PostgreSQL database, as two replicas behind the gateway: started
// together they migrate once, and debits sent to both at once never overdraw the account.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signAccessGrant, signViewerToken, VIEWER_HEADER } from '@formations/schema/auth';
import { createDatabase, testDatabaseUrl } from '@formations/schema/postgres-test';
import { afterAll, describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => children.forEach((child) => child.kill()));

function node(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, out: () => out, err: () => err };
}

async function replica(env: Record<string, string>): Promise<string> {
  const server = node(['src/server.ts'], { ...env, PORT: '0' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = /"msg":"subgraph ready".*"url":"([^"]+)"/.exec(server.out());
    if (ready) return ready[1]!;
    if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(`rights did not start: ${server.err()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two replicas on one PostgreSQL database', () => {
  it('start together, then 100 debits split between them pay exactly what the balance covers', async () => {
    const env = { RIGHTS_DATABASE_URL: await createDatabase(testDatabaseUrl(), 'rights_replicas'), CLOCK_NOW: '2026-11-25' };
    const [a, b] = await Promise.all([replica(env), replica(env)]);
    const health = async (url: string) => (await fetch(new URL('/health', url))).json() as Promise<{ status: string; database: string }>;
    expect(await health(a!)).toMatchObject({ status: 'ok', database: 'postgresql' });

    const seed = node(['src/db/seed.ts'], env);
    expect(await seed.exited, seed.err()).toBe(0);
    expect(seed.out()).toContain('demo world loaded');
    expect(await health(b!)).toMatchObject({ status: 'ok', database: 'postgresql' });

    // Lucie's demo account holds 5,600 €: 56 debits of 100 € can be paid, whichever replica takes them.
    const viewer = await signViewerToken({ sub: 'ops-1', role: 'operator' });
    const debit = async (url: string, i: number) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [VIEWER_HEADER]: viewer },
        body: JSON.stringify({
          query: `mutation { debitCpfAccount(personId: "lucie-moreau", amount: 10000, reason: "dossier ${i}", idempotencyKey: "replica:${i}") { amount } }`,
        }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { reason?: string } }[] };
      return body.errors ? body.errors[0]!.extensions?.reason : 'PAID';
    };
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => debit(i % 2 === 0 ? a! : b!, i)));
    expect(outcomes.filter((o) => o === 'PAID')).toHaveLength(56);
    expect(outcomes.filter((o) => o === 'INSUFFICIENT_RIGHTS')).toHaveLength(44);

    const holder = await signViewerToken({ sub: 'lucie-moreau', role: 'holder' });
    const accessGrant = await signAccessGrant({ personId: 'lucie-moreau', viewerSub: 'lucie-moreau', scopes: ['rights'] });
    const read = await fetch(a!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [VIEWER_HEADER]: holder },
      body: JSON.stringify({
        query: 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { cpfAccount { balance } } } }',
        variables: { reps: [{ __typename: 'Person', id: 'lucie-moreau', accessGrant }] },
      }),
    });
    expect(((await read.json()) as { data: { _entities: { cpfAccount: { balance: number } }[] } }).data._entities[0]!.cpfAccount.balance).toBe(0);
  }, 120_000);
});
