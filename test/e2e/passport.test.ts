// The Passeport de compétences through the real gateway: a consent granted, used, refused outside
// its scopes, revoked and expired, end to end; the holder's edits (DECLARED yes, GUARANTEED no);
// job search and the skills gap; the exports.
//
// Shared stack: Lucie's consents go to advisers nobody else uses and are revoked at the end;
// what she adds is deleted. Her access log gains these advisers' reads (no other file reads it).
import { clockFromEnv } from '@formations/schema/clock';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql, holderToken, tokenFor, type GraphQLResponse } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');
/** The stack's time (CLOCK_NOW), which consents are checked against. */
const stackNow = () => clockFromEnv(inject('clockEnv')).now().getTime();
const LUCIE = 'lucie-moreau';
const ADVISER = { sub: 'e2e-passport-adviser', role: 'adviser' } as const;
const EXPIRING = { sub: 'e2e-passport-expiring-adviser', role: 'adviser' } as const;

const codes = (res: GraphQLResponse) => (res.errors ?? []).map((e) => e.extensions?.code);
const GRANT = /* GraphQL */ `
  mutation ($sub: String!, $scopes: [AccessScope!]!, $expiresAt: DateTime!) {
    grantConsent(viewerSub: $sub, scopes: $scopes, expiresAt: $expiresAt) { id scopes expiresAt live }
  }
`;
const REVOKE = 'mutation ($id: ID!) { revokeConsent(id: $id) { id live revokedAt } }';
const READ = /* GraphQL */ `
  query ($id: ID!) {
    person(id: $id) { givenName familyName certifications { code provenance } competences { code } cpfAccount { balance ceiling } }
  }
`;

let lucie: string;
const granted: string[] = [];

beforeAll(async () => {
  lucie = await holderToken(LUCIE);
});

afterAll(async () => {
  // Leave the shared stack as found: every consent given here is revoked (revoking twice is a no-op).
  for (const id of granted) await graphql(gateway(), REVOKE, { id }, { token: lucie });
});

async function grant(sub: string, scopes: string[], expiresAt: Date) {
  const res = await graphql(gateway(), GRANT, { sub, scopes, expiresAt: expiresAt.toISOString() }, { token: lucie });
  expect(res.errors).toBeUndefined();
  granted.push(res.data!.grantConsent.id);
  return res.data!.grantConsent as { id: string; scopes: string[]; live: boolean };
}

describe('a consent, end to end', () => {
  let adviser: string;
  let consentId: string;

  beforeAll(async () => {
    adviser = await tokenFor(ADVISER);
    // Near expiry: a few minutes, enough for this file.
    const consent = await grant(ADVISER.sub, ['PASSPORT', 'RIGHTS'], new Date(stackNow() + 5 * 60_000));
    expect(consent).toMatchObject({ scopes: ['PASSPORT', 'RIGHTS'], live: true });
    consentId = consent.id;
  });

  it("lets the adviser read Lucie's passport and CPF balance", async () => {
    const res = await graphql(gateway(), READ, { id: LUCIE }, { token: adviser });
    expect(res.errors).toBeUndefined();
    const person = res.data!.person;
    expect(person).toMatchObject({ givenName: 'Lucie', familyName: 'Moreau' });
    expect(person.competences.length).toBeGreaterThan(0);
    expect(person.cpfAccount.balance).toBeGreaterThan(0);
    expect(person.cpfAccount.ceiling).toBe(800_000);
  });

  it('lets the adviser export her passport (passport scope)', async () => {
    const res = await graphql(
      gateway(),
      `query ($id: ID!) { person(id: $id) { cvHtml passportExport { credentialCount signed openBadges } } }`,
      { id: LUCIE },
      { token: adviser },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.person.cvHtml).toContain('<h1>Lucie Moreau</h1>');
    expect(res.data!.person.passportExport.signed).toBe(false);
    expect(JSON.parse(res.data!.person.passportExport.openBadges)).toHaveLength(res.data!.person.passportExport.credentialCount);
  });

  it.each([
    ['funding', 'fundableTrainings(first: 1) { sessionId }'],
    ['funding (dotations)', 'dotations { id }'],
    ['recommendations', 'recommendedTrainings(first: 1) { sessionId }'],
  ])('refuses the adviser what was not granted: %s', async (_scope, selection) => {
    const res = await graphql(gateway(), `query ($id: ID!) { person(id: $id) { ${selection} } }`, { id: LUCIE }, { token: adviser });
    expect(codes(res)).toContain('FORBIDDEN');
    const person = res.data?.person;
    const field = selection.split(/[ (]/)[0]!;
    expect(person?.[field] ?? null).toBeNull();
  });

  it("lists the adviser's reads in Lucie's access log, with the scopes held", async () => {
    const res = await graphql(gateway(), `{ me { accessLog(last: 50) { viewerSub viewerRole scopes readAt } } }`, {}, { token: lucie });
    expect(res.errors).toBeUndefined();
    const reads = res.data!.me.accessLog.filter((e: { viewerSub: string }) => e.viewerSub === ADVISER.sub);
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const read of reads) expect(read).toMatchObject({ viewerRole: 'adviser', scopes: ['PASSPORT', 'RIGHTS'] });
  });

  it("refuses the adviser's next request once Lucie revokes", async () => {
    const revoked = await graphql(gateway(), REVOKE, { id: consentId }, { token: lucie });
    expect(revoked.data!.revokeConsent).toMatchObject({ id: consentId, live: false });
    expect(revoked.data!.revokeConsent.revokedAt).toBeTruthy();

    const res = await graphql(gateway(), READ, { id: LUCIE }, { token: adviser });
    expect(res.data?.person ?? null).toBeNull();
    expect(codes(res)).toContain('FORBIDDEN');
    expect(JSON.stringify(res)).not.toContain('Moreau');
    // The rights, reached through an entity without `person`, are refused too.
    const rights = await graphql(gateway(), `query ($id: ID!) { person(id: $id) { cpfAccount { balance } } }`, { id: LUCIE }, { token: adviser });
    expect(codes(rights)).toContain('FORBIDDEN');
    expect(rights.data?.person?.cpfAccount ?? null).toBeNull();

    const consents = await graphql(gateway(), '{ me { consents { id live revokedAt } } }', {}, { token: lucie });
    expect(consents.data!.me.consents.find((c: { id: string }) => c.id === consentId)).toMatchObject({ live: false });
  });

  it('refuses a viewer whose consent has expired', async () => {
    const expiring = await tokenFor(EXPIRING);
    const consent = await grant(EXPIRING.sub, ['PASSPORT', 'RIGHTS'], new Date(stackNow() + 1_500));
    const before = await graphql(gateway(), `query ($id: ID!) { person(id: $id) { givenName } }`, { id: LUCIE }, { token: expiring });
    // Normally read before the expiry; on a very slow machine it may already be past it.
    if (!before.errors) expect(before.data!.person.givenName).toBe('Lucie');
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const after = await graphql(gateway(), READ, { id: LUCIE }, { token: expiring });
    expect(after.data?.person ?? null).toBeNull();
    expect(codes(after)).toContain('FORBIDDEN');
    const listed = await graphql(gateway(), '{ me { consents { id live revokedAt } } }', {}, { token: lucie });
    expect(listed.data!.me.consents.find((c: { id: string }) => c.id === consent.id)).toEqual({ id: consent.id, live: false, revokedAt: null });
  });

  it('refuses to grant a consent that would already be expired', async () => {
    const res = await graphql(
      gateway(),
      GRANT,
      { sub: EXPIRING.sub, scopes: ['PASSPORT'], expiresAt: new Date(stackNow() - 60_000).toISOString() },
      { token: lucie },
    );
    expect(codes(res)).toContain('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toContain('the expiry must be in the future');
  });
});

describe("the holder's edits through the gateway", () => {
  it('lets Lucie add, correct and delete a DECLARED certification', async () => {
    const added = await graphql(
      gateway(),
      'mutation ($input: DeclaredCertificationInput!) { addCertification(input: $input) { id code kind level provenance } }',
      { input: { code: 'RS5080', title: 'CléA', obtainedOn: '2026-10-14' } },
      { token: lucie },
    );
    expect(added.errors).toBeUndefined();
    const item = added.data!.addCertification;
    expect(item).toMatchObject({ code: 'RS5080', kind: 'RS', level: null, provenance: 'DECLARED' });
    try {
      const updated = await graphql(
        gateway(),
        'mutation ($id: ID!, $input: DeclaredCertificationInput!) { updateCertification(id: $id, input: $input) { id title } }',
        { id: item.id, input: { code: 'RS5080', title: 'Certificat CléA', obtainedOn: '2026-10-14' } },
        { token: lucie },
      );
      expect(updated.data!.updateCertification).toEqual({ id: item.id, title: 'Certificat CléA' });
    } finally {
      const deleted = await graphql(gateway(), 'mutation ($id: ID!) { deleteCertification(id: $id) }', { id: item.id }, { token: lucie });
      expect(deleted.data!.deleteCertification).toBe(item.id);
    }
    const after = await graphql(gateway(), '{ me { certifications { id } } }', {}, { token: lucie });
    expect(after.data!.me.certifications.map((c: { id: string }) => c.id)).not.toContain(item.id);
  });

  it('refuses to let Lucie edit or delete her GUARANTEED experience (from the DSN)', async () => {
    const update = await graphql(
      gateway(),
      'mutation ($input: DeclaredExperienceInput!) { updateExperience(id: "lucie-moreau-experience-1", input: $input) { id } }',
      { input: { jobTitle: 'Aide-soignante', romeCode: 'J1501', startDate: '2019-02-01' } },
      { token: lucie },
    );
    expect(codes(update)).toEqual(['FORBIDDEN']);
    expect(update.errors![0]!.message).toMatch(/GUARANTEED/);
    const del = await graphql(gateway(), 'mutation { deleteExperience(id: "lucie-moreau-experience-1") }', {}, { token: lucie });
    expect(codes(del)).toEqual(['FORBIDDEN']);
    const experiences = await graphql(gateway(), '{ me { experiences { id jobTitle romeCode provenance } } }', {}, { token: lucie });
    expect(experiences.data!.me.experiences).toContainEqual({
      id: 'lucie-moreau-experience-1',
      jobTitle: 'Agente de service hospitalier',
      romeCode: 'J1301',
      provenance: 'GUARANTEED',
    });
  });
});

describe('jobs and the skills gap', () => {
  it('finds J1501 for "aide-soignant"', async () => {
    const res = await graphql(gateway(), '{ searchJobs(text: "aide-soignant", first: 5) { romeCode label } }', {}, { token: lucie });
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchJobs[0]).toMatchObject({ romeCode: 'J1501' });
    expect(res.data!.searchJobs[0].label).toMatch(/Aide-soignant/);
  });

  it("gives Lucie's held and missing competences toward J1501", async () => {
    const res = await graphql(
      gateway(),
      '{ me { competenceCodes skillsGap(romeCode: "J1501") { job { romeCode } coverage held { code label } missing { code label } } } }',
      {},
      { token: lucie },
    );
    expect(res.errors).toBeUndefined();
    const { competenceCodes, skillsGap } = res.data!.me;
    expect(skillsGap.job.romeCode).toBe('J1501');
    expect(skillsGap.held.length).toBeGreaterThan(0);
    expect(skillsGap.missing.length).toBeGreaterThan(0);
    for (const c of skillsGap.held) expect(competenceCodes).toContain(c.code);
    for (const c of skillsGap.missing) expect(competenceCodes).not.toContain(c.code);
    expect(skillsGap.coverage).toBeCloseTo(skillsGap.held.length / (skillsGap.held.length + skillsGap.missing.length), 10);
  });
});
