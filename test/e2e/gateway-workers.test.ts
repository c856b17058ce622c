// The gateway in cluster mode (GATEWAY_WORKERS=2) shares what must be shared: the rate limiter's
// counters live in the primary, so 40 quick requests from one client against a limit of 30 a
// minute get ~30 answers in total, not 30 per worker; and both workers serve the same persisted
// operations (a manifest file each reads). The gateway alone: the requests ask for `__typename`,
// which it answers without its subgraphs (pointed at a closed port).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../../schema/src/subgraphs.ts';
import { freePort, startGatewayProcess } from '../../scripts/stack.ts';
import { tokenFor } from '../src/client.ts';

let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-gateway-workers-'));

/** One request on a connection of its own: the cluster hands each new connection to the next worker. */
function post(url: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
const healthPid = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(new URL('/health', url), { agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve((JSON.parse(text) as { pid: number }).pid));
      })
      .on('error', reject);
  });

beforeAll(async () => {
  fs.writeFileSync(path.join(dir, 'operations.json'), JSON.stringify({ 'my-typename': 'query MyTypename { __typename }' }));
  const closed = await freePort();
  const nowhere = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, `http://127.0.0.1:${closed}/graphql`]));
  gateway = await startGatewayProcess(nowhere, {
    GATEWAY_WORKERS: '2',
    RATE_LIMIT_PER_MINUTE: '30',
    PERSISTED_OPERATIONS_FILE: path.join(dir, 'operations.json'),
    LOG_LEVEL: 'warn',
  });
  // Both workers up (each answers /health with its own pid).
  const deadline = Date.now() + 60_000;
  while (new Set(await Promise.all(Array.from({ length: 6 }, () => healthPid(gateway.url)))).size < 2) {
    if (Date.now() > deadline) throw new Error('the second gateway worker did not come up');
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(async () => {
  await gateway?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('gateway with two workers', () => {
  it('answers from both workers', async () => {
    const pids = await Promise.all(Array.from({ length: 10 }, () => healthPid(gateway.url)));
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(gateway.process.pid);
  });

  it('holds the rate limit for the whole gateway: 40 quick requests, limit 30/min → 30 answered, not 60', async () => {
    const token = await tokenFor({ sub: 'rate-limit-workers-test', role: 'holder' });
    const answers = await Promise.all(Array.from({ length: 40 }, () => post(gateway.url, { query: '{ __typename }' }, token)));
    const allowed = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    // 30 a minute refills one every 2 s: a slow machine may let one or two more through.
    expect(allowed.length).toBeGreaterThanOrEqual(30);
    expect(allowed.length).toBeLessThanOrEqual(32);
    expect(allowed.length + limited.length).toBe(40);
    expect((limited[0]!.body.errors as { extensions: { code: string } }[])[0]!.extensions.code).toBe('RATE_LIMITED');
    // Another client still has its own allowance.
    const other = await tokenFor({ sub: 'rate-limit-workers-other', role: 'holder' });
    expect((await post(gateway.url, { query: '{ __typename }' }, other)).status).toBe(200);
  });

  it('serves the same persisted operations from both workers', async () => {
    const token = await tokenFor({ sub: 'persisted-workers-test', role: 'holder' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(gateway.url, { id: 'my-typename' }, token)));
    expect(answers.map((a) => [a.status, a.body.data])).toEqual(Array.from({ length: 10 }, () => [200, { __typename: 'Query' }]));
  });
});
