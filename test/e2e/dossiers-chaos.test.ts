// Chaos: CHAOS_DOSSIERS (200) dossiers driven through the whole CPF lifecycle by 4 OS processes while
// dossiers, rights and abondements are SIGKILLed and restarted at random (seeded) moments. Each call
// is retried with its idempotency key until answered. Then every dossier is in a final or stable
// state with its money settled, and reconciliation finds zero drift. Own stack, loopback only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@formations/schema/auth';
import { repoRoot, startStack, type RunningStack } from '../../scripts/stack.ts';
import { DEMO_SESSIONS } from '../../subgraphs/dossiers/src/db/demo-world.ts';
import { reconcile } from '../../subgraphs/dossiers/src/reconcile.ts';
import { graphql, tokenFor } from '../src/client.ts';

const DOSSIERS = Number(process.env.CHAOS_DOSSIERS ?? 200);
const WORKERS = 4;
const HOLDERS = ['camille-martin', 'karim-benali', 'lucie-moreau'];
const OPERATOR: Viewer = { sub: 'operator-chaos', role: 'operator' };
const VICTIMS = ['dossiers', 'rights', 'abondements'];

let stack: RunningStack;
let dataDir: string;
const as = async (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
  graphql(stack.gatewayUrl, query, variables, { token: await tokenFor(viewer) });

// Seeded (mulberry32): the same kills at the same moments on every run.
let seed = 20261203;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-dossiers-chaos-'));
  stack = await startStack({ dataDir, ports: 'random', output: 'quiet', env: { CLOCK_NOW: '2026-11-25', OUTBOX_INTERVAL_MS: '100' } });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('dossier lifecycles by several processes while subgraphs are SIGKILLed', () => {
  it(`${DOSSIERS} dossiers end final or stable, money settled, zero drift`, async () => {
    const sessions: Record<string, string> = { 'PDL-F0001-A1-S1': '83412567600017' };
    for (const [id, facts] of Object.entries(DEMO_SESSIONS)) {
      if (facts.startDate! > '2027-01-01' && !Object.keys(sessions).some((s) => s.slice(0, 12) === id.slice(0, 12))) sessions[id] = facts.organisationSiret!;
    }
    const pairs: { holder: string; session: string; siret: string; plan: unknown }[] = [];
    for (const holder of HOLDERS) {
      const consent = await as(
        { sub: holder, role: 'holder' },
        `mutation { grantConsent(viewerSub: "prescriber-chaos", scopes: [FUNDING], expiresAt: "2030-01-01T00:00:00Z") { id } }`,
      );
      expect(consent.errors).toBeUndefined();
      for (const [session, siret] of Object.entries(sessions)) {
        const seen = (
          await as(
            { sub: holder, role: 'holder' },
            `query ($p: ID!, $s: ID!) { person(id: $p) { trainingOptions(sessionIds: [$s]) { fundingPlan { price cpfRights abondements { kind rule { id } certainty { level } } } } } }`,
            { p: holder, s: session },
          )
        ).data?.person.trainingOptions[0]?.fundingPlan;
        if (!seen?.price) continue;
        // A top-up applied at the order: France Travail's waits for its decision (requestFunderReview) and would be refused here.
        const topUp = seen.abondements.find((a: any) => a.kind === 'TOP_UP' && a.rule && a.certainty.level === 'AUTOMATIC');
        const cpf = seen.cpfRights > 0 ? 100 : 0;
        const topUps = topUp ? [{ ruleId: topUp.rule.id, amount: 100 }] : [];
        pairs.push({ holder, session, siret, plan: { cpfRights: cpf, dotations: [], topUps, remainingCost: seen.price - cpf - topUps.length * 100 } });
      }
    }
    expect(pairs.length).toBeGreaterThanOrEqual(12);

    const outputs: string[][] = [];
    const workers = Array.from({ length: WORKERS }, (_, w) => {
      const lines: string[] = [];
      outputs.push(lines);
      const per = Math.floor(DOSSIERS / WORKERS) + (w < DOSSIERS % WORKERS ? 1 : 0);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/e2e/dossiers-chaos-worker.ts', stack.gatewayUrl, String(w), String(per), '5', JSON.stringify(pairs)],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let rest = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        const all = (rest + chunk).split('\n');
        rest = all.pop() ?? '';
        lines.push(...all.filter(Boolean));
      });
      return new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    });
    let running = true;
    const kills: string[] = [];
    const chaos = (async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, 1000 + random() * 2000));
        if (!running) break;
        // Each in turn (dossiers first), at a random moment, down for a random while.
        const victim = VICTIMS[kills.length % VICTIMS.length]!;
        kills.push(victim);
        await stack.kill(victim);
        await new Promise((r) => setTimeout(r, 200 + random() * 1500));
        await stack.start(victim);
      }
    })();
    const codes = await Promise.all(workers);
    running = false;
    await chaos;
    expect(codes).toEqual(Array(WORKERS).fill(0));
    const results = outputs.flat().map((l) => JSON.parse(l));
    const errors = results.filter((r) => r.error);
    expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
    const dossiers = results.filter((r) => r.id);
    expect(dossiers).toHaveLength(DOSSIERS);
    expect(new Set(kills)).toEqual(new Set(VICTIMS));
    // Calls did fail while dossiers was down, and were retried with their keys.
    expect(results.filter((r) => r.done).reduce((n, r) => n + r.retries, 0)).toBeGreaterThan(0);
    console.log(
      `chaos: ${kills.length} kills (${kills.join(', ')}), ${results.filter((r) => r.done).reduce((n, r) => n + r.retries, 0)} calls retried, ${dossiers.filter((d) => d.state === 'paid').length} paid, ${dossiers.filter((d) => d.state !== 'paid').length} stopped`,
    );

    // Every dossier's money settles, in a final or stable state (paid; or cancelled by a refusal).
    await expect
      .poll(
        async () => {
          const res = await as(OPERATOR, `{ allDossiers(first: 500) { id state moneySettled } }`);
          const mine = new Set(dossiers.map((d) => d.id));
          return (res.data?.allDossiers ?? []).filter((d: any) => mine.has(d.id) && (!d.moneySettled || !['paid', 'canceledByFinancer'].includes(d.state)))
            .length;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(0);
    const report = await reconcile({
      dossiers: stack.subgraphUrls.dossiers!,
      rights: stack.subgraphUrls.rights!,
      abondements: stack.subgraphUrls.abondements!,
    });
    expect(report.drifts, report.drifts.join('\n')).toEqual([]);
  }, 300_000);
});
