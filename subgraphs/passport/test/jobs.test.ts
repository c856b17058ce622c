// ROME 4.0 through the API: job search, skills gap, mobility.
import { describe, expect, it } from 'vitest';
import { camille, client, codeOf, karim, lucie, DIALECTS, seededPassport, sophie } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);
  const api = client(db);

  const SEARCH = 'query ($text: String!, $first: Int) { searchJobs(text: $text, first: $first) { romeCode label } }';
  const codes = async (text: string, first?: number) =>
    ((await api.run(SEARCH, null, first === undefined ? { text } : { text, first })).data!.searchJobs as { romeCode: string }[]).map((j) => j.romeCode);

  describe('searchJobs — accent-, case- and punctuation-insensitive, open to anyone', () => {
    it.each([
      ['aide-soignant', 'J1501'],
      ['AIDE SOIGNANTE', 'J1501'],
      ['preparateur de commandes', 'N1103'],
      ['cariste', 'N1101'],
      ['développeuse informatique', 'M1805'],
      ['développeur web', 'M1855'],
      ['electricien batiment', 'F1602'],
    ])('"%s" finds %s first', async (text, code) => {
      expect((await codes(text))[0]).toBe(code);
    });

    it('finds a job by one of its appellations', async () => {
      // "Agent / Agente de service hospitalier (ASH)" is J1301's title; "ASH" alone also finds it.
      expect(await codes('ash')).toContain('J1301');
    });

    it('needs every word', async () => {
      expect(await codes('cariste zzzz')).toEqual([]);
    });

    it('limits the answer and refuses an empty text', async () => {
      expect(await codes('agent', 3)).toHaveLength(3);
      expect(codeOf(await api.run(SEARCH, null, { text: ' - ' }))).toBe('BAD_USER_INPUT');
    });
  });

  const GAP =
    'query ($id: ID!, $rome: String!) { person(id: $id) { skillsGap(romeCode: $rome) { job { romeCode } held { code } missing { code } coverage } } }';

  describe('Person.skillsGap — competences held vs those ROME 4.0 links to the job', () => {
    it('tells Camille what she has and lacks for N1103 préparateur de commandes', async () => {
      const res = await api.run(GAP, camille, { id: 'camille-martin', rome: 'N1103' });
      expect(res.errors).toBeUndefined();
      const gap = res.data!.person.skillsGap;
      const required = await db.query<{ code: string }>("select code from rome_job_competences where rome_code = 'N1103'");
      const held = gap.held.map((c: { code: string }) => c.code).sort();
      // Suivi des stocks, inventaire, réception, organisation, rigueur: from her years in a supermarket.
      expect(held).toEqual(['116932', '300259', '300263', '300483', '300490']);
      expect(gap.held.length + gap.missing.length).toBe(required.length);
      expect(gap.coverage).toBeCloseTo(5 / required.length, 10);
    });

    it('answers NOT_FOUND for an unknown ROME code', async () => {
      expect(codeOf(await api.run(GAP, camille, { id: 'camille-martin', rome: 'Z9999' }))).toBe('NOT_FOUND');
    });

    it('is passport data: Sophie (consented) reads it, Karim does not', async () => {
      expect((await api.run(GAP, sophie, { id: 'camille-martin', rome: 'N1101' })).errors).toBeUndefined();
      expect(codeOf(await api.run(GAP, karim, { id: 'camille-martin', rome: 'N1101' }))).toBe('FORBIDDEN');
    });
  });

  describe('Person.mobility — jobs reachable from the jobs held', () => {
    const MOBILITY =
      'query ($id: ID!) { person(id: $id) { mobility(first: 50) { job { romeCode } fromRomeCode rank missingCount gap { missing { code } } } } }';

    it('lists the aide-soignant move for Lucie, an ASH, with its gap', async () => {
      const res = await api.run(MOBILITY, lucie, { id: 'lucie-moreau' });
      expect(res.errors).toBeUndefined();
      const options = res.data!.person.mobility as {
        job: { romeCode: string };
        fromRomeCode: string;
        rank: number;
        missingCount: number;
        gap: { missing: unknown[] };
      }[];
      const targets = await db.query<{ code: string }>("select target_rome_code as code from rome_mobility where rome_code = 'J1301'");
      expect(options.map((o) => o.job.romeCode).sort()).toEqual(targets.map((t) => t.code).sort());
      const aideSoignant = options.find((o) => o.job.romeCode === 'J1501')!;
      expect(aideSoignant).toMatchObject({ fromRomeCode: 'J1301', rank: 5 });
      expect(aideSoignant.missingCount).toBe(aideSoignant.gap.missing.length);
      const counts = options.map((o) => o.missingCount);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    });

    it('limits the answer', async () => {
      const res = await api.run('{ person(id: "lucie-moreau") { mobility(first: 2) { job { romeCode } } } }', lucie);
      expect(res.data!.person.mobility).toHaveLength(2);
    });
  });
});
