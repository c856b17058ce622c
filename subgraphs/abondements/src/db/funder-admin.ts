// A funder's own records: conventions, rules and their envelopes. Callers check ownership first.
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { RecordStatus, RuleAmount, RuleCriteria, TopUpGranting } from '../domain/types.ts';
import type { Db } from './client.ts';
import { conventions, envelopes, funders, rules } from './schema.ts';

export type ConventionRow = typeof conventions.$inferSelect;
export type EnvelopeRow = typeof envelopes.$inferSelect;

export const findFunder = (db: Db, id: string) => db.select().from(funders).where(eq(funders.id, id)).get();

export const conventionsOfFunder = (db: Db, funderId: string): ConventionRow[] =>
  db.select().from(conventions).where(eq(conventions.funderId, funderId)).orderBy(conventions.id).all();

export const findConvention = (db: Db, id: string) => db.select().from(conventions).where(eq(conventions.id, id)).get();

/** The funder that owns a rule, through its convention. */
export function funderOfRule(db: Db, ruleId: string): string | undefined {
  return db
    .select({ funderId: conventions.funderId })
    .from(rules)
    .innerJoin(conventions, eq(conventions.id, rules.conventionId))
    .where(eq(rules.id, ruleId))
    .get()?.funderId;
}

export function envelopesOfRules(db: Db, ruleIds: readonly string[]): EnvelopeRow[] {
  if (ruleIds.length === 0) return [];
  return db
    .select()
    .from(envelopes)
    .where(inArray(envelopes.ruleId, [...ruleIds]))
    .all();
}

export function createConvention(db: Db, input: { funderId: string; label: string; validFrom: string; validTo: string | null }): ConventionRow {
  const row: ConventionRow = { id: `convention-${randomUUID()}`, status: 'ACTIVE', ...input };
  db.insert(conventions).values(row).run();
  return row;
}

export function setConventionStatus(db: Db, id: string, status: RecordStatus): void {
  db.update(conventions).set({ status }).where(eq(conventions.id, id)).run();
}

export interface RuleFields {
  label: string;
  criteria: RuleCriteria;
  amount: RuleAmount;
  granting: TopUpGranting;
  validFrom: string;
  validTo: string | null;
}

export function createRule(db: Db, input: RuleFields & { conventionId: string; budget: number }): string {
  const id = `rule-${randomUUID()}`;
  db.transaction((tx) => {
    tx.insert(rules)
      .values({ id, conventionId: input.conventionId, ...ruleColumns(input) })
      .run();
    tx.insert(envelopes)
      .values({ id: `envelope-${randomUUID()}`, ruleId: id, budget: input.budget })
      .run();
  });
  return id;
}

const ruleColumns = (input: RuleFields) => ({
  label: input.label,
  criteria: input.criteria,
  amountKind: input.amount.kind,
  amountValue: input.amount.value,
  capPerDossier: input.amount.capPerDossier,
  rounding: input.amount.rounding,
  granting: input.granting,
  validFrom: input.validFrom,
  validTo: input.validTo,
});

export function updateRule(db: Db, id: string, input: RuleFields): void {
  db.update(rules).set(ruleColumns(input)).where(eq(rules.id, id)).run();
}

export function setRuleStatus(db: Db, id: string, status: RecordStatus): void {
  db.update(rules).set({ status }).where(eq(rules.id, id)).run();
}

/** Changes a rule's budget; false when it would fall below what is already reserved. */
export function setEnvelopeBudget(db: Db, ruleId: string, budget: number): boolean {
  const result = db.update(envelopes).set({ budget }).where(sql`${envelopes.ruleId} = ${ruleId} AND ${envelopes.consumed} <= ${budget}`).run();
  return result.changes === 1;
}
