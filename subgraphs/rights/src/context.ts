import { loader, type SubgraphContext } from '@formations/schema/subgraph';
import { loadAccounts, type AccountData } from './db/accounts.ts';
import { postDueAcquisitions } from './db/ledger.ts';
import type { RightsStore } from './db/store.ts';
import type { Parameters } from './domain/parameters.ts';

export interface RightsContext extends SubgraphContext {
  /** The ledger: SQLite by default, PostgreSQL when RIGHTS_DATABASE_URL is set. */
  store: RightsStore;
  params: Parameters;
  /** Today in Paris (YYYY-MM-DD), from the shared clock (CLOCK_NOW pins it). */
  today: () => string;
}

/** Accounts of the request, batched: the credits due are posted, then every ledger is read at once. */
export function accountLoader(ctx: RightsContext) {
  return loader<string, AccountData>(ctx, 'cpfAccounts', async (personIds) => {
    await postDueAcquisitions(ctx.store, personIds, ctx.params, ctx.today());
    return loadAccounts(ctx.store, personIds);
  });
}
