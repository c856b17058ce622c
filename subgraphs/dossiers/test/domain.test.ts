// Deadlines and money rules, as scenarios with their source.
import { describe, expect, it } from 'vitest';
import {
  DEADLINE_BOUNDS,
  deadlineIn,
  deadlineOfStep,
  declarationDeadline,
  declaredLate,
  freeCancellation,
  isPast,
  parameterOn,
  realDayProblem,
  runningDeadline,
  tooLateToRequest,
  type HistoryStep,
} from '../src/domain/deadlines.ts';
import { givesBack, matches, plannedParts, PlanError } from '../src/domain/money.ts';
import { RULES } from '../src/domain/states.ts';

describe('deadlines in French working days', () => {
  it.each([
    // route, state entered, on, due (last day), effect, source says
    ['CPF', 'notProcessed', '2026-11-25', '2026-11-27', 'lapse', 'organisation, ≤ 2 working days'],
    ['CPF', 'notProcessed', '2026-11-26', '2026-11-30', 'lapse', '2 working days over a weekend'],
    ['CPF', 'validated', '2026-11-26', '2026-12-02', 'lapse', 'holder, ≤ 4 working days after validated'],
    ['CPF', 'validated', '2026-11-10', '2026-11-17', 'lapse', 'Tuesday + 4 skips Wednesday 11 November'],
    ['CPF', 'waitingAcceptation', '2026-11-25', '2026-12-09', 'grantFunding', 'France Travail: silence for 10 working days = acceptance'],
    ['EMPLOYER_OPCO', 'notProcessed', '2026-12-23', '2026-12-28', 'lapse', 'Christmas is skipped'],
  ] as const)('%s %s entered %s: last day %s, then %s (%s)', (route, state, on, due, effect, _why) => {
    const deadline = deadlineIn(route, state, on, null);
    expect(deadline).toMatchObject({ dueOn: due, effect });
    expect(deadline!.source).toMatch(/dossiers\.md|abondements\.md/);
  });

  // shared/domain/dossiers.md, serviceDoneValidated: "the operator validates, automatically after 5 working days unless it opens a control".
  it.each([
    ['2026-11-25', '2026-12-02', 'Wednesday + 5 working days'],
    ['2026-12-24', '2027-01-04', 'over Christmas and New Year'],
  ])('service done declared %s: validated automatically after %s (%s)', (on, due) => {
    expect(deadlineIn('CPF', 'serviceDoneDeclared', on, null)).toMatchObject({
      kind: 'SERVICE_DONE_VALIDATION',
      dueOn: due,
      workingDays: 5,
      effect: 'validateServiceDone',
    });
  });

  const h = (transition: HistoryStep['transition'], fromState: HistoryStep['fromState'], toState: HistoryStep['toState'], on: string): HistoryStep => ({
    transition,
    fromState,
    toState,
    on,
  });
  // dossiers.md, validated: "organisation, ≤ 2 working days (30 when prerequisites must be checked)".
  it.each([
    ['no check', [h('requestDossier', null, 'notProcessed', '2026-11-25')], 'ORGANISATION_ANSWER', '2026-11-27'],
    [
      'checked the next day: 30 working days from the request',
      [h('requestDossier', null, 'notProcessed', '2026-11-25'), h('checkPrerequisites', 'notProcessed', 'notProcessed', '2026-11-26')],
      'ORGANISATION_ANSWER_PREREQUISITES',
      '2027-01-08',
    ],
    [
      'a proposal turned into a request',
      [
        h('positionOnSession', null, 'proposed', '2026-11-02'),
        h('requestDossier', 'proposed', 'notProcessed', '2026-11-25'),
        h('checkPrerequisites', 'notProcessed', 'notProcessed', '2026-11-27'),
      ],
      'ORGANISATION_ANSWER_PREREQUISITES',
      '2027-01-08',
    ],
  ] as const)('request of 25 November, %s: %s, last day %s', (_why, history, kind, due) => {
    expect(runningDeadline('CPF', 'notProcessed', history, null)).toMatchObject({ kind, dueOn: due, effect: 'lapse' });
  });

  it('a correction of the service done does not restart its 5 working days', () => {
    const history = [
      h('declareExit', 'inTraining', 'terminated', '2026-11-23'),
      h('declareServiceDone', 'terminated', 'serviceDoneDeclared', '2026-11-25'),
      h('declareServiceDone', 'serviceDoneDeclared', 'serviceDoneDeclared', '2026-11-30'),
    ];
    expect(runningDeadline('CPF', 'serviceDoneDeclared', history, null)).toMatchObject({ dueOn: '2026-12-02' });
  });

  // dossiers.md: inTraining "≤ 3 working days after the real start", terminated "≤ 3 working days";
  // of.moncompteformation.gouv.fr: "Vous disposez de trois jours ouvrés pour procéder à cette déclaration".
  it.each([
    ['ENTRY_DECLARATION', '2027-01-11', '2027-01-14', '2027-01-14', false, 'Monday start, declared Thursday: in time'],
    ['ENTRY_DECLARATION', '2027-01-11', '2027-01-14', '2027-01-15', true, 'declared Friday: a day late'],
    ['EXIT_DECLARATION', '2026-12-24', '2026-12-30', '2026-12-30', false, 'Christmas exit: 25 December is not a working day'],
    ['EXIT_DECLARATION', '2026-11-06', '2026-11-12', '2026-11-13', true, 'over 11 November: last day Thursday 12'],
  ] as const)('%s on %s: last day %s; declared %s, late %s (%s)', (kind, on, due, declared, late, _why) => {
    expect(declarationDeadline(kind, on)).toMatchObject({ dueOn: due, workingDays: 3, effect: null });
    expect(declarationDeadline(kind, on).source).toMatch(/3 working days/);
    expect(declaredLate(kind, on, declared)).toBe(late);
  });

  it.each([
    ['ENTRY_DECLARATION', '2026-11-26', '2026-11-25', null, 'has not happened yet'],
    ['ENTRY_DECLARATION', '2026-11-20', '2026-11-25', { day: '2026-11-23', what: 'the acceptance' }, 'comes before the acceptance on 2026-11-23'],
    ['EXIT_DECLARATION', '2026-11-20', '2026-11-25', { day: '2026-11-23', what: 'the entry' }, 'comes before the entry'],
    ['EXIT_DECLARATION', '25/11/2026', '2026-11-25', null, 'must be a date'],
    ['ENTRY_DECLARATION', '2026-11-25', '2026-11-25', { day: '2026-11-23', what: 'the acceptance' }, null],
  ] as const)('%s really on %s, declared %s: %s', (kind, on, today, notBefore, problem) => {
    const found = realDayProblem(kind, on, today, notBefore);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('no deadline runs in the other states', () => {
    for (const state of ['proposed', 'accepted', 'inTraining', 'paid', 'lapsed'] as const) expect(deadlineIn('CPF', state, '2026-11-25', null)).toBeNull();
  });

  it('"automatically after 5 working days unless it opens a control": no deadline runs under control, nor after its outcome', () => {
    for (const state of ['serviceDoneInControl', 'serviceDoneRefused'] as const) expect(deadlineIn('CPF', state, '2026-11-25', null)).toBeNull();
  });

  it.each([
    // state, whose step, the deadline that bounds it
    ['notProcessed', 'validateDossier', 'ORGANISATION_ANSWER'],
    ['validated', 'acceptDossier', 'HOLDER_ACCEPTANCE'],
    ['waitingAcceptation', 'refuseFunding', 'FUNDER_SILENCE'],
    ['serviceDoneDeclared', 'openControl', 'SERVICE_DONE_VALIDATION'],
    ['serviceDoneDeclared', 'declareServiceDone', 'SERVICE_DONE_VALIDATION'],
    ['serviceDoneDeclared', 'invoiceDossier', null],
  ] as const)('in %s, %s is bounded by %s', (state, transition, kind) => {
    const running = deadlineIn('CPF', state, '2026-11-25', null);
    expect(deadlineOfStep(transition, running ? [running] : [])?.kind ?? null).toBe(kind);
  });

  it('every step a deadline bounds is a transition of the tables', () => {
    for (const [kind, steps] of Object.entries(DEADLINE_BOUNDS)) {
      for (const transition of steps)
        expect(
          RULES.CPF.some((r) => r.transition === transition) || RULES.FRANCE_TRAVAIL_AIF.some((r) => r.transition === transition),
          `${kind} ${transition}`,
        ).toBe(true);
    }
  });

  it('an AIF quote under review lapses if France Travail has not decided the day before entry', () => {
    expect(deadlineIn('FRANCE_TRAVAIL_AIF', 'FUNDER_REVIEW', '2026-11-25', '2027-01-11')).toMatchObject({ dueOn: '2027-01-10', effect: 'lapse' });
  });

  it('free cancellation: the 11 working days after acceptance, across the holidays', () => {
    expect(freeCancellation('2026-12-23').dueOn).toBe('2027-01-11');
    expect(isPast(freeCancellation('2026-12-23'), '2027-01-11')).toBe(false);
    expect(isPast(freeCancellation('2026-12-23'), '2027-01-12')).toBe(true);
  });

  it('a delay is the one in force on the day the state was entered', () => {
    expect(() => parameterOn('HOLDER_ACCEPTANCE', '2018-01-01')).toThrow(RangeError);
    expect(parameterOn('HOLDER_ACCEPTANCE', '2026-11-25').workingDays).toBe(4);
  });

  it.each([
    ['2026-11-25', '2026-12-10', null, 'exactly 11 working days later'],
    ['2026-11-25', '2026-12-09', 'before 2026-12-10', '10 working days is too soon'],
  ])('a CPF request on %s for a session starting %s: %s (%s)', (today, start, expected, _why) => {
    const late = tooLateToRequest('CPF', start, today);
    if (expected === null) expect(late).toBeNull();
    else expect(late).toContain(expected);
    expect(tooLateToRequest('FRANCE_TRAVAIL_AIF', start, today)).toBeNull();
  });
});

describe('the funding plan recorded by a dossier', () => {
  it('keeps the parts in the spending order of décret 2025-1156 and drops empty ones', () => {
    const parts = plannedParts(
      { cpfRights: 30_000, dotations: [{ dotationId: 'd1', amount: 5_000 }], topUps: [{ ruleId: 'r1', amount: 0 }], remainingCost: 65_000 },
      100_000,
    );
    expect(parts).toEqual([
      { kind: 'DOTATION', reference: 'd1', amount: 5_000 },
      { kind: 'CPF_RIGHTS', reference: '', amount: 30_000 },
    ]);
  });

  it.each([
    [{ cpfRights: 30_000, dotations: [], topUps: [], remainingCost: 60_000 }, 100_000, 'adds up to 90000 cents, not'],
    [{ cpfRights: 30_000.5, dotations: [], topUps: [], remainingCost: 69_999.5 }, 100_000, 'whole number of cents'],
    [{ cpfRights: -1, dotations: [], topUps: [], remainingCost: 100_001 }, 100_000, 'whole number of cents'],
    [
      {
        cpfRights: 0,
        dotations: [],
        topUps: [
          { ruleId: 'r', amount: 1 },
          { ruleId: 'r', amount: 2 },
        ],
        remainingCost: 99_997,
      },
      100_000,
      'appears twice',
    ],
    [{ cpfRights: 0, dotations: [], topUps: [], remainingCost: 0 }, null, 'no known price'],
  ])('refuses %j on a price of %s (%s)', (plan, price, message) => {
    expect(() => plannedParts(plan, price)).toThrow(PlanError);
    expect(() => plannedParts(plan, price)).toThrow(message);
  });

  it.each([
    // effect, kind, within free cancellation, given back
    ['returnAll', 'CPF_RIGHTS', false, true, 'cancelled by the organisation or a funder: everything back'],
    ['cancellationRule', 'CPF_RIGHTS', true, true, 'holder cancels within 11 working days: free'],
    ['cancellationRule', 'CPF_RIGHTS', false, false, 'holder cancels later: rights stay spent'],
    ['cancellationRule', 'TOP_UP', false, true, "funders' money always goes back"],
    ['returnThirdParty', 'CPF_RIGHTS', true, false, 'no-show: rights stay spent'],
    ['returnThirdParty', 'DOTATION', true, true, 'no-show: the dotation goes back'],
  ] as const)('%s gives back %s (within free period %s): %s — %s', (effect, kind, within, expected, _why) => {
    expect(givesBack(effect, kind, within)).toBe(expected);
  });

  it.each([
    ['held', 'held', true],
    ['held', 'returned', false],
    ['held', 'none', false],
    ['returned', 'returned', true],
    ['returned', 'refused', true],
    ['returned', 'held', false],
    ['none', 'none', true],
    ['none', 'held', false],
  ] as const)('wanted %s, found %s: %s', (wanted, remote, ok) => expect(matches(wanted, remote)).toBe(ok));
});
