import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAccounts } from '../src/db/accounts.ts';
import { debit, LedgerError, postDueAcquisitions, postExtraCredit, recordActivityYear, refund } from '../src/db/ledger.ts';
import { DEMO_ACTIVITY, seedDemoWorld } from '../src/db/seed.ts';
import { balanceOf } from '../src/domain/account.ts';
import { activity, params, tempDatabase } from './helpers.ts';

const { db, sqlite, dir } = tempDatabase();
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const account = (personId: string) => loadAccounts(db, [personId])[0]!;
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof LedgerError ? error.code : String(error);
  }
  return 'no error';
};

describe('the demo world', () => {
  it('is seeded once, with balances computed by the rules', () => {
    expect(seedDemoWorld(db, params, '2026-11-25')).toBe(true);
    expect(seedDemoWorld(db, params, '2026-11-25')).toBe(false);
    expect(balanceOf(account('camille-martin').entries)).toBe(30000);
    expect(balanceOf(account('karim-benali').entries)).toBe(350000);
    expect(balanceOf(account('lucie-moreau').entries)).toBe(560000);
    expect(account('lucie-moreau').years).toEqual(DEMO_ACTIVITY['lucie-moreau']);
  });
});

describe('the ledger in SQLite', () => {
  it('caps at the ceiling, and credits resume after spending (L6323-11)', () => {
    for (let year = 2019; year <= 2029; year++) recordActivityYear(db, 'max', activity(year), params, '2029-06-01');
    expect(balanceOf(account('max').entries)).toBe(500000);
    debit(db, { personId: 'max', amount: 120000, date: '2029-09-01', reason: 'title', idempotencyKey: 'max-1' }, params, '2029-09-01');
    recordActivityYear(db, 'max', activity(2030), params, '2031-05-01');
    const last = account('max').entries.at(-1)!;
    expect(last).toMatchObject({ kind: 'ACQUISITION', year: 2030, amount: 50000, effectiveDate: '2031-04-30' });
  });

  it('posts a year when its credit date comes, not before', () => {
    recordActivityYear(db, 'nina', activity(2026), params, '2026-11-25');
    expect(account('nina').entries).toHaveLength(0);
    postDueAcquisitions(db, ['nina'], params, '2027-04-30');
    postDueAcquisitions(db, ['nina'], params, '2027-05-01');
    expect(account('nina').entries.map((e) => e.amount)).toEqual([50000]);
  });

  it('debits once per idempotency key and refuses the key for another amount', () => {
    const request = { personId: 'lucie-moreau', amount: 100000, date: '2026-11-25', reason: 'DEAS', idempotencyKey: 'lucie-deas' };
    const first = debit(db, request, params, '2026-11-25');
    expect(debit(db, request, params, '2026-11-25').id).toBe(first.id);
    expect(codeOf(() => debit(db, { ...request, amount: 100 }, params, '2026-11-25'))).toBe('IDEMPOTENCY_CONFLICT');
    expect(balanceOf(account('lucie-moreau').entries)).toBe(460000);
  });

  it('refunds a cancelled dossier, never more than it cost', () => {
    refund(db, { debitKey: 'lucie-deas', amount: 60000, date: '2026-11-26', idempotencyKey: 'lucie-deas-r1' });
    expect(codeOf(() => refund(db, { debitKey: 'lucie-deas', amount: 40001, date: '2026-11-26', idempotencyKey: 'lucie-deas-r2' }))).toBe('INVALID');
    refund(db, { debitKey: 'lucie-deas', amount: 40000, date: '2026-11-26', idempotencyKey: 'lucie-deas-r2' });
    expect(balanceOf(account('lucie-moreau').entries)).toBe(560000);
    expect(codeOf(() => refund(db, { debitKey: 'nothing', amount: 1, date: '2026-11-26', idempotencyKey: 'x' }))).toBe('NOT_FOUND');
  });

  it('refuses a debit beyond the balance, extra credits included (L6323-2)', () => {
    postExtraCredit(db, { personId: 'camille-martin', kind: 'ATMP', date: '2026-10-01', idempotencyKey: 'camille-atmp' }, params);
    expect(balanceOf(account('camille-martin').entries)).toBe(780000);
    expect(codeOf(() => debit(db, { personId: 'camille-martin', amount: 780001, date: '2026-11-25', reason: 'x', idempotencyKey: 'camille-x' }, params, '2026-11-25'))).toBe('INSUFFICIENT_RIGHTS');
  });
});

describe('append-only', () => {
  it('refuses to update or delete a ledger entry', () => {
    expect(() => sqlite.prepare('UPDATE ledger_entries SET amount = 0').run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM ledger_entries').run()).toThrow(/append-only/);
  });
});
