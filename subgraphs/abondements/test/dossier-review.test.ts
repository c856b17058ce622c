// A dossier's France Travail review through abondements' operator mutations: the request is made,
// decided and withdrawn under the dossier's key, with the windows of the terms of Mon Compte Formation
// (asked within 4 working days of the offer, session starting more than 15 working days later, one at
// a time; answer within 10 working days, silence means acceptance).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@formations/schema/auth';
import { clockOf } from '@formations/schema/clock';
import { startHarness, type Harness } from './harness.ts';
import { DIALECTS } from './store.ts';

const PLATFORM: Viewer = { sub: 'dossiers-outbox', role: 'operator' };
const CAMILLE: Viewer = { sub: 'camille-martin', role: 'holder' };
describe.each(DIALECTS)('a dossier’s France Travail review through the operator mutations, in %s', (dialect) => {
  let today = new Date('2026-05-04T08:00:00Z'); // a Monday
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      clockOf(() => today),
      dialect,
    );
  });
  afterAll(() => h.close());

  const TOP_UPS = [
    { ruleId: 'rule-region-pdl-logistics-85', amount: 75_000 },
    { ruleId: 'rule-france-travail-shortage-jobs', amount: 15_000 },
  ];
  const OPEN = `mutation ($k: ID!, $s: ID!, $t: [ReviewedTopUpInput!]!, $o: Date!, $d: Date!, $start: Date!) {
  openDossierFranceTravailReview(dossierKey: $k, personId: "camille-martin", sessionId: $s, topUps: $t, offeredOn: $o, submittedOn: $d, sessionStartDate: $start) {
    id status amountRequested submittedOn answerDueBy dossierKey } }`;
  const open = (k: string, extra: Record<string, unknown> = {}, viewer: Viewer = PLATFORM) =>
    h.run(OPEN, { k, s: 'session-a', t: TOP_UPS, o: '2026-04-30', d: '2026-05-04', start: '2026-09-07', ...extra }, viewer);
  const decide = (k: string, accept: boolean, on = '2026-05-06') =>
    h.run(
      `mutation ($k: ID!, $a: Boolean!, $on: Date!) { decideDossierFranceTravailReview(dossierKey: $k, accept: $a, decidedOn: $on, decidedBy: "ft-adviser-85", reason: "PPAE") { status amountGranted decidedOn } }`,
      { k, a: accept, on },
      PLATFORM,
    );
  const withdraw = (k: string) => h.run(`mutation ($k: ID!) { withdrawDossierFranceTravailReview(dossierKey: $k) { status } }`, { k }, PLATFORM);

  describe("a dossier's France Travail review", () => {
    it('asks France Travail for its own rules’ part only, dated from the holder’s request; the same key gives the same request', async () => {
      const first = await open('d1:france-travail-review');
      expect(first.errors).toBeUndefined();
      expect(first.data?.openDossierFranceTravailReview).toMatchObject({
        status: 'OPEN',
        amountRequested: 15_000,
        submittedOn: '2026-05-04',
        answerDueBy: '2026-05-20',
        dossierKey: 'd1:france-travail-review',
      });
      const again = await open('d1:france-travail-review');
      expect(again.data?.openDossierFranceTravailReview).toEqual(first.data?.openDossierFranceTravailReview);
      // One open request at a time, whoever asks.
      const other = await open('d2:france-travail-review', { s: 'session-b' });
      expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUEST_ALREADY_OPEN' });
    });

    it('is for the ordering platform only', async () => {
      expect((await open('d9:france-travail-review', {}, CAMILLE)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(
        (await h.run(`mutation { withdrawDossierFranceTravailReview(dossierKey: "d1:france-travail-review") { status } }`, {}, CAMILLE)).errors?.[0]?.extensions
          ?.code,
      ).toBe('FORBIDDEN');
    });

    it('records France Travail’s decision once; repeating it changes nothing; the opposite decision is refused', async () => {
      expect((await decide('d1:france-travail-review', true)).data?.decideDossierFranceTravailReview).toEqual({
        status: 'ACCEPTED',
        amountGranted: 15_000,
        decidedOn: '2026-05-06',
      });
      expect((await decide('d1:france-travail-review', true)).data?.decideDossierFranceTravailReview).toEqual({
        status: 'ACCEPTED',
        amountGranted: 15_000,
        decidedOn: '2026-05-06',
      });
      expect((await decide('d1:france-travail-review', false)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_DECIDED' });
      // Decided, it is not withdrawn by a later cancellation of the dossier.
      expect((await withdraw('d1:france-travail-review')).data?.withdrawDossierFranceTravailReview).toEqual({ status: 'ACCEPTED' });
    });

    it('withdrawn while open, it frees the holder for another request; unknown keys withdraw nothing', async () => {
      expect((await open('d3:france-travail-review', { s: 'session-c' })).data?.openDossierFranceTravailReview).toMatchObject({ status: 'OPEN' });
      expect((await withdraw('d3:france-travail-review')).data?.withdrawDossierFranceTravailReview).toEqual({ status: 'WITHDRAWN' });
      expect((await withdraw('no-such:france-travail-review')).data?.withdrawDossierFranceTravailReview).toBeNull();
      expect((await open('d4:france-travail-review', { s: 'session-d' })).data?.openDossierFranceTravailReview).toMatchObject({ status: 'OPEN' });
    });

    it('France Travail silent until 20 May: accepting on the dossier afterwards finds it accepted by silence', async () => {
      today = new Date('2026-06-01T08:00:00Z');
      expect((await decide('d4:france-travail-review', true, '2026-06-01')).data?.decideDossierFranceTravailReview).toMatchObject({
        status: 'ACCEPTED_TACITLY',
      });
    });

    it('refuses a review that asks France Travail nothing, or out of the windows of the terms, in French with a code', async () => {
      today = new Date('2026-06-01T08:00:00Z');
      const nothing = await open('d5:france-travail-review', { s: 'session-e', t: [TOP_UPS[0]], o: '2026-06-01', d: '2026-06-01' });
      expect(nothing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_FRANCE_TRAVAIL_TOP_UP' });
      const soon = await open('d6:france-travail-review', { s: 'session-f', o: '2026-06-01', d: '2026-06-01', start: '2026-06-15' });
      expect(soon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SESSION_STARTS_TOO_SOON' });
      expect(soon.errors?.[0]?.message).toMatch(/^la session doit commencer plus de 15 jours ouvrés après la demande/);
    });

    it('lists the requests by key for reconciliation', async () => {
      const held = await h.run(
        `query ($k: [ID!]!) { dossierHoldings(keys: $k) { key kind status amount } }`,
        { k: ['d1:france-travail-review', 'd3:france-travail-review', 'd5:france-travail-review'] },
        PLATFORM,
      );
      expect(held.data?.dossierHoldings).toEqual(
        expect.arrayContaining([
          { key: 'd1:france-travail-review', kind: 'FRANCE_TRAVAIL_REQUEST', status: 'ACCEPTED', amount: 15_000 },
          { key: 'd3:france-travail-review', kind: 'FRANCE_TRAVAIL_REQUEST', status: 'WITHDRAWN', amount: 15_000 },
        ]),
      );
      expect((held.data!.dossierHoldings as unknown[]).length).toBe(2);
    });
  });
});
