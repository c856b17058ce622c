import { loader, type SubgraphContext } from '@formations/schema/subgraph';
import { loadAccounts, type AccountData } from './db/accounts.ts';
import type { RightsDatabase } from './db/client.ts';
import { postDueAcquisitions } from './db/ledger.ts';
import type { Parameters } from './domain/parameters.ts';

export interface RightsContext extends SubgraphContext {
  db: RightsDatabase;
  params: Parameters;
  /** Today in Paris (YYYY-MM-DD), from the shared clock (CLOCK_NOW pins it). */
  today: () => string;
}

/** Accounts of the request, batched: the credits due are posted, then every ledger is read at once. */
export function accountLoader(ctx: RightsContext) {
  return loader<string, AccountData>(ctx, 'cpfAccounts', (personIds) => {
    postDueAcquisitions(ctx.db, personIds, ctx.params, ctx.today());
    return loadAccounts(ctx.db, personIds);
  });
}
