import { describe, expect, it } from 'vitest';
import { Parameters, ParameterError } from '../src/domain/parameters.ts';
import { params } from './helpers.ts';

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'participation.amount',
  value: 10000,
  validFrom: '2024-05-02',
  validUntil: null,
  source: 'L6323-4',
  status: 'in force',
  text: 'Le montant de la participation est fixé à cent euros.',
  ...over,
});

describe('law parameters are data, validated at load', () => {
  it('loads the committed file, every entry with a legal source, a status and the words of its text', () => {
    expect(params.all().length).toBeGreaterThan(25);
    for (const p of params.all()) {
      expect(p.source.length).toBeGreaterThan(3);
      expect(['in force', 'reported', 'draft']).toContain(p.status);
      expect(p.text.length).toBeGreaterThan(10);
    }
  });

  it("quotes R6323-1 and R6323-22 on the rounding: « arrondi à la deuxième décimale, au centime d'euro supérieur »", () => {
    for (const id of ['acquisition.halfTimePercent', 'acquisition.yearlyCredit.selfEmployed'] as const) {
      expect(params.at(id, '2025-01-01').text).toContain("arrondi à la deuxième décimale, au centime d'euro supérieur");
    }
  });

  it.each([
    ['décret 2025-1156 signed 3 Dec 2025: the 2020 order still applies', '2025-12-03', 'ARRETE_2020'],
    ['published 4 Dec 2025: the 2020 order still applies', '2025-12-04', 'ARRETE_2020'],
    ['in force the day after its publication, 5 Dec 2025', '2025-12-05', 'DECRET_2025_1156'],
  ])('spending order: %s', (_scenario, date, code) => {
    expect(params.at('spending.order', date).value.code).toBe(code);
  });

  it.each([
    ['décret 2024-394 participation, in force 2 May 2024', 'participation.amount', '2024-05-02', 10000],
    ['C2P point at 500 € from 1 Sept 2023 (décret 2023-759)', 'extraCredit.c2pPoint', '2023-09-01', 50000],
    ['OETH majoration from 9 June 2019 (décret 2019-566, JO 8 June)', 'acquisition.oethSupplement', '2019-06-09', 30000],
    ['hourly SMIC 11.65 € on 1 Jan 2024', 'smic.hourly', '2024-01-01', 1165],
    ['hourly SMIC 11.88 € on 1 Nov 2024', 'smic.hourly', '2024-11-01', 1188],
    ['hourly SMIC still 11.88 € on 1 Jan 2025', 'smic.hourly', '2025-01-01', 1188],
    ['hourly SMIC 12.02 € on 1 Jan 2026', 'smic.hourly', '2026-01-01', 1202],
    ['spending caps reported in force 26 Feb 2026 (décret 2026-127)', 'spendingCap.RS', '2026-02-26', 150000],
  ])('dates are entries into force: %s', (_scenario, id, date, value) => {
    const p = params.at(id as 'smic.hourly', date);
    expect(p.validFrom).toBe(date);
    expect(p.value).toBe(value);
  });

  it('keeps the draft raising the participation to 150 € (Feb 2026) beside the amount in force, never applied', () => {
    expect(params.at('participation.amount', '2026-11-25')).toMatchObject({ value: 10320, status: 'in force' });
    expect(params.pendingDraft('participation.amount', '2026-11-25')).toMatchObject({ value: 15000, status: 'draft' });
    expect(params.pendingDraft('participation.amount', '2026-02-10')).toBeUndefined();
  });

  it("marks what secondary sources only report: the spending caps, the employer's dotation exemption, the 8-year review", () => {
    expect(params.at('spendingCap.RS', '2026-03-01').status).toBe('reported');
    expect(params.at('participation.exemptWithDotationFrom', '2025-01-01').status).toBe('reported');
    expect(params.at('extraCredit.correctif.reviewYears', '2026-01-01')).toMatchObject({ value: 8, status: 'reported' });
  });

  it.each([
    ['2024-05-01', 0],
    ['2024-05-02', 10000],
    ['2024-12-31', 10000],
    ['2025-01-01', 10223],
    ['2026-01-01', 10320],
  ])('participation forfaitaire in force on %s is %i cents (L6323-4)', (date, cents) => {
    expect(params.at('participation.amount', date).value).toBe(cents);
  });

  it('has no spending cap for RS before décret 2026-127 took effect on 2026-02-26', () => {
    expect(params.find('spendingCap.RS', '2026-02-25')).toBeUndefined();
    expect(params.at('spendingCap.RS', '2026-02-26').value).toBe(150000);
  });

  it('takes a new decree as a data change: a later entry changes the value from its date', () => {
    const amended = new Parameters([entry({ validUntil: '2026-12-31' }), entry({ value: 15000, validFrom: '2027-01-01', source: 'hypothetical decree' })]);
    expect(amended.at('participation.amount', '2026-12-31').value).toBe(10000);
    expect(amended.at('participation.amount', '2027-01-01').value).toBe(15000);
  });

  it.each([
    ['an unknown id', entry({ id: 'participation.amout' }), /unknown id/],
    ['a float amount', entry({ value: 102.23 }), /not a valid cents/],
    ['a missing source', entry({ source: ' ' }), /legal source/],
    ['a bad date', entry({ validFrom: '2024-02-30' }), /validFrom/],
    ['a missing status', entry({ status: undefined }), /status must be one of/],
    ['an unknown status', entry({ status: 'rumoured' }), /status must be one of/],
    ['a missing text', entry({ text: '' }), /text of the article/],
    ['a reported entry without a note', entry({ status: 'reported' }), /needs a note/],
    [
      'a spending order missing a step',
      entry({ id: 'spending.order', value: { code: 'ARRETE_2020', steps: ['ACQUIRED_RIGHTS'] } }),
      /not a valid spendingOrder/,
    ],
    ['an end before the start', entry({ validUntil: '2024-01-01' }), /validUntil/],
  ])('refuses %s', (_what, bad, message) => {
    expect(() => new Parameters([bad])).toThrow(message);
  });

  it('refuses overlapping periods of one parameter, but lets a draft sit beside the value in force', () => {
    expect(() => new Parameters([entry(), entry({ validFrom: '2025-01-01' })])).toThrow(ParameterError);
    const withDraft = new Parameters([entry(), entry({ value: 15000, validFrom: '2026-02-11', status: 'draft', note: 'not published' })]);
    expect(withDraft.at('participation.amount', '2026-06-01').value).toBe(10000);
  });

  it('says so when no value is in force', () => {
    expect(() => new Parameters([entry()]).at('participation.amount', '2020-01-01')).toThrow(
      /aucune valeur de participation.amount en vigueur le 1er janvier 2020/,
    );
  });
});
