// The holder edits DECLARED items; GUARANTEED ones are refused (provenance rule of the passport).
import { describe, expect, it } from 'vitest';
import { camille, client, codeOf, karim, lucie, DIALECTS, seededPassport, sophie } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);
  const api = client(db);

  const passportOf = async (viewer: typeof karim) =>
    (
      await api.run(
        '{ me { competences { id code provenance } certifications { id code title level provenance } experiences { id jobTitle romeCode endDate provenance } targetRomeCodes qualificationLevel } }',
        viewer,
      )
    ).data!.me;

  describe('competences', () => {
    it('lets Lucie declare a ROME competence of the aide-soignant job, and delete it', async () => {
      const added = await api.run('mutation { addCompetence(code: "107740") { id code label provenance } }', lucie);
      expect(added.errors).toBeUndefined();
      expect(added.data!.addCompetence).toMatchObject({
        code: '107740',
        label: "Réaliser ou contrôler les soins d'hygiène, de confort et apporter une aide au patient",
        provenance: 'DECLARED',
      });
      const gap = await api.run('{ me { skillsGap(romeCode: "J1501") { held { code } } } }', lucie);
      expect(gap.data!.me.skillsGap.held.map((c: { code: string }) => c.code)).toContain('107740');

      const deleted = await api.run('mutation ($id: ID!) { deleteCompetence(id: $id) }', lucie, { id: added.data!.addCompetence.id });
      expect(deleted.data!.deleteCompetence).toBe(added.data!.addCompetence.id);
      expect((await passportOf(lucie)).competences.map((c: { code: string }) => c.code)).not.toContain('107740');
    });

    it.each([
      ['an unknown code', '999999999', 'BAD_USER_INPUT'],
      ['a competence already held', '300490', 'BAD_USER_INPUT'],
    ])('refuses %s', async (_case, code, expected) => {
      expect(codeOf(await api.run('mutation ($code: String!) { addCompetence(code: $code) { id } }', lucie, { code }))).toBe(expected);
    });

    it('refuses to delete a GUARANTEED competence, with the reason', async () => {
      const res = await api.run('mutation { deleteCompetence(id: "camille-martin-competence-117468") }', camille);
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.errors![0]!.message).toMatch(/GUARANTEED.*only its issuer can change it/);
      expect((await passportOf(camille)).competences.map((c: { code: string }) => c.code)).toContain('117468');
    });
  });

  describe('certifications', () => {
    const ADD = 'mutation ($input: DeclaredCertificationInput!) { addCertification(input: $input) { id code kind title level obtainedOn provenance } }';
    const UPDATE = 'mutation ($id: ID!, $input: DeclaredCertificationInput!) { updateCertification(id: $id, input: $input) { id title level } }';

    it('lets Karim declare, correct and delete a certification', async () => {
      const added = await api.run(ADD, karim, { input: { code: 'rncp37674', title: 'Développeur web', level: 5, obtainedOn: '2026-06-30' } });
      expect(added.errors).toBeUndefined();
      const item = added.data!.addCertification;
      expect(item).toMatchObject({ code: 'RNCP37674', kind: 'RNCP', level: 5, provenance: 'DECLARED' });

      const updated = await api.run(UPDATE, karim, { id: item.id, input: { code: 'RNCP37674', title: 'Développeur web et web mobile', level: 5 } });
      expect(updated.data!.updateCertification).toEqual({ id: item.id, title: 'Développeur web et web mobile', level: 5 });

      await api.run('mutation ($id: ID!) { deleteCertification(id: $id) }', karim, { id: item.id });
      expect((await passportOf(karim)).certifications.map((c: { code: string }) => c.code)).toEqual(['RS6962', 'RNCP35340']);
    });

    it('raises the qualification level when a higher certification is declared', async () => {
      const added = await api.run(ADD, lucie, { input: { code: 'RNCP35830', title: "Diplôme d'État d'aide-soignant", level: 4 } });
      expect((await passportOf(lucie)).qualificationLevel).toBe(4);
      await api.run('mutation ($id: ID!) { deleteCertification(id: $id) }', lucie, { id: added.data!.addCertification.id });
      expect((await passportOf(lucie)).qualificationLevel).toBe(2);
    });

    it.each([
      ['a code that is neither RNCP nor RS', { code: 'CACES', title: 'CACES R489' }, 'RNCP or RS number'],
      ['a level on an RS certification', { code: 'RS6962', title: 'Python', level: 4 }, 'RS certifications have no qualification level'],
      ['a date in the future', { code: 'RS6962', title: 'Python', obtainedOn: '2030-01-01' }, 'cannot be in the future'],
    ])('refuses %s', async (_case, input, message) => {
      const res = await api.run(ADD, karim, { input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toContain(message);
    });

    it('lets Karim edit his DECLARED RS but not his GUARANTEED BTS', async () => {
      const rs = await api.run(UPDATE, karim, {
        id: 'karim-benali-certification-RS6962',
        input: { code: 'RS6962', title: 'Programmer et automatiser des tâches avec Python (Tosa)', obtainedOn: '2023-11-21' },
      });
      expect(rs.errors).toBeUndefined();
      const bts = await api.run(UPDATE, karim, { id: 'karim-benali-certification-RNCP35340', input: { code: 'RNCP35340', title: 'BTS', level: 6 } });
      expect(codeOf(bts)).toBe('FORBIDDEN');
      expect(codeOf(await api.run('mutation { deleteCertification(id: "karim-benali-certification-RNCP35340") }', karim))).toBe('FORBIDDEN');
      expect((await passportOf(karim)).qualificationLevel).toBe(5);
    });

    it("answers NOT_FOUND for someone else's item and FORBIDDEN for a non-holder", async () => {
      expect(codeOf(await api.run('mutation { deleteCertification(id: "karim-benali-certification-RS6962") }', camille))).toBe('NOT_FOUND');
      expect(codeOf(await api.run('mutation { deleteCertification(id: "karim-benali-certification-RS6962") }', sophie))).toBe('FORBIDDEN');
      expect((await passportOf(karim)).certifications.map((c: { code: string }) => c.code)).toContain('RS6962');
    });
  });

  describe('experiences', () => {
    const ADD =
      'mutation ($input: DeclaredExperienceInput!) { addExperience(input: $input) { id jobTitle romeCode job { label } startDate endDate provenance } }';

    it('lets Camille declare a job with its ROME code, correct it, delete it', async () => {
      const added = await api.run(ADD, camille, {
        input: { jobTitle: 'Préparatrice de commandes (intérim)', romeCode: 'N1103', startDate: '2025-05-01', endDate: '2025-08-31' },
      });
      expect(added.errors).toBeUndefined();
      const item = added.data!.addExperience;
      expect(item).toMatchObject({ romeCode: 'N1103', job: { label: 'Préparateur / Préparatrice de commandes' }, provenance: 'DECLARED' });

      const updated = await api.run('mutation ($id: ID!, $input: DeclaredExperienceInput!) { updateExperience(id: $id, input: $input) { endDate } }', camille, {
        id: item.id,
        input: { jobTitle: 'Préparatrice de commandes (intérim)', romeCode: 'N1103', startDate: '2025-05-01', endDate: '2025-09-30' },
      });
      expect(updated.data!.updateExperience.endDate).toBe('2025-09-30');

      const mobility = await api.run('{ me { mobility(first: 50) { job { romeCode } } } }', camille);
      expect(mobility.data!.me.mobility.map((m: { job: { romeCode: string } }) => m.job.romeCode)).toContain('N1105');

      await api.run('mutation ($id: ID!) { deleteExperience(id: $id) }', camille, { id: item.id });
      expect((await passportOf(camille)).experiences).toHaveLength(1);
    });

    it.each([
      ['an end before the start', { jobTitle: 'x', startDate: '2024-05-01', endDate: '2024-04-30' }, 'end date cannot be before'],
      ['an unknown ROME code', { jobTitle: 'x', romeCode: 'Z9999', startDate: '2024-05-01' }, 'no ROME 4.0 job Z9999'],
      ['a start in the future', { jobTitle: 'x', startDate: '2027-05-01' }, 'start date cannot be in the future'],
    ])('refuses %s', async (_case, input, message) => {
      const res = await api.run(ADD, camille, { input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toContain(message);
    });

    it('refuses to edit the GUARANTEED experience from the DSN', async () => {
      const res = await api.run('mutation { deleteExperience(id: "camille-martin-experience-1") }', camille);
      expect(codeOf(res)).toBe('FORBIDDEN');
    });
  });

  describe('setTargetJobs', () => {
    const SET = 'mutation ($codes: [String!]!) { setTargetJobs(romeCodes: $codes) { targetRomeCodes targetJobs { label } } }';

    it('replaces the target jobs in the order given', async () => {
      const res = await api.run(SET, karim, { codes: ['M1855', 'M1805'] });
      expect(res.data!.setTargetJobs.targetRomeCodes).toEqual(['M1855', 'M1805']);
      await api.run(SET, karim, { codes: ['M1805'] });
      expect((await passportOf(karim)).targetRomeCodes).toEqual(['M1805']);
    });

    it.each([
      ['an unknown code', ['M1805', 'Z9999'], 'no ROME 4.0 job Z9999'],
      ['the same job twice', ['M1805', 'M1805'], 'each job once'],
      ['more than five jobs', ['M1805', 'M1855', 'M1861', 'M1837', 'M1824', 'M1877'], 'at most'],
    ])('refuses %s', async (_case, codes, message) => {
      const res = await api.run(SET, karim, { codes });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toContain(message);
    });

    it('is for the holder only', async () => {
      expect(codeOf(await api.run(SET, sophie, { codes: ['N1103'] }))).toBe('FORBIDDEN');
      expect(codeOf(await api.run(SET, { sub: 'no-passport', role: 'holder' }, { codes: ['N1103'] }))).toBe('NOT_FOUND');
    });
  });
});
