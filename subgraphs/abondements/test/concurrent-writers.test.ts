// Writers at the same moment on one database: money is never taken twice nor beyond its pool, a
// key replayed during the race gets the first answer, and a holder has one open France Travail
// request. On PostgreSQL these calls really run at once (one connection each from the pool); on
// SQLite they queue on the file's single writer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spendDotation } from '../src/db/dotation-uses.ts';
import { openRequestOfDossier, submitRequest } from '../src/db/france-travail.ts';
import { RequestRefusal } from '../src/domain/france-travail-request.ts';
import { DIALECTS, testDatabase, type TestDatabase } from './store.ts';

const settle = <T>(calls: Promise<T>[]) => Promise.allSettled(calls);

describe.each(DIALECTS)('concurrent writers in %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase(dialect);
  });
  afterAll(() => database?.close());

  it("Karim's 1,000 € dotation: 10 spendings of 300 € at once, 3 spent, 7 refused, 900 € spent", async () => {
    const spend = (i: number) =>
      spendDotation(database.store, {
        key: `race-dotation-${i}`,
        dotationId: 'dotation-karim-rncp37674',
        personId: 'karim-benali',
        sessionId: `s${i}`,
        certificationCode: 'RNCP37674',
        amount: 30_000,
        today: '2026-11-25',
        now: 'now',
      });
    const uses = await Promise.all(Array.from({ length: 10 }, (_, i) => spend(i)));
    expect(uses.filter((u) => u.status === 'SPENT')).toHaveLength(3);
    expect(uses.filter((u) => u.status === 'REFUSED').map((u) => u.reasonCode)).toEqual(Array(7).fill('DOTATION_INSUFFICIENT'));
    expect((await database.query<{ spent: number }>('SELECT spent FROM dotations WHERE id = ?', 'dotation-karim-rncp37674'))[0]!.spent).toBe(90_000);
    // Replays of the race's keys, at once too: the same answers, nothing taken again.
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => spend(i)));
    expect(again.map((u) => u.status)).toEqual(uses.map((u) => u.status));
    expect((await database.query<{ spent: number }>('SELECT spent FROM dotations WHERE id = ?', 'dotation-karim-rncp37674'))[0]!.spent).toBe(90_000);
  });

  it('one open France Travail request per holder: of 5 submitted at once, one is recorded', async () => {
    const submit = (i: number) =>
      submitRequest(database.store, {
        personId: 'lucie-moreau',
        sessionId: `session-${i}`,
        amountRequested: 50_000,
        offeredOn: '2026-05-04',
        sessionStartDate: '2026-09-07',
        today: '2026-05-04',
      });
    const outcomes = await settle(Array.from({ length: 5 }, (_, i) => submit(i)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect(o.reason).toBeInstanceOf(RequestRefusal);
      expect((o.reason as RequestRefusal).code).toBe('REQUEST_ALREADY_OPEN');
    }
    expect(await database.query("SELECT id FROM france_travail_requests WHERE person_id = 'lucie-moreau'")).toHaveLength(1);
  });

  it("a dossier's review sent 5 times at once under its key makes one request, and each call gets it", async () => {
    const open = () =>
      openRequestOfDossier(database.store, {
        dossierKey: 'race:france-travail-review',
        personId: 'camille-martin',
        sessionId: 'session-race',
        topUps: [{ ruleId: 'rule-france-travail-shortage-jobs', amount: 130_000 }],
        offeredOn: '2026-05-04',
        sessionStartDate: '2026-09-07',
        today: '2026-05-04',
      });
    const requests = await Promise.all(Array.from({ length: 5 }, open));
    expect(new Set(requests.map((r) => r.id)).size).toBe(1);
    expect(await database.query("SELECT id FROM france_travail_requests WHERE dossier_key = 'race:france-travail-review'")).toHaveLength(1);
  });
});
