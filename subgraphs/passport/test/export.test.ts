// Export: Open Badges 3.0 credentials and the printable CV page, for the holder and consented
// viewers with the passport scope only; everything escaped; no birth date, no NIR.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONS } from '../src/db/demo-world.ts';
import { escapeHtml } from '../src/export/cv-html.ts';
import { importFeed } from '../src/feed/import.ts';
import { camille, client, codeOf, karim, lucie, DIALECTS, seededPassport, sophie } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);
  const api = client(db);

  const here = path.dirname(fileURLToPath(import.meta.url));
  beforeAll(async () => {
    await importFeed(db.store, path.join(here, '..', 'fixtures', 'feed', 'good.xml'), { today: '2026-11-25' });
  });

  const EXPORT = '{ me { passportExport { openBadges credentialCount signed generatedAt } } }';

  describe('Open Badges 3.0', () => {
    it('gives one unsigned OpenBadgeCredential per certification, with the OB 3.0 context', async () => {
      const res = await api.run(EXPORT, karim);
      expect(res.errors).toBeUndefined();
      const exported = res.data!.me.passportExport;
      const credentials = JSON.parse(exported.openBadges);
      expect(exported).toMatchObject({ credentialCount: 3, signed: false, generatedAt: '2026-11-25T12:00:00.000Z' });
      expect(credentials).toHaveLength(3);
      for (const c of credentials) {
        expect(c['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
        expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
        expect(c.validFrom).toMatch(/^\d{4}-\d\d-\d\dT00:00:00Z$/);
        expect(c.credentialSubject.type).toEqual(['AchievementSubject']);
        expect(c).not.toHaveProperty('proof');
      }
    });

    it('says who vouches for each: the certifier for a GUARANTEED item, the holder for a DECLARED one', async () => {
      const credentials = JSON.parse((await api.run(EXPORT, karim)).data!.me.passportExport.openBadges);
      const byCode = Object.fromEntries(credentials.map((c: any) => [c.credentialSubject.achievement.humanCode, c]));
      const toeic = byCode.RS131;
      expect(toeic.issuer).toEqual({ id: 'urn:formations:certifier:ETS-GLOBAL', type: ['Profile'], name: 'ETS Global' });
      expect(toeic.validUntil).toBe('2028-03-17T23:59:59Z');
      expect(toeic.credentialSubject.result).toEqual([{ type: ['Result'], value: 'B2 (805 points)' }]);
      expect(toeic.evidence).toEqual([expect.objectContaining({ type: ['Evidence'], genre: 'GUARANTEED' })]);
      expect(toeic.credentialSubject.achievement).toMatchObject({
        type: ['Achievement'],
        achievementType: 'Certificate',
        humanCode: 'RS131',
        otherIdentifier: [{ type: 'IdentifierEntry', identifier: 'RS131', identifierType: 'identifier' }],
        criteria: { narrative: expect.any(String) },
      });
      expect(toeic.credentialSubject.achievement).not.toHaveProperty('alignment');

      const bts = byCode.RNCP35340;
      expect(bts.credentialSubject.achievement).toMatchObject({
        id: 'https://www.francecompetences.fr/recherche/rncp/35340/',
        achievementType: 'Diploma',
        alignment: [expect.objectContaining({ targetFramework: 'European Qualifications Framework', targetCode: '5' })],
      });
      expect(bts.validFrom).toBe('2017-07-05T00:00:00Z');

      const python = byCode.RS6962;
      expect(python.evidence[0]).toMatchObject({ genre: 'DECLARED', name: 'Provenance : DÉCLARÉE' });
      expect(python.issuer.id).toBe('urn:formations:person:karim-benali');
      expect(python.credentialSubject.identifier).toEqual([{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Karim Benali' }]);
    });

    it("includes what the certifiers' feed brought: Lucie's CléA", async () => {
      const res = await api.run('{ me { passportExport { openBadges credentialCount } } }', lucie);
      const [clea] = JSON.parse(res.data!.me.passportExport.openBadges);
      expect(res.data!.me.passportExport.credentialCount).toBe(1);
      expect(clea).toMatchObject({
        name: expect.stringContaining('CléA'),
        validFrom: '2026-10-14T00:00:00Z',
        issuer: { name: "Certif'Pro", id: 'urn:formations:certifier:51331766700033' },
      });
    });
  });

  describe('the CV page', () => {
    it('is a self-contained printable HTML document with every section', async () => {
      const res = await api.run('{ me { cvHtml } }', camille);
      expect(res.errors).toBeUndefined();
      const html: string = res.data!.me.cvHtml;
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<h1>Camille Martin</h1>');
      expect(html).toContain('85000 La Roche-sur-Yon');
      expect(html).toContain('Préparateur / Préparatrice de commandes (N1103)');
      expect(html).toContain('CAP Équipier polyvalent du commerce');
      expect(html).toContain('valable jusqu’au 29/06/2031');
      expect(html).toContain('délivré par AFT');
      expect(html).toContain('Réaliser la mise en rayon');
      expect(html).toMatch(/@media print/);
      expect(html).toMatch(/@page \{ size: A4/);
      expect(html).toContain("default-src 'none'");
      // No script, no external resource of any kind.
      expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|url\(|@import/i);
      expect(html.match(/class="badge guaranteed"/g)!.length).toBeGreaterThanOrEqual(3);
    });

    it('escapes what the holder typed', async () => {
      const nasty = `<script>alert("x")</script> & <img src=x onerror=alert(1)>`;
      const added = await api.run('mutation ($input: DeclaredExperienceInput!) { addExperience(input: $input) { id } }', lucie, {
        input: { jobTitle: nasty, employer: `"'><style>body{display:none}</style>`, startDate: '2020-01-01', endDate: '2020-06-30' },
      });
      expect(added.errors).toBeUndefined();
      const html: string = (await api.run('{ me { cvHtml } }', lucie)).data!.me.cvHtml;
      expect(html).toContain(escapeHtml(nasty));
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<style>body');
      expect(html.match(/<style>/g)).toHaveLength(1);
      expect(escapeHtml(`<a href="x" title='y'>&\``)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;');
    });

    it('never contains the birth date or the NIR', async () => {
      for (const viewer of [camille, karim, lucie]) {
        const person = DEMO_PERSONS.find((p) => p.id === viewer.sub)!;
        const res = await api.run('{ me { cvHtml passportExport { openBadges } } }', viewer);
        const text = JSON.stringify(res.data);
        expect(text).not.toContain(person.nir);
        expect(text).not.toContain(person.birthDate);
        expect(text).not.toContain(`${person.birthDate.slice(8, 10)}/${person.birthDate.slice(5, 7)}/${person.birthDate.slice(0, 4)}`);
      }
    });
  });

  describe('who may export', () => {
    const QUERY = '{ person(id: "camille-martin") { cvHtml passportExport { credentialCount } } }';

    it('lets an adviser with the passport scope export, and logs the read', async () => {
      const res = await api.run(QUERY, sophie);
      expect(res.errors).toBeUndefined();
      expect(res.data!.person.cvHtml).toContain('Camille Martin');
      expect(res.data!.person.passportExport.credentialCount).toBe(2);
    });

    it('refuses a viewer without the passport scope, another holder and an anonymous caller', async () => {
      await api.run('mutation { grantConsent(viewerSub: "funding-only", scopes: [FUNDING], expiresAt: "2027-01-01T00:00:00Z") { id } }', camille);
      for (const viewer of [{ sub: 'funding-only', role: 'prescriber' } as const, karim, { sub: 'marc-adviser', role: 'adviser' } as const, null]) {
        const res = await api.run(QUERY, viewer);
        expect(res.data?.person ?? null).toBeNull();
        expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(codeOf(res));
      }
      const entity = await api.run(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { cvHtml } } }',
        { sub: 'funding-only', role: 'prescriber' },
        { r: [{ __typename: 'Person', id: 'camille-martin' }] },
      );
      expect(codeOf(entity)).toBe('FORBIDDEN');
      expect(JSON.stringify(entity.data)).not.toContain('Camille');
    });
  });
});
