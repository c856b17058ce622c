import type { SubgraphContext } from '@formations/schema/subgraph';
import type { PassportDatabase } from './db/client.ts';

export interface PassportContext extends SubgraphContext {
  db: PassportDatabase;
  /** The clock consents are checked against (tests set it). */
  now: () => Date;
}
