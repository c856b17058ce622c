import type { SubgraphContext } from '@formations/schema/subgraph';
import type { Clock } from '@formations/schema/clock';
import type { AbondementsStore } from './db/store.ts';

export interface AbondementsContext extends SubgraphContext {
  /** abondements' database: SQLite by default, PostgreSQL when ABONDEMENTS_DATABASE_URL is set. */
  store: AbondementsStore;
  clock: Clock;
}
