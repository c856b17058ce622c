// France Travail requests (terms of Mon Compte Formation, conditions particulières du titulaire):
// asked within 4 working days of the provider's offer, for a session starting more than 15 working
// days later, answered within 10 working days, silence means acceptance. French public holidays
// (Code du travail L3133-1) are not working days.
import { describe, expect, it } from 'vitest';
import { answerDueBy, requestStatusOn, requestWindowRefusal, type FranceTravailRequest } from '../src/domain/france-travail-request.ts';
import { FUNDER_PARAMETERS, funderParameterOn, type FunderParameter } from '../src/domain/funder-parameters.ts';
import { buildFundingPlan, requestAmountOn } from '../src/domain/funding-plan.ts';
import { easterSunday, frenchPublicHolidays } from '@formations/schema/working-days';
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
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });
});

describe('the day France Travail must answer by (10 working days)', () => {
  it.each([
    { scenario: 'asked on Monday 2 March 2026, no holiday: two weeks later', submittedOn: '2026-03-02', dueBy: '2026-03-16' },
    { scenario: 'asked on Thursday 30 April 2026: 1 May, 8 May and Ascension (14 May) do not count', submittedOn: '2026-04-30', dueBy: '2026-05-19' },
    { scenario: 'asked on Saturday: the count starts on Monday', submittedOn: '2026-03-07', dueBy: '2026-03-20' },
    { scenario: 'asked on 18 December 2026: Christmas and New Year do not count', submittedOn: '2026-12-18', dueBy: '2027-01-05' },
  ])('$scenario', ({ submittedOn, dueBy }) => {
    expect(answerDueBy(submittedOn)).toBe(dueBy);
  });

  it('takes the delay in force on the day of the request: a later value applies only to later requests', () => {
    const shorter: FunderParameter = {
      name: 'franceTravail.answerWithinWorkingDays',
      value: 2,
      validFrom: '2026-04-01',
      source: 'a later text',
      status: 'DRAFT',
    };
    const table = [...FUNDER_PARAMETERS, shorter];
    expect(answerDueBy('2026-03-31', table)).toBe('2026-04-15'); // Easter Monday, 6 April, does not count
    expect(answerDueBy('2026-04-03', table)).toBe('2026-04-08');
  });
});

describe("the dated parameters of funders' practice", () => {
  it.each([
    { name: 'franceTravail.requestWithinWorkingDaysOfOffer', value: 4 },
    { name: 'franceTravail.sessionStartsAfterWorkingDays', value: 15 },
    { name: 'franceTravail.answerWithinWorkingDays', value: 10 },
  ] as const)('$name is $value on 2026-03-02, from the terms of Mon Compte Formation, to confirm', ({ name, value }) => {
    expect(funderParameterOn(name, '2026-03-02')).toMatchObject({ value, status: 'REPORTED', source: expect.stringContaining('CGU Mon Compte Formation') });
  });

  it('has no value before the platform opened under its terms (21 Nov 2019)', () => {
    expect(() => funderParameterOn('franceTravail.answerWithinWorkingDays', '2019-11-20')).toThrow(/no value/);
  });
});

describe("the windows of a request (terms of Mon Compte Formation: 4 working days after the provider's offer, session more than 15 working days later)", () => {
  it.each([
    {
      scenario: 'asked on Thursday 7 May 2026, the 4th working day after an offer of Thursday 30 April (1 May does not count)',
      offeredOn: '2026-04-30',
      today: '2026-05-07',
      sessionStartDate: '2026-09-01',
      refusal: null,
    },
    {
      scenario: 'asked on Monday 11 May 2026, the next working day (8 May is a holiday): too late',
      offeredOn: '2026-04-30',
      today: '2026-05-11',
      sessionStartDate: '2026-09-01',
      refusal: [
        'OFFER_WINDOW_PASSED',
        "la demande doit être faite dans les 4 jours ouvrés suivant la proposition de l'organisme du 30/04/2026, soit au plus tard le 07/05/2026 (CGU Mon Compte Formation",
      ],
    },
    {
      scenario: 'asked on the day of the offer, for a session starting on the 16th working day after (Monday 2 March → Tuesday 24 March 2026)',
      offeredOn: '2026-03-02',
      today: '2026-03-02',
      sessionStartDate: '2026-03-24',
      refusal: null,
    },
    {
      scenario: 'a session starting on the 15th working day after the request is not "more than 15" later',
      offeredOn: '2026-03-02',
      today: '2026-03-02',
      sessionStartDate: '2026-03-23',
      refusal: [
        'SESSION_STARTS_TOO_SOON',
        'la session doit commencer plus de 15 jours ouvrés après la demande, soit après le 23/03/2026 ; elle commence le 23/03/2026 (CGU Mon Compte Formation',
      ],
    },
    {
      scenario: "an offer dated after the request is not the provider's offer yet",
      offeredOn: '2026-03-03',
      today: '2026-03-02',
      sessionStartDate: '2026-09-01',
      refusal: ['OFFER_IN_FUTURE', "la proposition de l'organisme est datée du 03/03/2026, après la demande du 02/03/2026"],
    },
  ] as const)('$scenario', ({ offeredOn, today, sessionStartDate, refusal }) => {
    const found = requestWindowRefusal({ offeredOn, today, sessionStartDate });
    if (refusal === null) {
      expect(found).toBeNull();
    } else {
      expect(found?.code).toBe(refusal[0]);
      expect(found?.message.startsWith(refusal[1])).toBe(true);
    }
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
  dossierKey: null,
};

describe('silence means acceptance (CGU Mon Compte Formation: réponse sous 10 jours ouvrés, le silence vaut acceptation)', () => {
  it.each([
    {
      scenario: 'open on the last day to answer: the amount asked counts, subject to the decision',
      stored: {},
      today: '2026-05-19',
      status: 'OPEN',
      granted: 90_000,
    },
    { scenario: 'accepted tacitly the next day, for the amount asked', stored: {}, today: '2026-05-20', status: 'ACCEPTED_TACITLY', granted: 90_000 },
    {
      scenario: 'an explicit acceptance for less stays as decided',
      stored: { status: 'ACCEPTED', amountGranted: 50_000 },
      today: '2026-06-01',
      status: 'ACCEPTED',
      granted: 50_000,
    },
    { scenario: 'a refusal in time is never turned into an acceptance', stored: { status: 'REFUSED' }, today: '2026-06-01', status: 'REFUSED', granted: 0 },
  ] as const)('$scenario', ({ stored, today, status, granted }) => {
    const r = { ...request, ...stored };
    expect(requestStatusOn(r, today)).toBe(status);
    expect(requestAmountOn(r, today)).toBe(granted);
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
      holdings: [],
    });
    expect(plan?.abondements.map((a) => [a.funder.id, a.amount, a.franceTravailRequest?.id])).toEqual([['funder-france-travail', 90_000, 'r1']]);
    expect(plan?.remainingCost).toBe(0);
  });
});
