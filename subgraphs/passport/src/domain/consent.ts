// What a holder may consent to: someone else, some scopes, for a limited time.
import { ACCESS_SCOPES, type AccessScope } from '@formations/schema/auth';

export interface ConsentRequest {
  holderId: string;
  viewerSub: string;
  scopes: readonly string[];
  expiresAt: string;
}

/** The reasons the request cannot be granted, in words the holder can act on (empty: valid). */
export function consentProblems(request: ConsentRequest, now: Date): string[] {
  const problems: string[] = [];
  if (!request.viewerSub.trim()) problems.push('say whom you give access to');
  if (request.viewerSub === request.holderId) problems.push('you always have access to your own passport');
  if (request.scopes.length === 0) problems.push('choose at least one scope');
  for (const scope of request.scopes) {
    if (!(ACCESS_SCOPES as readonly string[]).includes(scope)) problems.push(`unknown scope ${scope}`);
  }
  const expiry = Date.parse(request.expiresAt);
  if (Number.isNaN(expiry)) problems.push('the expiry is not a valid date and time');
  else if (expiry <= now.getTime()) problems.push('the expiry must be in the future');
  return problems;
}

/** Scopes in their canonical order, without duplicates. */
export function normaliseScopes(scopes: readonly AccessScope[]): AccessScope[] {
  return ACCESS_SCOPES.filter((scope) => scopes.includes(scope));
}
