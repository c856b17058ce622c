// Per-request batched reads: every `_entities` call or list field costs one query per kind.
import { loader } from '@formations/schema/subgraph';
import type { RightsContext } from '../context.ts';
import { loadAccounts, type AccountData } from '../db/accounts.ts';
import { postDueAcquisitions } from '../db/ledger.ts';

/** Accounts of the request, batched: the credits due are posted, then every ledger is read at once. */
export function accountLoader(ctx: RightsContext) {
  return loader<string, AccountData>(ctx, 'cpfAccounts', async (personIds) => {
    await postDueAcquisitions(ctx.store, personIds, ctx.params, ctx.today());
    return loadAccounts(ctx.store, personIds);
  });
}
