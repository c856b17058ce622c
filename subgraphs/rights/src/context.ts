import type { SubgraphContext } from '@formations/schema/subgraph';
import type { RightsStore } from './db/store.ts';
import type { Parameters } from './domain/parameters.ts';

export interface RightsContext extends SubgraphContext {
  /** The ledger: SQLite by default, PostgreSQL when RIGHTS_DATABASE_URL is set. */
  store: RightsStore;
  params: Parameters;
  /** Today in Paris (YYYY-MM-DD), from the shared clock (CLOCK_NOW pins it). */
  today: () => string;
}
