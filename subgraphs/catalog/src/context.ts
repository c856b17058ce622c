import type { SubgraphContext } from '@formations/schema/subgraph';
import type { CatalogDatabase } from './db/client.ts';
import type { SearchEngine } from './search/port.ts';

export interface CatalogContext extends SubgraphContext {
  db: CatalogDatabase;
  /** YYYY-MM-DD: the day recruitment and start-date rules are judged on. */
  today: string;
  /** The engine behind searchTrainings; the embedded one on `db` when absent. */
  search?: SearchEngine;
}
