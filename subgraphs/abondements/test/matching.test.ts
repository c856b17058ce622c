// An adviser must be able to explain a refusal: each case names the criterion that decides and the words used.
import { describe, expect, it } from 'vitest';
import { evaluateRule, type MatchingFacts } from '../src/domain/matching.ts';
import type { FundingRule } from '../src/domain/types.ts';
import { camille, jobSeekerParticipation, karim, quote, regionRule, warehouseSession } from './fixtures.ts';

const facts: MatchingFacts = {
  person: camille,
  session: warehouseSession,
  quote: quote({ price: 150_000, balance: 60_000, participation: jobSeekerParticipation }),
  date: '2026-03-02',
};

const cases: Array<{ scenario: string; rule?: Partial<FundingRule>; facts?: Partial<MatchingFacts>; decidedBy: string | null; reason: string }> = [
  {
    scenario: 'Camille matches the Pays de la Loire warehouse rule (a top-up, L6323-4 II)',
    decidedBy: null,
    reason: 'tous les critères de la règle sont remplis : abondement complémentaire possible (L6323-4 II)',
  },
  {
    scenario: 'Karim is an employee, the rule is for job seekers',
    facts: { person: karim },
    decidedBy: 'HOLDER_STATUS',
    reason: "le statut du titulaire (salarié) ne figure pas parmi les valeurs demandées par la règle : demandeur d'emploi",
  },
  {
    scenario: 'Camille moved to Loire-Atlantique (44)',
    facts: { person: { ...camille, homeDepartement: '44' } },
    decidedBy: 'RESIDENCE_DEPARTEMENT',
    reason: 'le département de résidence (44) ne figure pas parmi les valeurs demandées par la règle : 85',
  },
  {
    scenario: 'A balance of exactly 800 € is not below 800 €',
    facts: { quote: quote({ price: 150_000, balance: 80_000 }) },
    decidedBy: 'CPF_BALANCE',
    reason: 'le solde CPF est de 800,00\u00a0€ ; la règle demande moins de 800,00\u00a0€',
  },
  {
    scenario: 'Without a CPF quote the balance is unknown, so a balance criterion refuses',
    facts: { quote: null },
    decidedBy: 'CPF_BALANCE',
    reason: "le solde CPF n'est pas connu ; la règle demande moins de 800,00\u00a0€",
  },
  {
    scenario: 'A care-assistant session does not prepare for the warehouse jobs',
    facts: { session: { ...warehouseSession, romeCodes: ['J1501'] } },
    decidedBy: 'ROME',
    reason: 'les métiers (ROME) que prépare la session (J1501) ne comprennent aucun des codes demandés par la règle : N1103, N1101',
  },
  { scenario: 'A suspended rule funds nothing', rule: { status: 'SUSPENDED' }, decidedBy: 'STATUS', reason: 'la règle est suspendue par son financeur' },
  {
    scenario: 'A suspended convention suspends its rules',
    rule: { conventionStatus: 'SUSPENDED' },
    decidedBy: 'STATUS',
    reason: 'la convention est suspendue par son financeur',
  },
  {
    scenario: 'A rule not yet in force',
    rule: { validFrom: '2026-06-01' },
    decidedBy: 'VALIDITY',
    reason: "la règle s'applique du 01/06/2026 au 31/12/2027 : pas encore le 02/03/2026",
  },
  {
    scenario: 'The training region is checked against the place of training',
    rule: { criteria: { trainingRegions: ['32'] } },
    decidedBy: 'TRAINING_REGION',
    reason: 'la région du lieu de formation (52) ne figure pas parmi les valeurs demandées par la règle : 32',
  },
  {
    scenario: 'A Vendée rule (training in dép. 85) funds the forklift session held in La Roche-sur-Yon',
    rule: { criteria: { trainingDepartements: ['85'] } },
    decidedBy: null,
    reason: 'tous les critères de la règle sont remplis : abondement complémentaire possible (L6323-4 II)',
  },
  {
    scenario: 'A Loire-Atlantique rule (training in dép. 44) refuses a session held in Vendée (85)',
    rule: { criteria: { trainingDepartements: ['44'] } },
    decidedBy: 'TRAINING_DEPARTEMENT',
    reason: 'le département du lieu de formation (85) ne figure pas parmi les valeurs demandées par la règle : 44',
  },
  {
    scenario: 'A session whose place is unknown (distance learning) has no département: a département rule refuses',
    rule: { criteria: { trainingDepartements: ['85'] } },
    facts: { session: { ...warehouseSession, departement: null } },
    decidedBy: 'TRAINING_DEPARTEMENT',
    reason: "le département du lieu de formation n'est pas connu ; la règle demande : 85",
  },
  {
    scenario: 'An NSF rule for 311 (transport, manutention, magasinage) funds the forklift session catalog files under NSF 311',
    rule: { criteria: { nsfCodes: ['311', '312'] } },
    decidedBy: null,
    reason: 'tous les critères de la règle sont remplis : abondement complémentaire possible (L6323-4 II)',
  },
  {
    scenario: 'An NSF rule for 330 (health and social services) refuses the forklift session (NSF 311)',
    rule: { criteria: { nsfCodes: ['330', '331'] } },
    decidedBy: 'NSF',
    reason: 'les domaines NSF de la session (311) ne comprennent aucun des codes demandés par la règle : 330, 331',
  },
  {
    scenario: 'A price range excludes a 1,500 € session',
    rule: { criteria: { priceAtMost: 100_000 } },
    decidedBy: 'PRICE',
    reason: 'le prix est de 1\u00a0500,00\u00a0€ ; la règle demande au plus 1\u00a0000,00\u00a0€',
  },
  {
    scenario: 'A qualification ceiling (low-qualified only) refuses level 5',
    rule: { criteria: { qualificationLevelAtMost: 3 } },
    facts: { person: { ...camille, qualificationLevel: 5 } },
    decidedBy: 'QUALIFICATION_LEVEL',
    reason: 'le niveau de qualification est de 5 ; la règle demande au plus 3',
  },
  {
    scenario: 'A branch rule (IDCC 1486) refuses a holder of another branch',
    rule: { criteria: { branchIdccs: ['1486'] } },
    facts: { person: { ...karim, employerIdcc: '2264' } },
    decidedBy: 'BRANCH',
    reason: 'la branche (IDCC 2264) ne figure pas parmi les valeurs demandées par la règle : IDCC 1486',
  },
  {
    scenario: 'An exhausted envelope refuses last',
    rule: { envelopeRemaining: 0 },
    decidedBy: 'ENVELOPE',
    reason: "l'enveloppe budgétaire de la règle est épuisée",
  },
];

describe('matching a rule with reasons', () => {
  it.each(cases)('$scenario', ({ rule, facts: overrides, decidedBy, reason }) => {
    const decision = evaluateRule({ ...regionRule, ...rule }, { ...facts, ...overrides });
    expect(decision.applies).toBe(decidedBy === null);
    expect(decision.decidingCriterion).toBe(decidedBy);
    expect(decision.reason).toBe(reason);
  });

  it('lists every criterion checked, passed or not, so the adviser sees the whole picture', () => {
    const decision = evaluateRule(regionRule, { ...facts, person: karim });
    expect(decision.checks.map((c) => [c.criterion, c.passed])).toEqual([
      ['STATUS', true],
      ['VALIDITY', true],
      ['HOLDER_STATUS', false],
      ['RESIDENCE_DEPARTEMENT', false],
      ['CPF_BALANCE', true],
      ['ROME', true],
      ['ENVELOPE', true],
    ]);
  });
});
