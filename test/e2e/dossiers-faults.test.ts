// Money exactly once through crashes: Camille accepts while rights is dead (SIGKILL), then the
// dossiers process itself is killed with the debit still in its outbox. Both start again: the relay
// re-reads the outbox from dossiers.sqlite and delivers it — one debit, the top-ups reserved once —
// and reconciliation finds no drift. Own stack, loopback only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@formations/schema/auth';
import { startStack, type RunningStack } from '../../scripts/stack.ts';
import { reconcile } from '../../subgraphs/dossiers/src/reconcile.ts';
import { graphql, tokenFor } from '../src/client.ts';

const CAMILLE: Viewer = { sub: 'camille-martin', role: 'holder' };
const ORGANISATION: Viewer = { sub: 'of-83412567600017', role: 'organisation', siret: '83412567600017' };
const SESSION = 'PDL-F0001-A1-S1';
const OPERATOR: Viewer = { sub: 'operator-mcf', role: 'operator' };
let dossierId = '';
let cpfBefore = 0;

let stack: RunningStack;
let dataDir: string;
const as = async (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
  graphql(stack.gatewayUrl, query, variables, { token: await tokenFor(viewer) });
const urls = () => ({ dossiers: stack.subgraphUrls.dossiers!, rights: stack.subgraphUrls.rights!, abondements: stack.subgraphUrls.abondements! });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-dossiers-faults-'));
  stack = await startStack({ dataDir, ports: 'random', output: 'quiet', env: { CLOCK_NOW: '2026-11-25', OUTBOX_INTERVAL_MS: '100' } });
});
afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('dossiers outbox through SIGKILL', () => {
  it('a debit queued while rights is down, then dossiers killed, is delivered once after both restart', async () => {
    const balance = async () => (await as(CAMILLE, `{ person(id: "camille-martin") { cpfAccount { balance } } }`)).data?.person?.cpfAccount?.balance as number;
    const before = await balance();
    const seen = await as(
      CAMILLE,
      `{ person(id: "camille-martin") { trainingOptions(sessionIds: ["${SESSION}"]) { fundingPlan { price cpfRights abondements { amount kind rule { id } certainty { level } } remainingCost } } } }`,
    );
    expect(seen.errors, JSON.stringify(seen.errors)).toBeUndefined();
    const plan = seen.data!.person.trainingOptions[0].fundingPlan;
    // France Travail's part waits for its decision (requestFunderReview): accepted at once, Camille pays it herself.
    const decided = plan.abondements.filter((a: any) => a.certainty.level !== 'FUNDER_DECISION');
    const input = {
      cpfRights: plan.cpfRights,
      dotations: [],
      topUps: decided.map((a: any) => ({ ruleId: a.rule.id, amount: a.amount })),
      remainingCost: plan.price - plan.cpfRights - decided.reduce((sum: number, a: any) => sum + a.amount, 0),
    };

    const requested = await as(CAMILLE, `mutation { requestDossier(sessionId: "${SESSION}", idempotencyKey: "faults-request") { dossier { id } } }`);
    const id = requested.data!.requestDossier.dossier.id;
    expect((await as(ORGANISATION, `mutation { validateDossier(id: "${id}", idempotencyKey: "faults-validate") { replayed } }`)).errors).toBeUndefined();

    await stack.kill('rights');
    const accepted = await as(
      CAMILLE,
      `mutation ($plan: DossierPlanInput!) { acceptDossier(id: "${id}", idempotencyKey: "faults-accept", plan: $plan) { dossier { state moneySettled } } }`,
      { plan: input },
    );
    expect(accepted.errors, JSON.stringify(accepted.errors)).toBeUndefined();
    expect(accepted.data!.acceptDossier.dossier).toEqual({ state: 'accepted', moneySettled: false });
    await new Promise((r) => setTimeout(r, 1500)); // a few failed attempts
    await stack.kill('dossiers');
    await stack.start('rights');
    await stack.start('dossiers');

    await expect
      .poll(async () => (await as(CAMILLE, `{ dossier(id: "${id}") { moneySettled } }`)).data?.dossier?.moneySettled, { timeout: 60_000, interval: 250 })
      .toBe(true);
    const dossier = (await as(CAMILLE, `{ dossier(id: "${id}") { state fundingPlan { parts { kind status } } } }`)).data!.dossier;
    expect(dossier.state).toBe('accepted');
    expect(dossier.fundingPlan.parts.every((p: any) => p.status === 'committed')).toBe(true);
    expect(await balance()).toBe(before - plan.cpfRights);
    const ledger = await as(CAMILLE, `{ person(id: "camille-martin") { cpfAccount { entries { kind explanation } } } }`);
    expect(ledger.data!.person.cpfAccount.entries.filter((e: any) => e.kind === 'DEBIT' && e.explanation.includes(id))).toHaveLength(1);
    const report = await reconcile(urls());
    expect(report.drifts, report.drifts.join('\n')).toEqual([]);
    dossierId = id;
    cpfBefore = before;
  });

  it('the same dossier, 40 % attended: prorated when validated, its returns delivered once through a SIGKILL of abondements, no drift', async () => {
    const step = (name: string, args = '') => `mutation { ${name}(id: "${dossierId}", idempotencyKey: "faults-${name}"${args}) { replayed } }`;
    for (const [viewer, query] of [
      [ORGANISATION, step('declareEntry')],
      [ORGANISATION, step('declareExit', ', reasonCode: "DROPPED_OUT"')],
      [ORGANISATION, step('declareServiceDone', ', completionRate: 40')],
    ] as const) {
      const res = await as(viewer, query);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    }
    await stack.kill('abondements');
    expect((await as(OPERATOR, step('validateServiceDone'))).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1000)); // a few failed attempts
    await stack.start('abondements');
    await expect
      .poll(async () => (await as(CAMILLE, `{ dossier(id: "${dossierId}") { moneySettled } }`)).data?.dossier?.moneySettled, { timeout: 60_000, interval: 250 })
      .toBe(true);
    const dossier = (
      await as(
        CAMILLE,
        `{ dossier(id: "${dossierId}") { state completionRate fundingPlan { price amountDue remainingCost remainingCostRefunded parts { kind amount kept wanted status } } } }`,
      )
    ).data!.dossier;
    const due = Math.floor((dossier.fundingPlan.price * 40) / 100);
    expect(dossier).toMatchObject({ state: 'serviceDoneValidated', completionRate: 40, fundingPlan: { amountDue: due } });
    const kept = dossier.fundingPlan.parts.map((p: any) => (p.wanted === 'held' ? (p.kept ?? p.amount) : 0));
    const holderKept = dossier.fundingPlan.remainingCost - dossier.fundingPlan.remainingCostRefunded;
    expect(kept.reduce((a: number, b: number) => a + b, 0) + holderKept).toBe(due);
    // The spending order: a part keeps something only if every part before it is kept whole.
    dossier.fundingPlan.parts.forEach((p: any, i: number) => {
      if (kept[i] > 0) for (let j = 0; j < i; j++) expect(kept[j]).toBe(dossier.fundingPlan.parts[j].amount);
      expect(p.status).toBe(kept[i] === p.amount ? 'committed' : 'returned');
    });
    expect(dossier.fundingPlan.parts.some((p: any) => p.status === 'returned')).toBe(true);
    const cpf = dossier.fundingPlan.parts.findIndex((p: any) => p.kind === 'CPF_RIGHTS');
    const balance = (await as(CAMILLE, `{ person(id: "camille-martin") { cpfAccount { balance } } }`)).data!.person.cpfAccount.balance;
    expect(balance).toBe(cpfBefore - (cpf >= 0 ? kept[cpf] : 0));
    const report = await reconcile(urls());
    expect(report.drifts, report.drifts.join('\n')).toEqual([]);
  });
});
