// The ROME 4.0 import and the demo world.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONS } from '../src/db/demo-world.ts';
import { seed } from '../src/db/seed.ts';
import { ROME4_DIR } from '../src/rome4/files.ts';
import { seededDatabase } from './helpers.ts';

const db = seededDatabase();
afterAll(() => db.close());
const count = (table: string) => (db.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('ROME 4.0 import (version 60)', () => {
  it('loads every job, appellation, competence, link and mobility of the extract', () => {
    const lines = (file: string) => fs.readFileSync(`${ROME4_DIR}/${file}`, 'utf8').trim().split('\n').length - 1;
    expect(count('rome_jobs')).toBe(1584);
    expect(count('rome_appellations')).toBe(lines('appellations.csv'));
    expect(count('rome_competences')).toBe(lines('competences.csv'));
    expect(count('rome_job_competences')).toBe(lines('job-competences.csv'));
    expect(count('rome_mobility')).toBe(lines('mobility.csv'));
  });

  it('classifies competences as savoir-faire or savoir-être professionnel', () => {
    const rows = db.sqlite.prepare("select code, category, is_macro from rome_competences where code in ('300490', '122623')").all();
    expect(rows).toEqual(
      expect.arrayContaining([
        { code: '300490', category: 'SAVOIR_ETRE_PROFESSIONNEL', is_macro: 1 },
        { code: '122623', category: 'SAVOIR_FAIRE', is_macro: 0 },
      ]),
    );
  });
});

describe('demo world', () => {
  it('gives each person competences that ROME 4.0 links to a job they held', () => {
    for (const person of DEMO_PERSONS) {
      const heldJobs = person.experiences.map((e) => e.romeCode);
      for (const { code } of person.competences) {
        const linked = db.sqlite
          .prepare(`select rome_code from rome_job_competences where code = ? and rome_code in (${heldJobs.map(() => '?').join(',')})`)
          .all(code, ...heldJobs);
        expect(linked, `${person.id} ${code}`).not.toEqual([]);
      }
    }
  });

  it('loads the three persons and Sophie’s consent from Camille', () => {
    expect(db.sqlite.prepare('select id from persons order by id').all()).toEqual([{ id: 'camille-martin' }, { id: 'karim-benali' }, { id: 'lucie-moreau' }]);
    expect(db.sqlite.prepare('select person_id, viewer_sub, scopes, expires_at from consents').all()).toEqual([
      {
        person_id: 'camille-martin',
        viewer_sub: 'sophie-adviser',
        scopes: '["passport","rights","funding","recommendations"]',
        expires_at: '2027-06-30T23:59:59.000Z',
      },
    ]);
  });

  it('is idempotent: a second seed loads nothing', () => {
    const before = count('person_competences') + count('rome_job_competences');
    expect(seed(db.db)).toEqual({ rome4: false, persons: false });
    expect(count('person_competences') + count('rome_job_competences')).toBe(before);
  });
});
