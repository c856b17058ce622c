// Reads shaped for the domain: one SQL statement per call, whatever the number of keys.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inKeys, jsonKeys, preparedPerDatabase } from '@formations/schema/subgraph';
import type { Holding } from '../domain/certainty.ts';
import type { Dotation, FundingRule } from '../domain/types.ts';
import type { Db } from './client.ts';
import { conventions, dotations, dotationUses, envelopes, funders, reservations, rules } from './schema.ts';

const ruleColumns = {
  rule: rules,
  conventionStatus: conventions.status,
  funder: funders,
  envelopeRemaining: sql<number>`coalesce(${envelopes.budget} - ${envelopes.consumed}, 0)`,
};

type RuleRow = {
  rule: typeof rules.$inferSelect;
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

const rulesQuery = (db: Db) =>
  db
    .select(ruleColumns)
    .from(rules)
    .innerJoin(conventions, eq(conventions.id, rules.conventionId))
    .innerJoin(funders, eq(funders.id, conventions.funderId))
    .leftJoin(envelopes, eq(envelopes.ruleId, rules.id));

/** Every rule of every funder, with what its envelope can still pay: the matching sees them all. */
// The reads every funding plan makes are compiled once per connection (keys bound as one JSON array).
const allRulesQuery = preparedPerDatabase((db: Db) => rulesQuery(db).orderBy(rules.id).prepare());

export function allRules(db: Db): FundingRule[] {
  return allRulesQuery(db).all().map(toFundingRule);
}

export function rulesOfConventions(db: Db, conventionIds: readonly string[]): FundingRule[] {
  if (conventionIds.length === 0) return [];
  return rulesQuery(db)
    .where(inArray(rules.conventionId, [...conventionIds]))
    .orderBy(rules.id)
    .all()
    .map(toFundingRule);
}

export function findRule(db: Db, ruleId: string): FundingRule | undefined {
  const row = rulesQuery(db).where(eq(rules.id, ruleId)).get();
  return row && toFundingRule(row);
}

const dotationsQuery = (db: Db) => db.select({ dotation: dotations, funder: funders }).from(dotations).innerJoin(funders, eq(funders.id, dotations.funderId));

const toDotation = ({ dotation, funder }: { dotation: typeof dotations.$inferSelect; funder: Dotation['funder'] }): Dotation => ({ ...dotation, funder });

const dotationsOfPersonsQuery = preparedPerDatabase((db: Db) => dotationsQuery(db).where(inKeys(dotations.personId)).orderBy(dotations.id).prepare());

export function dotationsOfPersons(db: Db, personIds: readonly string[]): Dotation[] {
  if (personIds.length === 0) return [];
  return dotationsOfPersonsQuery(db)
    .all({ keys: jsonKeys(personIds) })
    .map(toDotation);
}

export function dotationsOfFunder(db: Db, funderId: string): Dotation[] {
  return dotationsQuery(db).where(eq(dotations.funderId, funderId)).orderBy(dotations.id).all().map(toDotation);
}

export function insertDotation(db: Db, dotation: typeof dotations.$inferInsert): Dotation {
  db.insert(dotations).values(dotation).run();
  const row = dotationsQuery(db).where(eq(dotations.id, dotation.id)).get();
  if (!row) throw new Error(`dotation ${dotation.id} was not stored`);
  return toDotation(row);
}

// What dossiers hold for these people: reservations granted (with the rule of their envelope) and
// dotation uses spent. Read by every funding plan, to say which parts are reserved or committed.
const reservationsOfPersonsQuery = preparedPerDatabase((db: Db) =>
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
    .where(and(inKeys(reservations.personId), eq(reservations.status, 'GRANTED')))
    .prepare(),
);
const dotationUsesOfPersonsQuery = preparedPerDatabase((db: Db) =>
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
    .where(and(inKeys(dotations.personId), eq(dotationUses.status, 'SPENT')))
    .prepare(),
);

export function holdingsOfPersons(db: Db, personIds: readonly string[]): (Holding & { personId: string })[] {
  if (personIds.length === 0) return [];
  const keys = jsonKeys(personIds);
  return [
    ...reservationsOfPersonsQuery(db)
      .all({ keys })
      .map((r) => ({ kind: 'RESERVATION' as const, ...r })),
    ...dotationUsesOfPersonsQuery(db)
      .all({ keys })
      .map((u) => ({ kind: 'DOTATION_USE' as const, ...u })),
  ];
}
