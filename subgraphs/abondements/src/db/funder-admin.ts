// A funder's own records: conventions, rules and their envelopes. Callers check ownership first.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { RecordStatus, RuleAmount, RuleCriteria, TopUpGranting } from '../domain/types.ts';
import type { tables } from './schema.ts';
import type { AbondementsStore } from './store.ts';

export type ConventionRow = typeof tables.conventions.$inferSelect;
export type EnvelopeRow = typeof tables.envelopes.$inferSelect;
export type FunderRow = typeof tables.funders.$inferSelect;

export const findFunder = (store: AbondementsStore, id: string): Promise<FunderRow | undefined> =>
  store.run(async (db) => (await db.select().from(store.t.funders).where(eq(store.t.funders.id, id)))[0]);

export const conventionsOfFunder = (store: AbondementsStore, funderId: string): Promise<ConventionRow[]> =>
  store.run((db) => db.select().from(store.t.conventions).where(eq(store.t.conventions.funderId, funderId)).orderBy(store.t.conventions.id));

export const findConvention = (store: AbondementsStore, id: string): Promise<ConventionRow | undefined> =>
  store.run(async (db) => (await db.select().from(store.t.conventions).where(eq(store.t.conventions.id, id)))[0]);

/** The funder that owns a rule, through its convention. */
export function funderOfRule(store: AbondementsStore, ruleId: string): Promise<string | undefined> {
  const { rules, conventions } = store.t;
  return store.run(
    async (db) =>
      (
        await db
          .select({ funderId: conventions.funderId })
          .from(rules)
          .innerJoin(conventions, eq(conventions.id, rules.conventionId))
          .where(eq(rules.id, ruleId))
      )[0]?.funderId,
  );
}

export function envelopesOfRules(store: AbondementsStore, ruleIds: readonly string[]): Promise<EnvelopeRow[]> {
  if (ruleIds.length === 0) return Promise.resolve([]);
  const { envelopes } = store.t;
  return store.run((db) =>
    db
      .select()
      .from(envelopes)
      .where(inArray(envelopes.ruleId, [...ruleIds])),
  );
}

export async function createConvention(
  store: AbondementsStore,
  input: { funderId: string; label: string; validFrom: string; validTo: string | null },
): Promise<ConventionRow> {
  const row: ConventionRow = { id: `convention-${randomUUID()}`, status: 'ACTIVE', ...input };
  await store.run((db) => db.insert(store.t.conventions).values(row));
  return row;
}

export async function setConventionStatus(store: AbondementsStore, id: string, status: RecordStatus): Promise<void> {
  await store.run((db) => db.update(store.t.conventions).set({ status }).where(eq(store.t.conventions.id, id)));
}

export interface RuleFields {
  label: string;
  criteria: RuleCriteria;
  amount: RuleAmount;
  granting: TopUpGranting;
  validFrom: string;
  validTo: string | null;
}

export async function createRule(store: AbondementsStore, input: RuleFields & { conventionId: string; budget: number }): Promise<string> {
  const id = `rule-${randomUUID()}`;
  await store.transaction(async (tx) => {
    await tx.insert(store.t.rules).values({ id, conventionId: input.conventionId, ...ruleColumns(input) });
    await tx.insert(store.t.envelopes).values({ id: `envelope-${randomUUID()}`, ruleId: id, budget: input.budget });
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

export async function updateRule(store: AbondementsStore, id: string, input: RuleFields): Promise<void> {
  await store.run((db) => db.update(store.t.rules).set(ruleColumns(input)).where(eq(store.t.rules.id, id)));
}

export async function setRuleStatus(store: AbondementsStore, id: string, status: RecordStatus): Promise<void> {
  await store.run((db) => db.update(store.t.rules).set({ status }).where(eq(store.t.rules.id, id)));
}

/**
 * Changes a rule's budget; false when it would fall below what is already reserved (checked by the
 * update itself, so a reservation committed meanwhile counts).
 */
export async function setEnvelopeBudget(store: AbondementsStore, ruleId: string, budget: number): Promise<boolean> {
  const { envelopes } = store.t;
  const changed = await store.run((db) =>
    db
      .update(envelopes)
      .set({ budget })
      .where(and(eq(envelopes.ruleId, ruleId), lte(envelopes.consumed, budget)))
      .returning({ id: envelopes.id }),
  );
  return changed.length === 1;
}
