import type { ActivityYear } from '../domain/acquisition.ts';
import { activityYearsOf, entriesOf, type EntryRow } from './ledger.ts';
import type { LedgerReads } from './store.ts';

export interface AccountData {
  personId: string;
  entries: EntryRow[];
  years: ActivityYear[];
}

/** The ledgers and activity years of several people: two queries whatever their number. */
export async function loadAccounts(db: LedgerReads, personIds: readonly string[]): Promise<AccountData[]> {
  const [entries, years] = await Promise.all([entriesOf(db, personIds), activityYearsOf(db, personIds)]);
  return personIds.map((personId) => ({ personId, entries: entries.get(personId) ?? [], years: years.get(personId) ?? [] }));
}
