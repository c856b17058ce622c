// A dossier completed in part (dossiers' domain/completion.ts): the funder pays only its share, so a
// reservation or a dotation spending is given back but for what it keeps; the same call again changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseDotationUse, spendDotation } from '../src/db/dotation-uses.ts';
import { release, reserve } from '../src/db/reservations.ts';
import { DIALECTS, testDatabase, type TestDatabase } from './store.ts';

const RULE = 'rule-region-pdl-logistics-85';

describe.each(DIALECTS)('giving back all but what a partial completion keeps, in %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase(dialect);
  });
  afterAll(() => database?.close());
  const consumed = async () => (await database.query<{ consumed: number }>('SELECT consumed FROM envelopes WHERE rule_id = ?', RULE))[0]!.consumed;
  const spent = async () => (await database.query<{ spent: number }>('SELECT spent FROM dotations WHERE id = ?', 'dotation-karim-rncp37674'))[0]!.spent;

  it('a reservation of 1,000 € keeping 400 €: 600 € back to the envelope, once; then a full release gives back the 400 €', async () => {
    const { store } = database;
    const before = await consumed();
    await reserve(store, { key: 'dos-p:reserve-top-up', ruleId: RULE, personId: 'camille-martin', sessionId: 'S', amount: 100_000, now: 't0' });
    expect(await consumed()).toBe(before + 100_000);
    expect(await release(store, 'dos-p:reserve-top-up', 't1', 40_000)).toMatchObject({ status: 'GRANTED', amount: 40_000 });
    expect(await consumed()).toBe(before + 40_000);
    expect(await release(store, 'dos-p:reserve-top-up', 't2', 40_000)).toMatchObject({ status: 'GRANTED', amount: 40_000 });
    expect(await consumed()).toBe(before + 40_000);
    expect(await release(store, 'dos-p:reserve-top-up', 't3')).toMatchObject({ status: 'RELEASED', amount: 40_000 });
    expect(await consumed()).toBe(before);
    await expect(release(store, 'dos-p:reserve-top-up', 't4', -1)).rejects.toThrow(/≥ 0/);
  });

  it('a dotation spending of 500 € keeping 125 €: 375 € back to the dotation, once', async () => {
    const { store } = database;
    const before = await spent();
    await spendDotation(store, {
      key: 'dos-p:spend-dotation',
      dotationId: 'dotation-karim-rncp37674',
      personId: 'karim-benali',
      sessionId: 'S',
      certificationCode: 'RNCP37674',
      amount: 50_000,
      today: '2026-11-25',
      now: 't0',
    });
    expect(await spent()).toBe(before + 50_000);
    expect(await releaseDotationUse(store, 'dos-p:spend-dotation', 't1', 12_500)).toMatchObject({ status: 'SPENT', amount: 12_500 });
    expect(await releaseDotationUse(store, 'dos-p:spend-dotation', 't2', 12_500)).toMatchObject({ status: 'SPENT', amount: 12_500 });
    expect(await spent()).toBe(before + 12_500);
  });
});
