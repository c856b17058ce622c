// France Travail's review of a CPF order, end to end through the gateway: when Camille asks France
// Travail for its top-up (requestFunderReview, EDOF waitingAcceptation), the dossiers outbox makes the
// real request in abondements (key = dossier + step), France Travail's decision on the dossier is
// recorded on it, a cancellation while it reviews withdraws it; her funding plan says how sure
// France Travail's part is at each step; reconciliation compares the request with the dossier.
// France Travail's part is never committed without its decision: an order accepted directly with it
// is refused that part by abondements and compensated.
// Own stack: France Travail's decisions stay on Camille's session (a refused request removes its part
// from her plans for good), and other files read her plans on the shared stack.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@formations/schema/auth';
import { clockFromEnv } from '@formations/schema/clock';
import { addWorkingDays } from '@formations/schema/working-days';
import { startStack, type RunningStack } from '../../scripts/stack.ts';
import { reconcile } from '../../subgraphs/dossiers/src/reconcile.ts';
import { graphql, tokenFor, type GraphQLResponse } from '../src/client.ts';

let stack: RunningStack;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-dossiers-france-travail-'));
  stack = await startStack({ dataDir, ports: 'random', output: 'quiet', env: { CLOCK_NOW: '2026-11-25', OUTBOX_INTERVAL_MS: '100' } });
});
afterAll(async () => {
  await stack?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});
const gateway = () => stack.gatewayUrl;
const urls = () => ({ dossiers: stack.subgraphUrls.dossiers!, rights: stack.subgraphUrls.rights!, abondements: stack.subgraphUrls.abondements! });
const CAMILLE = 'camille-martin';
// The warehouse course near La Roche-sur-Yon starting in April 2027 (same organisation as dossiers.test.ts's, another session).
const SESSION = 'PDL-F0001-A1-S2';
const HOLDER: Viewer = { sub: CAMILLE, role: 'holder' };
const ORGANISATION: Viewer = { sub: 'of-83412567600017', role: 'organisation', siret: '83412567600017' };
const FRANCE_TRAVAIL: Viewer = { sub: 'ft-adviser-85', role: 'funder', funderId: 'funder-france-travail' };
const OPERATOR: Viewer = { sub: 'operator-mcf', role: 'operator' };
const FT_RULE = 'rule-france-travail-shortage-jobs';

const tokens = new Map<string, string>();
async function as(viewer: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const k = JSON.stringify(viewer);
  if (!tokens.has(k)) tokens.set(k, await tokenFor(viewer));
  return graphql(gateway(), query, variables, { token: tokens.get(k)! });
}
let keys = 0;
const key = () => `e2e-ft-${Date.now()}-${++keys}`;
const CHANGE = `transition { fromState toState actorRole } dossier { id state deadlines { kind dueOn } }`;
const step = (name: string, extra = '', extraVars = '') =>
  `mutation ($id: ID!, $key: String!${extraVars}) { ${name}(id: $id, idempotencyKey: $key${extra}) { ${CHANGE} } }`;

interface Part {
  kind: string;
  amount: number;
  funder: { id: string };
  rule: { id: string } | null;
  certainty: { level: string; decidedBy: { id: string } | null; decideBy: string | null; silenceMeans: string | null; label: string };
  franceTravailRequest: { id: string; status: string; dossierKey: string | null } | null;
}
interface Plan {
  price: number;
  cpfRights: number;
  abondements: Part[];
  remainingCost: number;
  planNotes: { code: string; message: string }[];
}
const PLAN = `query ($p: ID!, $s: ID!) { person(id: $p) {
  trainingOptions(sessionIds: [$s]) { fundingPlan { price cpfRights remainingCost planNotes { code message }
    abondements { kind amount funder { id } rule { id }
      certainty { level decidedBy { id } decideBy silenceMeans label }
      franceTravailRequest { id status dossierKey } } } }
  franceTravailRequests { id sessionId status amountRequested amountGranted answerDueBy dossierKey } } }`;

async function seen(): Promise<{ plan: Plan; requests: any[] }> {
  const res = await as(HOLDER, PLAN, { p: CAMILLE, s: SESSION });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { plan: res.data!.person.trainingOptions[0].fundingPlan, requests: res.data!.person.franceTravailRequests };
}
const franceTravailPart = (plan: Plan) => plan.abondements.find((a) => a.funder.id === 'funder-france-travail');
const asInput = (plan: Plan) => ({
  cpfRights: plan.cpfRights,
  dotations: [],
  topUps: plan.abondements.filter((a) => a.kind === 'TOP_UP').map((a) => ({ ruleId: a.rule!.id, amount: a.amount })),
  remainingCost: plan.remainingCost,
});

async function settled(id: string) {
  await expect
    .poll(async () => (await as(HOLDER, `query ($id: ID!) { dossier(id: $id) { moneySettled } }`, { id })).data?.dossier?.moneySettled, {
      timeout: 20_000,
      interval: 200,
    })
    .toBe(true);
}
async function noDrift() {
  const report = await reconcile(urls());
  expect(report.drifts, report.drifts.join('\n')).toEqual([]);
}

async function balance(): Promise<number> {
  return (await as(HOLDER, `{ person(id: "${CAMILLE}") { cpfAccount { balance } } }`)).data!.person.cpfAccount.balance;
}

/** Camille's order validated by the organisation. */
async function validatedOrder(): Promise<string> {
  const requested = await as(HOLDER, `mutation ($s: ID!, $key: String!) { requestDossier(sessionId: $s, idempotencyKey: $key) { ${CHANGE} } }`, {
    s: SESSION,
    key: key(),
  });
  expect(requested.errors, JSON.stringify(requested.errors)).toBeUndefined();
  const id = requested.data!.requestDossier.dossier.id;
  expect((await as(ORGANISATION, step('validateDossier'), { id, key: key() })).data!.validateDossier.dossier.state).toBe('validated');
  return id;
}

/** Camille's order up to France Travail's review, with the plan she saw; returns the dossier and that plan. */
async function underReview(): Promise<{ id: string; plan: Plan; dueOn: string }> {
  const id = await validatedOrder();
  const { plan } = await seen();
  const asked = await as(HOLDER, step('requestFunderReview', ', plan: $plan', ', $plan: DossierPlanInput!'), { id, key: key(), plan: asInput(plan) });
  expect(asked.errors, JSON.stringify(asked.errors)).toBeUndefined();
  const dossier = asked.data!.requestFunderReview.dossier;
  expect(dossier.state).toBe('waitingAcceptation');
  await settled(id);
  return { id, plan, dueOn: dossier.deadlines.find((d: any) => d.kind === 'FUNDER_SILENCE').dueOn };
}

describe("France Travail's review of Camille's order and the request in abondements", () => {
  const today = () => clockFromEnv(stack.clockEnv).today();

  it('before any request, France Travail’s part waits for its decision: 10 working days from a request made today, silence means acceptance', async () => {
    const { plan } = await seen();
    const part = franceTravailPart(plan)!;
    expect(part.amount).toBeGreaterThan(0);
    expect(part.certainty).toMatchObject({
      level: 'FUNDER_DECISION',
      decidedBy: { id: 'funder-france-travail' },
      decideBy: addWorkingDays(today(), 10),
      silenceMeans: 'ACCEPTANCE',
    });
    expect(plan.abondements.find((a) => a.funder.id === 'funder-region-pdl')?.certainty.level).toBe('AUTOMATIC');
  });

  it('an order accepted directly with France Travail’s part, without its review: abondements refuses that part, what was taken is given back, the dossier is cancelled by the financer with the reason; no drift', async () => {
    const before = await balance();
    const id = await validatedOrder();
    const { plan } = await seen();
    expect(franceTravailPart(plan)?.certainty.level).toBe('FUNDER_DECISION');
    // abondements, the authority on its rules, refuses to set France Travail's part aside before its decision.
    const direct = await as(
      OPERATOR,
      `mutation ($k: ID!, $r: ID!, $p: ID!, $s: ID!, $a: Cents!) { reserveTopUp(key: $k, ruleId: $r, personId: $p, sessionId: $s, amount: $a) { status } }`,
      { k: `${key()}:reserve-top-up`, r: FT_RULE, p: CAMILLE, s: SESSION, a: franceTravailPart(plan)!.amount },
    );
    expect(direct.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_FUNDER_DECISION' });
    expect(direct.errors?.[0]?.message).toMatch(/est décidé par France Travail : aucune demande ne lui a été faite pour cette personne et cette session/);

    const accepted = await as(HOLDER, step('acceptDossier', ', plan: $plan', ', $plan: DossierPlanInput!'), { id, key: key(), plan: asInput(plan) });
    expect(accepted.data!.acceptDossier.transition, JSON.stringify(accepted.errors)).toMatchObject({ fromState: 'validated', toState: 'accepted' });
    await settled(id);
    const dossier = (
      await as(
        HOLDER,
        `query ($id: ID!) { dossier(id: $id) { state fundingPlan { parts { kind reference wanted status refusal } } transitions { transition actorRole reasonCode reason } } }`,
        { id },
      )
    ).data!.dossier;
    expect(dossier.state).toBe('canceledByFinancer');
    const last = dossier.transitions.at(-1);
    expect(last).toMatchObject({ transition: 'cancelByFinancer', actorRole: 'system', reasonCode: 'FUNDING_REFUSED' });
    expect(last.reason).toMatch(
      new RegExp(`^${id}:reserve-top-up:${FT_RULE}: l'abondement de la règle « .+ » est décidé par France Travail : .+ \\(NO_FUNDER_DECISION\\)$`),
    );
    // The CPF debit refunded, the Région's reservation released; France Travail's part never reserved.
    expect(dossier.fundingPlan.parts.map((p: any) => [p.kind, p.reference, p.wanted, p.status])).toEqual([
      ['CPF_RIGHTS', null, 'returned', 'returned'],
      ['TOP_UP', 'rule-region-pdl-logistics-85', 'returned', 'returned'],
      ['TOP_UP', FT_RULE, 'returned', 'refused'],
    ]);
    expect(await balance()).toBe(before);
    const { plan: now } = await seen();
    expect(franceTravailPart(now)).toMatchObject({ amount: franceTravailPart(plan)!.amount, certainty: { level: 'FUNDER_DECISION' } });
    expect(now.abondements.find((a) => a.funder.id === 'funder-region-pdl')?.certainty.level).toBe('AUTOMATIC');
    await noDrift();
  });

  it('the review makes the request (same day, same deadline as the dossier); cancelling while it reviews withdraws it', async () => {
    const { id, plan, dueOn } = await underReview();
    const part = franceTravailPart(plan)!;
    const { plan: now, requests } = await seen();
    const request = requests.find((r) => r.dossierKey === `${id}:france-travail-review`);
    expect(request).toMatchObject({ sessionId: SESSION, status: 'OPEN', amountRequested: part.amount, answerDueBy: dueOn, amountGranted: null });
    expect(dueOn).toBe(addWorkingDays(today(), 10));
    // The plan now names the request and its own deadline.
    expect(franceTravailPart(now)).toMatchObject({
      amount: part.amount,
      franceTravailRequest: { id: request.id, status: 'OPEN' },
      certainty: { level: 'FUNDER_DECISION', decideBy: dueOn },
    });
    const toDecide = await as(FRANCE_TRAVAIL, `{ franceTravailRequestsToDecide { id } }`);
    expect(toDecide.data!.franceTravailRequestsToDecide.map((r: any) => r.id)).toContain(request.id);
    await noDrift();

    const cancelled = await as(HOLDER, step('cancelDossier'), { id, key: key() });
    expect(cancelled.data!.cancelDossier.dossier.state, JSON.stringify(cancelled.errors)).toBe('canceledByAttendee');
    await settled(id);
    expect((await seen()).requests.find((r) => r.id === request.id)).toMatchObject({ status: 'WITHDRAWN' });
    // Withdrawn, it asks nothing: the plan is as before any request.
    expect(franceTravailPart((await seen()).plan)).toMatchObject({
      franceTravailRequest: null,
      certainty: { level: 'FUNDER_DECISION', decideBy: addWorkingDays(today(), 10) },
    });
    await noDrift();
  });

  it('France Travail grants on the dossier: the request is accepted, its part committed, the money moved once; no drift', async () => {
    const before = (await as(HOLDER, `{ person(id: "${CAMILLE}") { cpfAccount { balance } } }`)).data!.person.cpfAccount.balance;
    const { id, plan } = await underReview();
    const granted = await as(FRANCE_TRAVAIL, step('grantFunding'), { id, key: key() });
    expect(granted.data!.grantFunding.transition, JSON.stringify(granted.errors)).toMatchObject({
      fromState: 'waitingAcceptation',
      toState: 'accepted',
      actorRole: 'funder',
    });
    await settled(id);
    const { plan: now, requests } = await seen();
    expect(requests.find((r) => r.dossierKey === `${id}:france-travail-review`)).toMatchObject({
      status: 'ACCEPTED',
      amountGranted: franceTravailPart(plan)!.amount,
    });
    expect(franceTravailPart(now)?.certainty).toMatchObject({ level: 'COMMITTED', decidedBy: { id: 'funder-france-travail' } });
    expect(franceTravailPart(now)?.certainty.label).toMatch(/^engagé : accordé par France Travail le /);
    // The Région's money is set aside for this session by the dossier.
    expect(now.abondements.find((a) => a.funder.id === 'funder-region-pdl')?.certainty.level).toBe('RESERVED');
    expect((await as(HOLDER, `{ person(id: "${CAMILLE}") { cpfAccount { balance } } }`)).data!.person.cpfAccount.balance).toBe(before - plan.cpfRights);
    await noDrift();
    // Cancelled within the free period: everything comes back; France Travail's decision stays as it was made.
    expect((await as(HOLDER, step('cancelDossier'), { id, key: key() })).data!.cancelDossier.dossier.state).toBe('canceledByAttendee');
    await settled(id);
    expect((await as(HOLDER, `{ person(id: "${CAMILLE}") { cpfAccount { balance } } }`)).data!.person.cpfAccount.balance).toBe(before);
    await noDrift();
  });

  it('France Travail refuses on the dossier: the request is refused, and the plan no longer counts France Travail’s part', async () => {
    const { id, plan } = await underReview();
    const refused = await as(FRANCE_TRAVAIL, step('refuseFunding', ', reasonCode: "NOT_IN_PPAE", reason: "hors projet personnalisé"'), { id, key: key() });
    expect(refused.data!.refuseFunding.dossier.state, JSON.stringify(refused.errors)).toBe('refusedByFinancer');
    await settled(id);
    const { plan: now, requests } = await seen();
    expect(requests.find((r) => r.dossierKey === `${id}:france-travail-review`)).toMatchObject({ status: 'REFUSED' });
    expect(franceTravailPart(now)).toBeUndefined();
    expect(now.remainingCost).toBe(plan.remainingCost + franceTravailPart(plan)!.amount);
    expect(now.planNotes.map((n) => n.code)).toContain('FUNDER_REFUSED');
    await noDrift();
  });
});
