// France Travail requests: 10 working days to answer (terms of Mon Compte Formation), French public
// holidays (Code du travail L3133-1) not counted, silence means acceptance.
import { describe, expect, it } from 'vitest';
import { answerDueBy, grantedAmountOn, requestStatusOn, type FranceTravailRequest } from '../src/domain/france-travail-request.ts';
import { buildFundingPlan } from '../src/domain/funding-plan.ts';
import { easterSunday, frenchPublicHolidays } from '../src/domain/working-days.ts';
import { camille, franceTravail, jobSeekerParticipation, quote, warehouseSession } from './fixtures.ts';

describe('French public holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('Easter %i is on %s', (year, easter) => {
    expect(easterSunday(year)).toBe(easter);
  });

  it('lists the eleven public holidays of 2026', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25',
      '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
  });
});

describe('the day France Travail must answer by', () => {
  it.each([
    { scenario: 'asked on Monday 2 March 2026, no holiday: two weeks later', submittedOn: '2026-03-02', delay: 10, dueBy: '2026-03-16' },
    { scenario: 'asked on Thursday 30 April 2026: 1 May, 8 May and Ascension (14 May) do not count', submittedOn: '2026-04-30', delay: 10, dueBy: '2026-05-19' },
    { scenario: 'asked on Saturday: the count starts on Monday', submittedOn: '2026-03-07', delay: 10, dueBy: '2026-03-20' },
    { scenario: 'asked on 18 December 2026: Christmas and New Year do not count', submittedOn: '2026-12-18', delay: 10, dueBy: '2027-01-05' },
    { scenario: 'the delay is a parameter: 2 working days', submittedOn: '2026-04-03', delay: 2, dueBy: '2026-04-08' },
  ])('$scenario', ({ submittedOn, delay, dueBy }) => {
    expect(answerDueBy(submittedOn, delay)).toBe(dueBy);
  });
});

const request: FranceTravailRequest = {
  id: 'r1',
  funderId: 'funder-france-travail',
  personId: 'camille-martin',
  sessionId: warehouseSession.id,
  amountRequested: 90_000,
  submittedOn: '2026-04-30',
  answerDueBy: '2026-05-19',
  status: 'OPEN',
  amountGranted: null,
  decidedOn: null,
  decidedBy: null,
  decisionReason: null,
};

describe('silence means acceptance', () => {
  it.each([
    { scenario: 'open on the last day to answer', stored: {}, today: '2026-05-19', status: 'OPEN', granted: 0 },
    { scenario: 'accepted tacitly the next day, for the amount asked', stored: {}, today: '2026-05-20', status: 'ACCEPTED_TACITLY', granted: 90_000 },
    { scenario: 'an explicit acceptance for less stays as decided', stored: { status: 'ACCEPTED', amountGranted: 50_000 }, today: '2026-06-01', status: 'ACCEPTED', granted: 50_000 },
    { scenario: 'a refusal in time is never turned into an acceptance', stored: { status: 'REFUSED' }, today: '2026-06-01', status: 'REFUSED', granted: 0 },
  ] as const)('$scenario', ({ stored, today, status, granted }) => {
    const r = { ...request, ...stored };
    expect(requestStatusOn(r, today)).toBe(status);
    expect(grantedAmountOn(r, today)).toBe(granted);
  });

  it('puts a tacitly accepted request into the plan as a France Travail top-up on what remains', () => {
    const plan = buildFundingPlan({
      person: camille,
      session: warehouseSession,
      quote: quote({ price: 150_000, balance: 60_000, participation: jobSeekerParticipation }),
      today: '2026-05-20',
      rules: [],
      dotations: [],
      franceTravailRequests: [{ ...request, funder: franceTravail }],
    });
    expect(plan?.abondements.map((a) => [a.funder.id, a.amount, a.franceTravailRequest?.id])).toEqual([['funder-france-travail', 90_000, 'r1']]);
    expect(plan?.remainingCost).toBe(0);
  });
});
