// Who may read what of a person, end to end: every role × every person-data field of the
// supergraph, through the real gateway; then the funder-side data (each funder its own, nobody
// else's); then each subgraph called directly, without the gateway's signed viewer token.
//
// Expectations come from the domain (shared/domain/passport-and-people.md, "Who uses the
// system"): the holder sees everything about himself; a CEP adviser sees a person's passport,
// rights and funding only with that person's live consent; a prescriber sees funding for the
// people he follows (who consented); a funder manages its own conventions, envelopes and
// dotations and nobody else's; a training organisation sees its own offers; anonymous callers
// see the public catalogue. The README's rule: person data goes only to the holder or to a
// viewer the holder consented to, for the consented scopes; consents and the access log are
// the holder's alone.
//
// A refusal is checked as: no data for the field, a FORBIDDEN or UNAUTHENTICATED error, and
// none of the person's identifying values (names, home, balance, dotation) anywhere in the
// response.
import fs from 'node:fs';
import { parse, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { signAccessGrant, signViewerToken, VIEWER_HEADER, type Viewer } from '@formations/schema/auth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql, tokenFor, type GraphQLResponse } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');

// The committed supergraph (npm run compose writes it): the matrix must have a row for each of its
// mutations and each field of Dossier.
const SUPERGRAPH = parse(fs.readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const typeDefinition = (name: string) =>
  SUPERGRAPH.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition' && d.name.value === name)!;
const namedType = (type: TypeNode): string => (type.kind === 'NamedType' ? type.name.value : namedType(type.type));
const OBJECT_TYPES = new Set(SUPERGRAPH.definitions.filter((d) => d.kind === 'ObjectTypeDefinition').map((d) => (d as ObjectTypeDefinitionNode).name.value));
/** Every mutation a table below covers, added as each table is declared. */
const COVERED_MUTATIONS = new Set<string>();

const CAMILLE = 'camille-martin';
const KARIM = 'karim-benali';

// ---------------------------------------------------------------------------------------------
// Roles. Each role reads Camille (a job seeker who consented Sophie, all scopes) and, for the
// fields only Karim has data for (employer, employer dotation), Karim.
// ---------------------------------------------------------------------------------------------
type RoleName =
  | 'holder-self'
  | 'holder-other'
  | 'adviser-with-consent'
  | 'adviser-without-consent'
  | 'adviser-revoked-consent'
  | 'prescriber-without-consent'
  | 'prescriber-with-funding-consent'
  | 'funder'
  | 'organisation'
  | 'operator'
  | 'anonymous';

/** The viewer each role uses when reading a given person (null = no token). */
const VIEWERS: Record<RoleName, (personId: string) => Viewer | null> = {
  'holder-self': (personId) => ({ sub: personId, role: 'holder' }),
  'holder-other': (personId) => ({ sub: personId === CAMILLE ? KARIM : 'lucie-moreau', role: 'holder' }),
  // Sophie has Camille's consent (demo world); Karim consents Paul in beforeAll (all scopes).
  'adviser-with-consent': (personId) => ({ sub: personId === CAMILLE ? 'sophie-adviser' : 'paul-adviser', role: 'adviser' }),
  'adviser-without-consent': () => ({ sub: 'marc-adviser', role: 'adviser' }),
  // Consented all scopes, then revoked, in beforeAll.
  'adviser-revoked-consent': () => ({ sub: 'revoked-adviser', role: 'adviser' }),
  'prescriber-without-consent': () => ({ sub: 'prescriber-cap-emploi-69', role: 'prescriber' }),
  // "see funding for people he follows": the person consented FUNDING and RECOMMENDATIONS only.
  'prescriber-with-funding-consent': () => ({ sub: 'prescriber-mission-locale-85', role: 'prescriber' }),
  // Camille's plans carry this Région's top-ups; Karim's dotation comes from his employer.
  funder: (personId) => ({ sub: 'funder-user-1', role: 'funder', funderId: personId === CAMILLE ? 'funder-region-pdl' : 'funder-employer-karim' }),
  organisation: () => ({ sub: 'of-afpa-la-roche', role: 'organisation', siret: '82422814200953' }),
  // Mon Compte Formation's back office: writes ledger lines and reservations by key; not in the
  // domain's table of readers, so the README's rule applies (no consent, no person data).
  operator: () => ({ sub: 'operator-mcf', role: 'operator' }),
  anonymous: () => null,
};

// ---------------------------------------------------------------------------------------------
// Person-data fields: every field of Person in the supergraph, grouped by owning subgraph, and
// the fields of TrainingOption that are about the person (cpfQuote, fundingPlan).
// ---------------------------------------------------------------------------------------------
interface Field {
  /** Row label: subgraph.field */
  label: string;
  person: string;
  /** Selection inside `person(id:) { … }`. */
  selection: string;
  /** Where the data is in `data.person` (a refusal makes it null or absent). */
  pick: (person: any) => unknown;
}

const f = (label: string, selection: string, pick: (p: any) => unknown, person = CAMILLE): Field => ({ label, person, selection, pick });
const first = (list: any) => (Array.isArray(list) ? list[0] : undefined);

let sessionId = ''; // one of Camille's recommended sessions, found in beforeAll

const FIELDS: Field[] = [
  // passport
  f('passport.givenName/familyName', 'givenName familyName', (p) => p?.givenName),
  f('passport.status', 'status', (p) => p?.status),
  f('passport.qualificationLevel', 'qualificationLevel', (p) => p?.qualificationLevel),
  f('passport.homeCommune', 'homeCommune { name inseeCode postalCode }', (p) => p?.homeCommune?.name),
  f('passport.homeDepartement/Region/Lat/Long', 'homeDepartement homeRegion homeLatitude homeLongitude', (p) => p?.homeLatitude),
  f('passport.employerSiret/Idcc', 'employerSiret employerIdcc', (p) => p?.employerSiret, KARIM),
  f('passport.hasDrivingLicence', 'hasDrivingLicence', (p) => p?.hasDrivingLicence),
  f('passport.targetRomeCodes/targetJobs', 'targetRomeCodes targetJobs { romeCode label }', (p) => first(p?.targetJobs)),
  f('passport.competenceCodes/competences', 'competenceCodes competences { code label provenance }', (p) => first(p?.competences)),
  f('passport.certifications', 'certifications { code title provenance }', (p) => first(p?.certifications)),
  f('passport.experiences', 'experiences { jobTitle employer provenance }', (p) => first(p?.experiences)),
  f('passport.consents', 'consents { viewerSub scopes live }', (p) => first(p?.consents)),
  f('passport.accessLog', 'accessLog(last: 5) { viewerSub viewerRole scopes }', (p) => p?.accessLog),
  f('passport.skillsGap', 'skillsGap(romeCode: "N1103") { coverage held { code } missing { code } }', (p) => p?.skillsGap),
  f('passport.mobility', 'mobility(first: 3) { job { romeCode } missingCount }', (p) => p?.mobility),
  f('passport.passportExport', 'passportExport { credentialCount openBadges }', (p) => p?.passportExport),
  f('passport.cvHtml', 'cvHtml', (p) => p?.cvHtml),
  // rights
  f('rights.cpfAccount.balance/ceiling', 'cpfAccount { balance ceiling }', (p) => p?.cpfAccount?.balance),
  f('rights.cpfAccount.entries', 'cpfAccount { entries(limit: 5) { kind amount explanation } }', (p) => first(p?.cpfAccount?.entries)),
  f('rights.cpfAccount.credits', 'cpfAccount { credits { year amount explanation } }', (p) => p?.cpfAccount?.credits),
  f('rights.cpfAccount.projectedBalance', 'cpfAccount { projectedBalance(at: "2027-06-01") }', (p) => p?.cpfAccount?.projectedBalance),
  // catalog
  f('catalog.recommendedTrainings', 'recommendedTrainings(first: 3) { sessionId score reasons distanceKm }', (p) => first(p?.recommendedTrainings)),
  f('catalog.trainingOptions', 'trainingOptions(sessionIds: [$session]) { sessionId score reasons }', (p) => first(p?.trainingOptions)),
  // rights and abondements on a person's training option
  f('rights.TrainingOption.cpfQuote', 'trainingOptions(sessionIds: [$session]) { cpfQuote { balance eligible } }', (p) => first(p?.trainingOptions)?.cpfQuote),
  f(
    'abondements.TrainingOption.fundingPlan',
    'trainingOptions(sessionIds: [$session]) { fundingPlan { price cpfRights remainingCost } }',
    (p) => first(p?.trainingOptions)?.fundingPlan,
  ),
  // abondements
  f('abondements.fundableTrainings', 'fundableTrainings(first: 2) { sessionId fundingPlan { cpfRights remainingCost } }', (p) => first(p?.fundableTrainings)),
  f('abondements.dotations', 'dotations { id amount spent remaining funder { id } }', (p) => first(p?.dotations), KARIM),
  f('abondements.franceTravailRequests', 'franceTravailRequests { id amountRequested status }', (p) => first(p?.franceTravailRequests)),
  // dossiers
  f('dossiers.dossiers', 'dossiers { id state fundingPlan { cpfRights } }', (p) => first(p?.dossiers)),
  f('dossiers.TrainingOption.dossier', 'trainingOptions(sessionIds: ["PDL-F0001-A1-S2"]) { dossier { id state } }', (p) => first(p?.trainingOptions)?.dossier),
];

// ---------------------------------------------------------------------------------------------
// The expected table (A = allowed, R = refused), from the domain rules. One line per field, one
// column per role; every cell is one test below.
// ---------------------------------------------------------------------------------------------
type Cell = 'A' | 'R';
const ROLES: RoleName[] = [
  'holder-self',
  'holder-other',
  'adviser-with-consent',
  'adviser-without-consent',
  'adviser-revoked-consent',
  'prescriber-without-consent',
  'prescriber-with-funding-consent',
  'funder',
  'organisation',
  'operator',
  'anonymous',
];
//                                                     self other adv+ adv- advRv pre- pre+F fund  org  oper anon
const EXPECTED: Record<string, Cell[]> = {
  'passport.givenName/familyName': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  // The facts a funding plan rests on are readable with the FUNDING scope (passport's REQUIRED_FIELD_SCOPES).
  'passport.status': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'passport.qualificationLevel': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'passport.homeCommune': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.homeDepartement/Region/Lat/Long': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'passport.employerSiret/Idcc': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'passport.hasDrivingLicence': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'passport.targetRomeCodes/targetJobs': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.competenceCodes/competences': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.certifications': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.experiences': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.consents': ['A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.accessLog': ['A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.skillsGap': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.mobility': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.passportExport': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'passport.cvHtml': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'rights.cpfAccount.balance/ceiling': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'rights.cpfAccount.entries': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'rights.cpfAccount.credits': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'rights.cpfAccount.projectedBalance': ['A', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'],
  'catalog.recommendedTrainings': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'catalog.trainingOptions': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  // The quote is part of the funding plan: FUNDING opens it too.
  'rights.TrainingOption.cpfQuote': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'abondements.TrainingOption.fundingPlan': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'abondements.fundableTrainings': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'abondements.dotations': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'abondements.franceTravailRequests': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  // A person's dossiers are funding data: the holder, or a viewer with the FUNDING consent.
  'dossiers.dossiers': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
  'dossiers.TrainingOption.dossier': ['A', 'R', 'A', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R'],
};

// ---------------------------------------------------------------------------------------------

const tokens = new Map<string, string>();
async function tokenOf(viewer: Viewer | null): Promise<string | undefined> {
  if (!viewer) return undefined;
  const key = JSON.stringify(viewer);
  if (!tokens.has(key)) tokens.set(key, await tokenFor(viewer));
  return tokens.get(key);
}

/** Values that identify each person: none may appear in a refused response. */
const SECRETS = new Map<string, string[]>();

function personQuery(field: Field): string {
  const vars = field.selection.includes('$session') ? '($id: ID!, $session: ID!)' : '($id: ID!)';
  return `query ${vars} { person(id: $id) { ${field.selection} } }`;
}

async function read(field: Field, viewer: Viewer | null): Promise<GraphQLResponse> {
  return graphql(gateway(), personQuery(field), { id: field.person, session: sessionId }, { token: await tokenOf(viewer) });
}

function expectRefused(res: GraphQLResponse, field: Field) {
  const value = field.pick(res.data?.person ?? null);
  expect(value ?? null, `no data for ${field.label}`).toBeNull();
  const codes = (res.errors ?? []).map((e) => e.extensions?.code);
  expect(codes.length, 'an error says why').toBeGreaterThan(0);
  for (const code of codes) expect(code).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
  const body = JSON.stringify(res);
  for (const secret of SECRETS.get(field.person)!) expect(body, `leaks ${secret}`).not.toContain(secret);
}

function expectAllowed(res: GraphQLResponse, field: Field) {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const value = field.pick(res.data?.person);
  expect(value, `${field.label} answered`).not.toBeNull();
  expect(value, `${field.label} answered`).not.toBeUndefined();
  if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
}

async function holder(personId: string) {
  return tokenOf({ sub: personId, role: 'holder' });
}

describe('authorisation matrix: role × person-data field', () => {
  beforeAll(async () => {
    const gql = (query: string, variables: Record<string, unknown>, token?: string) => graphql(gateway(), query, variables, { token });
    // Consents the table needs: Karim → Paul (adviser, all scopes); Camille and Karim → a mission
    // locale prescriber (funding and recommendations only); Camille → an adviser, then revoked.
    const grant = `mutation ($sub: String!, $scopes: [AccessScope!]!) { grantConsent(viewerSub: $sub, scopes: $scopes, expiresAt: "2030-01-01T00:00:00Z") { id live } }`;
    const all = ['PASSPORT', 'RIGHTS', 'FUNDING', 'RECOMMENDATIONS'];
    const granted = await Promise.all([
      gql(grant, { sub: 'paul-adviser', scopes: all }, await holder(KARIM)),
      gql(grant, { sub: 'prescriber-mission-locale-85', scopes: ['FUNDING', 'RECOMMENDATIONS'] }, await holder(CAMILLE)),
      gql(grant, { sub: 'prescriber-mission-locale-85', scopes: ['FUNDING', 'RECOMMENDATIONS'] }, await holder(KARIM)),
      gql(grant, { sub: 'revoked-adviser', scopes: all }, await holder(CAMILLE)),
    ]);
    for (const g of granted) expect(g.errors, JSON.stringify(g.errors)).toBeUndefined();
    const revoked = await gql(`mutation ($id: ID!) { revokeConsent(id: $id) { live } }`, { id: granted[3]!.data!.grantConsent.id }, await holder(CAMILLE));
    expect(revoked.data?.revokeConsent.live).toBe(false);

    // Some reads by others, so the access log has entries; a session for trainingOptions.
    await gql(`{ person(id: "${CAMILLE}") { givenName } }`, {}, await tokenOf({ sub: 'sophie-adviser', role: 'adviser' }));
    await gql(`{ person(id: "${KARIM}") { givenName } }`, {}, await tokenOf({ sub: 'paul-adviser', role: 'adviser' }));
    const recommended = await gql(
      `{ person(id: "${CAMILLE}") { recommendedTrainings(first: 1) { sessionId session { price startDate } } } }`,
      {},
      await holder(CAMILLE),
    );
    expect(recommended.errors).toBeUndefined();
    sessionId = recommended.data!.person.recommendedTrainings[0].sessionId;

    // Camille asks France Travail for a top-up (an open request, which funds nothing yet), the
    // day after the provider's offer (the clock is pinned to 2026-11-25), on a session none of the
    // other files plans for her (an open request bounds France Travail's part of that session's
    // plan, and she may have one open at a time); France Travail refuses it once checked below.
    const asked = await gql(
      `mutation ($p: ID!, $s: ID!, $start: Date!) { requestFranceTravailTopUp(personId: $p, sessionId: $s, offeredOn: "2026-11-24", sessionStartDate: $start, amount: 12345) { id status } }`,
      { p: CAMILLE, s: 'HDF-F0001-A1-S1', start: '2027-01-04' },
      await holder(CAMILLE),
    );
    expect(asked.errors, JSON.stringify(asked.errors)).toBeUndefined();

    // What identifies each person, as the holder sees it.
    const whoami = `query ($id: ID!) { person(id: $id) { givenName familyName homeCommune { name } employerSiret cpfAccount { balance } dotations { id } } }`;
    for (const id of [CAMILLE, KARIM]) {
      const me = await gql(whoami, { id }, await holder(id));
      expect(me.errors).toBeUndefined();
      const p = me.data!.person;
      SECRETS.set(
        id,
        [
          p.givenName,
          p.familyName,
          p.homeCommune.name,
          `"balance":${p.cpfAccount.balance}`,
          p.employerSiret,
          ...p.dotations.map((d: { id: string }) => d.id),
        ].filter(Boolean),
      );
    }
    expect(SECRETS.get(KARIM)).toContain('dotation-karim-rncp37674');
  });

  it('covers every Person field of the supergraph', async () => {
    const res = await graphql(gateway(), `{ __type(name: "Person") { fields { name } } }`);
    const fields = (res.data?.__type?.fields ?? []).map((x: { name: string }) => x.name).filter((n: string) => n !== 'id');
    const selected = FIELDS.map((x) => x.selection).join(' ');
    for (const name of fields) expect(selected, `a row for Person.${name}`).toMatch(new RegExp(`\\b${name}\\b`));
    expect(Object.keys(EXPECTED).sort()).toEqual(FIELDS.map((x) => x.label).sort());
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(ROLES.length);
  });

  const cases = FIELDS.flatMap((field) => ROLES.map((role, i) => ({ field, role, expected: EXPECTED[field.label]![i]! })));
  for (const { field, role, expected } of cases) {
    const name = `${role.padEnd(31)} × ${field.label.padEnd(42)} → ${expected === 'A' ? 'allowed' : 'refused'}`;
    it(name, async () => {
      const res = await read(field, VIEWERS[role](field.person));
      if (expected === 'A') expectAllowed(res, field);
      else expectRefused(res, field);
    });
  }

  it('me: the holder gets his own passport, professionals get null, anonymous callers are refused', async () => {
    const query = `{ me { id givenName } }`;
    const self = await graphql(gateway(), query, {}, { token: await holder(CAMILLE) });
    expect(self.data?.me).toEqual({ id: CAMILLE, givenName: 'Camille' });
    for (const role of ROLES.filter((r) => !r.startsWith('holder') && r !== 'anonymous')) {
      const res = await graphql(gateway(), query, {}, { token: await tokenOf(VIEWERS[role](CAMILLE)) });
      expect(res.data?.me ?? null, role).toBeNull();
      expect(JSON.stringify(res)).not.toContain('Camille');
    }
    const anonymous = await graphql(gateway(), query);
    expect(anonymous.data?.me ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the holder sees in his access log who read his data, with their role', async () => {
    const res = await graphql(gateway(), `{ person(id: "${CAMILLE}") { accessLog(last: 50) { viewerSub viewerRole } } }`, {}, { token: await holder(CAMILLE) });
    expect(res.errors).toBeUndefined();
    const readers = res.data!.person.accessLog.map((e: { viewerSub: string; viewerRole: string }) => `${e.viewerRole}:${e.viewerSub}`);
    expect(readers).toContain('adviser:sophie-adviser');
    for (const r of readers) expect(r).not.toMatch(/marc-adviser|revoked-adviser|prescriber-cap-emploi|funder-user|of-afpa|operator-mcf/);
  });

  it('one request for an allowed and a refused person: the batch gives nothing of the refused one', async () => {
    const sophie = await tokenOf({ sub: 'sophie-adviser', role: 'adviser' });
    const fields = `givenName cpfAccount { balance } dotations { id } recommendedTrainings(first: 1) { sessionId person { givenName } fundingPlan { cpfRights } }`;
    const res = await graphql(gateway(), `{ a: person(id: "${CAMILLE}") { ${fields} } b: person(id: "${KARIM}") { ${fields} } }`, {}, { token: sophie });
    expect(res.data?.a?.givenName).toBe('Camille');
    expect(res.data?.a?.cpfAccount?.balance).toEqual(expect.any(Number));
    expect(res.data?.b ?? null).toBeNull();
    for (const e of res.errors ?? []) expect(e.path?.[0]).toBe('b');
    const body = JSON.stringify(res);
    for (const secret of SECRETS.get(KARIM)!) expect(body).not.toContain(secret);
  });

  it('an unknown person and a person one may not read are refused alike (no probing of ids)', async () => {
    const karim = await holder(KARIM);
    const known = await graphql(gateway(), `{ person(id: "${CAMILLE}") { givenName } }`, {}, { token: karim });
    const unknown = await graphql(gateway(), `{ person(id: "nobody-at-all") { givenName } }`, {}, { token: karim });
    expect(unknown.errors?.map((e) => [e.extensions?.code, e.message])).toEqual(known.errors?.map((e) => [e.extensions?.code, e.message]));
  });

  it('the access grant is not a client field', async () => {
    const res = await graphql(gateway(), `{ person(id: "${CAMILLE}") { accessGrant } }`, {}, { token: await holder(CAMILLE) });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a client cannot pass its own viewer token through the gateway', async () => {
    // Even a genuine viewer token (which only the gateway can sign) sent by an anonymous client is ignored.
    const forged = await signViewerToken({ sub: CAMILLE, role: 'holder' });
    const res = await graphql(gateway(), `{ person(id: "${CAMILLE}") { givenName cpfAccount { balance } } }`, {}, { headers: { [VIEWER_HEADER]: forged } });
    expect(res.data?.person ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(res)).not.toContain('Camille');
  });
});

describe('funder-side data: each funder its own, nobody else’s', () => {
  const region = { sub: 'region-user', role: 'funder', funderId: 'funder-region-pdl' } as const;
  const franceTravail = { sub: 'ft-user', role: 'funder', funderId: 'funder-france-travail' } as const;
  const employer = { sub: 'employer-user', role: 'funder', funderId: 'funder-employer-karim' } as const;
  const notFunders: Record<string, Viewer | null> = {
    holder: { sub: CAMILLE, role: 'holder' },
    adviser: { sub: 'sophie-adviser', role: 'adviser' },
    prescriber: { sub: 'prescriber-mission-locale-85', role: 'prescriber' },
    organisation: { sub: 'of-afpa-la-roche', role: 'organisation', siret: '82422814200953' },
    operator: { sub: 'operator-mcf', role: 'operator' },
    'funder without funderId': { sub: 'lost-funder', role: 'funder' },
    anonymous: null,
  };
  const ask = async (query: string, viewer: Viewer | null, variables: Record<string, unknown> = {}) =>
    graphql(gateway(), query, variables, { token: await tokenOf(viewer) });

  const CONVENTIONS = `{ conventions { id label rules { id label envelope { id budget consumed remaining } } } }`;

  it('a funder lists its own conventions, rules and envelopes, and no other funder’s', async () => {
    const own = await ask(CONVENTIONS, region);
    expect(own.errors).toBeUndefined();
    const ids = own.data!.conventions.map((c: { id: string }) => c.id);
    expect(ids).toContain('convention-region-pdl-2025');
    expect(ids).not.toContain('convention-france-travail-2025');
    const rules = own.data!.conventions.flatMap((c: { rules: { id: string }[] }) => c.rules.map((r) => r.id));
    expect(rules).toContain('rule-region-pdl-logistics-85');
    expect(rules).not.toContain('rule-france-travail-shortage-jobs');
    expect(JSON.stringify(own)).not.toContain('envelope-france-travail');

    const ft = await ask(CONVENTIONS, franceTravail);
    expect(ft.data!.conventions.map((c: { id: string }) => c.id)).toEqual(['convention-france-travail-2025']);
    const none = await ask(CONVENTIONS, employer);
    expect(none.data!.conventions).toEqual([]);
  });

  it('a funder is refused another funder’s convention, rule and envelope', async () => {
    const other = await ask(`{ convention(id: "convention-france-travail-2025") { id rules { envelope { budget } } } }`, region);
    expect(other.data?.convention ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const budget = await ask(`mutation { setEnvelopeBudget(ruleId: "rule-france-travail-shortage-jobs", budget: 1) { budget } }`, region);
    expect(budget.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const suspend = await ask(`mutation { setRuleStatus(id: "rule-france-travail-shortage-jobs", status: SUSPENDED) { status } }`, region);
    expect(suspend.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const convention = await ask(`mutation { setConventionStatus(id: "convention-france-travail-2025", status: SUSPENDED) { status } }`, region);
    expect(convention.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await ask(`{ conventions { status rules { status envelope { budget } } } }`, franceTravail);
    expect(after.data!.conventions[0].status).toBe('ACTIVE');
    expect(after.data!.conventions[0].rules[0].status).toBe('ACTIVE');
    expect(after.data!.conventions[0].rules[0].envelope.budget).toBe(200_000_000);
  });

  it('a funder sees the dotations it granted, and only those', async () => {
    const own = await ask(`{ myFunder { id } grantedDotations { id amount spent remaining } }`, employer);
    expect(own.errors).toBeUndefined();
    expect(own.data!.myFunder.id).toBe('funder-employer-karim');
    expect(own.data!.grantedDotations.map((d: { id: string }) => d.id)).toContain('dotation-karim-rncp37674');
    const other = await ask(`{ myFunder { id } grantedDotations { id } }`, region);
    expect(other.data!.myFunder.id).toBe('funder-region-pdl');
    expect(other.data!.grantedDotations.map((d: { id: string }) => d.id)).not.toContain('dotation-karim-rncp37674');
  });

  it('only France Travail sees the requests to decide, and only France Travail decides them', async () => {
    const QUEUE = `{ franceTravailRequestsToDecide { id personId amountRequested status } }`;
    const ft = await ask(QUEUE, franceTravail);
    expect(ft.errors).toBeUndefined();
    const mine = ft.data!.franceTravailRequestsToDecide.find((r: { personId: string }) => r.personId === CAMILLE);
    expect(mine?.amountRequested).toBe(12345);
    const regionQueue = await ask(QUEUE, region);
    expect(regionQueue.data?.franceTravailRequestsToDecide ?? null).toBeNull();
    expect(regionQueue.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const decide = `mutation ($id: ID!) { decideFranceTravailRequest(id: $id, accept: true) { status } }`;
    for (const viewer of [region, ...Object.values(notFunders)]) {
      const res = await ask(decide, viewer, { id: mine.id });
      expect(res.data?.decideFranceTravailRequest ?? null, JSON.stringify(viewer)).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    const still = await ask(QUEUE, franceTravail);
    expect(still.data!.franceTravailRequestsToDecide.find((r: { id: string }) => r.id === mine.id)?.status).toBe('OPEN');
    // France Travail itself may: it refuses, so that Camille has no open request left for the other files.
    const refused = await ask(
      `mutation ($id: ID!) { decideFranceTravailRequest(id: $id, accept: false, reason: "matrice d'autorisations") { status } }`,
      franceTravail,
      {
        id: mine.id,
      },
    );
    expect(refused.data?.decideFranceTravailRequest?.status, JSON.stringify(refused.errors)).toBe('REFUSED');
  });

  for (const [who, viewer] of Object.entries(notFunders)) {
    it(`${who} sees no funder-side data (myFunder, conventions, grantedDotations, requests to decide)`, async () => {
      for (const query of [
        `{ myFunder { id } }`,
        CONVENTIONS,
        `{ grantedDotations { id } }`,
        `{ franceTravailRequestsToDecide { id } }`,
        `{ convention(id: "convention-region-pdl-2025") { id } }`,
      ]) {
        const res = await ask(query, viewer);
        expect(res.data ?? null, `${who}: ${query}`).toBeNull();
        expect(res.errors?.[0]?.extensions?.code, `${who}: ${query}`).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
        expect(JSON.stringify(res)).not.toMatch(/convention-|envelope-|dotation-karim/);
      }
    });
  }

  it('nobody but the holder or the operator reserves or spends money for a holder’s dossier', async () => {
    const reserve = `mutation { reserveTopUp(key: "authz-${Date.now()}", ruleId: "rule-region-pdl-logistics-85", personId: "${CAMILLE}", sessionId: "s", amount: 100) { status } }`;
    const spend = `mutation { spendDotation(key: "authz-${Date.now()}", dotationId: "dotation-karim-rncp37674", personId: "${KARIM}", sessionId: "s", certificationCode: "RNCP37674", amount: 100) { status } }`;
    for (const viewer of [
      { sub: KARIM, role: 'holder' } as Viewer,
      region,
      employer,
      ...Object.values(notFunders).filter((v) => v?.role !== 'operator' && v?.sub !== CAMILLE),
    ]) {
      const r = await ask(reserve, viewer);
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(viewer)).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    for (const viewer of [{ sub: CAMILLE, role: 'holder' } as Viewer, region, employer, { sub: 'sophie-adviser', role: 'adviser' } as Viewer, null]) {
      const s = await ask(spend, viewer);
      expect(s.errors?.[0]?.extensions?.code, JSON.stringify(viewer)).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
    const dotation = await ask(`{ grantedDotations { id spent } }`, employer);
    expect(dotation.data!.grantedDotations.find((d: { id: string }) => d.id === 'dotation-karim-rncp37674').spent).toBe(0);
  });

  // Only the ordering platform (operator) reserves envelope money: a holder's reservation would
  // rest on his own word (amount, facts), so it is refused outright.
  it('a holder cannot take envelope money from a rule that does not fund him', async () => {
    // rule-region-pdl-logistics-85 funds job seekers living in Vendée (85) with a low balance;
    // Karim is an employee in Lyon. The Région's envelope is the Région's budget, not his.
    const karim = await holder(KARIM);
    const key = `authz-karim-${Date.now()}`;
    const before = (await ask(CONVENTIONS, region)).data!.conventions[0].rules[0].envelope;
    const res = await ask(
      `mutation ($key: ID!) { reserveTopUp(key: $key, ruleId: "rule-region-pdl-logistics-85", personId: "${KARIM}", sessionId: "any", amount: 100) { status } }`,
      { sub: KARIM, role: 'holder' },
      { key },
    );
    const status = res.data?.reserveTopUp?.status ?? null;
    if (status === 'GRANTED') {
      await graphql(gateway(), `mutation ($key: ID!) { releaseReservation(key: $key) { status } }`, { key }, { token: karim }); // leave the shared envelope as it was
    }
    expect(status, 'reservation by a holder the rule does not fund').not.toBe('GRANTED');
    expect((await ask(CONVENTIONS, region)).data!.conventions[0].rules[0].envelope).toEqual(before);
  });

  it('only an operator writes to a CPF account', async () => {
    const debit = `mutation { debitCpfAccount(personId: "${CAMILLE}", amount: 100, reason: "authz", idempotencyKey: "authz-debit-${Date.now()}") { id } }`;
    for (const viewer of [{ sub: CAMILLE, role: 'holder' } as Viewer, { sub: 'sophie-adviser', role: 'adviser' } as Viewer, region, null]) {
      const res = await ask(debit, viewer);
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(viewer)).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
  });
});

describe('a subgraph called directly, without the gateway’s viewer token, refuses person data', () => {
  const url = (name: string) => inject('subgraphUrls')[name]!;
  // A valid caller token of the holder herself, and a genuine access grant: still refused,
  // since only the gateway's signed viewer token says who is asking.
  let userToken: string;
  let grant: string;
  beforeAll(async () => {
    userToken = (await holder(CAMILLE))!;
    grant = await signAccessGrant({ personId: CAMILLE, viewerSub: CAMILLE, scopes: ['passport', 'rights', 'funding', 'recommendations'] });
  });
  const direct = (name: string, query: string, variables: Record<string, unknown> = {}) => graphql(url(name), query, variables, { token: userToken });
  const entities = (person: string, option?: string) =>
    `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Person { ${person} }${option ? ` ... on TrainingOption { ${option} }` : ''} } }`;

  function expectNoPersonData(res: GraphQLResponse) {
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(code).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
    const body = JSON.stringify(res);
    for (const secret of SECRETS.get(CAMILLE) ?? ['Camille', 'Martin']) expect(body).not.toContain(secret);
  }

  it('passport: Query.person and Person entities', async () => {
    const person = await direct('passport', `{ person(id: "${CAMILLE}") { givenName familyName homeCommune { name } } }`);
    expect(person.data?.person ?? null).toBeNull();
    expectNoPersonData(person);
    const me = await direct('passport', `{ me { givenName } }`);
    expect(me.data?.me ?? null).toBeNull();
    expectNoPersonData(me);
    for (const selection of [
      'givenName familyName',
      'competences { code }',
      'consents { viewerSub }',
      'cpfStatus: status',
      'homeLatitude homeLongitude targetRomeCodes competenceCodes',
    ]) {
      const entity = await direct('passport', entities(selection), { r: [{ __typename: 'Person', id: CAMILLE }] });
      expect(entity.data?._entities?.[0] ?? null).toBeNull();
      expectNoPersonData(entity);
    }
    const entity = await direct('passport', entities('givenName'), { r: [{ __typename: 'Person', id: CAMILLE }] });
    expect(entity.data?._entities?.[0] ?? null).toBeNull();
    expectNoPersonData(entity);
  });

  it('passport: no access grant is minted for an anonymous caller', async () => {
    // accessGrant is @inaccessible for clients, but a subgraph answers it to whoever calls it.
    const res = await direct('passport', `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { accessGrant } } }`, {
      r: [{ __typename: 'Person', id: CAMILLE }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([{ accessGrant: null }]);
  });

  it('rights: Person.cpfAccount and TrainingOption.cpfQuote, even with a genuine grant', async () => {
    const account = await direct('rights', entities('cpfAccount { balance entries { amount } }'), {
      r: [{ __typename: 'Person', id: CAMILLE, accessGrant: grant }],
    });
    expect(account.data?._entities?.[0]?.cpfAccount ?? null).toBeNull();
    expectNoPersonData(account);
    const quote = await direct('rights', entities('id', 'cpfQuote { balance }'), {
      r: [
        {
          __typename: 'TrainingOption',
          personId: CAMILLE,
          sessionId,
          person: { accessGrant: grant, status: 'JOB_SEEKER', hasDrivingLicence: false },
          session: { price: 100_000, cpfKind: 'RNCP', startDate: '2027-01-04' },
        },
      ],
    });
    expect(quote.data?._entities?.[0]?.cpfQuote ?? null).toBeNull();
    expectNoPersonData(quote);
  });

  it('catalog: Person.recommendedTrainings and trainingOptions, even with a genuine grant', async () => {
    const rep = {
      __typename: 'Person',
      id: CAMILLE,
      accessGrant: grant,
      targetRomeCodes: ['N1103'],
      competenceCodes: [],
      homeLatitude: 46.6705,
      homeLongitude: -1.426,
      qualificationLevel: 3,
    };
    const recommended = await direct('catalog', entities('recommendedTrainings { sessionId distanceKm }'), { r: [rep] });
    expect(recommended.data?._entities?.[0]?.recommendedTrainings ?? null).toBeNull();
    expectNoPersonData(recommended);
    const options = await direct('catalog', entities(`trainingOptions(sessionIds: ["${sessionId}"]) { sessionId }`), {
      r: [{ __typename: 'Person', id: CAMILLE, accessGrant: grant }],
    });
    expect(options.data?._entities?.[0]?.trainingOptions ?? null).toBeNull();
    expectNoPersonData(options);
  });

  it('abondements: Person.dotations, franceTravailRequests, fundableTrainings and TrainingOption.fundingPlan', async () => {
    const karimGrant = await signAccessGrant({ personId: KARIM, viewerSub: KARIM, scopes: ['passport', 'rights', 'funding', 'recommendations'] });
    const dotations = await direct('abondements', entities('dotations { id amount } franceTravailRequests { id }'), {
      r: [{ __typename: 'Person', id: KARIM, accessGrant: karimGrant }],
    });
    // The lists are nullable (a failure stays local): refused means null lists, or no entity.
    const entity = dotations.data?._entities?.[0] ?? null;
    expect(entity === null || (entity.dotations === null && entity.franceTravailRequests === null)).toBe(true);
    expectNoPersonData(dotations);
    expect(JSON.stringify(dotations)).not.toContain('dotation-karim');

    const person = {
      accessGrant: grant,
      status: 'JOB_SEEKER',
      qualificationLevel: 3,
      homeRegion: '52',
      homeDepartement: '85',
      employerSiret: null,
      employerIdcc: null,
    };
    const cpfQuote = {
      date: '2026-11-25',
      price: 100_000,
      balance: 30_000,
      eligible: true,
      ineligibilityReason: null,
      spendingCap: null,
      participation: { amount: 10_320, due: false, exemptionReason: 'job seeker', exemptWithTopUpFrom: [], legalSource: 'L6323-4' },
    };
    const session = { price: 100_000, startDate: '2027-01-04', region: '52', formacodes: [], romeCodes: ['N1103'], certificationCode: null };
    const plan = await direct('abondements', entities('id', 'fundingPlan { cpfRights remainingCost }'), {
      r: [{ __typename: 'TrainingOption', personId: CAMILLE, sessionId, cpfQuote, person, session }],
    });
    expect(plan.data?._entities?.[0]?.fundingPlan ?? null).toBeNull();
    expectNoPersonData(plan);

    const fundable = await direct('abondements', entities('fundableTrainings(first: 1) { sessionId }'), {
      r: [
        {
          __typename: 'Person',
          id: CAMILLE,
          accessGrant: grant,
          recommendationCandidates: [{ personId: CAMILLE, sessionId, score: 1, reasons: [], distanceKm: 1, cpfQuote, person, session }],
        },
      ],
    });
    expect(fundable.data?._entities?.[0]?.fundableTrainings ?? null).toBeNull();
    expectNoPersonData(fundable);
  });

  it('a viewer token signed with another secret is rejected', async () => {
    const { SignJWT } = await import('jose');
    const fake = await new SignJWT({ sub: CAMILLE, role: 'holder' })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('subgraphs')
      .setExpirationTime('2m')
      .sign(new TextEncoder().encode('not-the-internal-secret-0123456789abcdef'));
    for (const name of ['passport', 'rights', 'catalog', 'abondements', 'dossiers']) {
      const res = await graphql(url(name), `{ __typename }`, {}, { headers: { [VIEWER_HEADER]: fake } });
      expect(res.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Dossiers: who may read a dossier and make each of its transitions. The dossier is Karim's
// demo request that its organisation refused (a final state): a caller allowed to make a
// transition passes authorisation and is then told it is impossible (BAD_USER_INPUT, naming the
// state), so nothing changes; any other caller gets FORBIDDEN (UNAUTHENTICATED when anonymous).
// ---------------------------------------------------------------------------------------------
const DOSSIER_SELECTION = typeDefinition('Dossier')
  .fields!.map((f) => (OBJECT_TYPES.has(namedType(f.type)) ? `${f.name.value} { __typename }` : f.name.value))
  .join(' ');

describe('dossiers: role × dossier read and transition', () => {
  const DOSSIER = 'dos-demo-karim-refused';
  const extra: Record<string, Viewer> = {
    'organisation-of-session': { sub: 'of-87719302900015', role: 'organisation', siret: '87719302900015' },
    'france-travail': { sub: 'ft-adviser-85', role: 'funder', funderId: 'funder-france-travail' },
  };
  const COLUMNS = [...ROLES, ...Object.keys(extra)];
  const viewerOf = (column: string): Viewer | null => extra[column] ?? VIEWERS[column as RoleName](KARIM);
  const plan = '{ cpfRights: 0, remainingCost: 740000 }';
  const step = (name: string, args = '') => `mutation { ${name}(id: "${DOSSIER}", idempotencyKey: "authz-${name}-${Date.now()}"${args}) { replayed } }`;
  const OPERATIONS: Record<string, string> = {
    // Every field of Dossier (an object field with its __typename).
    'query dossier': `{ dossier(id: "${DOSSIER}") { ${DOSSIER_SELECTION} } }`,
    positionOnSession: `mutation { positionOnSession(personId: "${KARIM}", sessionId: "no-such-session", idempotencyKey: "authz-position-${Date.now()}") { replayed } }`,
    requestDossier: `mutation { requestDossier(dossierId: "${DOSSIER}", idempotencyKey: "authz-request-${Date.now()}") { replayed } }`,
    checkPrerequisites: step('checkPrerequisites'),
    validateDossier: step('validateDossier'),
    refuseDossier: step('refuseDossier', ', reasonCode: "FULL"'),
    acceptDossier: step('acceptDossier', `, plan: ${plan}`),
    declineDossier: step('declineDossier'),
    requestFunderReview: step('requestFunderReview', `, plan: ${plan}`),
    grantFunding: step('grantFunding'),
    refuseFunding: step('refuseFunding', ', reasonCode: "NOT_IN_PPAE"'),
    cancelDossier: step('cancelDossier'),
    cancelByOrganism: step('cancelByOrganism', ', reasonCode: "CLOSED"'),
    cancelByFinancer: step('cancelByFinancer', ', reasonCode: "FRAUD"'),
    declareEntry: step('declareEntry'),
    declareNoShow: step('declareNoShow'),
    declareExit: step('declareExit', ', reasonCode: "COMPLETED"'),
    declareServiceDone: step('declareServiceDone', ', completionRate: 100'),
    openControl: step('openControl'),
    validateServiceDone: step('validateServiceDone'),
    refuseServiceDone: step('refuseServiceDone', ', reasonCode: "SERVICE_NOT_DONE"'),
    invoiceDossier: step('invoiceDossier'),
    markBilled: step('markBilled'),
    markPaid: step('markPaid'),
  };
  //                      self other adv+ adv- advRv pre- pre+F fund  org  oper anon | orgOfSession franceTravail
  const holderOnly: Cell[] = ['A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'];
  const organisation: Cell[] = ['R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'A', 'R'];
  const operator: Cell[] = ['R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'A', 'R', 'R', 'R'];
  // France Travail decides only its own reviews (an AIF, or a CPF order waiting for its top-up): not this dossier.
  const franceTravail: Cell[] = ['R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'];
  const EXPECTED_DOSSIER: Record<string, Cell[]> = {
    'query dossier': ['A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'A', 'R', 'A', 'R'],
    // Only a prescriber the person consented to (FUNDING) positions them.
    positionOnSession: ['R', 'R', 'R', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'R', 'R', 'R'],
    requestDossier: holderOnly,
    checkPrerequisites: organisation,
    validateDossier: organisation,
    refuseDossier: organisation,
    acceptDossier: holderOnly,
    declineDossier: holderOnly,
    requestFunderReview: holderOnly,
    grantFunding: franceTravail,
    refuseFunding: franceTravail,
    cancelDossier: holderOnly,
    cancelByOrganism: organisation,
    cancelByFinancer: operator,
    declareEntry: organisation,
    declareNoShow: organisation,
    declareExit: organisation,
    declareServiceDone: organisation,
    openControl: operator,
    validateServiceDone: operator,
    refuseServiceDone: operator,
    invoiceDossier: organisation,
    markBilled: operator,
    markPaid: operator,
  };
  for (const name of Object.keys(EXPECTED_DOSSIER)) if (name !== 'query dossier') COVERED_MUTATIONS.add(name);

  it('covers every dossier mutation and every Dossier field of the supergraph', async () => {
    const res = await graphql(gateway(), `{ __type(name: "Mutation") { fields { name type { ofType { name } } } } }`);
    const dossierMutations = res.data!.__type.fields.filter((x: any) => x.type.ofType?.name === 'DossierChange').map((x: any) => x.name);
    expect(dossierMutations.sort()).toEqual(
      Object.keys(OPERATIONS)
        .filter((k) => k !== 'query dossier')
        .sort(),
    );
    for (const row of Object.values(EXPECTED_DOSSIER)) expect(row).toHaveLength(COLUMNS.length);
    const live = await graphql(gateway(), `{ __type(name: "Dossier") { fields { name } } }`);
    const selected = OPERATIONS['query dossier']!;
    for (const { name } of live.data!.__type.fields) expect(selected, `the dossier read selects Dossier.${name}`).toMatch(new RegExp(`\\b${name}\\b`));
  });

  for (const [operation, query] of Object.entries(OPERATIONS)) {
    for (const [i, column] of COLUMNS.entries()) {
      const expected = EXPECTED_DOSSIER[operation]![i]!;
      it(`${column.padEnd(31)} × ${operation.padEnd(20)} → ${expected === 'A' ? 'allowed' : 'refused'}`, async () => {
        const viewer = viewerOf(column);
        const res = await graphql(gateway(), query, {}, { token: await tokenOf(viewer) });
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        if (expected === 'R') {
          expect(codes.length, JSON.stringify(res)).toBeGreaterThan(0);
          for (const code of codes) expect(code, JSON.stringify(res.errors)).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
          expect(JSON.stringify(res)).not.toContain('refusedByOrganism');
        } else if (operation === 'query dossier') {
          expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
          expect(res.data!.dossier.state).toBe('refusedByOrganism');
          expect(Object.keys(res.data!.dossier).sort()).toEqual(
            typeDefinition('Dossier')
              .fields!.map((f) => f.name.value)
              .sort(),
          );
        } else {
          // Allowed to try: the transition is then impossible from this final state (or the session unknown).
          expect(codes, JSON.stringify(res.errors)).toEqual(['BAD_USER_INPUT']);
        }
      });
    }
  }

  it('Session.dossiers: the session’s organisation sees its dossiers, another organisation none, a holder is refused', async () => {
    const q = `{ session(id: "NAT-F0003-A1-S2") { id dossiers { id } } }`;
    const own = await graphql(gateway(), q, {}, { token: await tokenOf(extra['organisation-of-session']!) });
    expect(own.data!.session.dossiers.map((d: { id: string }) => d.id)).toContain(DOSSIER);
    const other = await graphql(gateway(), q, {}, { token: await tokenOf(VIEWERS.organisation(KARIM)) });
    expect(other.data!.session.dossiers).toEqual([]);
    const karim = await graphql(gateway(), q, {}, { token: await tokenOf(VIEWERS['holder-self'](KARIM)) });
    expect(karim.data?.session?.dossiers ?? null).toBeNull();
    expect(karim.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

// ---------------------------------------------------------------------------------------------
// Webhooks: integrators' endpoints. Training organisations, prescribers and the operator register
// and manage their own (A); another owner is told the webhook does not exist (N, NOT_FOUND: its
// existence is not told); every other role is refused (R). The webhooks belong to the
// organisation column's viewer; their URL is a public address (a private one is refused, below).
// ---------------------------------------------------------------------------------------------
describe('webhooks: role × query and mutation', () => {
  type WebhookCell = Cell | 'N';
  const owner = VIEWERS.organisation(CAMILLE)!;
  const url = (name: string) => `https://203.0.113.10/authz/${name}`;
  const register = `mutation ($u: String!) { registerWebhook(url: $u) { webhook { id url } } }`;
  let kept = ''; // read and replayed by each column
  let removable = ''; // removed by its owner's cell
  beforeAll(async () => {
    const token = await tokenOf(owner);
    for (const name of ['kept', 'removable']) {
      const res = await graphql(gateway(), register, { u: url(name) }, { token });
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      if (name === 'kept') kept = res.data!.registerWebhook.webhook.id;
      else removable = res.data!.registerWebhook.webhook.id;
    }
  });

  const OPERATIONS: Record<string, () => { query: string; variables: Record<string, unknown> }> = {
    'query webhooks': () => ({ query: `{ webhooks { id url } }`, variables: {} }),
    'query webhookDeliveries': () => ({ query: `query ($w: ID!) { webhookDeliveries(webhookId: $w) { endCursor hasMore } }`, variables: { w: kept } }),
    registerWebhook: () => ({ query: register, variables: { u: url(`new-${Date.now()}`) } }),
    // From a cursor past every event: nothing is sent again to the test address.
    replayWebhook: () => ({ query: `mutation ($w: ID!) { replayWebhook(id: $w, after: "999999999") { queued } }`, variables: { w: kept } }),
    removeWebhook: () => ({ query: `mutation ($w: ID!) { removeWebhook(id: $w) }`, variables: { w: removable } }),
  };
  //                                 self other adv+ adv- advRv pre- pre+F fund  org  oper anon
  const own: WebhookCell[] = ['R', 'R', 'R', 'R', 'R', 'A', 'A', 'R', 'A', 'A', 'R'];
  const ownersOnly: WebhookCell[] = ['R', 'R', 'R', 'R', 'R', 'N', 'N', 'R', 'A', 'N', 'R'];
  const EXPECTED_WEBHOOKS: Record<string, WebhookCell[]> = {
    'query webhooks': own,
    registerWebhook: own,
    'query webhookDeliveries': ownersOnly,
    replayWebhook: ownersOnly,
    removeWebhook: ownersOnly,
  };
  for (const name of Object.keys(EXPECTED_WEBHOOKS)) if (!name.startsWith('query ')) COVERED_MUTATIONS.add(name);

  it('covers every webhook query and mutation of the supergraph', async () => {
    const res = await graphql(gateway(), `{ q: __type(name: "Query") { fields { name } } m: __type(name: "Mutation") { fields { name } } }`);
    const names = [...res.data!.q.fields.map((x: any) => `query ${x.name}`), ...res.data!.m.fields.map((x: any) => x.name)].filter((n: string) =>
      /webhook/i.test(n),
    );
    expect(names.sort()).toEqual(Object.keys(OPERATIONS).sort());
    for (const row of Object.values(EXPECTED_WEBHOOKS)) expect(row).toHaveLength(ROLES.length);
  });

  for (const [operation, build] of Object.entries(OPERATIONS)) {
    for (const [i, role] of ROLES.entries()) {
      const expected = EXPECTED_WEBHOOKS[operation]![i]!;
      it(`${role.padEnd(31)} × ${operation.padEnd(24)} → ${{ A: 'allowed', R: 'refused', N: 'not found' }[expected]}`, async () => {
        const viewer = VIEWERS[role](CAMILLE);
        const { query, variables } = build();
        const res = await graphql(gateway(), query, variables, { token: await tokenOf(viewer) });
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        if (expected === 'A') {
          expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
          if (operation === 'query webhooks') {
            const ids = res.data!.webhooks.map((w: { id: string }) => w.id);
            if (role === 'organisation') expect(ids).toContain(kept);
            else expect(ids).not.toContain(kept);
          }
          if (operation === 'registerWebhook') {
            // Not left behind on the shared stack.
            const removed = await graphql(
              gateway(),
              `mutation ($w: ID!) { removeWebhook(id: $w) }`,
              { w: res.data!.registerWebhook.webhook.id },
              { token: await tokenOf(viewer) },
            );
            expect(removed.data?.removeWebhook).toBe(true);
          }
          return;
        }
        expect(codes, JSON.stringify(res)).toEqual([expected === 'N' ? 'NOT_FOUND' : role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
        expect(JSON.stringify(res), 'the webhook URL is not told').not.toContain('/authz/');
      });
    }
  }

  it('a URL on a loopback, private or link-local address is refused, naming the field', async () => {
    for (const u of [
      'http://127.0.0.1:4005/graphql',
      'http://169.254.169.254/latest/meta-data',
      'https://10.0.0.8/in',
      'http://[::1]/in',
      'http://localhost:4001/',
    ]) {
      const res = await graphql(gateway(), register, { u }, { token: await tokenOf(owner) });
      expect(res.errors?.[0]?.extensions, u).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(res.errors![0]!.message).toMatch(/^url: .*(resolves to|does not resolve)/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every other mutation: passport (the holder's own passport and consents), rights (the operator
// writes to CPF accounts), abondements (funders manage their conventions, rules, envelopes and
// dotations; France Travail decides the requests addressed to it; the ordering platform, the
// operator, reserves, spends and records reviews; the holder or the operator releases money held
// for the holder). Each allowed call is one that changes nothing once authorised: an unknown id
// (NOT_FOUND), a refused value (BAD_USER_INPUT), a no-op; the conventions the funders' cells create
// are expired, have no rule, and are suspended at once. A refused call gets FORBIDDEN or
// UNAUTHENTICATED. Source: shared/domain/passport-and-people.md ("Who uses the system") and
// abondements.md.
// ---------------------------------------------------------------------------------------------
describe('every other mutation: role × mutation', () => {
  const FRANCE_TRAVAIL: Viewer = { sub: 'ft-adviser-85', role: 'funder', funderId: 'funder-france-travail' };
  const COLUMNS = [...ROLES, 'france-travail'] as const;
  const viewerOf = (column: (typeof COLUMNS)[number], person: string): Viewer | null =>
    column === 'france-travail' ? FRANCE_TRAVAIL : VIEWERS[column](person);
  const stamp = Date.now();
  let n = 0;
  const unique = (what: string) => `authz-${what}-${stamp}-${++n}`;
  // Money held for a holder, that the release rows try to give back: a 1-cent reservation of
  // Camille's and a 1-cent spending of Karim's dotation, made by the operator in beforeAll.
  const reservationKey = `authz-release-reservation-${stamp}`;
  const dotationUseKey = `authz-release-dotation-${stamp}`;
  const NOBODY = 'authz-nobody'; // the rights rows write, if at all, to nobody's account
  const RULE = '{ label: "matrice", criteria: {}, amount: { kind: FIXED, value: 1 }, validFrom: "2026-01-01" }';
  const certification = '{ code: "RNCP35340", title: "Matrice", obtainedOn: "2099-01-01" }'; // obtained in the future: refused
  const experience = '{ jobTitle: "Matrice", startDate: "2099-01-01" }'; // starts in the future: refused

  interface Row {
    person: string;
    query: () => string;
  }
  const row = (query: () => string, person = CAMILLE): Row => ({ person, query });
  const ROWS: Record<string, Row> = {
    // passport: the holder's own passport (each holder acts on his own)
    grantConsent: row(() => `mutation { grantConsent(viewerSub: "sophie-adviser", scopes: [FUNDING], expiresAt: "2000-01-01T00:00:00Z") { id } }`),
    revokeConsent: row(() => `mutation { revokeConsent(id: "${unique('consent')}") { id } }`),
    addCompetence: row(() => `mutation { addCompetence(code: "${unique('competence')}") { code } }`),
    deleteCompetence: row(() => `mutation { deleteCompetence(id: "${unique('competence')}") }`),
    addCertification: row(() => `mutation { addCertification(input: ${certification}) { code } }`),
    updateCertification: row(() => `mutation { updateCertification(id: "${unique('certification')}", input: ${certification}) { code } }`),
    deleteCertification: row(() => `mutation { deleteCertification(id: "${unique('certification')}") }`),
    addExperience: row(() => `mutation { addExperience(input: ${experience}) { jobTitle } }`),
    updateExperience: row(() => `mutation { updateExperience(id: "${unique('experience')}", input: ${experience}) { jobTitle } }`),
    deleteExperience: row(() => `mutation { deleteExperience(id: "${unique('experience')}") }`),
    setTargetJobs: row(() => `mutation { setTargetJobs(romeCodes: ["N1103", "N1103"]) { id } }`),
    // rights: the operator only
    recordCpfActivityYear: row(
      () =>
        `mutation { recordCpfActivityYear(input: { personId: "${NOBODY}", year: 2024, employmentPeriods: [{ from: "2023-01-01", to: "2023-12-31", workingTimePercent: 100 }] }) { balance } }`,
    ),
    postCpfExtraCredit: row(
      () => `mutation { postCpfExtraCredit(personId: "${NOBODY}", kind: APC, date: "2026-11-25", amount: 1, idempotencyKey: "${unique('credit')}") { id } }`,
    ),
    debitCpfAccount: row(
      () => `mutation { debitCpfAccount(personId: "${NOBODY}", amount: 100, reason: "matrice", idempotencyKey: "${unique('debit')}") { id } }`,
    ),
    refundCpfDebit: row(() => `mutation { refundCpfDebit(debitKey: "${unique('debit')}", amount: 100, idempotencyKey: "${unique('refund')}") { id } }`),
    // abondements: the holder asks France Travail (a top-up of nothing is refused); France Travail decides
    requestFranceTravailTopUp: row(
      () =>
        `mutation { requestFranceTravailTopUp(personId: "${CAMILLE}", sessionId: "HDF-F0001-A1-S1", offeredOn: "2026-11-24", sessionStartDate: "2027-01-04", amount: 0) { id } }`,
    ),
    decideFranceTravailRequest: row(() => `mutation { decideFranceTravailRequest(id: "${unique('request')}", accept: false) { id } }`),
    // the ordering platform records France Travail's review of a dossier (nothing asked of France Travail: refused)
    openDossierFranceTravailReview: row(
      () =>
        `mutation { openDossierFranceTravailReview(dossierKey: "${unique('review')}", personId: "${CAMILLE}", sessionId: "HDF-F0001-A1-S1", topUps: [], offeredOn: "2026-11-24", submittedOn: "2026-11-25", sessionStartDate: "2027-01-04") { id } }`,
    ),
    decideDossierFranceTravailReview: row(
      () =>
        `mutation { decideDossierFranceTravailReview(dossierKey: "${unique('review')}", accept: true, decidedOn: "2026-11-25", decidedBy: "matrice") { id } }`,
    ),
    withdrawDossierFranceTravailReview: row(() => `mutation { withdrawDossierFranceTravailReview(dossierKey: "${unique('review')}") { id } }`),
    // a funder's own conventions, rules, envelopes and dotations
    createConvention: row(() => `mutation { createConvention(label: "Matrice d'autorisations", validFrom: "2000-01-01", validTo: "2000-12-31") { id } }`),
    setConventionStatus: row(() => `mutation { setConventionStatus(id: "${unique('convention')}", status: SUSPENDED) { id } }`),
    createRule: row(() => `mutation { createRule(conventionId: "${unique('convention')}", rule: ${RULE}, budget: 0) { id } }`),
    updateRule: row(() => `mutation { updateRule(id: "${unique('rule')}", rule: ${RULE}) { id } }`),
    setRuleStatus: row(() => `mutation { setRuleStatus(id: "${unique('rule')}", status: SUSPENDED) { id } }`),
    setEnvelopeBudget: row(() => `mutation { setEnvelopeBudget(ruleId: "${unique('rule')}", budget: 0) { budget } }`),
    grantDotation: row(() => `mutation { grantDotation(personId: "${CAMILLE}", amount: 0) { id } }`),
    // the ordering platform reserves and spends (unknown rule, unknown dotation: refused)
    reserveTopUp: row(
      () => `mutation { reserveTopUp(key: "${unique('reserve')}", ruleId: "${unique('rule')}", personId: "${CAMILLE}", sessionId: "s", amount: 1) { status } }`,
    ),
    spendDotation: row(
      () =>
        `mutation { spendDotation(key: "${unique('spend')}", dotationId: "${unique('dotation')}", personId: "${KARIM}", sessionId: "s", amount: 1) { status } }`,
    ),
    // the holder or the operator gives back money held for the holder (the first allowed cell releases it, the next finds it released)
    releaseReservation: row(() => `mutation { releaseReservation(key: "${reservationKey}") { status } }`),
    releaseDotationUse: row(() => `mutation { releaseDotationUse(key: "${dotationUseKey}") { status } }`, KARIM),
  };

  //                                                              self other adv+ adv- advRv pre- pre+F fund  org  oper anon | franceTravail
  const holders: Cell[] = ['A', 'A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'];
  const holderSelf: Cell[] = ['A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R'];
  const operator: Cell[] = ['R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'A', 'R', 'R'];
  const funders: Cell[] = ['R', 'R', 'R', 'R', 'R', 'R', 'R', 'A', 'R', 'R', 'R', 'A'];
  const franceTravail: Cell[] = ['R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'A'];
  const holderOrOperator: Cell[] = ['A', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'R', 'A', 'R', 'R'];
  const EXPECTED_MUTATIONS: Record<string, Cell[]> = {
    grantConsent: holders,
    revokeConsent: holders,
    addCompetence: holders,
    deleteCompetence: holders,
    addCertification: holders,
    updateCertification: holders,
    deleteCertification: holders,
    addExperience: holders,
    updateExperience: holders,
    deleteExperience: holders,
    setTargetJobs: holders,
    recordCpfActivityYear: operator,
    postCpfExtraCredit: operator,
    debitCpfAccount: operator,
    refundCpfDebit: operator,
    requestFranceTravailTopUp: holderSelf,
    // The matrix's funder column is a Région: only France Travail decides the requests addressed to it.
    decideFranceTravailRequest: franceTravail,
    openDossierFranceTravailReview: operator,
    decideDossierFranceTravailReview: operator,
    withdrawDossierFranceTravailReview: operator,
    createConvention: funders,
    setConventionStatus: funders,
    createRule: funders,
    updateRule: funders,
    setRuleStatus: funders,
    setEnvelopeBudget: funders,
    grantDotation: funders,
    reserveTopUp: operator,
    spendDotation: operator,
    releaseReservation: holderOrOperator,
    releaseDotationUse: holderOrOperator,
  };
  for (const name of Object.keys(EXPECTED_MUTATIONS)) COVERED_MUTATIONS.add(name);
  /** The allowed calls that answer without an error: a withdrawal of nothing, the expired convention (suspended below), a release (twice gives back once). */
  const ANSWERED = new Set(['withdrawDossierFranceTravailReview', 'createConvention', 'releaseReservation', 'releaseDotationUse']);

  const operatorToken = async () => tokenOf(VIEWERS.operator(CAMILLE));
  beforeAll(async () => {
    const token = await operatorToken();
    const reserved = await graphql(
      gateway(),
      `mutation { reserveTopUp(key: "${reservationKey}", ruleId: "rule-region-pdl-logistics-85", personId: "${CAMILLE}", sessionId: "authz-session", amount: 1) { status } }`,
      {},
      { token },
    );
    expect(reserved.data?.reserveTopUp?.status, JSON.stringify(reserved.errors)).toBe('GRANTED');
    const spent = await graphql(
      gateway(),
      `mutation { spendDotation(key: "${dotationUseKey}", dotationId: "dotation-karim-rncp37674", personId: "${KARIM}", sessionId: "authz-session", certificationCode: "RNCP37674", amount: 1) { status } }`,
      {},
      { token },
    );
    expect(spent.errors, JSON.stringify(spent.errors)).toBeUndefined();
  });
  afterAll(async () => {
    // Whatever the cells did, nothing stays held.
    const token = await operatorToken();
    await graphql(gateway(), `mutation { releaseReservation(key: "${reservationKey}") { status } }`, {}, { token });
    await graphql(gateway(), `mutation { releaseDotationUse(key: "${dotationUseKey}") { status } }`, {}, { token });
  });

  it('has a full row for each of these mutations', () => {
    expect(Object.keys(EXPECTED_MUTATIONS).sort()).toEqual(Object.keys(ROWS).sort());
    for (const cells of Object.values(EXPECTED_MUTATIONS)) expect(cells).toHaveLength(COLUMNS.length);
  });

  for (const [mutation, { person, query }] of Object.entries(ROWS)) {
    for (const [i, column] of COLUMNS.entries()) {
      const expected = EXPECTED_MUTATIONS[mutation]![i]!;
      it(`${column.padEnd(31)} × ${mutation.padEnd(34)} → ${expected === 'A' ? 'allowed' : 'refused'}`, async () => {
        const viewer = viewerOf(column, person);
        const res = await graphql(gateway(), query(), {}, { token: await tokenOf(viewer) });
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        if (expected === 'R') {
          expect(codes.length, JSON.stringify(res)).toBeGreaterThan(0);
          for (const code of codes) expect(code, JSON.stringify(res.errors)).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
          return;
        }
        // Allowed: past the authorisation, the call is refused for what it asks (or changes nothing).
        if (!ANSWERED.has(mutation)) expect(codes.length, `${mutation} was refused for what it asks: ${JSON.stringify(res)}`).toBeGreaterThan(0);
        for (const code of codes) expect(code, JSON.stringify(res.errors)).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
        const created = res.data?.createConvention?.id;
        if (created) {
          const suspended = await graphql(
            gateway(),
            `mutation ($id: ID!) { setConventionStatus(id: $id, status: SUSPENDED) { status } }`,
            { id: created },
            {
              token: await tokenOf(viewer),
            },
          );
          expect(suspended.data?.setConventionStatus?.status).toBe('SUSPENDED');
        }
      });
    }
  }
});

describe('the matrix covers every mutation of the committed supergraph', () => {
  it('each Mutation field of schema/supergraph.graphql has a row (role × mutation) in a table above', () => {
    const missing = typeDefinition('Mutation')
      .fields!.map((f) => f.name.value)
      .filter((name) => !COVERED_MUTATIONS.has(name));
    expect(missing, `mutations without a row in the authorisation matrix: ${missing.join(', ')}`).toEqual([]);
  });
});
