// Certifier feed import (urn:cdc:cpf:pc5:schema:1.0.0): results become GUARANTEED certifications
// of the matching persons; bad and unmatched results are reported with their place; re-imports
// add nothing; a truncated file imports nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seed } from '../src/db/seed.ts';
import { feedItemId, formatFeedReport, importFeed, matchHolder } from '../src/feed/import.ts';
import { camille, client, codeOf, DIALECTS, karim, lucie, seededPassport, testDatabase } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);
  const api = client(db);

  const here = path.dirname(fileURLToPath(import.meta.url));
  const fixture = (name: string) => path.join(here, '..', 'fixtures', 'feed', name);
  const TODAY = '2026-11-25';

  const certificationsOf = async (viewer: typeof lucie) =>
    (await api.run('{ me { qualificationLevel certifications { id code kind title level obtainedOn provenance validUntil mention issuerName } } }', viewer))
      .data!.me;

  describe('a good feed', () => {
    it('gives Lucie, Camille and Karim GUARANTEED certifications', async () => {
      const report = await importFeed(db.store, fixture('good.xml'), { today: TODAY });
      expect(report).toMatchObject({ file: 'good.xml', records: 3, added: 3, updated: 0, unchanged: 0, fatal: null, issues: [] });

      const me = await certificationsOf(lucie);
      expect(me.certifications).toEqual([
        {
          id: feedItemId('lucie-moreau', { code: 'RS5080', obtainedOn: '2026-10-14' }),
          code: 'RS5080',
          kind: 'RS',
          title: 'Certificat de connaissances et de compétences professionnelles (CléA)',
          level: null,
          obtainedOn: '2026-10-14',
          provenance: 'GUARANTEED',
          validUntil: null,
          mention: null,
          issuerName: "Certif'Pro",
        },
      ]);
      expect((await certificationsOf(camille)).certifications[0]).toMatchObject({ code: 'RS5629', validUntil: '2031-06-29', provenance: 'GUARANTEED' });
      expect((await certificationsOf(karim)).certifications[0]).toMatchObject({ code: 'RS131', mention: 'B2 (805 points)', issuerName: 'ETS Global' });
    });

    it('adds nothing when the same file is imported again', async () => {
      const count = () => db.query('select cast(count(*) as integer) as n from person_certifications');
      const before = await count();
      const report = await importFeed(db.store, fixture('good.xml'), { today: TODAY });
      expect(report).toMatchObject({ records: 3, added: 0, updated: 0, unchanged: 3 });
      expect(await count()).toEqual(before);
    });

    it('keeps the feed item out of the holder’s reach', async () => {
      const id = feedItemId('lucie-moreau', { code: 'RS5080', obtainedOn: '2026-10-14' });
      const update = await api.run('mutation ($id: ID!) { updateCertification(id: $id, input: { code: "RS5080", title: "CléA (modifié)" }) { id } }', lucie, {
        id,
      });
      expect(codeOf(update)).toBe('FORBIDDEN');
      expect(codeOf(await api.run('mutation ($id: ID!) { deleteCertification(id: $id) }', lucie, { id }))).toBe('FORBIDDEN');
      expect((await certificationsOf(lucie)).certifications[0].title).toContain('CléA');
    });
  });

  describe('a file with broken and unmatched results', () => {
    it('imports the good results and reports each other one with file, line, element and reason', async () => {
      const report = await importFeed(db.store, fixture('mixed.xml'), { today: TODAY });
      expect(report).toMatchObject({ records: 9, added: 2, fatal: null });
      const issues = report.issues.map((i) => `${i.severity} ${i.file}:${i.line} <${i.element}> ${i.reason}`);
      expect(issues).toEqual([
        'reject mixed.xml:32 <titulaire> no passport holder with this family name, given name and birth date',
        'reject mixed.xml:40 <dateObtention> "2026-13-40" is not a date (YYYY-MM-DD)',
        'reject mixed.xml:47 <titulaire> no <titulaire>: the result cannot be matched to a person',
        'reject mixed.xml:53 <dateObtention> obtained on 2027-06-30, in the future',
        'reject mixed.xml:74 <titulaire> no passport holder with this family name, given name and birth date',
        'reject mixed.xml:82 <donneeCertifiee> the certifier marks this result as not certified (donneeCertifiee=false): it cannot be GUARANTEED',
        'warning mixed.xml:93 <niveau> RS certifications have no qualification level: level ignored',
        'reject mixed.xml:103 <type> unknown certification type "CQP" (RNCP or RS)',
      ]);
      // Karim's RNCP result (names in other cases) and Camille's RS one (level dropped) arrived.
      const karimNow = await certificationsOf(karim);
      expect(karimNow.certifications.find((c: { code: string }) => c.code === 'RNCP37674')).toMatchObject({
        level: 5,
        mention: 'BIEN',
        provenance: 'GUARANTEED',
        issuerName: 'Ministère du Travail',
      });
      expect((await certificationsOf(camille)).certifications.find((c: { code: string }) => c.code === 'RS5080')).toMatchObject({
        level: null,
        provenance: 'GUARANTEED',
      });
      // The report names places in the file, never the people.
      expect(formatFeedReport(report)).not.toMatch(/Durand|Paul|1980-01-01|Moreau|Lucie/i);
    });
  });

  describe('a truncated file', () => {
    it('imports nothing, not even its complete first result, and says where it broke', async () => {
      const fresh = await testDatabase(dialect);
      await seed(fresh.store);
      const report = await importFeed(fresh.store, fixture('truncated.xml'), { today: TODAY });
      expect(report.fatal).toMatch(/truncated or malformed XML.*unclosed tag/);
      expect(report).toMatchObject({ records: 1, added: 0 });
      expect(report.issues).toEqual([expect.objectContaining({ severity: 'reject', file: 'truncated.xml', line: 50, element: 'flux' })]);
      expect(
        await fresh.query("select cast(count(*) as integer) as n from person_certifications where provenance = 'GUARANTEED' and id like 'feed-%'"),
      ).toEqual([{ n: 0 }]);
      await fresh.close();
    });

    it.each([
      ['another schema', '<?xml version="1.0"?><lheo xmlns="http://lheo.gouv.fr/2.3"/>', /not a certification feed/],
      ['not XML', 'hello', /malformed XML/],
      ['an empty file', '', /empty file/],
    ])('refuses %s as a whole', async (_case, content, message) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-')), 'bad.xml');
      fs.writeFileSync(file, content);
      const report = await importFeed(db.store, file, { today: TODAY });
      expect(report.fatal).toMatch(message);
      expect(report.added).toBe(0);
    });

    it('refuses a file that does not exist', async () => {
      expect((await importFeed(db.store, '/nonexistent/feed.xml', { today: TODAY })).fatal).toMatch(/cannot read the file \(ENOENT\)/);
    });
  });

  describe('matching and corrections', () => {
    const people = [
      { id: 'a', givenName: 'Jean-Pierre', familyName: 'Lefèvre' },
      { id: 'b', givenName: 'Marie', familyName: "D'Almeida" },
      { id: 'c', givenName: 'Marie', familyName: 'Dalmeida' },
    ];

    it.each([
      ['accents, case and hyphens', { familyNames: ['LEFEVRE'], givenNames: ['JEAN PIERRE'] }, 'a'],
      ['all given names', { familyNames: ['lefèvre'], givenNames: ['Jean', 'Pierre'] }, 'a'],
      ['the usage name', { familyNames: ['MARTIN', "D'ALMEIDA"], givenNames: ['Marie'] }, 'b'],
    ])('matches on %s', (_case, names, id) => {
      expect(matchHolder({ ...names, birthDate: '1980-01-01', sex: null, birthPlace: null }, people)).toEqual({ personId: id });
    });

    it('refuses a second given name alone and never guesses between homonyms', () => {
      expect(
        matchHolder({ familyNames: ['Lefevre'], givenNames: ['Paul', 'Jean-Pierre'], birthDate: '1980-01-01', sex: null, birthPlace: null }, people),
      ).toHaveProperty('reason');
      const twins = [people[1]!, { ...people[1]!, id: 'b2' }];
      expect(matchHolder({ familyNames: ["D'Almeida"], givenNames: ['Marie'], birthDate: '1980-01-01', sex: null, birthPlace: null }, twins)).toEqual({
        reason: '2 passport holders share this family name, given name and birth date: not imported rather than guessed',
      });
    });

    it('updates a corrected result in place and replaces what the holder had declared', async () => {
      const declared = await api.run('mutation { addCertification(input: { code: "RS5080", title: "CléA (déclaré)" }) { id } }', lucie);
      expect(declared.errors).toBeUndefined();
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-')), 'corrected.xml');
      fs.writeFileSync(
        file,
        fs
          .readFileSync(fixture('good.xml'), 'utf8')
          .replace('<cpf:mentionValidee>AUCUNE</cpf:mentionValidee>', '<cpf:mentionValidee>Socle complet</cpf:mentionValidee>'),
      );
      const report = await importFeed(db.store, file, { today: TODAY });
      expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 2, replacedDeclared: 1 });
      const lucieNow = await certificationsOf(lucie);
      expect(lucieNow.certifications).toHaveLength(1);
      expect(lucieNow.certifications[0]).toMatchObject({ code: 'RS5080', provenance: 'GUARANTEED', mention: 'Socle complet' });
    });
  });

  describe('birth dates', () => {
    it('are backfilled by the seed on a database loaded before they were stored', async () => {
      await db.query("update persons set birth_date = null where id = 'lucie-moreau'");
      await seed(db.store);
      expect(await db.query("select birth_date from persons where id = 'lucie-moreau'")).toEqual([{ birth_date: '1987-05-09' }]);
    });

    it('are no GraphQL field', async () => {
      const res = await api.run('{ __type(name: "Person") { fields { name } } }', lucie);
      const names = res.data!.__type.fields.map((f: { name: string }) => f.name.toLowerCase());
      expect(names.filter((n: string) => /birth|naissance|nir/.test(n))).toEqual([]);
    });
  });

  describe('the CLI', () => {
    it('imports files into DATA_DIR (or PASSPORT_DATABASE_URL), prints the report, exits 1 when a file is refused', async () => {
      const target = await testDatabase(dialect);
      await seed(target.store);
      const { PASSPORT_DATABASE_URL: _, ...env } = process.env;
      const where = dialect === 'sqlite' ? { DATA_DIR: path.dirname(target.location) } : { PASSPORT_DATABASE_URL: target.location };
      const run = (...files: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(here, '..', 'src', 'feed', 'cli.ts'), ...files], {
          env: { ...env, ...where, TODAY },
        }).then(
          (r) => ({ code: 0, stdout: r.stdout }),
          (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
        );
      try {
        const good = await run(fixture('good.xml'));
        expect(good.code).toBe(0);
        expect(good.stdout).toContain('good.xml: 3 results read');
        expect(good.stdout).toContain('3 added');
        const bad = await run(fixture('good.xml'), fixture('truncated.xml'));
        expect(bad.code).toBe(1);
        expect(bad.stdout).toContain('3 unchanged');
        expect(bad.stdout).toContain('FAILED');
        expect(await target.query("select cast(count(*) as integer) as n from person_certifications where id like 'feed-%'")).toEqual([{ n: 3 }]);
      } finally {
        await target.close();
      }
    }, 120_000);
  });
});
