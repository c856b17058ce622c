// The access log's group commit: reads of concurrent requests share a transaction, each request
// goes on only once its own reads are committed, and a bad read fails only its own request.
import { afterAll, describe, expect, it } from 'vitest';
import { accessLog } from '../src/db/schema.ts';
import { ReadLogWriter } from '../src/db/read-log.ts';
import { accessLogOf, logReads } from '../src/db/queries.ts';
import { seededDatabase } from './helpers.ts';

const db = seededDatabase();
afterAll(() => db.close());
const read = (personId: string, readAt: string) => ({
  personId,
  viewerSub: 'sophie-adviser',
  viewerRole: 'adviser' as const,
  scopes: ['passport' as const, 'rights' as const],
  readAt,
});

describe('read log writer', () => {
  it('stores the same row as a plain drizzle insert', () => {
    db.db
      .insert(accessLog)
      .values({ personId: 'karim-benali', viewerSub: 'x', viewerRole: 'adviser', scopes: ['funding', 'rights'], readAt: '2026-01-01T00:00:00.000Z' })
      .run();
    logReads(db.db, { sub: 'x', role: 'adviser' }, [{ personId: 'karim-benali', scopes: ['funding', 'rights'] }], '2026-01-01T00:00:00.000Z');
    const rows = db.sqlite.prepare("SELECT person_id, viewer_sub, viewer_role, scopes, read_at FROM access_log WHERE viewer_sub = 'x' ORDER BY id").all();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(rows[0]);
    expect(accessLogOf(db.db, 'karim-benali', 10)[0]!.scopes).toEqual(['funding', 'rights']);
  });

  it('commits the reads of concurrent requests in one statement, before any of them goes on', async () => {
    const writer = new ReadLogWriter(db.db);
    db.statements.length = 0;
    const count = () => (db.sqlite.prepare("SELECT count(*) AS n FROM access_log WHERE read_at = '2026-02-02T00:00:00.000Z'").get() as { n: number }).n;
    const seen: number[] = [];
    await Promise.all([
      writer.write([read('camille-martin', '2026-02-02T00:00:00.000Z')]).then(() => seen.push(count())),
      writer.write([read('karim-benali', '2026-02-02T00:00:00.000Z'), read('lucie-moreau', '2026-02-02T00:00:00.000Z')]).then(() => seen.push(count())),
    ]);
    expect(seen).toEqual([3, 3]);
    expect(db.statements.filter((s) => s.startsWith('insert into "access_log"'))).toHaveLength(1);
  });

  it('fails only the request whose read cannot be written', async () => {
    const writer = new ReadLogWriter(db.db);
    const results = await Promise.allSettled([
      writer.write([read('camille-martin', '2026-03-03T00:00:00.000Z')]),
      writer.write([read('nobody-at-all', '2026-03-03T00:00:00.000Z')]), // not a person: foreign key
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const rows = db.sqlite.prepare("SELECT person_id FROM access_log WHERE read_at = '2026-03-03T00:00:00.000Z'").all();
    expect(rows).toEqual([{ person_id: 'camille-martin' }]);
  });
});
