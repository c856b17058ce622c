// The product's promise in one request, through the real gateway and subgraphs over HTTP.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { clockFromEnv } from '@formations/schema/clock';
import { SUBGRAPHS } from '@formations/schema/subgraphs';
import { addWorkingDays } from '@formations/schema/working-days';
import { graphql, holderToken, tokenFor } from '../src/client.ts';
import { FLAGSHIP } from '../src/flagship.ts';

type Plan = {
  price: number;
  cpfRights: number;
  abondements: {
    kind: string;
    funder: { id: string; name: string; kind: string };
    amount: number;
    rule: { id: string; label: string } | null;
    certainty: {
      level: string;
      decidedBy: { id: string } | null;
      decideBy: string | null;
      decideWithinWorkingDays: number | null;
      silenceMeans: string | null;
      source: string;
      sourceStatus: string | null;
      label: string;
    };
    franceTravailRequest: { id: string } | null;
  }[];
  participation: { amount: number; due: boolean; exemptionCode: string | null; exemptionReason: string | null };
  remainingCost: number;
};
type Recommendation = {
  reasons: string[];
  distanceKm: number | null;
  session: { id: string; startDate: string | null; price: number | null; training: { title: string; certification: { code: string } | null } };
  /** null only for a session whose price the catalogue does not know. */
  fundingPlan: Plan | null;
};

/** Recommendations that carry a funding plan; a plan is missing only when the price is unknown. */
function funded(recommendations: Recommendation[]): (Recommendation & { fundingPlan: Plan })[] {
  for (const r of recommendations) if (r.fundingPlan === null) expect(r.session.price).toBeNull();
  return recommendations.filter((r): r is Recommendation & { fundingPlan: Plan } => r.fundingPlan !== null);
}

const gateway = () => inject('gatewayUrl');

function expectPlanAddsUp(plan: Plan) {
  const topUps = plan.abondements.reduce((sum, a) => sum + a.amount, 0);
  expect(plan.cpfRights + topUps + plan.remainingCost).toBe(plan.price);
  for (const part of [plan.cpfRights, plan.remainingCost, ...plan.abondements.map((a) => a.amount)]) {
    expect(Number.isSafeInteger(part) && part >= 0).toBe(true);
  }
}

describe('flagship query: a person, their rights, and the sessions they can get funded', () => {
  let camille: Record<string, any>;
  let karim: Record<string, any>;

  beforeAll(async () => {
    const [c, k] = await Promise.all([
      graphql(gateway(), FLAGSHIP, { id: 'camille-martin' }, { token: await holderToken('camille-martin') }),
      graphql(gateway(), FLAGSHIP, { id: 'karim-benali' }, { token: await holderToken('karim-benali') }),
    ]);
    expect(c.errors).toBeUndefined();
    expect(k.errors).toBeUndefined();
    camille = c.data!.person;
    karim = k.data!.person;
  });

  it('returns the job seeker with competences from ROME 4.0, certifications and CPF rights', () => {
    expect(camille.givenName).toBe('Camille');
    expect(camille.status).toBe('JOB_SEEKER');
    expect(camille.competences.length).toBeGreaterThan(0);
    for (const c of camille.competences) expect(c.code).toMatch(/^\d+$/);
    expect(camille.certifications.some((c: { provenance: string }) => c.provenance === 'GUARANTEED')).toBe(true);
    expect(camille.cpfAccount.balance).toBeGreaterThan(0);
    expect(camille.cpfAccount.balance).toBeLessThan(80_000);
    expect(camille.cpfAccount.ceiling).toBe(500_000);
  });

  it('recommends up to five sessions, each with a funding plan whose parts add up to the price', () => {
    const recommendations = camille.recommendedTrainings as Recommendation[];
    expect(recommendations.length).toBeGreaterThan(0);
    expect(recommendations.length).toBeLessThanOrEqual(5);
    for (const r of recommendations) expect(r.reasons.length).toBeGreaterThan(0);
    expect(funded(recommendations).length).toBeGreaterThanOrEqual(3);
    for (const r of funded(recommendations)) {
      expect(r.fundingPlan.price).toBe(r.session.price);
      expectPlanAddsUp(r.fundingPlan);
    }
  });

  it('waives the participation forfaitaire for the job seeker', () => {
    for (const r of funded(camille.recommendedTrainings)) {
      expect(r.fundingPlan.participation.due).toBe(false);
      expect(r.fundingPlan.participation.exemptionReason).toBeTruthy();
    }
  });

  it('gives the job seeker the Région and France Travail top-ups on logistics sessions', () => {
    const funders = new Set(funded(camille.recommendedTrainings).flatMap((r) => r.fundingPlan.abondements.map((a) => a.funder.id)));
    expect(funders.has('funder-region-pdl') || funders.has('funder-france-travail')).toBe(true);
  });

  it("says how sure each part is: the Région's rule applies by itself, France Travail's part waits for France Travail (10 working days, silence means acceptance)", () => {
    // Sessions on which Camille has not asked France Travail yet (dossiers-france-travail.test.ts asks on one).
    const both = funded(camille.recommendedTrainings).filter((r) =>
      ['funder-region-pdl', 'funder-france-travail'].every((f) => r.fundingPlan.abondements.some((a) => a.funder.id === f && a.franceTravailRequest === null)),
    );
    expect(both.length).toBeGreaterThan(0);
    const today = clockFromEnv(inject('clockEnv')).today();
    for (const { fundingPlan } of both) {
      const region = fundingPlan.abondements.find((a) => a.funder.id === 'funder-region-pdl')!;
      const franceTravail = fundingPlan.abondements.find((a) => a.funder.id === 'funder-france-travail')!;
      expect(region.certainty).toMatchObject({ level: 'AUTOMATIC', decidedBy: null, decideBy: null, silenceMeans: null });
      expect(franceTravail.amount).toBeGreaterThan(0);
      expect(franceTravail.certainty).toMatchObject({
        level: 'FUNDER_DECISION',
        decidedBy: { id: 'funder-france-travail' },
        decideBy: addWorkingDays(today, 10),
        decideWithinWorkingDays: 10,
        silenceMeans: 'ACCEPTANCE',
        sourceStatus: 'REPORTED',
      });
      expect(franceTravail.certainty.source).toMatch(/^CGU Mon Compte Formation/);
      expect(franceTravail.certainty.label).toMatch(/son silence vaut acceptation$/);
    }
  });

  it("waives the employee's participation forfaitaire where his employer's dotation pays, and makes him pay it elsewhere", () => {
    // CDC, "CPF : explication de la participation financière obligatoire" (3 May 2024): the
    // employer's money in the dossier, a top-up or a dotation, exempts the holder (L6323-4).
    const recommendations = funded(karim.recommendedTrainings);
    expect(karim.status).toBe('EMPLOYEE');
    expect(recommendations.length).toBeGreaterThan(0);
    for (const r of recommendations) {
      expectPlanAddsUp(r.fundingPlan);
      const employerDotation = r.fundingPlan.abondements.some((a) => a.kind === 'DOTATION' && a.funder.kind === 'EMPLOYER');
      const employerTopUp = r.fundingPlan.abondements.some((a) => a.kind === 'TOP_UP' && ['EMPLOYER', 'OPCO'].includes(a.funder.kind));
      if (employerDotation || employerTopUp) {
        expect(r.fundingPlan.participation.due).toBe(false);
        expect(r.fundingPlan.participation.exemptionCode).toMatch(/^(EMPLOYER_DOTATION|EMPLOYER_TOP_UP|OPCO_TOP_UP)$/);
      } else {
        expect(r.fundingPlan.participation.due).toBe(true);
        expect(r.fundingPlan.participation.amount).toBeGreaterThan(0);
        expect(r.fundingPlan.remainingCost).toBeGreaterThanOrEqual(r.fundingPlan.participation.amount);
      }
    }
    // His employer's 1,000 € dotation is restricted to RNCP37674 (Développeur web et web mobile).
    const rncp37674 = recommendations.filter((r) => r.session.training.certification?.code === 'RNCP37674');
    expect(rncp37674.length).toBeGreaterThan(0);
    for (const r of rncp37674) expect(r.fundingPlan.participation).toMatchObject({ due: false, exemptionCode: 'EMPLOYER_DOTATION' });
  });
});

describe('privacy through the gateway', () => {
  const PERSON_DATA = /* GraphQL */ `
    query ($id: ID!) {
      person(id: $id) { givenName competences { code } cpfAccount { balance } }
    }
  `;

  it("refuses another person's token the passport and the rights of this person", async () => {
    const res = await graphql(gateway(), PERSON_DATA, { id: 'camille-martin' }, { token: await holderToken('karim-benali') });
    expect(res.data?.person ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toContain('Camille');
  });

  it('refuses anonymous callers person data but serves them the catalogue', async () => {
    const res = await graphql(gateway(), PERSON_DATA, { id: 'camille-martin' });
    expect(res.data?.person ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);

    const search = await graphql(gateway(), `{ searchTrainings(query: "développeur") { total hits { session { id } } } }`);
    expect(search.errors).toBeUndefined();
    expect(search.data!.searchTrainings.total).toBeGreaterThan(0);
  });

  it('lets an adviser read a person who consented, and only that person', async () => {
    const sophie = await tokenFor({ sub: 'sophie-adviser', role: 'adviser' });
    const allowed = await graphql(gateway(), PERSON_DATA, { id: 'camille-martin' }, { token: sophie });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.person.givenName).toBe('Camille');
    expect(allowed.data!.person.cpfAccount.balance).toBeGreaterThan(0);

    const refused = await graphql(gateway(), PERSON_DATA, { id: 'karim-benali' }, { token: sophie });
    expect(refused.data?.person ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects a forged token with UNAUTHENTICATED', async () => {
    const res = await graphql(gateway(), PERSON_DATA, { id: 'camille-martin' }, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('treats a subgraph called directly, without the gateway signature, as anonymous', async () => {
    const passport = inject('subgraphUrls').passport!;
    const res = await graphql(
      passport,
      PERSON_DATA.replace(' cpfAccount { balance }', ''),
      { id: 'camille-martin' },
      { token: await holderToken('camille-martin') },
    );
    expect(res.data?.person ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });
});

describe('gateway', () => {
  it('reports each subgraph on /health', async () => {
    const res = await fetch(gateway().replace('/graphql', '/health'));
    const body = (await res.json()) as { status: string; subgraphs: Record<string, { ok: boolean }> };
    expect(res.status).toBe(200);
    expect(Object.keys(body.subgraphs).sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
    for (const s of Object.values(body.subgraphs)) expect(s.ok).toBe(true);
  });

  it('serves the GraphQL IDE itself, with no CDN', async () => {
    const res = await fetch(gateway(), { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
  });
});
