// The operator's control of a service declared done, end to end through the gateway:
// "serviceDoneValidated: the operator validates, automatically after 5 working days unless it opens
// a control" (shared/domain/dossiers.md). A control stops the automatic validation (no deadline runs)
// and ends with the operator's decision: validated, or refused with a reason code, which gives back
// everything the dossier took. Dossier.nextSteps tells each viewer what they may do at each point.
import { describe, expect, inject, it } from 'vitest';
import type { Viewer } from '@formations/schema/auth';
import { reconcile } from '../../subgraphs/dossiers/src/reconcile.ts';
import { graphql, tokenFor, type GraphQLResponse } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');
const CAMILLE: Viewer = { sub: 'camille-martin', role: 'holder' };
const LUCIE: Viewer = { sub: 'lucie-moreau', role: 'holder' };
const KARIM: Viewer = { sub: 'karim-benali', role: 'holder' };
const OPERATOR: Viewer = { sub: 'operator-mcf', role: 'operator' };
// PDL-F0001-A1-S1: 3,200 €, by this organisation; HDF-F0002-A1-S2: 4,000 €, by the other.
const PDL_ORGANISATION: Viewer = { sub: 'of-83412567600017', role: 'organisation', siret: '83412567600017' };
const HDF_ORGANISATION: Viewer = { sub: 'of-77562281400017', role: 'organisation', siret: '77562281400017' };

const tokens = new Map<string, string>();
async function as(viewer: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const k = JSON.stringify(viewer);
  if (!tokens.has(k)) tokens.set(k, await tokenFor(viewer));
  return graphql(gateway(), query, variables, { token: tokens.get(k)! });
}
let keyCount = 0;
const key = () => `e2e-control-${Date.now()}-${++keyCount}`;

const step = (name: string, extraArgs = '', extraVars = '') =>
  `mutation ($id: ID!, $key: String!${extraVars}) { ${name}(id: $id, idempotencyKey: $key${extraArgs}) { transition { transition toState actorRole reasonCode } dossier { id state } } }`;
const NEXT = `query ($id: ID!) { dossier(id: $id) { state deadlines { kind dueOn effect } nextSteps { transition actors toState reasonRequired deadline { kind dueOn } } } }`;

async function ok(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const res = await as(viewer, query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

async function nextOf(viewer: Viewer, id: string) {
  return (await ok(viewer, NEXT, { id })).dossier;
}

async function settled(viewer: Viewer, id: string) {
  let dossier: any;
  await expect
    .poll(
      async () => {
        dossier = (await as(viewer, `query ($id: ID!) { dossier(id: $id) { state moneySettled fundingPlan { parts { kind amount wanted status } } } }`, { id }))
          .data?.dossier;
        return dossier?.moneySettled;
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
  return dossier;
}

async function balance(): Promise<number> {
  return (await ok(CAMILLE, `{ person(id: "camille-martin") { cpfAccount { balance } } }`, {})).person.cpfAccount.balance;
}

/** A dossier of `holder` on `sessionId` taken to serviceDoneDeclared today through the gateway: requested, validated, accepted with `plan`, entered, exited, declared done. */
async function declaredDone(holder: Viewer, organisation: Viewer, sessionId: string, plan: { cpfRights: number; remainingCost: number }) {
  const requested = await ok(holder, `mutation ($s: ID!, $key: String!) { requestDossier(sessionId: $s, idempotencyKey: $key) { dossier { id } } }`, {
    s: sessionId,
    key: key(),
  });
  const id = requested.requestDossier.dossier.id as string;
  await ok(organisation, step('validateDossier'), { id, key: key() });
  await ok(holder, step('acceptDossier', ', plan: $plan', ', $plan: DossierPlanInput!'), { id, key: key(), plan });
  await settled(holder, id);
  await ok(organisation, step('declareEntry'), { id, key: key() });
  await ok(organisation, step('declareExit', ', reasonCode: "COMPLETED"'), { id, key: key() });
  await ok(organisation, step('declareServiceDone', ', completionRate: 100'), { id, key: key() });
  return id;
}

const names = (d: { nextSteps: { transition: string }[] }) => d.nextSteps.map((s) => s.transition).sort();

describe('the operator’s control of a service declared done', () => {
  it('a control then a refusal: the automatic validation stops, a reason code is required, everything taken is given back', async () => {
    const before = await balance();
    const rights = Math.min(50_000, before);
    const id = await declaredDone(CAMILLE, PDL_ORGANISATION, 'PDL-F0001-A1-S1', { cpfRights: rights, remainingCost: 320_000 - rights });
    expect(await balance()).toBe(before - rights);

    // Declared done on 2026-11-25 (the stack's day): validated automatically after 2026-12-02 unless a control opens.
    const declared = await nextOf(OPERATOR, id);
    expect(declared.deadlines).toEqual([{ kind: 'SERVICE_DONE_VALIDATION', dueOn: '2026-12-02', effect: 'validateServiceDone' }]);
    expect(names(declared)).toEqual(['openControl', 'validateServiceDone']);
    expect(declared.nextSteps.find((s: any) => s.transition === 'openControl')).toMatchObject({
      actors: ['operator'],
      toState: 'serviceDoneInControl',
      deadline: { kind: 'SERVICE_DONE_VALIDATION', dueOn: '2026-12-02' },
    });
    expect(names(await nextOf(PDL_ORGANISATION, id))).toEqual(['declareServiceDone']);

    // Only the operator opens a control.
    for (const viewer of [CAMILLE, PDL_ORGANISATION]) {
      const refused = await as(viewer, step('openControl'), { id, key: key() });
      expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(refused.errors)).toBe('FORBIDDEN');
    }
    const opened = await ok(OPERATOR, step('openControl', ', reasonCode: "ATTENDANCE_SHEETS", reason: "feuilles d’émargement demandées"'), {
      id,
      key: key(),
    });
    expect(opened.openControl.transition).toEqual({
      transition: 'openControl',
      toState: 'serviceDoneInControl',
      actorRole: 'operator',
      reasonCode: 'ATTENDANCE_SHEETS',
    });

    // Under control: no deadline runs (nothing validates it by itself), the organisation can no longer correct it.
    const controlled = await nextOf(OPERATOR, id);
    expect(controlled.deadlines).toEqual([]);
    expect(names(controlled)).toEqual(['refuseServiceDone', 'validateServiceDone']);
    expect(controlled.nextSteps.find((s: any) => s.transition === 'refuseServiceDone')).toMatchObject({ reasonRequired: true, deadline: null });
    expect(names(await nextOf(PDL_ORGANISATION, id))).toEqual([]);
    expect(names(await nextOf(CAMILLE, id))).toEqual([]);
    const correction = await as(PDL_ORGANISATION, step('declareServiceDone', ', completionRate: 40'), { id, key: key() });
    expect(correction.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(correction.errors?.[0]?.message).toContain('serviceDoneInControl');

    const noReason = await as(OPERATOR, step('refuseServiceDone'), { id, key: key() });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    const refused = await ok(OPERATOR, step('refuseServiceDone', ', reasonCode: "SERVICE_NOT_DONE"'), { id, key: key() });
    expect(refused.refuseServiceDone.dossier.state).toBe('serviceDoneRefused');

    // Everything taken goes back, the holder's own CPF rights included; nothing left to do for anyone.
    const after = await settled(CAMILLE, id);
    expect(after.fundingPlan.parts).toEqual([{ kind: 'CPF_RIGHTS', amount: rights, wanted: 'returned', status: 'returned' }]);
    expect(await balance()).toBe(before);
    for (const viewer of [OPERATOR, PDL_ORGANISATION, CAMILLE]) expect(names(await nextOf(viewer, id))).toEqual([]);
    const { dossiers, rights: ledger, abondements } = inject('subgraphUrls');
    const report = await reconcile({ dossiers: dossiers!, rights: ledger!, abondements: abondements! });
    expect(report.drifts.filter((d) => d.includes(id))).toEqual([]);

    // The events integrators read: the control and its outcome, in order.
    const feed = await ok(PDL_ORGANISATION, `{ dossierEvents(first: 500) { events { dossierId transition fromState toState actorRole } } }`, {});
    expect(feed.dossierEvents.events.filter((e: any) => e.dossierId === id).slice(-2)).toEqual([
      { dossierId: id, transition: 'openControl', fromState: 'serviceDoneDeclared', toState: 'serviceDoneInControl', actorRole: 'operator' },
      { dossierId: id, transition: 'refuseServiceDone', fromState: 'serviceDoneInControl', toState: 'serviceDoneRefused', actorRole: 'operator' },
    ]);
  });

  it('a control then a validation: the service is validated and the organisation may invoice', async () => {
    // Paid outside the CPF: no money moves, Lucie's demo balances stay as they are.
    const id = await declaredDone(LUCIE, HDF_ORGANISATION, 'HDF-F0002-A1-S2', { cpfRights: 0, remainingCost: 400_000 });
    await ok(OPERATOR, step('openControl'), { id, key: key() });
    const validated = await ok(OPERATOR, step('validateServiceDone'), { id, key: key() });
    expect(validated.validateServiceDone.transition).toEqual({
      transition: 'validateServiceDone',
      toState: 'serviceDoneValidated',
      actorRole: 'operator',
      reasonCode: null,
    });
    expect(names(await nextOf(HDF_ORGANISATION, id))).toEqual(['invoiceDossier']);
    const again = await as(OPERATOR, step('openControl'), { id, key: key() });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Dossier.nextSteps: what the viewer may do now, from the rules the mutations apply', () => {
  it('the holder of an order to accept: accept, ask France Travail, decline or cancel, the first three by the acceptance deadline', async () => {
    const d = await nextOf(KARIM, 'dos-demo-karim-validated');
    expect(d.state).toBe('validated');
    const byName = Object.fromEntries(d.nextSteps.map((s: any) => [s.transition, s]));
    expect(Object.keys(byName).sort()).toEqual(['acceptDossier', 'cancelDossier', 'declineDossier', 'requestFunderReview']);
    const acceptance = d.deadlines.find((x: any) => x.kind === 'HOLDER_ACCEPTANCE');
    for (const name of ['acceptDossier', 'requestFunderReview', 'declineDossier'])
      expect(byName[name].deadline).toEqual({ kind: 'HOLDER_ACCEPTANCE', dueOn: acceptance.dueOn });
    expect(byName.cancelDossier.deadline).toBeNull();
    expect(byName.acceptDossier.actors).toEqual(['holder']);
  });

  it('the same dossier for its organisation, the operator and a consenting adviser: what each may do, nothing for a reader who takes no part', async () => {
    const organisation: Viewer = { sub: 'of-82267514600010', role: 'organisation', siret: '82267514600010' };
    expect(names(await nextOf(organisation, 'dos-demo-karim-validated'))).toEqual(['cancelByOrganism']);
    expect(names(await nextOf(OPERATOR, 'dos-demo-karim-validated'))).toEqual([]);
    // Camille's request waiting for its organisation, read by the organisation: answer by the deadline.
    const pdl = await nextOf({ sub: 'of-79105233500019', role: 'organisation', siret: '79105233500019' }, 'dos-demo-camille-not-processed');
    expect(pdl.nextSteps.map((s: any) => [s.transition, s.deadline?.kind ?? null]).sort()).toEqual([
      ['checkPrerequisites', 'ORGANISATION_ANSWER'],
      ['refuseDossier', 'ORGANISATION_ANSWER'],
      ['validateDossier', 'ORGANISATION_ANSWER'],
    ]);
  });
});
