// Consents: the holder grants and revokes them; they open access only while live.
import { describe, expect, it } from 'vitest';
import { camille, client, codeOf, karim, NOW, DIALECTS, seededPassport, sophie } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);
  const api = client(db);

  const GRANT = /* GraphQL */ `
  mutation ($viewerSub: String!, $scopes: [AccessScope!]!, $expiresAt: DateTime!) {
    grantConsent(viewerSub: $viewerSub, scopes: $scopes, expiresAt: $expiresAt) { id viewerSub scopes grantedAt expiresAt revokedAt live }
  }
`;
  const REVOKE = 'mutation ($id: ID!) { revokeConsent(id: $id) { id revokedAt live } }';
  const READ_KARIM = '{ person(id: "karim-benali") { givenName } }';

  describe('grantConsent and revokeConsent', () => {
    it('opens Karim’s passport to Sophie once he consents, and closes it when he revokes', async () => {
      expect(codeOf(await api.run(READ_KARIM, sophie))).toBe('FORBIDDEN');

      const granted = await api.run(GRANT, karim, { viewerSub: 'sophie-adviser', scopes: ['RIGHTS', 'PASSPORT', 'RIGHTS'], expiresAt: '2027-03-01T00:00:00Z' });
      expect(granted.errors).toBeUndefined();
      const consent = granted.data!.grantConsent;
      expect(consent).toMatchObject({
        viewerSub: 'sophie-adviser',
        scopes: ['PASSPORT', 'RIGHTS'],
        grantedAt: NOW.toISOString(),
        expiresAt: '2027-03-01T00:00:00.000Z',
        revokedAt: null,
        live: true,
      });
      expect((await api.run(READ_KARIM, sophie)).data!.person.givenName).toBe('Karim');

      const revoked = await api.run(REVOKE, karim, { id: consent.id });
      expect(revoked.data!.revokeConsent).toMatchObject({ revokedAt: NOW.toISOString(), live: false });
      expect(codeOf(await api.run(READ_KARIM, sophie))).toBe('FORBIDDEN');
    });

    it('stops opening access at its expiry', async () => {
      await api.run(GRANT, karim, { viewerSub: 'cep-short', scopes: ['PASSPORT'], expiresAt: '2026-12-01T00:00:00Z' });
      const viewer = { sub: 'cep-short', role: 'adviser' as const };
      expect((await api.run(READ_KARIM, viewer)).errors).toBeUndefined();
      api.setNow(new Date('2026-12-01T00:00:00Z'));
      try {
        expect(codeOf(await api.run(READ_KARIM, viewer))).toBe('FORBIDDEN');
      } finally {
        api.setNow(NOW);
      }
    });

    it('needs the passport scope to read the passport', async () => {
      await api.run(GRANT, karim, { viewerSub: 'cep-rights-only', scopes: ['RIGHTS'], expiresAt: '2027-03-01T00:00:00Z' });
      expect(codeOf(await api.run(READ_KARIM, { sub: 'cep-rights-only', role: 'adviser' }))).toBe('FORBIDDEN');
    });

    it.each([
      ['no scope', { viewerSub: 'x', scopes: [], expiresAt: '2027-01-01T00:00:00Z' }, 'choose at least one scope'],
      ['a past expiry', { viewerSub: 'x', scopes: ['PASSPORT'], expiresAt: '2026-01-01T00:00:00Z' }, 'the expiry must be in the future'],
      ['the holder himself', { viewerSub: 'karim-benali', scopes: ['PASSPORT'], expiresAt: '2027-01-01T00:00:00Z' }, 'you always have access'],
    ])('refuses a consent with %s', async (_case, variables, message) => {
      const res = await api.run(GRANT, karim, variables);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toContain(message);
    });

    it('is for holders only, on their own consents', async () => {
      expect(codeOf(await api.run(GRANT, sophie, { viewerSub: 'x', scopes: ['PASSPORT'], expiresAt: '2027-01-01T00:00:00Z' }))).toBe('FORBIDDEN');
      expect(codeOf(await api.run(GRANT, null, { viewerSub: 'x', scopes: ['PASSPORT'], expiresAt: '2027-01-01T00:00:00Z' }))).toBe('UNAUTHENTICATED');
      // Camille's consent to Sophie is not Karim's to revoke, nor Sophie's.
      expect(codeOf(await api.run(REVOKE, karim, { id: 'consent-camille-sophie' }))).toBe('NOT_FOUND');
      expect(codeOf(await api.run(REVOKE, sophie, { id: 'consent-camille-sophie' }))).toBe('FORBIDDEN');
      expect((await api.run('{ person(id: "camille-martin") { givenName } }', sophie)).data!.person.givenName).toBe('Camille');
    });
  });

  describe('Person.consents', () => {
    const CONSENTS = '{ person(id: "camille-martin") { consents { id viewerSub scopes expiresAt live } } }';

    it('shows the holder every consent given', async () => {
      const res = await api.run(CONSENTS, camille);
      expect(res.data!.person.consents).toEqual([
        {
          id: 'consent-camille-sophie',
          viewerSub: 'sophie-adviser',
          scopes: ['PASSPORT', 'RIGHTS', 'FUNDING', 'RECOMMENDATIONS'],
          expiresAt: '2027-06-30T23:59:59.000Z',
          live: true,
        },
      ]);
    });

    it('is hidden from the consented adviser', async () => {
      const res = await api.run(CONSENTS, sophie);
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.data?.person ?? null).toBeNull();
    });
  });
});
