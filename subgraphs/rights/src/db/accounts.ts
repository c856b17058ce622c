import type { ActivityYear } from '../domain/acquisition.ts';
import type { RightsDatabase } from './client.ts';
import { activityYearsOf, entriesOf, type EntryRow } from './ledger.ts';

export interface AccountData {
  personId: string;
  entries: EntryRow[];
  years: ActivityYear[];
}

/** The ledgers and activity years of several people: two queries whatever their number. */
export function loadAccounts(db: RightsDatabase, personIds: readonly string[]): AccountData[] {
  const entries = entriesOf(db, personIds);
  const years = activityYearsOf(db, personIds);
  return personIds.map((personId) => ({ personId, entries: entries.get(personId) ?? [], years: years.get(personId) ?? [] }));
}
