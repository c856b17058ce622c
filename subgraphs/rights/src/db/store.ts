// What the ledger needs from a database, in one interface for SQLite (the default) and
// PostgreSQL (RIGHTS_DATABASE_URL): the rules in ledger.ts are written once over it, each
// dialect keeps its own way to admit one writer per account at a time.
import type { activityYears, ledgerEntries } from './schema.ts';

export type EntryRow = typeof ledgerEntries.$inferSelect;
export type NewEntry = Omit<typeof ledgerEntries.$inferInsert, 'id'> & { recordedAt: string };
export type ActivityYearRow = typeof activityYears.$inferSelect;

export interface LedgerReads {
  /** The entries of these people, by person, in date order (ties by id). */
  entriesOf(personIds: readonly string[]): Promise<EntryRow[]>;
  /** Their recorded activity years, oldest first. */
  activityYearsOf(personIds: readonly string[]): Promise<ActivityYearRow[]>;
}

/** Inside one write transaction. */
export interface LedgerTx extends LedgerReads {
  /**
   * Until the transaction ends no other writer touches these accounts (PostgreSQL: their rows
   * locked FOR UPDATE, in a fixed order; SQLite: the IMMEDIATE transaction already holds the file).
   */
  lockAccounts(personIds: readonly string[]): Promise<void>;
  entryByKey(idempotencyKey: string): Promise<EntryRow | undefined>;
  /** Inserts the entry unless its idempotency key is taken (then undefined: nothing written). */
  insertEntry(entry: NewEntry): Promise<EntryRow | undefined>;
  balanceOf(personId: string): Promise<number>;
  /** What the refunds of a debit gave back so far. */
  refundedOf(debitId: number): Promise<number>;
  activityYear(personId: string, year: number): Promise<ActivityYearRow | undefined>;
  saveActivityYear(row: ActivityYearRow): Promise<void>;
}

export interface RightsStore extends LedgerReads {
  readonly dialect: 'sqlite' | 'postgresql';
  /** How many of these people's recorded years have no acquisition entry yet (a cheap check before writing). */
  uncreditedYears(personIds: readonly string[]): Promise<number>;
  /** Runs `work` in one transaction: all of it is written, or none. */
  transaction<T>(work: (tx: LedgerTx) => Promise<T>): Promise<T>;
  /** No entry and no activity year yet (the demo world is loaded only then). */
  isEmpty(): Promise<boolean>;
  /** For /health: reads the database (so a lost connection shows), cheaply at any size. */
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}
