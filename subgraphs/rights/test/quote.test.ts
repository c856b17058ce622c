import { describe, expect, it } from 'vitest';
import { quote, type QuoteRequest } from '../src/domain/quote.ts';
import { params, plain } from './helpers.ts';

const employee = (over: Partial<QuoteRequest> = {}): QuoteRequest => ({
  date: '2025-03-01',
  price: 200000,
  balance: 300000,
  status: 'EMPLOYEE',
  hasDrivingLicence: false,
  kind: 'RNCP',
  ...over,
});

describe('participation forfaitaire (L6323-4)', () => {
  it.each([
    ['none before 2 May 2024', '2024-05-01', 0, false, 'décret n° 2024-394'],
    ['100 € from 2 May 2024, entry into force of décret 2024-394', '2024-05-02', 10000, true, 'décret n° 2024-394'],
    ['102.23 € in 2025', '2025-03-01', 10223, true, 'arrêté du 26 décembre 2024'],
    ['103.20 € in 2026', '2026-03-01', 10320, true, 'arrêté du 30 décembre 2025'],
  ])('an employee pays %s', (_scenario, date, amount, due, source) => {
    const { participation } = quote(employee({ date }), params);
    expect(participation).toMatchObject({ amount, due });
    expect(participation.legalSource).toContain(source);
  });

  it('says "none before 2 May 2024" with a code, not an empty reason', () => {
    const { participation } = quote(employee({ date: '2024-05-01' }), params);
    expect(participation).toMatchObject({
      exemptionCode: 'NOT_IN_FORCE',
      exemptionReason: "aucune participation forfaitaire n'est due avant le 2 mai 2024 (décret n° 2024-394)",
    });
  });

  it.each([
    ['a job seeker', { status: 'JOB_SEEKER' as const }, 'JOB_SEEKER', "demandeur d'emploi : exonéré de la participation forfaitaire (L6323-4)"],
    [
      'an employer top-up',
      { topUpFrom: ['EMPLOYER'] },
      'EMPLOYER_TOP_UP',
      "abondement de l'employeur sur le dossier : exonéré de la participation forfaitaire (L6323-4)",
    ],
    [
      'an OPCO top-up (or a company, group or branch agreement)',
      { topUpFrom: ['REGION', 'OPCO'] },
      'OPCO_TOP_UP',
      "abondement de l'OPCO ou d'un accord d'entreprise, de groupe ou de branche : exonéré de la participation forfaitaire (L6323-4)",
    ],
    [
      "the employer's dotation used in the dossier (Caisse des Dépôts, 3 May 2024)",
      { dotationFrom: ['EMPLOYER'] },
      'EMPLOYER_DOTATION',
      "dotation de l'employeur utilisée pour le dossier : exonéré de la participation forfaitaire (L6323-4, pratique de la Caisse des Dépôts)",
    ],
    [
      'C2P points used for a career change',
      { fundedWith: ['C2P_CAREER_CHANGE' as const] },
      'C2P_CAREER_CHANGE',
      'points du compte professionnel de prévention mobilisés pour une reconversion : exonéré de la participation forfaitaire (L6323-4)',
    ],
    [
      'an AT/MP credit',
      { fundedWith: ['ATMP' as const] },
      'ATMP',
      'abondement accident du travail ou maladie professionnelle : exonéré de la participation forfaitaire (L6323-4, CSS L432-12)',
    ],
  ])('is waived for %s', (_scenario, over, exemptionCode, reason) => {
    const { participation } = quote(employee(over), params);
    expect(participation).toMatchObject({ due: false, exemptionCode, exemptionReason: reason, amount: 10223 });
  });

  it.each([
    ['a Région top-up', { topUpFrom: ['REGION'] }],
    ['a France Travail top-up', { topUpFrom: ['FRANCE_TRAVAIL'] }],
    ['a dotation from the Région', { dotationFrom: ['REGION'] }],
    ["a dotation from the self-employed workers' fund (FAF)", { dotationFrom: ['FAF'] }],
    ["an OPCO dotation (only the employer's dotation exempts)", { dotationFrom: ['OPCO'] }],
  ])('is not waived by %s', (_scenario, over) => {
    const { participation } = quote(employee(over), params);
    expect(participation).toMatchObject({
      due: true,
      exemptionCode: null,
      exemptionReason: null,
      exemptWithTopUpFrom: ['EMPLOYER', 'OPCO'],
      exemptWithDotationFrom: ['EMPLOYER'],
    });
  });

  it('has no dotation exemption before 2 May 2024', () => {
    expect(quote(employee({ date: '2024-05-01', dotationFrom: ['EMPLOYER'] }), params).participation.exemptWithDotationFrom).toEqual([]);
  });

  it('tells the adviser the amount is to be confirmed while the Feb 2026 draft (150 €) is pending, and applies 103.20 €', () => {
    const { participation } = quote(employee({ date: '2026-03-01' }), params);
    expect(participation).toMatchObject({ amount: 10320, amountStatus: 'draft' });
    expect(plain(participation.amountNote)).toBe(
      'montant à confirmer : 103,20 € en vigueur ; projet de décret examiné par la CNNCEFP le 11 février 2026, non publié : 150,00 €',
    );
    expect(quote(employee({ date: '2025-03-01' }), params).participation).toMatchObject({ amountStatus: 'in force', amountNote: null });
  });
});

describe('what the holder’s own rights cover', () => {
  it('stops at the price less the participation due (2025: 1,200 € − 102.23 €)', () => {
    expect(quote(employee({ price: 120000, balance: 500000 }), params).coveredByRights).toBe(109777);
  });

  it('stops at the balance when it is lower', () => {
    expect(quote(employee({ balance: 30000 }), params).coveredByRights).toBe(30000);
  });

  it('covers the whole price for an exempt job seeker', () => {
    expect(quote(employee({ status: 'JOB_SEEKER', price: 120000, balance: 500000 }), params).coveredByRights).toBe(120000);
  });
});

describe('spending caps by kind of training (D6323-1 A, décret 2026-127, from 26 Feb 2026)', () => {
  it.each([
    ['RS on 2026-03-01: 1,500 €', 'RS' as const, '2026-03-01', 150000, 150000],
    ['RS the day before the decree: no cap', 'RS' as const, '2026-02-25', null, 200000 - 10320],
    ['CléA is no RS cap', 'CLEA' as const, '2026-03-01', null, 200000 - 10320],
    ['bilan de compétences: 1,600 €', 'BILAN_COMPETENCES' as const, '2026-03-01', 160000, 160000],
    ['an RNCP title: no cap', 'RNCP' as const, '2026-03-01', null, 200000 - 10320],
  ])('%s', (_scenario, kind, date, cap, covered) => {
    const q = quote(employee({ kind, date }), params);
    expect(q.spendingCap).toBe(cap);
    expect(q.coveredByRights).toBe(covered);
    if (cap !== null) expect(q.spendingCapSource).toContain('D6323-1 A');
    // Known from secondary sources only: the quote says so.
    expect(q.spendingCapStatus).toBe(cap === null ? null : 'reported');
  });
});

describe('eligibility', () => {
  it('refuses the light-vehicle licence to an employee without co-funding from 26 Feb 2026 (D6323-1 A)', () => {
    const q = quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2026-03-01', price: 150000 }), params);
    expect(q).toMatchObject({ eligible: false, coveredByRights: 0, spendingCap: 90000 });
    expect(q.ineligibilityReason).toContain("n'est financé que pour un demandeur d'emploi ou avec un cofinancement par un tiers");
  });

  it('accepts it for a co-funded employee, capped at 900 €', () => {
    const q = quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2026-03-01', price: 150000, coFunded: true }), params);
    expect(q).toMatchObject({ eligible: true, coveredByRights: 90000 });
  });

  it('accepts it for a job seeker without a licence, capped at 900 €, participation waived', () => {
    const q = quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2026-03-01', price: 150000, status: 'JOB_SEEKER' }), params);
    expect(q).toMatchObject({ eligible: true, coveredByRights: 90000, participation: { due: false } });
  });

  it('refuses it to a holder who already has a valid licence, since 19 May 2024', () => {
    const q = quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2024-06-01', status: 'JOB_SEEKER', hasDrivingLicence: true }), params);
    expect(q.eligible).toBe(false);
    expect(q.ineligibilityReason).toContain('a déjà un permis de conduire en cours de validité');
    expect(quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2024-05-18', status: 'JOB_SEEKER', hasDrivingLicence: true }), params).eligible).toBe(true);
  });

  it('accepts it for an employee without co-funding before 26 Feb 2026', () => {
    expect(quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2025-06-01' }), params).eligible).toBe(true);
  });

  it('refuses a training leading to no eligible certification (L6323-6)', () => {
    const q = quote(employee({ kind: 'OTHER' }), params);
    expect(q).toMatchObject({ eligible: false, coveredByRights: 0 });
    expect(q.ineligibilityReason).toContain('L6323-6');
  });
});

describe('ordering date', () => {
  it('refuses a session that has already started: it can no longer be ordered (CPF general terms: an order precedes the session)', () => {
    const q = quote(employee({ date: '2026-11-25', sessionStart: '2026-11-02' }), params);
    expect(q).toMatchObject({ eligible: false, coveredByRights: 0 });
    expect(q.ineligibilityReason).toBe(
      'la session a commencé le 2 novembre 2026 : elle ne peut plus être commandée (conditions générales de Mon Compte Formation)',
    );
  });

  it('quotes a session starting later with the rules of the ordering day', () => {
    const q = quote(employee({ date: '2026-11-25', sessionStart: '2027-01-11' }), params);
    expect(q.eligible).toBe(true);
    expect(q.participation.amount).toBe(10320);
  });
});

describe('spending order on the quote (décret 2025-1156: signed 3 Dec 2025, published 4 Dec, in force 5 Dec)', () => {
  it.each([
    ['an order placed on 3 Dec 2025 follows the 2020 order', '2025-12-03', 'ARRETE_2020', ['ACQUIRED_RIGHTS', 'SUPPLEMENTARY_RIGHTS', 'COMPLEMENTARY_TOP_UPS']],
    ['an order placed on 4 Dec 2025 follows the 2020 order', '2025-12-04', 'ARRETE_2020', ['ACQUIRED_RIGHTS', 'SUPPLEMENTARY_RIGHTS', 'COMPLEMENTARY_TOP_UPS']],
    [
      'an order placed on 5 Dec 2025 follows the decree',
      '2025-12-05',
      'DECRET_2025_1156',
      ['SUPPLEMENTARY_RIGHTS', 'ACQUIRED_RIGHTS', 'COMPLEMENTARY_TOP_UPS'],
    ],
  ])('%s', (_scenario, date, code, steps) => {
    const q = quote(employee({ date }), params);
    expect(q).toMatchObject({ spendingOrderCode: code, spendingSteps: steps });
  });

  it('names the text and its entry into force, in French, and says when that date is only reported', () => {
    expect(quote(employee({ date: '2026-01-15' }), params).spendingOrderSource).toBe(
      'décret n° 2025-1156 du 3 décembre 2025 (R6333-3), publié au JO du 4 décembre 2025, en vigueur depuis le 5 décembre 2025',
    );
    expect(quote(employee({ date: '2025-12-04' }), params).spendingOrderSource).toContain(
      'en vigueur depuis le 1er janvier 2019 (date rapportée, à confirmer)',
    );
  });
});
