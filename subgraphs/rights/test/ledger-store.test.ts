// The ledger's repository on both databases: the same tests, on SQLite and on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../src/db/accounts.ts';
import { debit, LedgerError, postDueAcquisitions, postExtraCredit, recordActivityYear, refund } from '../src/db/ledger.ts';
import { DEMO_ACTIVITY, seedDemoWorld } from '../src/db/seed.ts';
import { balanceOf } from '../src/domain/account.ts';
import { activity, DIALECTS, params, testDatabase, type TestDatabase } from './helpers.ts';

const codeOf = async (write: () => Promise<unknown>) => {
  try {
    await write();
  } catch (error) {
    return error instanceof LedgerError ? error.code : String(error);
  }
  return 'no error';
};

describe.each(DIALECTS)('the ledger in %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase(dialect);
  });
  afterAll(() => database?.close());
  const account = async (personId: string) => (await loadAccounts(database.store, [personId]))[0]!;
  const balance = async (personId: string) => balanceOf((await account(personId)).entries);

  it('seeds the demo world once, with balances computed by the rules', async () => {
    expect(await seedDemoWorld(database.store, params, '2026-11-25')).toBe(true);
    expect(await seedDemoWorld(database.store, params, '2026-11-25')).toBe(false);
    expect(await balance('camille-martin')).toBe(30000);
    expect(await balance('karim-benali')).toBe(350000);
    expect(await balance('lucie-moreau')).toBe(560000);
    expect((await account('lucie-moreau')).years).toEqual(DEMO_ACTIVITY['lucie-moreau']);
  });

  it('caps at the ceiling, and credits resume after spending (L6323-11)', async () => {
    for (let year = 2019; year <= 2029; year++) await recordActivityYear(database.store, 'max', activity(year), params, '2029-06-01');
    expect(await balance('max')).toBe(500000);
    await debit(database.store, { personId: 'max', amount: 120000, date: '2029-09-01', reason: 'title', idempotencyKey: 'max-1' }, params, '2029-09-01');
    await recordActivityYear(database.store, 'max', activity(2030), params, '2031-05-01');
    const last = (await account('max')).entries.at(-1)!;
    expect(last).toMatchObject({ kind: 'ACQUISITION', year: 2030, amount: 50000, effectiveDate: '2031-04-30' });
  });

  it('posts a year when its credit date comes, not before', async () => {
    await recordActivityYear(database.store, 'nina', activity(2026), params, '2026-11-25');
    expect((await account('nina')).entries).toHaveLength(0);
    await postDueAcquisitions(database.store, ['nina'], params, '2027-04-30');
    await postDueAcquisitions(database.store, ['nina'], params, '2027-05-01');
    expect((await account('nina')).entries.map((e) => e.amount)).toEqual([50000]);
  });

  it('refuses to rewrite a credited year, and accepts the same facts again', async () => {
    await recordActivityYear(database.store, 'nina', activity(2026), params, '2027-06-01');
    expect(await codeOf(() => recordActivityYear(database.store, 'nina', activity(2026, { qualificationLevel: 2 }), params, '2027-06-01'))).toBe(
      'ALREADY_CREDITED',
    );
    expect((await account('nina')).years.map((y) => y.qualificationLevel)).toEqual([5]);
  });

  it('debits once per idempotency key and refuses the key for another amount', async () => {
    const request = { personId: 'lucie-moreau', amount: 100000, date: '2026-11-25', reason: 'DEAS', idempotencyKey: 'lucie-deas' };
    const first = await debit(database.store, request, params, '2026-11-25');
    expect((await debit(database.store, request, params, '2026-11-25')).id).toBe(first.id);
    expect(await codeOf(() => debit(database.store, { ...request, amount: 100 }, params, '2026-11-25'))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await codeOf(() => debit(database.store, { ...request, personId: 'karim-benali' }, params, '2026-11-25'))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await balance('lucie-moreau')).toBe(460000);
  });

  it('refunds a cancelled dossier, never more than it cost', async () => {
    await refund(database.store, { debitKey: 'lucie-deas', amount: 60000, date: '2026-11-26', idempotencyKey: 'lucie-deas-r1' });
    expect(await codeOf(() => refund(database.store, { debitKey: 'lucie-deas', amount: 40001, date: '2026-11-26', idempotencyKey: 'lucie-deas-r2' }))).toBe(
      'INVALID',
    );
    await refund(database.store, { debitKey: 'lucie-deas', amount: 40000, date: '2026-11-26', idempotencyKey: 'lucie-deas-r2' });
    await refund(database.store, { debitKey: 'lucie-deas', amount: 40000, date: '2026-11-26', idempotencyKey: 'lucie-deas-r2' });
    expect(await balance('lucie-moreau')).toBe(560000);
    expect(await codeOf(() => refund(database.store, { debitKey: 'nothing', amount: 1, date: '2026-11-26', idempotencyKey: 'x' }))).toBe('NOT_FOUND');
  });

  it('refuses a debit beyond the balance, extra credits included (L6323-2)', async () => {
    await postExtraCredit(database.store, { personId: 'camille-martin', kind: 'ATMP', date: '2026-10-01', idempotencyKey: 'camille-atmp' }, params);
    expect(await balance('camille-martin')).toBe(780000);
    expect(
      await codeOf(() =>
        debit(
          database.store,
          { personId: 'camille-martin', amount: 780001, date: '2026-11-25', reason: 'x', idempotencyKey: 'camille-x' },
          params,
          '2026-11-25',
        ),
      ),
    ).toBe('INSUFFICIENT_RIGHTS');
    expect(await database.query('SELECT * FROM ledger_entries WHERE idempotency_key = ?', 'camille-x')).toEqual([]);
  });

  it('refuses to update, delete or truncate a ledger entry (append-only)', async () => {
    await expect(database.query('UPDATE ledger_entries SET amount = 0')).rejects.toThrow(/append-only/);
    await expect(database.query('DELETE FROM ledger_entries')).rejects.toThrow(/append-only/);
    if (dialect === 'postgresql') await expect(database.query('TRUNCATE ledger_entries')).rejects.toThrow(/append-only/);
    expect(await database.store.isEmpty()).toBe(false);
  });
});
