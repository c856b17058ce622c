// Reads shaped for the domain: one SQL statement per call, whatever the number of keys.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Holding } from '../domain/certainty.ts';
import type { Dotation, FundingRule } from '../domain/types.ts';
import type { tables } from './schema.ts';
import type { AbondementsStore, Sql, Tables } from './store.ts';

type RuleRow = {
  rule: typeof tables.rules.$inferSelect;
  conventionStatus: FundingRule['conventionStatus'];
  funder: FundingRule['funder'];
  envelopeRemaining: number;
};

const toFundingRule = ({ rule, conventionStatus, funder, envelopeRemaining }: RuleRow): FundingRule => ({
  id: rule.id,
  label: rule.label,
  funder,
  conventionId: rule.conventionId,
  status: rule.status,
  conventionStatus,
  validFrom: rule.validFrom,
  validTo: rule.validTo,
  criteria: rule.criteria,
  amount: { kind: rule.amountKind, value: rule.amountValue, capPerDossier: rule.capPerDossier, rounding: rule.rounding },
  granting: rule.granting,
  envelopeRemaining,
});

const rulesQuery = (db: Sql, { rules, conventions, funders, envelopes }: Tables) =>
  db
    .select({
      rule: rules,
      conventionStatus: conventions.status,
      funder: funders,
      envelopeRemaining: sql<number>`coalesce(${envelopes.budget} - ${envelopes.consumed}, 0)`.mapWith(Number),
    })
    .from(rules)
    .innerJoin(conventions, eq(conventions.id, rules.conventionId))
    .innerJoin(funders, eq(funders.id, conventions.funderId))
    .leftJoin(envelopes, eq(envelopes.ruleId, rules.id));

// The reads every funding plan makes, compiled once per store (store.prepareBatch).
const batchReads = new WeakMap<AbondementsStore, ReturnType<typeof prepareBatchReads>>();

function prepareBatchReads(store: AbondementsStore) {
  const { rules, dotations, reservations, envelopes, dotationUses } = store.t;
  return {
    allRules: store.prepareBatch('all_rules', (db) => rulesQuery(db, store.t).orderBy(rules.id)),
    dotationsOfPersons: store.prepareBatch('dotations_of_persons', (db, inKeys) =>
      dotationsQuery(db, store.t).where(inKeys(dotations.personId)).orderBy(dotations.id),
    ),
    reservationsOfPersons: store.prepareBatch('reservations_of_persons', (db, inKeys) =>
      db
        .select({
          ruleId: envelopes.ruleId,
          personId: reservations.personId,
          sessionId: reservations.sessionId,
          amount: reservations.amount,
          since: reservations.createdAt,
        })
        .from(reservations)
        .innerJoin(envelopes, eq(envelopes.id, reservations.envelopeId))
        .where(and(inKeys(reservations.personId), eq(reservations.status, 'GRANTED'))),
    ),
    dotationUsesOfPersons: store.prepareBatch('dotation_uses_of_persons', (db, inKeys) =>
      db
        .select({
          dotationId: dotationUses.dotationId,
          personId: dotations.personId,
          sessionId: dotationUses.sessionId,
          amount: dotationUses.amount,
          since: dotationUses.createdAt,
        })
        .from(dotationUses)
        .innerJoin(dotations, eq(dotations.id, dotationUses.dotationId))
        .where(and(inKeys(dotations.personId), eq(dotationUses.status, 'SPENT'))),
    ),
    requestsOfPersons: store.prepareBatch('requests_of_persons', (db, inKeys) => {
      const { franceTravailRequests, funders } = store.t;
      return (
        db
          .select({ request: franceTravailRequests, funder: funders })
          .from(franceTravailRequests)
          .innerJoin(funders, eq(funders.id, franceTravailRequests.funderId))
          .where(inKeys(franceTravailRequests.personId))
          // In the order they were made (ids are random): the plan counts each funder's latest on a session.
          .orderBy(franceTravailRequests.submittedOn, store.requestInsertionOrder)
      );
    }),
  };
}

export function batchReadsOf(store: AbondementsStore): ReturnType<typeof prepareBatchReads> {
  let reads = batchReads.get(store);
  if (!reads) batchReads.set(store, (reads = prepareBatchReads(store)));
  return reads;
}

/** Every rule of every funder, with what its envelope can still pay: the matching sees them all. */
export const allRules = async (store: AbondementsStore): Promise<FundingRule[]> => (await batchReadsOf(store).allRules([])).map(toFundingRule);

export function rulesOfConventions(store: AbondementsStore, conventionIds: readonly string[]): Promise<FundingRule[]> {
  if (conventionIds.length === 0) return Promise.resolve([]);
  const { rules } = store.t;
  return store.run(async (db) =>
    (
      await rulesQuery(db, store.t)
        .where(inArray(rules.conventionId, [...conventionIds]))
        .orderBy(rules.id)
    ).map(toFundingRule),
  );
}

export const findRule = (store: AbondementsStore, ruleId: string): Promise<FundingRule | undefined> =>
  store.run(async (db) => {
    const [row] = await rulesQuery(db, store.t).where(eq(store.t.rules.id, ruleId));
    return row && toFundingRule(row);
  });

const dotationsQuery = (db: Sql, { dotations, funders }: Tables) =>
  db.select({ dotation: dotations, funder: funders }).from(dotations).innerJoin(funders, eq(funders.id, dotations.funderId));

const toDotation = ({ dotation, funder }: { dotation: typeof tables.dotations.$inferSelect; funder: Dotation['funder'] }): Dotation => ({
  ...dotation,
  funder,
});

export async function dotationsOfPersons(store: AbondementsStore, personIds: readonly string[]): Promise<Dotation[]> {
  if (personIds.length === 0) return [];
  return (await batchReadsOf(store).dotationsOfPersons(personIds)).map(toDotation);
}

export function dotationsOfFunder(store: AbondementsStore, funderId: string): Promise<Dotation[]> {
  const { dotations } = store.t;
  return store.run(async (db) => (await dotationsQuery(db, store.t).where(eq(dotations.funderId, funderId)).orderBy(dotations.id)).map(toDotation));
}

export function insertDotation(store: AbondementsStore, dotation: typeof tables.dotations.$inferInsert): Promise<Dotation> {
  const { dotations } = store.t;
  return store.transaction(async (tx) => {
    await tx.insert(dotations).values(dotation);
    const [row] = await dotationsQuery(tx, store.t).where(eq(dotations.id, dotation.id));
    if (!row) throw new Error(`dotation ${dotation.id} was not stored`);
    return toDotation(row);
  });
}

/**
 * What dossiers hold for these people: reservations granted (with the rule of their envelope) and
 * dotation uses spent. Read by every funding plan, to say which parts are reserved or committed.
 */
export async function holdingsOfPersons(store: AbondementsStore, personIds: readonly string[]): Promise<(Holding & { personId: string })[]> {
  if (personIds.length === 0) return [];
  const reads = batchReadsOf(store);
  const reserved = await reads.reservationsOfPersons(personIds);
  const spent = await reads.dotationUsesOfPersons(personIds);
  return [...reserved.map((r) => ({ kind: 'RESERVATION' as const, ...r })), ...spent.map((u) => ({ kind: 'DOTATION_USE' as const, ...u }))];
}

/** What is held today under each of these keys (a dossier's reconciliation), read in one statement per kind. */
export function heldUnderKeys(store: AbondementsStore, keys: readonly string[]) {
  const { reservations, dotationUses, franceTravailRequests } = store.t;
  const list = [...keys];
  return store.run(async (db) => ({
    reserved: await db.select().from(reservations).where(inArray(reservations.key, list)),
    spent: await db.select().from(dotationUses).where(inArray(dotationUses.key, list)),
    asked: await db.select().from(franceTravailRequests).where(inArray(franceTravailRequests.dossierKey, list)),
  }));
}
