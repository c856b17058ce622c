// Dossiers end to end, through the real gateway: a prescriber positions Camille, she requests, the
// organisation validates, she accepts with the plan she saw → the money moves once (outbox →
// rights, abondements) and reconciliation finds no drift; a cancellation gives everything back; a
// refused top-up is compensated; strangers get FORBIDDEN; a replayed key returns the first answer.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '@formations/schema/auth';
import { reconcile } from '../../subgraphs/dossiers/src/reconcile.ts';
import { DEMO_DOSSIERS, DEMO_SESSIONS } from '../../subgraphs/dossiers/src/db/demo-world.ts';
import { graphql, holderToken, tokenFor, type GraphQLResponse } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');
const urls = () => {
  const { dossiers, rights, abondements } = inject('subgraphUrls');
  return { dossiers: dossiers!, rights: rights!, abondements: abondements! };
};
const CAMILLE = 'camille-martin';
const SESSION = 'PDL-F0001-A1-S1'; // AFPA-like warehouse course near La Roche-sur-Yon, 3,200 €
const ORGANISATION: Viewer = { sub: 'of-83412567600017', role: 'organisation', siret: '83412567600017' };
const PRESCRIBER: Viewer = { sub: 'prescriber-france-travail-85', role: 'prescriber' };
const OPERATOR: Viewer = { sub: 'operator-mcf', role: 'operator' };

const tokens = new Map<string, string>();
async function as(viewer: Viewer | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  if (!viewer) return graphql(gateway(), query, variables);
  const k = JSON.stringify(viewer);
  if (!tokens.has(k)) tokens.set(k, await tokenFor(viewer));
  return graphql(gateway(), query, variables, { token: tokens.get(k)! });
}
const holder = (personId: string): Viewer => ({ sub: personId, role: 'holder' });
let keyCount = 0;
const key = () => `e2e-${Date.now()}-${++keyCount}`;

const CHANGE = `replayed transition { id transition fromState toState actorRole at reasonCode } dossier { id state moneySettled }`;
const step = (name: string, extraArgs = '', extraVars = '') =>
  `mutation ($id: ID!, $key: String!${extraVars}) { ${name}(id: $id, idempotencyKey: $key${extraArgs}) { ${CHANGE} } }`;
const ACCEPT = step('acceptDossier', ', plan: $plan', ', $plan: DossierPlanInput!');
const PLAN_OF = `query ($p: ID!, $s: ID!) { person(id: $p) { cpfAccount { balance } trainingOptions(sessionIds: [$s]) { fundingPlan { price cpfRights abondements { amount kind rule { id } certainty { level } } remainingCost } } } }`;

interface SeenPlan {
  price: number;
  cpfRights: number;
  abondements: { amount: number; kind: string; rule: { id: string } | null; certainty: { level: string } }[];
  remainingCost: number;
}
/** The top-ups an order accepted at once moves: France Travail's waits for its decision (requestFunderReview, dossiers-france-travail.test.ts). */
const acceptedAtOnce = (plan: SeenPlan) => plan.abondements.filter((a) => a.kind === 'TOP_UP' && a.certainty.level !== 'FUNDER_DECISION');
/** The plan Camille accepts without asking France Travail: she pays its part herself. */
const asInput = (plan: SeenPlan) => {
  const topUps = acceptedAtOnce(plan);
  const left = plan.abondements.filter((a) => a.kind === 'TOP_UP' && !topUps.includes(a)).reduce((sum, a) => sum + a.amount, 0);
  return {
    cpfRights: plan.cpfRights,
    dotations: [],
    topUps: topUps.map((a) => ({ ruleId: a.rule!.id, amount: a.amount })),
    remainingCost: plan.remainingCost + left,
  };
};

async function balance(personId: string): Promise<number> {
  const res = await as(holder(personId), `query ($p: ID!) { person(id: $p) { cpfAccount { balance } } }`, { p: personId });
  return res.data!.person.cpfAccount.balance;
}

async function settled(id: string, viewer: Viewer = holder(CAMILLE)) {
  let dossier: any;
  await expect
    .poll(
      async () => {
        dossier = (
          await as(
            viewer,
            `query ($id: ID!) { dossier(id: $id) { id state moneySettled fundingPlan { cpfRights frozenAt parts { kind reference amount wanted status key refusal } } transitions { transition toState actorRole reasonCode } } }`,
            { id },
          )
        ).data?.dossier;
        return dossier?.moneySettled;
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
  return dossier;
}

async function noDrift() {
  const report = await reconcile(urls());
  expect(report.drifts, report.drifts.join('\n')).toEqual([]);
  return report;
}

/** A CPF order of Camille on SESSION up to `validated`, through the gateway. */
async function validatedOrder(): Promise<string> {
  const requested = await as(holder(CAMILLE), `mutation ($s: ID!, $key: String!) { requestDossier(sessionId: $s, idempotencyKey: $key) { ${CHANGE} } }`, {
    s: SESSION,
    key: key(),
  });
  expect(requested.errors, JSON.stringify(requested.errors)).toBeUndefined();
  const id = requested.data!.requestDossier.dossier.id;
  const validated = await as(ORGANISATION, step('validateDossier'), { id, key: key() });
  expect(validated.errors, JSON.stringify(validated.errors)).toBeUndefined();
  return id;
}

async function seenPlan(): Promise<SeenPlan> {
  const res = await as(holder(CAMILLE), PLAN_OF, { p: CAMILLE, s: SESSION });
  expect(res.errors).toBeUndefined();
  return res.data!.person.trainingOptions[0].fundingPlan;
}

describe('a CPF order from a prescriber’s proposal to acceptance, then cancelled', () => {
  let dossierId = '';
  let before = 0;
  let plan: SeenPlan;
  let acceptAnswer: any;
  let acceptKey = '';

  beforeAll(async () => {
    // Camille lets the prescriber follow her funding.
    const consent = await as(
      holder(CAMILLE),
      `mutation { grantConsent(viewerSub: "${PRESCRIBER.sub}", scopes: [FUNDING], expiresAt: "2030-01-01T00:00:00Z") { id } }`,
    );
    expect(consent.errors, JSON.stringify(consent.errors)).toBeUndefined();
    before = await balance(CAMILLE);
    plan = await seenPlan();
    expect(plan.cpfRights).toBeGreaterThan(0);
    expect(acceptedAtOnce(plan).length).toBeGreaterThan(0);
  });

  it('the prescriber positions Camille: a proposal in her dossiers, no money moved', async () => {
    const res = await as(
      PRESCRIBER,
      `mutation ($p: ID!, $s: ID!, $key: String!) { positionOnSession(personId: $p, sessionId: $s, idempotencyKey: $key) { ${CHANGE} } }`,
      { p: CAMILLE, s: SESSION, key: key() },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.positionOnSession.transition).toMatchObject({
      transition: 'positionOnSession',
      fromState: null,
      toState: 'proposed',
      actorRole: 'prescriber',
    });
    dossierId = res.data!.positionOnSession.dossier.id;
  });

  it('Camille requests from the proposal, the organisation validates', async () => {
    const requested = await as(holder(CAMILLE), `mutation ($id: ID!, $key: String!) { requestDossier(dossierId: $id, idempotencyKey: $key) { ${CHANGE} } }`, {
      id: dossierId,
      key: key(),
    });
    expect(requested.errors, JSON.stringify(requested.errors)).toBeUndefined();
    expect(requested.data!.requestDossier.transition).toMatchObject({ fromState: 'proposed', toState: 'notProcessed' });
    const validated = await as(ORGANISATION, step('validateDossier'), { id: dossierId, key: key() });
    expect(validated.errors, JSON.stringify(validated.errors)).toBeUndefined();
    expect(validated.data!.validateDossier.dossier.state).toBe('validated');
    expect(await balance(CAMILLE)).toBe(before);
  });

  it('callers who are not its parties get FORBIDDEN, and nothing changes', async () => {
    const karim = await as(holder('karim-benali'), ACCEPT, { id: dossierId, key: key(), plan: asInput(plan) });
    expect(karim.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherOrganisation = await as({ sub: 'of-other', role: 'organisation', siret: '79105233500019' }, step('declareEntry'), { id: dossierId, key: key() });
    expect(otherOrganisation.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const organisationAccepting = await as(ORGANISATION, ACCEPT, { id: dossierId, key: key(), plan: asInput(plan) });
    expect(organisationAccepting.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const adviser = await as({ sub: 'sophie-adviser', role: 'adviser' }, ACCEPT, { id: dossierId, key: key(), plan: asInput(plan) });
    expect(adviser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await as(null, ACCEPT, { id: dossierId, key: key(), plan: asInput(plan) });
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const strangerPrescriber = await as(
      { sub: 'prescriber-without-consent', role: 'prescriber' },
      `mutation { positionOnSession(personId: "${CAMILLE}", sessionId: "${SESSION}", idempotencyKey: "${key()}") { replayed } }`,
    );
    expect(strangerPrescriber.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await as(holder('karim-benali'), `{ dossier(id: "${dossierId}") { state } }`);
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as(holder(CAMILLE), `{ dossier(id: "${dossierId}") { state } }`)).data!.dossier.state).toBe('validated');
  });

  it('Camille accepts with the plan she saw: her CPF is debited exactly its cpfRights, the top-ups reserved, no drift', async () => {
    acceptKey = key();
    const res = await as(holder(CAMILLE), ACCEPT, { id: dossierId, key: acceptKey, plan: asInput(plan) });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    acceptAnswer = res.data!.acceptDossier;
    expect(acceptAnswer).toMatchObject({ replayed: false, transition: { fromState: 'validated', toState: 'accepted', actorRole: 'holder' } });
    const dossier = await settled(dossierId);
    expect(dossier.state).toBe('accepted');
    expect(dossier.fundingPlan.cpfRights).toBe(plan.cpfRights);
    expect(dossier.fundingPlan.frozenAt).not.toBeNull();
    expect(dossier.fundingPlan.parts.map((p: any) => [p.kind, p.reference, p.amount, p.status])).toEqual([
      ['CPF_RIGHTS', null, plan.cpfRights, 'committed'],
      ...acceptedAtOnce(plan).map((a) => ['TOP_UP', a.rule!.id, a.amount, 'committed']),
    ]);
    expect(await balance(CAMILLE)).toBe(before - plan.cpfRights);
    const ledger = await as(holder(CAMILLE), `{ person(id: "${CAMILLE}") { cpfAccount { entries { kind amount explanation } } } }`);
    const debits = ledger.data!.person.cpfAccount.entries.filter((e: any) => e.kind === 'DEBIT' && e.explanation.includes(dossierId));
    expect(debits.map((e: any) => e.amount)).toEqual([-plan.cpfRights]);
    await noDrift();
  });

  it('replaying the acceptance key returns the first answer and debits nothing more', async () => {
    const again = await as(holder(CAMILLE), ACCEPT, { id: dossierId, key: acceptKey, plan: asInput(plan) });
    expect(again.errors).toBeUndefined();
    expect(again.data!.acceptDossier.replayed).toBe(true);
    expect(again.data!.acceptDossier.transition).toEqual(acceptAnswer.transition);
    await settled(dossierId);
    expect(await balance(CAMILLE)).toBe(before - plan.cpfRights);
    const reused = await as(holder(CAMILLE), step('cancelDossier'), { id: dossierId, key: acceptKey });
    expect(reused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an impossible transition is BAD_USER_INPUT naming the current state', async () => {
    const res = await as(ORGANISATION, step('declareExit', ', reasonCode: "COMPLETED"'), { id: dossierId, key: key() });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('accepted');
  });

  it('the flagship-like read: the person, her dossiers, their sessions, frozen plans and transitions', async () => {
    const res = await as(
      holder(CAMILLE),
      `query ($id: ID!) {
      person(id: $id) { givenName cpfAccount { balance }
        dossiers { id state route session { id price startDate training { title } }
          fundingPlan { price cpfRights topUps { reference amount status } remainingCost frozenAt }
          transitions { transition toState actorRole at reasonCode }
          deadlines { kind dueOn workingDays source } } } }`,
      { id: CAMILLE },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const mine = res.data!.person.dossiers.find((d: any) => d.id === dossierId);
    expect(mine.session).toMatchObject({ id: SESSION, price: plan.price });
    expect(mine.fundingPlan.price).toBe(plan.price);
    expect(mine.fundingPlan.cpfRights + mine.fundingPlan.topUps.reduce((s: number, t: any) => s + t.amount, 0) + mine.fundingPlan.remainingCost).toBe(
      plan.price,
    );
    expect(mine.transitions.map((t: any) => t.toState)).toEqual(['proposed', 'notProcessed', 'validated', 'accepted']);
    // Accepted: the holder's free cancellation, and the organisation's entry declaration (3 working days from the start).
    expect(mine.deadlines).toEqual([
      expect.objectContaining({ kind: 'FREE_CANCELLATION', workingDays: 11 }),
      expect.objectContaining({ kind: 'ENTRY_DECLARATION', workingDays: 3 }),
    ]);
    // The prescriber who positioned her follows the dossier (she consented); the organisation sees it on its session.
    const followed = await as(PRESCRIBER, `{ dossier(id: "${dossierId}") { state } }`);
    expect(followed.data?.dossier?.state, JSON.stringify(followed.errors)).toBe('accepted');
    const onSession = await as(ORGANISATION, `{ _: dossier(id: "${dossierId}") { session { id dossiers { id state } } } }`);
    expect(onSession.errors, JSON.stringify(onSession.errors)).toBeUndefined();
    expect(onSession.data!._.session.dossiers.map((d: any) => d.id)).toContain(dossierId);
    const option = await as(holder(CAMILLE), `{ person(id: "${CAMILLE}") { trainingOptions(sessionIds: ["${SESSION}"]) { dossier { id state } } } }`);
    expect(option.data!.person.trainingOptions[0].dossier).toBeTruthy();
  });

  it('Camille cancels within the free period: everything taken is given back, no drift', async () => {
    // Said before she asks, by the rule the mutation applies.
    const ahead = await as(
      holder(CAMILLE),
      `{ dossier(id: "${dossierId}") { cancellation { free freeUntil givesBack { kind amount } staysSpent { kind } remainingCostRefunded } fundingPlan { remainingCost } } }`,
    );
    const cancellation = ahead.data?.dossier.cancellation;
    expect(cancellation, JSON.stringify(ahead.errors)).toMatchObject({ free: true, staysSpent: [] });
    // What she paid herself at acceptance goes back too.
    expect(cancellation.remainingCostRefunded).toBe(ahead.data!.dossier.fundingPlan.remainingCost);
    expect(cancellation.freeUntil > new Date().toISOString().slice(0, 10)).toBe(true);
    expect(cancellation.givesBack).toContainEqual({ kind: 'CPF_RIGHTS', amount: plan.cpfRights });
    const res = await as(holder(CAMILLE), step('cancelDossier'), { id: dossierId, key: key() });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const dossier = await settled(dossierId);
    expect(dossier.state).toBe('canceledByAttendee');
    expect(dossier.fundingPlan.parts.every((p: any) => p.wanted === 'returned' && p.status === 'returned')).toBe(true);
    expect(await balance(CAMILLE)).toBe(before);
    await noDrift();
  });
});

describe('money refused after acceptance is compensated', () => {
  it('a top-up above its rule’s cap is refused: the CPF debit is refunded and the dossier cancelled by the financer', async () => {
    const before = await balance(CAMILLE);
    const plan = await seenPlan();
    const id = await validatedOrder();
    // The Région's rule pays at most 2,000 €: ask it for everything but the CPF rights.
    const greedy = {
      cpfRights: plan.cpfRights,
      dotations: [],
      topUps: [{ ruleId: 'rule-region-pdl-logistics-85', amount: plan.price - plan.cpfRights }],
      remainingCost: 0,
    };
    const res = await as(holder(CAMILLE), ACCEPT, { id, key: key(), plan: greedy });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const dossier = await settled(id);
    expect(dossier.state).toBe('canceledByFinancer');
    expect(dossier.transitions.at(-1)).toMatchObject({ actorRole: 'system', reasonCode: 'FUNDING_REFUSED' });
    expect(dossier.fundingPlan.parts.map((p: any) => [p.kind, p.status])).toEqual([
      ['CPF_RIGHTS', 'returned'],
      ['TOP_UP', 'refused'],
    ]);
    expect(await balance(CAMILLE)).toBe(before);
    await noDrift();
  });

  it('a plan that does not add up to the price is refused before anything moves', async () => {
    const id = await validatedOrder();
    const plan = await seenPlan();
    const res = await as(holder(CAMILLE), ACCEPT, { id, key: key(), plan: { ...asInput(plan), remainingCost: asInput(plan).remainingCost + 1 } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const dossier = (await as(holder(CAMILLE), `{ dossier(id: "${id}") { state fundingPlan { cpfRights } } }`)).data!.dossier;
    expect(dossier).toEqual({ state: 'validated', fundingPlan: null });
    await as(holder(CAMILLE), step('declineDossier'), { id, key: key() });
  });
});

describe('demo dossiers', () => {
  it('are on sessions of the demo catalogue, with its prices, starts and organisations', async () => {
    for (const [id, facts] of Object.entries(DEMO_SESSIONS)) {
      const res = await graphql(gateway(), `{ session(id: "${id}") { price startDate certificationCode action { id } training { provider { siret } } } }`);
      expect(res.data?.session, id).toEqual({
        price: facts.price,
        startDate: facts.startDate,
        certificationCode: facts.certificationCode,
        action: { id: facts.actionId },
        training: { provider: { siret: facts.organisationSiret } },
      });
    }
  });

  it('each demo person sees theirs, in a state of each kind', async () => {
    const states = new Set<string>();
    for (const person of ['camille-martin', 'karim-benali', 'lucie-moreau']) {
      const res = await as(holder(person), `{ person(id: "${person}") { dossiers { id state } } }`);
      expect(res.errors).toBeUndefined();
      const ids = res.data!.person.dossiers.map((d: any) => d.id);
      for (const demo of DEMO_DOSSIERS.filter((d) => d.personId === person)) expect(ids).toContain(demo.id);
      for (const d of res.data!.person.dossiers) states.add(d.state);
    }
    for (const state of [
      'proposed',
      'notProcessed',
      'validated',
      'accepted',
      'refusedByOrganism',
      'inTraining',
      'paid',
      'refusedByAttendee',
      'canceledByAttendee',
      'AWAITING_BENEFICIARY',
    ])
      expect(states).toContain(state);
  });

  it('the operator validates the service, bills and is paid only in order', async () => {
    const res = await as(OPERATOR, step('markPaid'), { id: 'dos-demo-lucie-in-training', key: key() });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('inTraining');
  });
});

describe('reconciliation finds drift', () => {
  const cli = (to: ReturnType<typeof urls>) => {
    const env = { ...process.env, DOSSIERS_URL: to.dossiers, RIGHTS_URL: to.rights, ABONDEMENTS_URL: to.abondements };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reconcile.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env,
      encoding: 'utf8',
    });
    return { code: run.status, out: run.stdout + run.stderr };
  };

  it('a reservation released behind the dossier’s back is reported, and `npm run reconcile` exits 1 until the dossier is cancelled', async () => {
    const plan = await seenPlan();
    const id = await validatedOrder();
    expect((await as(holder(CAMILLE), ACCEPT, { id, key: key(), plan: asInput(plan) })).errors).toBeUndefined();
    const dossier = await settled(id);
    const topUp = dossier.fundingPlan.parts.find((p: any) => p.kind === 'TOP_UP');
    const released = await as(OPERATOR, `mutation ($k: ID!) { releaseReservation(key: $k) { status } }`, { k: topUp.key });
    expect(released.data?.releaseReservation.status, JSON.stringify(released.errors)).toBe('RELEASED');

    const report = await reconcile(urls());
    expect(report.drifts).toEqual([
      expect.stringContaining(`${id} (accepted) TOP_UP ${topUp.reference} ${topUp.amount} cents: the dossier wants it held, the payer has it returned`),
    ]);
    const failing = cli(urls());
    expect(failing.code, failing.out).toBe(1);
    expect(failing.out).toContain(`DRIFT ${id}`);

    expect((await as(holder(CAMILLE), step('cancelDossier'), { id, key: key() })).errors).toBeUndefined();
    await settled(id);
    await noDrift();
    const passing = cli(urls());
    expect(passing.code, passing.out).toBe(0);
    expect(passing.out).toMatch(/\d+ dossiers, \d+ money parts checked: no drift/);
  });
});

describe('the pull feed of dossier events', () => {
  const FEED = `query ($after: String, $first: Int) { dossierEvents(after: $after, first: $first) { events { cursor dossierId sessionId transition fromState toState actorRole at } endCursor hasMore } }`;

  it('gives an organisation the transitions of its dossiers in order, resumable from any cursor', async () => {
    const all = (await as(ORGANISATION, FEED, { first: 500 })).data!.dossierEvents;
    expect(all.events.length).toBeGreaterThan(4);
    // Only this organisation's sessions: those of its training PDL-F0001 (the demo proposal is on its session S2).
    expect(new Set(all.events.map((e: any) => e.sessionId))).toEqual(new Set([SESSION, 'PDL-F0001-A1-S2']));
    const cursors = all.events.map((e: any) => Number(e.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    const page1 = (await as(ORGANISATION, FEED, { first: 3 })).data!.dossierEvents;
    expect(page1.hasMore).toBe(true);
    const rest = (await as(ORGANISATION, FEED, { after: page1.endCursor, first: 500 })).data!.dossierEvents;
    expect([...page1.events, ...rest.events]).toEqual(all.events);
    expect(rest.hasMore).toBe(false);
    // Nothing new: an empty page that keeps the cursor.
    const none = (await as(ORGANISATION, FEED, { after: all.endCursor })).data!.dossierEvents;
    expect(none).toEqual({ events: [], endCursor: all.endCursor, hasMore: false });
    // A new transition appears after the cursor.
    await validatedOrder();
    const next = (await as(ORGANISATION, FEED, { after: all.endCursor })).data!.dossierEvents;
    expect(next.events.map((e: any) => e.toState)).toEqual(['notProcessed', 'validated']);
  });

  it('carries no personal data and is refused to callers who are not parties', async () => {
    const other = (await as({ sub: 'of-x', role: 'organisation', siret: '79105233500019' }, FEED, { first: 500 })).data!.dossierEvents;
    expect(other.events.every((e: any) => e.sessionId !== SESSION)).toBe(true);
    expect(JSON.stringify(await as(ORGANISATION, FEED, { first: 500 }))).not.toContain(CAMILLE);
    for (const viewer of [{ sub: 'sophie-adviser', role: 'adviser' } as Viewer, PRESCRIBER, null]) {
      const res = await as(viewer, FEED);
      expect(res.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
  });
});

describe('an AIF through a quote (France Travail)', () => {
  const FRANCE_TRAVAIL: Viewer = { sub: 'ft-adviser-85', role: 'funder', funderId: 'funder-france-travail' };
  const REGION: Viewer = { sub: 'region-user', role: 'funder', funderId: 'funder-region-pdl' };

  it('quote → the holder agrees → France Travail grants: the CPF part is debited then; another funder cannot decide', async () => {
    const before = await balance(CAMILLE);
    const requested = await as(
      holder(CAMILLE),
      `mutation ($s: ID!, $key: String!) { requestDossier(sessionId: $s, route: FRANCE_TRAVAIL_AIF, idempotencyKey: $key) { ${CHANGE} } }`,
      { s: SESSION, key: key() },
    );
    expect(requested.errors, JSON.stringify(requested.errors)).toBeUndefined();
    const id = requested.data!.requestDossier.dossier.id;
    expect(requested.data!.requestDossier.dossier.state).toBe('QUOTE_DRAFT');
    expect((await as(ORGANISATION, step('validateDossier'), { id, key: key() })).data!.validateDossier.dossier.state).toBe('AWAITING_BENEFICIARY');
    // AIF: France Travail pays the rest after the holder's CPF rights.
    const plan = { cpfRights: 10_000, dotations: [], topUps: [], remainingCost: 0 };
    const price = (await seenPlan()).price;
    const agreed = await as(holder(CAMILLE), ACCEPT, { id, key: key(), plan: { ...plan, remainingCost: price - plan.cpfRights } });
    expect(agreed.data!.acceptDossier.dossier.state, JSON.stringify(agreed.errors)).toBe('FUNDER_REVIEW');
    expect(await balance(CAMILLE)).toBe(before); // nothing moves before France Travail decides

    const region = await as(REGION, step('grantFunding'), { id, key: key() });
    expect(region.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const granted = await as(FRANCE_TRAVAIL, step('grantFunding'), { id, key: key() });
    expect(granted.data!.grantFunding.transition, JSON.stringify(granted.errors)).toMatchObject({
      fromState: 'FUNDER_REVIEW',
      toState: 'GRANTED',
      actorRole: 'funder',
    });
    const dossier = await settled(id);
    expect(dossier.fundingPlan.parts).toEqual([expect.objectContaining({ kind: 'CPF_RIGHTS', amount: 10_000, status: 'committed' })]);
    expect(await balance(CAMILLE)).toBe(before - 10_000);
    await noDrift();

    // France Travail cancels its funding: the rights come back.
    const cancelled = await as(FRANCE_TRAVAIL, step('cancelByFinancer', ', reasonCode: "PROJECT_ABANDONED"'), { id, key: key() });
    expect(cancelled.data!.cancelByFinancer.dossier.state, JSON.stringify(cancelled.errors)).toBe('CANCELLED');
    await settled(id);
    expect(await balance(CAMILLE)).toBe(before);
    await noDrift();
  });

  it('invoiced at 0 % attended: no floor for the AIF (a CPF order would owe 25 %), so the CPF part goes back to her rights; the balance ends as found, for the other files on this stack', async () => {
    const before = await balance(CAMILLE);
    const id = (
      await as(
        holder(CAMILLE),
        `mutation ($s: ID!, $key: String!) { requestDossier(sessionId: $s, route: FRANCE_TRAVAIL_AIF, idempotencyKey: $key) { ${CHANGE} } }`,
        {
          s: SESSION,
          key: key(),
        },
      )
    ).data!.requestDossier.dossier.id;
    await as(ORGANISATION, step('validateDossier'), { id, key: key() });
    const price = (await seenPlan()).price;
    await as(holder(CAMILLE), ACCEPT, { id, key: key(), plan: { cpfRights: 10_000, dotations: [], topUps: [], remainingCost: price - 10_000 } });
    await as(FRANCE_TRAVAIL, step('grantFunding'), { id, key: key() });
    await settled(id);
    await as(ORGANISATION, step('declareEntry'), { id, key: key() });
    await as(ORGANISATION, step('declareExit', ', reasonCode: "DROPPED_OUT"'), { id, key: key() });
    const withoutRate = await as(ORGANISATION, step('invoiceDossier'), { id, key: key() });
    expect(withoutRate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'completionRate' });
    const invoiced = await as(ORGANISATION, step('invoiceDossier', ', completionRate: 0'), { id, key: key() });
    expect(invoiced.data?.invoiceDossier.dossier.state, JSON.stringify(invoiced.errors)).toBe('INVOICED');
    // Partial amounts (kept in the spending order, rounded down to the cent) are the store tests'.
    const dossier = await settled(id);
    expect(dossier.fundingPlan.parts).toEqual([expect.objectContaining({ kind: 'CPF_RIGHTS', amount: 10_000, wanted: 'returned', status: 'returned' })]);
    expect(await balance(CAMILLE)).toBe(before);
    await noDrift();
  });
});
