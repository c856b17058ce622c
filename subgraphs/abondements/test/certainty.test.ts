// How sure each part of a plan is, as scenarios an adviser can check: Camille's Région part is
// automatic (an automated convention, L6323-4 II); France Travail's waits for France Travail, which
// answers within 10 working days, its silence meaning acceptance (CGU Mon Compte Formation); what a
// dossier set aside or spent for this very session is reserved or committed.
import { describe, expect, it } from 'vitest';
import { decisionTermsOn, type Holding } from '../src/domain/certainty.ts';
import type { FranceTravailRequest } from '../src/domain/france-travail-request.ts';
import { buildFundingPlan, type FundedRequest } from '../src/domain/funding-plan.ts';
import type { FundingRule } from '../src/domain/types.ts';
import {
  camille,
  franceTravail,
  franceTravailRule,
  jobSeekerParticipation,
  karim,
  karimDotation,
  quote,
  regionRule,
  warehouseSession,
  webDeveloperSession,
} from './fixtures.ts';

const TODAY = '2026-05-04'; // a Monday; 8 May and 14 May (Ascension) are public holidays
const CGU = /^CGU Mon Compte Formation, conditions particulières du titulaire/;

const request = (stored: Partial<FranceTravailRequest>): FundedRequest => ({
  id: 'r1',
  funderId: franceTravail.id,
  funder: franceTravail,
  personId: camille.id,
  sessionId: warehouseSession.id,
  amountRequested: 15_000,
  submittedOn: '2026-04-30',
  answerDueBy: '2026-05-19',
  status: 'OPEN',
  amountGranted: null,
  decidedOn: null,
  decidedBy: null,
  decisionReason: null,
  dossierKey: null,
  ...stored,
});

function camillePlan(extra: { requests?: FundedRequest[]; holdings?: Holding[]; today?: string; rules?: FundingRule[] } = {}) {
  const plan = buildFundingPlan({
    person: camille,
    session: warehouseSession,
    quote: quote({ price: 150_000, balance: 60_000, participation: jobSeekerParticipation }),
    today: extra.today ?? TODAY,
    rules: extra.rules ?? [regionRule, franceTravailRule],
    dotations: [],
    franceTravailRequests: extra.requests ?? [],
    holdings: extra.holdings ?? [],
  })!;
  const part = (funderId: string) => plan.abondements.find((a) => a.funder.id === funderId);
  return { plan, region: part('funder-region-pdl'), franceTravail: part('funder-france-travail') };
}

describe("Camille's plan (1 500 €, 600 € of CPF rights): which parts are sure", () => {
  it('her CPF rights and the Région part are automatic: L6323-11, and an automated convention rule (L6323-4 II)', () => {
    const { plan, region } = camillePlan();
    expect(plan.lines.find((l) => l.kind === 'CPF_RIGHTS')?.certainty).toMatchObject({
      level: 'AUTOMATIC',
      decidedBy: null,
      decideBy: null,
      source: 'L6323-11 ; décret 2025-1156',
    });
    expect(region).toMatchObject({ amount: 75_000 });
    expect(region?.certainty).toMatchObject({
      level: 'AUTOMATIC',
      decidedBy: null,
      silenceMeans: null,
      label: 'automatique : règle de la convention de Région Pays de la Loire, appliquée à la commande quand ses critères sont remplis',
    });
  });

  it("France Travail's part waits for France Travail: 10 working days from a request made today, silence means acceptance (CGU Mon Compte Formation)", () => {
    const { franceTravail: part, plan } = camillePlan();
    expect(part?.amount).toBe(15_000);
    expect(part?.certainty).toMatchObject({
      level: 'FUNDER_DECISION',
      decidedBy: franceTravail,
      decideBy: '2026-05-20', // 5, 6, 7, 11, 12, 13, 15, 18, 19, 20 May
      decideWithinWorkingDays: 10,
      silenceMeans: 'ACCEPTANCE',
      sourceStatus: 'REPORTED',
      label:
        'soumis à la décision de France Travail (si la demande est faite aujourd’hui) : réponse au plus tard le 20/05/2026, 10 jours ouvrés ; son silence vaut acceptation',
    });
    expect(part?.certainty.source).toMatch(CGU);
    // The line says the same as the part; what the holder pays says nothing.
    expect(plan.lines.map((l) => [l.kind, l.certainty?.level ?? null])).toEqual([
      ['CPF_RIGHTS', 'AUTOMATIC'],
      ['TOP_UP', 'AUTOMATIC'],
      ['TOP_UP', 'FUNDER_DECISION'],
    ]);
  });

  it.each([
    {
      scenario: 'an open request: the day its answer is due, the amount asked bounds the part',
      stored: { amountRequested: 10_000 },
      today: TODAY,
      level: 'FUNDER_DECISION',
      amount: 10_000,
      label:
        'soumis à la décision de France Travail (demande du 30/04/2026) : réponse au plus tard le 19/05/2026, 10 jours ouvrés ; son silence vaut acceptation',
    },
    {
      scenario: 'accepted for less than asked: committed for what France Travail granted',
      stored: { status: 'ACCEPTED', amountGranted: 12_000, decidedOn: '2026-05-06' },
      today: TODAY,
      level: 'COMMITTED',
      amount: 12_000,
      label: 'engagé : accordé par France Travail le 06/05/2026',
    },
    {
      scenario: 'no answer by 19 May: from 20 May silence is acceptance, committed for the amount asked',
      stored: {},
      today: '2026-05-20',
      level: 'COMMITTED',
      amount: 15_000,
      label: "engagé : accepté tacitement : France Travail n'a pas répondu au plus tard le 19/05/2026",
    },
  ] as const)('$scenario', ({ stored, today, level, amount, label }) => {
    const { franceTravail: part, plan } = camillePlan({ requests: [request(stored)], today });
    expect(part).toMatchObject({ amount, franceTravailRequest: { id: 'r1' } });
    expect(part?.certainty).toMatchObject({ level, label, decidedBy: franceTravail });
    expect(plan.cpfRights + plan.abondements.reduce((s, a) => s + a.amount, 0) + plan.remainingCost).toBe(plan.price);
  });

  it('refused by France Travail: its part is gone, the holder pays it, a note says why', () => {
    const { franceTravail: part, plan } = camillePlan({ requests: [request({ status: 'REFUSED', decidedOn: '2026-05-06', decisionReason: 'hors PPAE' })] });
    expect(part).toBeUndefined();
    expect(plan.remainingCost).toBe(15_000);
    expect(plan.notes).toContainEqual({
      code: 'FUNDER_REFUSED',
      message: "France Travail a refusé le 06/05/2026 la demande d'abondement du 30/04/2026 (motif : hors PPAE) : sa part n'est pas comptée.",
    });
  });

  it('a request on another session changes nothing here', () => {
    const { franceTravail: part } = camillePlan({ requests: [request({ sessionId: 'elsewhere', status: 'REFUSED' })] });
    expect(part?.certainty.level).toBe('FUNDER_DECISION');
  });

  it("the Région's money set aside for this session by a dossier is reserved, and still counted though the envelope is now empty", () => {
    const held: Holding = { kind: 'RESERVATION', ruleId: regionRule.id, sessionId: warehouseSession.id, amount: 75_000, since: '2026-05-04T09:00:00.000Z' };
    const { region } = camillePlan({ holdings: [held], rules: [{ ...regionRule, envelopeRemaining: 0 }, franceTravailRule] });
    expect(region).toMatchObject({
      amount: 75_000,
      certainty: {
        level: 'RESERVED',
        label:
          "réservé le 04/05/2026 dans l'enveloppe de la règle « Job seekers of Vendée with a low CPF balance, warehouse trainings: 50 % of the price » pour cette session",
      },
    });
    const elsewhere = camillePlan({ holdings: [{ ...held, sessionId: 'another-session' }] });
    expect(elsewhere.region?.certainty.level).toBe('AUTOMATIC');
  });

  it('a rule waiting for a funder whose delay no text gives says so instead of guessing', () => {
    const opco = { id: 'funder-opco', name: 'OPCO Mobilités', kind: 'OPCO' as const, identifier: 'opco' };
    const { plan } = camillePlan({ rules: [{ ...regionRule, id: 'rule-opco', funder: opco, granting: 'FUNDER_DECISION' }] });
    expect(plan.abondements[0]?.certainty).toMatchObject({
      level: 'FUNDER_DECISION',
      decidedBy: opco,
      decideBy: null,
      silenceMeans: 'NOT_SET',
      sourceStatus: null,
    });
    expect(decisionTermsOn('OPCO', TODAY)).toBeNull();
  });
});

describe("Karim's employer dotation (L6323-4 III)", () => {
  const karimPlan = (holdings: Holding[], spent = 0) =>
    buildFundingPlan({
      person: karim,
      session: webDeveloperSession,
      quote: quote({ price: 500_000, balance: 350_000 }),
      today: '2026-05-04',
      rules: [],
      dotations: [{ ...karimDotation, spent }],
      franceTravailRequests: [],
      holdings,
    })!;

  it('is automatic before any dossier, committed once spent on this session (and not read as spent for it)', () => {
    expect(karimPlan([]).abondements[0]?.certainty).toMatchObject({ level: 'AUTOMATIC', source: 'L6323-4 III (droits supplémentaires) ; décret 2025-1156' });
    const spentHere: Holding = {
      kind: 'DOTATION_USE',
      dotationId: karimDotation.id,
      sessionId: webDeveloperSession.id,
      amount: 100_000,
      since: '2026-05-04T09:00:00.000Z',
    };
    const plan = karimPlan([spentHere], 100_000);
    expect(plan.abondements[0]).toMatchObject({ kind: 'DOTATION', amount: 100_000, certainty: { level: 'COMMITTED' } });
    expect(plan.notes).toEqual([]);
    // Spent on another session: nothing left for this one.
    expect(karimPlan([{ ...spentHere, sessionId: 'other' }], 100_000).notes.map((n) => n.code)).toContain('DOTATION_SPENT');
  });
});
