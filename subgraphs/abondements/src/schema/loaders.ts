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
  loader<string, Dotation[]>(ctx, 'dotationsByPerson', async (personIds) => {
    const all = await dotationsOfPersons(ctx.store, personIds);
    return personIds.map((id) => all.filter((d) => d.personId === id));
  });

/** What dossiers hold for several persons (reservations granted, dotations spent), in one query each per request. */
export const holdingsLoader = (ctx: AbondementsContext) =>
  loader<string, Holding[]>(ctx, 'holdingsByPerson', async (personIds) => {
    const all = await holdingsOfPersons(ctx.store, personIds);
    return personIds.map((id) => all.filter((h) => h.personId === id));
  });

/** Every rule, read once per request however many plans it computes. */
export const rulesLoader = (ctx: AbondementsContext) =>
  loader<'all', FundingRule[]>(ctx, 'allRules', async (keys) => {
    const rules = await allRules(ctx.store);
    return keys.map(() => rules);
  });

/** A person's requests to France Travail, for several persons in one query per request. */
export const requestsLoader = (ctx: AbondementsContext) =>
  loader<string, FundedRequest[]>(ctx, 'franceTravailRequestsByPerson', async (personIds) => {
    const all = await requestsOfPersons(ctx.store, personIds);
    return personIds.map((id) => all.filter((r) => r.personId === id));
  });

/** The rules of several conventions in one query per request. */
export const rulesByConvention = (ctx: AbondementsContext) =>
  loader<string, FundingRule[]>(ctx, 'rulesByConvention', async (ids) => {
    const rules = await rulesOfConventions(ctx.store, ids);
    return ids.map((id) => rules.filter((r) => r.conventionId === id));
  });

/** The envelope of several rules in one query per request. */
export const envelopeOfRule = (ctx: AbondementsContext) =>
  loader<string, EnvelopeRow | null>(ctx, 'envelopeOfRule', async (ruleIds) => {
    const envelopes = await envelopesOfRules(ctx.store, ruleIds);
    return ruleIds.map((id) => envelopes.find((e) => e.ruleId === id) ?? null);
  });
