// France Travail's review of a CPF order (EDOF waitingAcceptation) and the request in abondements:
// which command each step sends, and what reconciliation expects. dossiers.md: "waitingAcceptation —
// a France Travail top-up was asked and is being reviewed — holder asks; France Travail decides";
// "refusedByFinancer — France Travail; silence for 10 working days = acceptance".
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../src/db/schema.ts';
import { expectedReview, reviewActionFor, reviewKey, reviewMatches, type HistoryStep } from '../src/domain/funder-review.ts';
import type { Actor, DossierState, Transition } from '../src/domain/states.ts';
import { create, PLAN, step, tempDatabase } from './helpers.ts';

describe('the command each step sends to abondements', () => {
  it.each([
    ['requestFunderReview', 'validated', 'holder', 'open-review', 'the holder asks France Travail: the request is made'],
    ['grantFunding', 'waitingAcceptation', 'funder', 'accept-review', 'France Travail accepts on the dossier'],
    ['grantFunding', 'waitingAcceptation', 'system', null, 'silence for 10 working days: abondements derives the same acceptance'],
    ['refuseFunding', 'waitingAcceptation', 'funder', 'refuse-review', 'France Travail refuses'],
    ['cancelDossier', 'waitingAcceptation', 'holder', 'withdraw-review', 'the holder cancels before the answer: the request is withdrawn'],
    ['cancelByFinancer', 'waitingAcceptation', 'operator', 'withdraw-review', 'the operator cancels before the answer'],
    ['cancelDossier', 'accepted', 'holder', null, 'after the decision the request stays as decided'],
    ['acceptDossier', 'validated', 'holder', null, 'no France Travail top-up asked'],
  ] as const)('%s from %s by %s → %s (%s)', (transition, fromState, actor, action, _why) => {
    expect(reviewActionFor({ transition: transition as Transition, fromState: fromState as DossierState, actor: actor as Actor })).toBe(action);
  });
});

describe('what reconciliation expects of the request', () => {
  const t = (transition: string, fromState: string | null, actorRole: string, reasonCode: string | null = null, reason: string | null = null): HistoryStep => ({
    transition,
    fromState,
    actorRole,
    reasonCode,
    reason,
  });
  const asked = [t('requestDossier', null, 'holder'), t('validateDossier', 'notProcessed', 'organisation'), t('requestFunderReview', 'validated', 'holder')];
  it.each([
    ['never asked', [t('requestDossier', null, 'holder'), t('acceptDossier', 'validated', 'holder')], null, []],
    ['waiting', asked, 'OPEN', ['OPEN']],
    ['accepted by France Travail', [...asked, t('grantFunding', 'waitingAcceptation', 'funder')], 'ACCEPTED', ['ACCEPTED']],
    ['accepted by silence', [...asked, t('grantFunding', 'waitingAcceptation', 'system', 'DEADLINE_FUNDER_SILENCE')], 'ACCEPTED_TACITLY', ['ACCEPTED_TACITLY']],
    ['refused', [...asked, t('refuseFunding', 'waitingAcceptation', 'funder', 'NOT_IN_PPAE')], 'REFUSED', ['REFUSED']],
    ['cancelled by the holder while waiting', [...asked, t('cancelDossier', 'waitingAcceptation', 'holder')], 'NOT_OPEN', ['WITHDRAWN', null]],
    [
      'abondements would not make it (its windows)',
      [
        ...asked,
        t(
          'cancelByFinancer',
          'waitingAcceptation',
          'system',
          'FUNDING_REFUSED',
          'd1:france-travail-review: la session doit commencer plus de 15 jours ouvrés après la demande',
        ),
      ],
      'NONE',
      [null],
    ],
  ] as const)('%s → %s', (_scenario, history, expected, fine) => {
    expect(expectedReview('d1', history)).toBe(expected);
    if (!expected) return;
    for (const found of fine) expect(reviewMatches(expected, found)).toBe(true);
    for (const found of ['OPEN', 'ACCEPTED', 'ACCEPTED_TACITLY', 'REFUSED', 'WITHDRAWN', null].filter(
      (f) => !(fine as readonly (string | null)[]).includes(f),
    )) {
      expect(reviewMatches(expected, found), `${expected} vs ${found}`).toBe(false);
    }
  });
});

describe('review commands in the outbox, in the transition’s transaction', () => {
  const rows = (db: ReturnType<typeof tempDatabase>['db']) =>
    db
      .select()
      .from(outbox)
      .where(eq(outbox.dossierId, 'd1'))
      .all()
      .map((r) => [r.action, r.key]);

  it('France Travail grants: its decision is recorded before the money it frees moves', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    step(db, 'd1', 'requestFunderReview', 'holder', '2026-11-26', { plan: PLAN });
    step(db, 'd1', 'grantFunding', 'funder', '2026-11-30');
    expect(rows(db).slice(0, 3)).toEqual([
      ['open-review', reviewKey('d1', 'open-review')],
      ['accept-review', 'd1:france-travail-decision'],
      ['commit', 'd1:spend-dotation:dotation-x'],
    ]);
  });

  it('the holder cancels while France Travail reviews: the request is withdrawn', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    step(db, 'd1', 'requestFunderReview', 'holder', '2026-11-26', { plan: PLAN });
    step(db, 'd1', 'cancelDossier', 'holder', '2026-11-27');
    expect(rows(db)).toEqual([
      ['open-review', 'd1:france-travail-review'],
      ['withdraw-review', 'd1:france-travail-withdrawal'],
    ]);
  });

  it('refuses a review with no top-up to ask, and records nothing', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    expect(() => step(db, 'd1', 'requestFunderReview', 'holder', '2026-11-26', { plan: { ...PLAN, topUps: [], remainingCost: 280_000 } })).toThrow(
      /needs the top-up asked of France Travail/,
    );
    expect(rows(db)).toEqual([]);
  });
});

// shared/domain/dossiers.md: "a top-up reserved while France Travail reviews is committed at `accepted`
// and released on refusal, lapse or cancellation". While France Travail reviews, its open request in
// abondements holds the amount asked (abondements refuses to reserve a FUNDER_DECISION rule's top-up
// before the decision: NO_FUNDER_DECISION / FUNDER_DECISION_PENDING); each top-up is reserved at
// `accepted` (France Travail's grant or its silence); a refusal, a lapse or a cancellation commits none.
describe('France Travail’s part through the review, step by step (dossiers.md)', () => {
  const COMMITS = [
    ['commit', 'd1:spend-dotation:dotation-x'],
    ['commit', 'd1:debit-cpf'],
    ['commit', 'd1:reserve-top-up:rule-region'],
    ['commit', 'd1:reserve-top-up:rule-ft'],
  ];
  const RETURNS = COMMITS.map(([, k]) => ['return', `${k}:return`]);
  const asked = [['requestFunderReview', 'holder', '2026-11-26', {}]] as const;
  it.each([
    ['the holder asks: France Travail reviews, its request holds the amount, nothing is reserved', asked, [['open-review', 'd1:france-travail-review']]],
    [
      'France Travail accepts: its decision is recorded, then every part is committed (its top-up reserved)',
      [...asked, ['grantFunding', 'funder', '2026-11-30', {}]],
      [['open-review', 'd1:france-travail-review'], ['accept-review', 'd1:france-travail-decision'], ...COMMITS],
    ],
    [
      'France Travail stays silent 10 working days: accepted, every part committed (abondements derives the same acceptance)',
      [...asked, ['grantFunding', 'system', '2026-12-11', { reasonCode: 'DEADLINE_FUNDER_SILENCE' }]],
      [['open-review', 'd1:france-travail-review'], ...COMMITS],
    ],
    [
      'France Travail refuses: released, nothing committed',
      [...asked, ['refuseFunding', 'funder', '2026-11-30', { reasonCode: 'NOT_IN_PPAE' }]],
      [
        ['open-review', 'd1:france-travail-review'],
        ['refuse-review', 'd1:france-travail-decision'],
      ],
    ],
    [
      'the holder cancels while France Travail reviews: the request withdrawn, nothing committed',
      [...asked, ['cancelDossier', 'holder', '2026-11-27', {}]],
      [
        ['open-review', 'd1:france-travail-review'],
        ['withdraw-review', 'd1:france-travail-withdrawal'],
      ],
    ],
    [
      'the operator cancels the funding while France Travail reviews: the request withdrawn, nothing committed',
      [...asked, ['cancelByFinancer', 'operator', '2026-11-27', { reasonCode: 'FRAUD_SUSPECTED' }]],
      [
        ['open-review', 'd1:france-travail-review'],
        ['withdraw-review', 'd1:france-travail-withdrawal'],
      ],
    ],
    [
      'the holder lets the order lapse: nothing asked, nothing committed',
      [['lapse', 'system', '2026-12-02', { reasonCode: 'DEADLINE_HOLDER_ACCEPTANCE' }]],
      [],
    ],
    [
      'accepted, then cancelled by the holder: committed at acceptance, then every part given back',
      [...asked, ['grantFunding', 'funder', '2026-11-30', {}], ['cancelDossier', 'holder', '2026-12-01', {}]],
      [['open-review', 'd1:france-travail-review'], ['accept-review', 'd1:france-travail-decision'], ...COMMITS, ...RETURNS],
    ],
  ] as const)('%s', (_scenario, steps, commands) => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    for (const [transition, actor, day, extra] of steps)
      step(db, 'd1', transition as Transition, actor as Actor, day, { ...(transition === 'requestFunderReview' ? { plan: PLAN } : {}), ...extra });
    expect(
      db
        .select()
        .from(outbox)
        .where(eq(outbox.dossierId, 'd1'))
        .all()
        .map((r) => [r.action, r.key]),
    ).toEqual(commands);
  });
});
