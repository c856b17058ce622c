// Every read of a person's data by someone other than the holder is logged; the holder sees the log.
import { describe, expect, it } from 'vitest';
import { camille, client, codeOf, NOW, DIALECTS, seededPassport, sophie } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);
  const api = client(db);

  const LOG = '{ me { accessLog { readAt viewerSub viewerRole scopes } } }';
  const ALL = ['PASSPORT', 'RIGHTS', 'FUNDING', 'RECOMMENDATIONS'];

  describe('Person.accessLog', () => {
    it('starts empty, and the holder’s own reads are not logged', async () => {
      await api.run('{ person(id: "camille-martin") { givenName competences { code } } }', camille);
      expect((await api.run(LOG, camille)).data!.me.accessLog).toEqual([]);
    });

    it("logs Sophie's read once per request, whatever she asked", async () => {
      await api.run('{ person(id: "camille-martin") { givenName competences { code } certifications { code } } }', sophie);
      expect((await api.run(LOG, camille)).data!.me.accessLog).toEqual([
        { readAt: NOW.toISOString(), viewerSub: 'sophie-adviser', viewerRole: 'adviser', scopes: ALL },
      ]);
    });

    it('logs reads through entity resolution too (another subgraph asking for the grant)', async () => {
      api.setNow(new Date('2026-11-25T13:00:00.000Z'));
      try {
        await api.run('{ _entities(representations: [{ __typename: "Person", id: "camille-martin" }]) { ... on Person { accessGrant } } }', sophie);
      } finally {
        api.setNow(NOW);
      }
      const log = (await api.run(LOG, camille)).data!.me.accessLog;
      expect(log.map((e: { readAt: string }) => e.readAt)).toEqual(['2026-11-25T13:00:00.000Z', NOW.toISOString()]);
    });

    it('does not log refused attempts as reads', async () => {
      await api.run('{ person(id: "camille-martin") { givenName } }', { sub: 'stranger', role: 'adviser' });
      await api.run('{ _entities(representations: [{ __typename: "Person", id: "camille-martin" }]) { ... on Person { accessGrant } } }', {
        sub: 'stranger',
        role: 'adviser',
      });
      const log = (await api.run(LOG, camille)).data!.me.accessLog;
      expect(log.map((e: { viewerSub: string }) => e.viewerSub)).not.toContain('stranger');
    });

    it('is visible to the holder only', async () => {
      expect(codeOf(await api.run('{ person(id: "camille-martin") { accessLog { viewerSub } } }', sophie))).toBe('FORBIDDEN');
    });
  });
});
