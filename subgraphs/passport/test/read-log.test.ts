// The access log's group commit: reads of concurrent requests share a transaction, each request
// goes on only once its own reads are committed, and a bad read fails only its own request.
import { describe, expect, it } from 'vitest';
import { ReadLogWriter } from '../src/db/read-log.ts';
import { DIALECTS, seededPassport } from './helpers.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  const db = seededPassport(dialect);

  const read = (personId: string, readAt: string) => ({
    personId,
    viewerSub: 'sophie-adviser',
    viewerRole: 'adviser' as const,
    scopes: ['passport' as const, 'rights' as const],
    readAt,
  });

  describe('read log writer', () => {
    it('stores each read as the row drizzle reads back', async () => {
      const entry = {
        personId: 'karim-benali',
        viewerSub: 'x',
        viewerRole: 'adviser' as const,
        scopes: ['funding' as const, 'rights' as const],
        readAt: '2026-01-01T00:00:00.000Z',
      };
      await db.store.insertReads([entry, entry]);
      const rows = await db.store.accessLogOf('karim-benali', 10);
      expect(rows.filter((r) => r.viewerSub === 'x').map(({ id: _, ...row }) => row)).toEqual([entry, entry]);
      // SQLite's one-statement insert writes the JSON text drizzle's json column writes.
      if (dialect === 'sqlite')
        expect(await db.query("SELECT DISTINCT scopes FROM access_log WHERE viewer_sub = 'x'")).toEqual([{ scopes: '["funding","rights"]' }]);
    });

    it('commits the reads of concurrent requests in one statement, before any of them goes on', async () => {
      const writer = new ReadLogWriter(db.store);
      db.statements.length = 0;
      const count = async () =>
        (await db.query<{ n: number }>("SELECT CAST(count(*) AS integer) AS n FROM access_log WHERE read_at = '2026-02-02T00:00:00.000Z'"))[0]!.n;
      const seen: number[] = [];
      await Promise.all([
        writer.write([read('camille-martin', '2026-02-02T00:00:00.000Z')]).then(async () => seen.push(await count())),
        writer
          .write([read('karim-benali', '2026-02-02T00:00:00.000Z'), read('lucie-moreau', '2026-02-02T00:00:00.000Z')])
          .then(async () => seen.push(await count())),
      ]);
      expect(seen).toEqual([3, 3]);
      expect(db.statements.filter((s) => s.startsWith('insert into "access_log"'))).toHaveLength(1);
    });

    it('fails only the request whose read cannot be written', async () => {
      const writer = new ReadLogWriter(db.store);
      const results = await Promise.allSettled([
        writer.write([read('camille-martin', '2026-03-03T00:00:00.000Z')]),
        writer.write([read('nobody-at-all', '2026-03-03T00:00:00.000Z')]), // not a person: foreign key
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      const rows = await db.query("SELECT person_id FROM access_log WHERE read_at = '2026-03-03T00:00:00.000Z'");
      expect(rows).toEqual([{ person_id: 'camille-martin' }]);
    });
  });
});
