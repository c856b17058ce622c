// A top-up under a rule its funder decides (granting FUNDER_DECISION: France Travail on request,
// shared/domain/abondements.md flow 1: "France Travail instructs the dossier […] and answers within
// 10 working days; silence means acceptance") is reserved for a dossier only once the funder has
// accepted. shared/domain/dossiers.md: "a top-up reserved while France Travail reviews is committed
// at `accepted` and released on refusal, lapse or cancellation" — while it reviews, the open request
// holds the amount asked; at acceptance the reservation commits it; refused or withdrawn, nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@formations/schema/auth';
import { clockOf } from '@formations/schema/clock';
import { decideRequestOfDossier, openRequestOfDossier, withdrawRequestOfDossier } from '../src/db/france-travail.ts';
import { release, reserve, ReservationError } from '../src/db/reservations.ts';
import type { FranceTravailRequest } from '../src/domain/france-travail-request.ts';
import { funderDecisionRefusal, type DecidedRule } from '../src/domain/funder-decision.ts';
import { startHarness, type Harness } from './harness.ts';
import { DIALECTS } from './store.ts';

const FT_RULE: DecidedRule = {
  id: 'rule-france-travail-shortage-jobs',
  label: 'métiers en tension',
  granting: 'FUNDER_DECISION',
  funderName: 'France Travail',
};
const request = (stored: Partial<FranceTravailRequest>): FranceTravailRequest => ({
  id: 'r1',
  funderId: 'funder-france-travail',
  personId: 'camille-martin',
  sessionId: 's1',
  amountRequested: 130_000,
  submittedOn: '2026-05-04',
  answerDueBy: '2026-05-20',
  status: 'OPEN',
  amountGranted: null,
  decidedOn: null,
  decidedBy: null,
  decisionReason: null,
  dossierKey: null,
  ...stored,
});
const accepted = { status: 'ACCEPTED' as const, amountGranted: 130_000, decidedOn: '2026-05-06' };

describe('reserving a top-up its funder decides (dossiers.md: reserved while France Travail reviews, committed at accepted, released on refusal, lapse or cancellation)', () => {
  it.each([
    ['an automated rule (abondements.md flow 2): reserved at the order, nobody decides', { granting: 'AUTOMATIC' }, [], 130_000, 0, '2026-05-06', null],
    ['never asked: France Travail has decided nothing', {}, [], 130_000, 0, '2026-05-06', 'NO_FUNDER_DECISION'],
    [
      'while France Travail reviews: the open request holds the amount, nothing is reserved',
      {},
      [request({})],
      130_000,
      0,
      '2026-05-06',
      'FUNDER_DECISION_PENDING',
    ],
    ['the last day France Travail may answer: still under review', {}, [request({})], 130_000, 0, '2026-05-20', 'FUNDER_DECISION_PENDING'],
    ['accepted by an adviser: committed', {}, [request(accepted)], 130_000, 0, '2026-05-06', null],
    ['accepted by silence, the day after its deadline (silence means acceptance): committed', {}, [request({})], 130_000, 0, '2026-05-21', null],
    [
      'accepted for less than asked: no more than granted',
      {},
      [request({ ...accepted, amountGranted: 100_000 })],
      130_000,
      0,
      '2026-05-06',
      'ABOVE_FUNDER_DECISION',
    ],
    ['accepted, but another dossier already holds it for this session', {}, [request(accepted)], 130_000, 1, '2026-05-06', 'ABOVE_FUNDER_DECISION'],
    [
      'refused: released, never committed',
      {},
      [request({ status: 'REFUSED', decidedOn: '2026-05-06', decisionReason: 'hors PPAE' })],
      130_000,
      0,
      '2026-05-07',
      'FUNDER_REFUSED',
    ],
    [
      'withdrawn with its cancelled dossier: as if never asked',
      {},
      [request({ status: 'WITHDRAWN', decidedOn: '2026-05-05' })],
      130_000,
      0,
      '2026-05-06',
      'NO_FUNDER_DECISION',
    ],
    [
      'the latest request is the funder’s word: accepted, then refused on a new request',
      {},
      [request(accepted), request({ id: 'r2', submittedOn: '2026-05-11', status: 'REFUSED', decidedOn: '2026-05-12' })],
      130_000,
      0,
      '2026-05-13',
      'FUNDER_REFUSED',
    ],
    [
      'a withdrawn later request leaves the earlier acceptance standing',
      {},
      [request(accepted), request({ id: 'r2', submittedOn: '2026-05-11', status: 'WITHDRAWN' })],
      130_000,
      0,
      '2026-05-13',
      null,
    ],
  ] as const)('%s', (_scenario, rule, requests, amount, alreadyReserved, today, code) => {
    const refusal = funderDecisionRefusal({ rule: { ...FT_RULE, ...rule }, requests, amount, alreadyReserved, today });
    expect(refusal?.code ?? null).toBe(code);
    if (refusal) expect(refusal.message).toMatch(/^l'abondement de la règle « métiers en tension » est décidé par France Travail : /);
  });

  it('says what France Travail decided, in French', () => {
    expect(
      funderDecisionRefusal({
        rule: FT_RULE,
        requests: [request({ ...accepted, amountGranted: 100_000 })],
        amount: 60_000,
        alreadyReserved: 50_000,
        today: '2026-05-06',
      })?.message,
    ).toBe(
      "l'abondement de la règle « métiers en tension » est décidé par France Travail : il a accordé 1\u00a0000,00\u00a0€ pour cette session, dont 500,00\u00a0€ déjà réservés ; 600,00\u00a0€ demandés",
    );
    expect(funderDecisionRefusal({ rule: FT_RULE, requests: [request({})], amount: 1, alreadyReserved: 0, today: '2026-05-06' })?.message).toBe(
      "l'abondement de la règle « métiers en tension » est décidé par France Travail : la demande du 04/05/2026 attend sa réponse (au plus tard le 20/05/2026, son silence vaut ensuite acceptation) ; rien n'est réservé avant",
    );
  });
});

describe.each(DIALECTS)(
  'abondements reserves France Travail’s part of a dossier only after its decision (demo rule rule-france-travail-shortage-jobs), in %s',
  (dialect) => {
    const PLATFORM: Viewer = { sub: 'dossiers-outbox', role: 'operator' };
    let today = new Date('2026-05-04T08:00:00Z'); // a Monday
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(
        clockOf(() => today),
        dialect,
      );
    });
    afterAll(() => h.close());
    const FT = 'rule-france-travail-shortage-jobs';
    const db = () => h.database.store;
    const at = (day: string) => ({ now: `${day}T10:00:00.000Z`, today: day });
    const ask = (dossier: string, sessionId: string) =>
      openRequestOfDossier(db(), {
        dossierKey: `${dossier}:france-travail-review`,
        personId: 'camille-martin',
        sessionId,
        topUps: [
          { ruleId: 'rule-region-pdl-logistics-85', amount: 160_000 },
          { ruleId: FT, amount: 130_000 },
        ],
        offeredOn: '2026-05-04',
        sessionStartDate: '2026-09-07',
        today: '2026-05-04',
      });
    const refusalOf = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        if (error instanceof ReservationError) return error.code;
        throw error;
      }
      return null;
    };

    it('through the GraphQL API, an accept without France Travail’s decision is BAD_USER_INPUT with its code; the Région’s automated rule is reserved', async () => {
      const reserveTopUp = `mutation ($k: ID!, $r: ID!, $a: Cents!) { reserveTopUp(key: $k, ruleId: $r, personId: "camille-martin", sessionId: "s0", amount: $a) { status amount } }`;
      const refused = await h.run(reserveTopUp, { k: 'd0:reserve-top-up:ft', r: FT, a: 130_000 }, PLATFORM);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NO_FUNDER_DECISION' });
      expect(refused.errors?.[0]?.message).toContain('est décidé par France Travail : aucune demande ne lui a été faite pour cette personne et cette session');
      expect(
        (await h.run(reserveTopUp, { k: 'd0:reserve-top-up:region', r: 'rule-region-pdl-logistics-85', a: 160_000 }, PLATFORM)).data?.reserveTopUp,
      ).toEqual({
        status: 'GRANTED',
        amount: 160_000,
      });
    });

    it('under review: pending; accepted by France Travail: reserved up to the amount accepted, the same key the same answer', async () => {
      await ask('d1', 's1');
      expect(
        await refusalOf(() =>
          reserve(db(), { key: 'd1:reserve-top-up:ft', ruleId: FT, personId: 'camille-martin', sessionId: 's1', amount: 130_000, ...at('2026-05-05') }),
        ),
      ).toBe('FUNDER_DECISION_PENDING');
      await decideRequestOfDossier(db(), 'd1:france-travail-review', { accept: true, reason: null, decidedBy: 'ft-adviser-85', decidedOn: '2026-05-06' });
      const held = await reserve(db(), {
        key: 'd1:reserve-top-up:ft',
        ruleId: FT,
        personId: 'camille-martin',
        sessionId: 's1',
        amount: 130_000,
        ...at('2026-05-06'),
      });
      expect(held).toMatchObject({ status: 'GRANTED', amount: 130_000 });
      expect(
        await reserve(db(), { key: 'd1:reserve-top-up:ft', ruleId: FT, personId: 'camille-martin', sessionId: 's1', amount: 130_000, ...at('2026-05-07') }),
      ).toEqual(held);
      // Another key for the same session: France Travail accepted one amount, already held.
      expect(
        await refusalOf(() =>
          reserve(db(), { key: 'd9:reserve-top-up:ft', ruleId: FT, personId: 'camille-martin', sessionId: 's1', amount: 1, ...at('2026-05-07') }),
        ),
      ).toBe('ABOVE_FUNDER_DECISION');
      // Released (the dossier cancelled), the acceptance may be held again for this session.
      await release(db(), 'd1:reserve-top-up:ft', '2026-05-08T10:00:00.000Z');
      expect(
        (await reserve(db(), { key: 'd9:reserve-top-up:ft', ruleId: FT, personId: 'camille-martin', sessionId: 's1', amount: 130_000, ...at('2026-05-08') }))
          .status,
      ).toBe('GRANTED');
    });

    it('refused by France Travail: never reserved', async () => {
      await ask('d2', 's2');
      await decideRequestOfDossier(db(), 'd2:france-travail-review', {
        accept: false,
        reason: 'hors PPAE',
        decidedBy: 'ft-adviser-85',
        decidedOn: '2026-05-06',
      });
      expect(
        await refusalOf(() =>
          reserve(db(), { key: 'd2:reserve-top-up:ft', ruleId: FT, personId: 'camille-martin', sessionId: 's2', amount: 130_000, ...at('2026-05-06') }),
        ),
      ).toBe('FUNDER_REFUSED');
    });

    it('withdrawn with its cancelled dossier: nothing to commit', async () => {
      await ask('d3', 's3');
      await withdrawRequestOfDossier(db(), 'd3:france-travail-review', '2026-05-05');
      expect(
        await refusalOf(() =>
          reserve(db(), { key: 'd3:reserve-top-up:ft', ruleId: FT, personId: 'camille-martin', sessionId: 's3', amount: 130_000, ...at('2026-05-05') }),
        ),
      ).toBe('NO_FUNDER_DECISION');
    });

    it('France Travail silent past its deadline (20 May 2026): accepted, reserved from the next day on its own clock', async () => {
      const asked = await ask('d4', 's4');
      expect(asked.answerDueBy).toBe('2026-05-20');
      const reserveTopUp = `mutation { reserveTopUp(key: "d4:reserve-top-up:ft", ruleId: "${FT}", personId: "camille-martin", sessionId: "s4", amount: 130000) { status amount } }`;
      today = new Date('2026-05-20T15:00:00Z');
      expect((await h.run(reserveTopUp, {}, PLATFORM)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FUNDER_DECISION_PENDING' });
      today = new Date('2026-05-21T07:00:00Z');
      expect((await h.run(reserveTopUp, {}, PLATFORM)).data?.reserveTopUp).toEqual({ status: 'GRANTED', amount: 130_000 });
    });
  },
);
