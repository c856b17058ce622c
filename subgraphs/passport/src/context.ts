import type { SubgraphContext } from '@formations/schema/subgraph';
import type { PassportStore } from './db/store.ts';

export interface PassportContext extends SubgraphContext {
  /** Passport's database: SQLite by default, PostgreSQL when PASSPORT_DATABASE_URL is set. */
  store: PassportStore;
  /** The clock consents are checked against (tests set it). */
  now: () => Date;
}
