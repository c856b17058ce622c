// The contract part: Person, its access rules, the access grant, and entity resolution.
import { beforeAll, describe, expect, it } from 'vitest';
import { assertAccess } from '@formations/schema/auth';
import { camille, client, codeOf, karim, lucie, DIALECTS, seededPassport, sophie } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);
  const api = client(db);

  const PASSPORT = /* GraphQL */ `
  query ($id: ID!) {
    person(id: $id) {
      id givenName familyName status qualificationLevel
      homeCommune { inseeCode name postalCode departement region latitude longitude }
      homeDepartement homeRegion homeLatitude homeLongitude employerSiret employerIdcc hasDrivingLicence
      targetRomeCodes competenceCodes
      targetJobs { romeCode label }
      competences { code label category provenance }
      certifications { code kind title level obtainedOn provenance certification { code } }
      experiences { jobTitle romeCode job { label } startDate endDate provenance }
    }
  }
`;

  describe('Query.person: the holder reads the whole passport', () => {
    let camillePassport: Record<string, any>;
    beforeAll(async () => {
      const res = await api.run(PASSPORT, camille, { id: 'camille-martin' });
      expect(res.errors).toBeUndefined();
      camillePassport = res.data!.person;
    });

    it("gives Camille's identity, status and home as the demo world says", () => {
      expect(camillePassport).toMatchObject({
        givenName: 'Camille',
        familyName: 'Martin',
        status: 'JOB_SEEKER',
        qualificationLevel: 3,
        homeCommune: {
          inseeCode: '85191',
          name: 'La Roche-sur-Yon',
          postalCode: '85000',
          departement: '85',
          region: '52',
          latitude: 46.6705,
          longitude: -1.426,
        },
        homeDepartement: '85',
        homeRegion: '52',
        homeLatitude: 46.6705,
        homeLongitude: -1.426,
        employerSiret: null,
      });
    });

    it('lists the target jobs N1103 then N1101 with their ROME 4.0 labels', () => {
      expect(camillePassport.targetRomeCodes).toEqual(['N1103', 'N1101']);
      expect(camillePassport.targetJobs).toEqual([
        { romeCode: 'N1103', label: 'Préparateur / Préparatrice de commandes' },
        { romeCode: 'N1101', label: 'Cariste' },
      ]);
    });

    it('gives ROME 4.0 competences with labels, categories and provenance, and their codes flat', () => {
      const codes = camillePassport.competences.map((c: { code: string }) => c.code);
      expect(camillePassport.competenceCodes.sort()).toEqual([...codes].sort());
      expect(camillePassport.competences).toContainEqual({
        code: '300490',
        label: 'Faire preuve de rigueur et de précision',
        category: 'SAVOIR_ETRE_PROFESSIONNEL',
        provenance: 'DECLARED',
      });
      expect(camillePassport.competences).toContainEqual({
        code: '117468',
        label: 'Réaliser la mise en rayon',
        category: 'SAVOIR_FAIRE',
        provenance: 'GUARANTEED',
      });
    });

    it('gives the guaranteed CAP as a reference to the catalog certification', () => {
      expect(camillePassport.certifications).toEqual([
        {
          code: 'RNCP34948',
          kind: 'RNCP',
          title: 'CAP Équipier polyvalent du commerce',
          level: 3,
          obtainedOn: '2016-07-06',
          provenance: 'GUARANTEED',
          certification: { code: 'RNCP34948' },
        },
      ]);
    });

    it('gives the experiences with the ROME job held', () => {
      expect(camillePassport.experiences).toEqual([
        {
          jobTitle: 'Employée de libre-service',
          romeCode: 'D1507',
          job: { label: 'Employé / Employée de rayon libre-service' },
          startDate: '2016-09-01',
          endDate: '2025-03-31',
          provenance: 'GUARANTEED',
        },
      ]);
    });

    it("gives Karim's employer, his BTS (level 5, guaranteed) and his declared RS", async () => {
      const res = await api.run(PASSPORT, karim, { id: 'karim-benali' });
      expect(res.errors).toBeUndefined();
      const p = res.data!.person;
      expect(p).toMatchObject({
        status: 'EMPLOYEE',
        qualificationLevel: 5,
        employerSiret: '41816609600069',
        employerIdcc: '1486',
        homeRegion: '84',
        targetRomeCodes: ['M1805'],
      });
      expect(p.certifications.map((c: any) => [c.code, c.kind, c.level, c.provenance])).toEqual([
        ['RS6962', 'RS', null, 'DECLARED'],
        ['RNCP35340', 'RNCP', 5, 'GUARANTEED'],
      ]);
    });

    it('gives Lucie, with no certification, the education level 2 she declared', async () => {
      const res = await api.run(PASSPORT, lucie, { id: 'lucie-moreau' });
      expect(res.data!.person).toMatchObject({ qualificationLevel: 2, certifications: [], employerIdcc: '2264', targetRomeCodes: ['J1501'] });
    });

    it('answers me with the holder’s own passport, and null for a professional', async () => {
      expect((await api.run('{ me { id givenName } }', karim)).data!.me).toEqual({ id: 'karim-benali', givenName: 'Karim' });
      expect((await api.run('{ me { id } }', sophie)).data!.me).toBeNull();
      expect(codeOf(await api.run('{ me { id } }', null))).toBe('UNAUTHENTICATED');
    });
  });

  describe('Query.person: everyone else needs a live consent with the passport scope', () => {
    const NAME = 'query ($id: ID!) { person(id: $id) { givenName } }';

    it.each([
      ['another holder', karim, 'camille-martin', 'FORBIDDEN'],
      ['an adviser without consent', sophie, 'karim-benali', 'FORBIDDEN'],
      ['a funder', { sub: 'funder-region-pdl', role: 'funder' as const }, 'camille-martin', 'FORBIDDEN'],
      ['a holder whose sub is not the person', { sub: 'camille-martin', role: 'adviser' as const }, 'camille-martin', 'FORBIDDEN'],
      ['anonymous', null, 'camille-martin', 'UNAUTHENTICATED'],
      ['another holder asking for an unknown id (no existence leak)', karim, 'nobody', 'FORBIDDEN'],
    ])('refuses %s', async (_who, viewer, id, code) => {
      const res = await api.run(NAME, viewer, { id });
      expect(res.data?.person ?? null).toBeNull();
      expect(codeOf(res)).toBe(code);
    });

    it('lets Sophie read Camille, who consented (all scopes until 2027)', async () => {
      const res = await api.run(NAME, sophie, { id: 'camille-martin' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.person.givenName).toBe('Camille');
    });

    it('answers null for the holder’s own unknown id', async () => {
      const res = await api.run(NAME, { sub: 'nobody', role: 'holder' }, { id: 'nobody' });
      expect(res.errors).toBeUndefined();
      expect(res.data!.person).toBeNull();
    });
  });

  describe('the NIR', () => {
    it('is stored but is no field of any type', async () => {
      expect(await db.query("select nir from persons where id = 'camille-martin'")).toEqual([{ nir: '295038519104265' }]);
      const res = await api.run('{ __schema { types { name fields { name } } } }', camille);
      const names = JSON.stringify(res.data).toLowerCase();
      expect(names).not.toContain('nir');
      expect(names).not.toContain('socialsecurity');
    });
  });

  const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person { id accessGrant targetRomeCodes competenceCodes homeLatitude homeLongitude status qualificationLevel }
    }
  }
`;
  const reps = (...ids: string[]) => ({ representations: ids.map((id) => ({ __typename: 'Person', id })) });

  describe('accessGrant: what the other subgraphs require', () => {
    const GRANT = 'query ($id: ID!) { _entities(representations: [{ __typename: "Person", id: $id }]) { ... on Person { accessGrant } } }';

    it('gives the holder a grant with all four scopes', async () => {
      const token = (await api.run(GRANT, camille, { id: 'camille-martin' })).data!._entities[0].accessGrant;
      for (const scope of ['passport', 'rights', 'funding', 'recommendations'] as const) {
        await expect(assertAccess(token, camille, 'camille-martin', scope)).resolves.toBeUndefined();
      }
      await expect(assertAccess(token, karim, 'camille-martin', 'rights')).rejects.toThrow();
      await expect(assertAccess(token, camille, 'karim-benali', 'rights')).rejects.toThrow();
    });

    it('gives a consented viewer only the consented scopes', async () => {
      await api.run('mutation { grantConsent(viewerSub: "cep-paul", scopes: [RIGHTS], expiresAt: "2027-01-31T00:00:00Z") { id } }', karim);
      const paul = { sub: 'cep-paul', role: 'adviser' as const };
      const token = (await api.run(GRANT, paul, { id: 'karim-benali' })).data!._entities[0].accessGrant;
      await expect(assertAccess(token, paul, 'karim-benali', 'rights')).resolves.toBeUndefined();
      await expect(assertAccess(token, paul, 'karim-benali', 'funding')).rejects.toThrow(/not allowed to read funding/);
    });

    it('is null for a viewer without consent and for anonymous callers', async () => {
      expect((await api.run(GRANT, sophie, { id: 'karim-benali' })).data!._entities[0].accessGrant).toBeNull();
      expect((await api.run(GRANT, null, { id: 'karim-benali' })).data!._entities[0].accessGrant).toBeNull();
    });

    it('is @inaccessible: not in the supergraph API, only for @requires', async () => {
      const { printSubgraphSchema } = await import('@apollo/subgraph');
      const { schema } = await import('../src/schema/index.ts');
      expect(printSubgraphSchema(schema)).toMatch(/accessGrant: String @inaccessible/);
    });
  });

  describe('_entities: batched, and no leak', () => {
    it('resolves several persons with one statement per kind of data', async () => {
      const adviser = { sub: 'cep-batch', role: 'adviser' as const };
      for (const holder of [camille, karim, lucie]) {
        await api.run('mutation { grantConsent(viewerSub: "cep-batch", scopes: [PASSPORT], expiresAt: "2027-01-31T00:00:00Z") { id } }', holder);
      }
      db.statements.length = 0;
      const res = await api.run(ENTITIES, adviser, reps('camille-martin', 'camille-martin', 'karim-benali', 'lucie-moreau'));
      expect(res.errors).toBeUndefined();
      const people = res.data!._entities as Record<string, any>[];
      expect(people.map((p) => p?.id)).toEqual(['camille-martin', 'camille-martin', 'karim-benali', 'lucie-moreau']);
      const selects = db.statements.filter((s) => s.startsWith('select'));
      const from = (table: string) => selects.filter((s) => s.includes(`from "${table}"`)).length;
      expect(from('persons')).toBe(1);
      expect(from('consents')).toBe(1);
      expect(from('target_jobs')).toBe(1);
      expect(from('person_competences')).toBe(1);
      expect(from('person_certifications')).toBe(1);
      expect(db.statements.filter((s) => s.startsWith('insert into "access_log"'))).toHaveLength(1);
    });

    it('serves the consented person and refuses the others field by field', async () => {
      const res = await api.run(ENTITIES, sophie, reps('camille-martin', 'karim-benali'));
      const [c, k] = res.data!._entities as (Record<string, any> | null)[];
      expect(c).toMatchObject({ id: 'camille-martin', targetRomeCodes: ['N1103', 'N1101'], status: 'JOB_SEEKER' });
      expect(typeof c!.accessGrant).toBe('string');
      expect(k).toBeNull();
      const karimErrors = res.errors!.filter((e) => e.path?.[1] === 1);
      expect(karimErrors.length).toBeGreaterThan(0);
      for (const e of karimErrors) expect(e.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res)).not.toContain('M1805');
    });

    it('lets a viewer read the flat fields the consented scopes need, and nothing more', async () => {
      const funderSub = 'opco-atlas-adviser';
      await api.run(`mutation { grantConsent(viewerSub: "${funderSub}", scopes: [FUNDING], expiresAt: "2027-01-31T00:00:00Z") { id } }`, karim);
      const viewer = { sub: funderSub, role: 'funder' as const };
      const funding = await api.run(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { status qualificationLevel homeRegion homeDepartement employerSiret employerIdcc } } }',
        viewer,
        reps('karim-benali'),
      );
      expect(funding.errors).toBeUndefined();
      expect(funding.data!._entities[0]).toEqual({
        status: 'EMPLOYEE',
        qualificationLevel: 5,
        homeRegion: '84',
        homeDepartement: '69',
        employerSiret: '41816609600069',
        employerIdcc: '1486',
      });
      const passport = await api.run(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { givenName } } }',
        viewer,
        reps('karim-benali'),
      );
      expect(codeOf(passport)).toBe('FORBIDDEN');
      const recommendations = await api.run(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { homeLatitude } } }',
        viewer,
        reps('karim-benali'),
      );
      expect(codeOf(recommendations)).toBe('FORBIDDEN');
    });

    it('answers null for an unknown person to a viewer entitled to it', async () => {
      const res = await api.run(ENTITIES, { sub: 'nobody', role: 'holder' }, reps('nobody'));
      expect(res.data!._entities).toEqual([null]);
    });

    it('answers a viewer without access alike for a known and an unknown id', async () => {
      const ASK = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id accessGrant givenName } } }';
      const known = await api.run(ASK, sophie, reps('karim-benali'));
      const unknown = await api.run(ASK, sophie, reps('nobody'));
      expect(JSON.stringify(unknown).replaceAll('nobody', 'karim-benali')).toBe(JSON.stringify(known));
      expect(codeOf(known)).toBe('FORBIDDEN');
    });
  });
});
