// Per-request batched reads: every `_entities` call or list field costs one query per kind.
import { loader } from '@formations/schema/subgraph';
import type { AbondementsContext } from '../context.ts';
import { envelopesOfRules, type EnvelopeRow } from '../db/funder-admin.ts';
import { requestsOfPersons } from '../db/france-travail.ts';
import { allRules, dotationsOfPersons, holdingsOfPersons, rulesOfConventions } from '../db/queries.ts';
import type { Holding } from '../domain/certainty.ts';
import type { FundedRequest } from '../domain/funding-plan.ts';
import type { Dotation, FundingRule } from '../domain/types.ts';

/** Dotations of several persons in one query per request. */
export const dotationsLoader = (ctx: AbondementsContext) =>
  loader<string, Dotation[]>(ctx, 'dotationsByPerson', (personIds) => {
    const all = dotationsOfPersons(ctx.db, personIds);
    return personIds.map((id) => all.filter((d) => d.personId === id));
  });

/** What dossiers hold for several persons (reservations granted, dotations spent), in one query each per request. */
export const holdingsLoader = (ctx: AbondementsContext) =>
  loader<string, Holding[]>(ctx, 'holdingsByPerson', (personIds) => {
    const all = holdingsOfPersons(ctx.db, personIds);
    return personIds.map((id) => all.filter((h) => h.personId === id));
  });

/** Every rule, read once per request however many plans it computes. */
export const rulesLoader = (ctx: AbondementsContext) =>
  loader<'all', FundingRule[]>(ctx, 'allRules', (keys) => {
    const rules = allRules(ctx.db);
    return keys.map(() => rules);
  });

/** A person's requests to France Travail, for several persons in one query per request. */
export const requestsLoader = (ctx: AbondementsContext) =>
  loader<string, FundedRequest[]>(ctx, 'franceTravailRequestsByPerson', (personIds) => {
    const all = requestsOfPersons(ctx.db, personIds);
    return personIds.map((id) => all.filter((r) => r.personId === id));
  });

/** The rules of several conventions in one query per request. */
export const rulesByConvention = (ctx: AbondementsContext) =>
  loader<string, FundingRule[]>(ctx, 'rulesByConvention', (ids) => {
    const rules = rulesOfConventions(ctx.db, ids);
    return ids.map((id) => rules.filter((r) => r.conventionId === id));
  });

/** The envelope of several rules in one query per request. */
export const envelopeOfRule = (ctx: AbondementsContext) =>
  loader<string, EnvelopeRow | null>(ctx, 'envelopeOfRule', (ruleIds) => {
    const envelopes = envelopesOfRules(ctx.db, ruleIds);
    return ruleIds.map((id) => envelopes.find((e) => e.ruleId === id) ?? null);
  });
