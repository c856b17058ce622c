// The repository itself, on SQLite and on a real PostgreSQL: what the rules rely on answers the
// same on both (consents to a viewer by person, revocation keeping its first date, orders where
// the two databases differ by default, the holder-only WHERE clauses, one transaction per write).
import { describe, expect, it } from 'vitest';
import type { Consent } from '../src/domain/types.ts';
import { DIALECTS, seededPassport } from './helpers.ts';

const consent = (id: string, personId: string, viewerSub: string, grantedAt: string): Consent => ({
  id,
  personId,
  viewerSub,
  scopes: ['passport', 'rights'],
  grantedAt,
  expiresAt: '2027-06-30T00:00:00.000Z',
  revokedAt: null,
});

describe.each(DIALECTS)('the passport store on %s', (dialect) => {
  const db = seededPassport(dialect);

  describe('consents', () => {
    it('grants: a consent reads back as written, scopes in order', async () => {
      const granted = consent('c-karim-cep', 'karim-benali', 'cep-store', '2026-11-01T10:00:00.000Z');
      expect(await db.store.insertConsent(granted)).toEqual(granted);
      expect(await db.store.consentById('c-karim-cep')).toEqual(granted);
      expect(await db.store.consentById('no-such-consent')).toBeNull();
    });

    it('answers, for one viewer, each person’s consents in the order asked (none for a stranger)', async () => {
      await db.store.insertConsent(consent('c-lucie-cep', 'lucie-moreau', 'cep-store', '2026-11-02T10:00:00.000Z'));
      await db.store.insertConsent(consent('c-lucie-other', 'lucie-moreau', 'someone-else', '2026-11-02T10:00:00.000Z'));
      const lists = await db.store.consentsToViewer('cep-store', ['lucie-moreau', 'camille-martin', 'karim-benali', 'lucie-moreau']);
      expect(lists.map((list) => list.map((c) => c.id))).toEqual([['c-lucie-cep'], [], ['c-karim-cep'], ['c-lucie-cep']]);
      expect(await db.store.consentsToViewer('stranger', ['karim-benali'])).toEqual([[]]);
    });

    it('revokes once: a second revocation keeps the first date', async () => {
      expect(await db.store.revokeConsent('c-karim-cep', '2026-11-10T00:00:00.000Z')).toMatchObject({ revokedAt: '2026-11-10T00:00:00.000Z' });
      expect(await db.store.revokeConsent('c-karim-cep', '2026-11-11T00:00:00.000Z')).toMatchObject({ revokedAt: '2026-11-10T00:00:00.000Z' });
      // Still listed for the viewer (the rules tell live from revoked), and to the holder.
      expect((await db.store.consentsToViewer('cep-store', ['karim-benali']))[0]![0]).toMatchObject({ revokedAt: '2026-11-10T00:00:00.000Z' });
      expect(await db.store.revokeConsent('no-such-consent', '2026-11-11T00:00:00.000Z')).toBeNull();
    });

    it('lists a holder’s consents newest first', async () => {
      await db.store.insertConsent(consent('c-lucie-old', 'lucie-moreau', 'cep-old', '2026-01-01T10:00:00.000Z'));
      const listed = await db.store.consentsOfPerson('lucie-moreau');
      expect(listed.map((c) => c.id).sort()).toEqual(['c-lucie-cep', 'c-lucie-old', 'c-lucie-other']);
      expect(listed.at(-1)!.id).toBe('c-lucie-old');
    });

    it('refuses a consent of someone who has no passport (foreign key)', async () => {
      await expect(db.store.insertConsent(consent('c-ghost', 'nobody-at-all', 'cep-store', '2026-11-01T10:00:00.000Z'))).rejects.toThrow();
      expect(await db.store.consentById('c-ghost')).toBeNull();
    });
  });

  describe('passport items', () => {
    it('puts certifications with no date last, latest first (PostgreSQL sorts NULL first by default)', async () => {
      await db.store.addCertification('karim-benali', 'cert-undated', { code: 'RS9999', kind: 'RS', title: 'Sans date', level: null, obtainedOn: null });
      await db.store.addCertification('karim-benali', 'cert-2025', { code: 'RS9998', kind: 'RS', title: '2025', level: null, obtainedOn: '2025-01-01' });
      const [list] = await db.store.certificationsOfPersons(['karim-benali']);
      expect(list!.at(-1)!.id).toBe('cert-undated');
      const dates = list!.flatMap((c) => (c.obtainedOn ? [c.obtainedOn] : []));
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('updates and deletes only the holder’s own DECLARED items', async () => {
      const values = { code: 'RS9999', kind: 'RS' as const, title: 'Corrigé', level: null, obtainedOn: null };
      expect(await db.store.updateCertification('lucie-moreau', 'cert-undated', values)).toBeNull();
      expect(await db.store.updateCertification('karim-benali', 'cert-undated', values)).toMatchObject({ title: 'Corrigé', provenance: 'DECLARED' });
      const guaranteed = (await db.store.certificationsOfPersons(['camille-martin']))[0]!.find((c) => c.provenance === 'GUARANTEED')!;
      expect(await db.store.updateCertification('camille-martin', guaranteed.id, values)).toBeNull();
      await db.store.deleteCertification('camille-martin', guaranteed.id);
      expect(await db.store.certificationById(guaranteed.id)).toMatchObject({ provenance: 'GUARANTEED' });
      await db.store.deleteCertification('karim-benali', 'cert-undated');
      expect(await db.store.certificationById('cert-undated')).toBeNull();
    });

    it('replaces target jobs as a whole, in the holder’s order; an unknown job changes nothing', async () => {
      await db.store.setTargetJobs('karim-benali', ['N1103', 'J1501']);
      expect(await db.store.targetRomeCodesOfPersons(['karim-benali', 'nobody'])).toEqual([['N1103', 'J1501'], []]);
      await expect(db.store.setTargetJobs('karim-benali', ['N1101', 'ZZZZZ'])).rejects.toThrow();
      expect(await db.store.targetRomeCodesOfPersons(['karim-benali'])).toEqual([['N1103', 'J1501']]);
    });
  });

  describe('a feed transaction', () => {
    it('writes all or nothing', async () => {
      const values = {
        code: 'RS1',
        kind: 'RS' as const,
        title: 'Feed',
        level: null,
        obtainedOn: '2026-01-01',
        validUntil: null,
        mention: null,
        issuerId: null,
        issuerName: null,
      };
      await expect(
        db.store.feedTransaction(async (tx) => {
          await tx.addGuaranteedCertification('lucie-moreau', 'feed-all-or-nothing', values);
          throw new Error('the file turned out bad');
        }),
      ).rejects.toThrow('the file turned out bad');
      expect(await db.store.certificationById('feed-all-or-nothing')).toBeNull();
    });
  });

  describe('health', () => {
    it('reads the database without counting the persons', async () => {
      db.statements.length = 0;
      const health = await db.store.health();
      expect(health).toMatchObject({ database: dialect, romeJobs: 1584 });
      expect(typeof health.personsEstimate).toBe('number');
      expect(db.statements.filter((s) => /count\(/i.test(s) && s.includes('persons'))).toEqual([]);
    });
  });
});
