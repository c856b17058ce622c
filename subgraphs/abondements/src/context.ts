import type { SubgraphContext } from '@formations/schema/subgraph';
import type { Clock } from '@formations/schema/clock';
import type { Db } from './db/client.ts';

export interface AbondementsContext extends SubgraphContext {
  db: Db;
  clock: Clock;
}
