// The ROME 4.0 import and the demo world.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PERSONS } from '../src/db/demo-world.ts';
import { seed } from '../src/db/seed.ts';
import { ROME4_DIR } from '../src/rome4/files.ts';
import { DIALECTS, seededPassport } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);

  const count = async (table: string) => (await db.query<{ n: number }>(`select cast(count(*) as integer) as n from ${table}`))[0]!.n;

  describe('ROME 4.0 import (version 60)', () => {
    it('loads every job, appellation, competence, link and mobility of the extract', async () => {
      const lines = (file: string) => fs.readFileSync(`${ROME4_DIR}/${file}`, 'utf8').trim().split('\n').length - 1;
      expect(await count('rome_jobs')).toBe(1584);
      expect(await count('rome_appellations')).toBe(lines('appellations.csv'));
      expect(await count('rome_competences')).toBe(lines('competences.csv'));
      expect(await count('rome_job_competences')).toBe(lines('job-competences.csv'));
      expect(await count('rome_mobility')).toBe(lines('mobility.csv'));
    });

    it('classifies competences as savoir-faire or savoir-être professionnel', async () => {
      const rows = await db.query(
        "select code, category, case when is_macro then 1 else 0 end as is_macro from rome_competences where code in ('300490', '122623')",
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { code: '300490', category: 'SAVOIR_ETRE_PROFESSIONNEL', is_macro: 1 },
          { code: '122623', category: 'SAVOIR_FAIRE', is_macro: 0 },
        ]),
      );
    });
  });

  describe('demo world', () => {
    it('gives each person competences that ROME 4.0 links to a job they held', async () => {
      for (const person of DEMO_PERSONS) {
        const heldJobs = person.experiences.map((e) => e.romeCode);
        for (const { code } of person.competences) {
          const linked = await db.query(
            `select rome_code from rome_job_competences where code = ? and rome_code in (${heldJobs.map(() => '?').join(',')})`,
            code,
            ...heldJobs,
          );
          expect(linked, `${person.id} ${code}`).not.toEqual([]);
        }
      }
    });

    it('loads the three persons and Sophie’s consent from Camille', async () => {
      expect(await db.query('select id from persons order by id')).toEqual([{ id: 'camille-martin' }, { id: 'karim-benali' }, { id: 'lucie-moreau' }]);
      expect(await db.query('select person_id, viewer_sub, scopes, expires_at from consents')).toEqual([
        {
          person_id: 'camille-martin',
          viewer_sub: 'sophie-adviser',
          // JSON text in SQLite, jsonb (read as the array) in PostgreSQL.
          scopes: dialect === 'sqlite' ? '["passport","rights","funding","recommendations"]' : ['passport', 'rights', 'funding', 'recommendations'],
          expires_at: '2027-06-30T23:59:59.000Z',
        },
      ]);
    });

    it('is idempotent: a second seed loads nothing', async () => {
      const before = (await count('person_competences')) + (await count('rome_job_competences'));
      expect(await seed(db.store)).toEqual({ rome4: false, persons: false });
      expect((await count('person_competences')) + (await count('rome_job_competences'))).toBe(before);
    });
  });
});
