// France Travail requests: one open per holder (a partial unique index), decisions, tacit acceptance.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { inKeys, jsonKeys, preparedPerDatabase } from '@formations/schema/subgraph';
import { answerDueBy, requestStatusOn, type FranceTravailRequest } from '../domain/france-travail-request.ts';
import { addDays } from '../domain/working-days.ts';
import type { FundedRequest } from '../domain/funding-plan.ts';
import type { Db } from './client.ts';
import { franceTravailRequests, funders } from './schema.ts';

export class RequestError extends Error {}

/** Records the tacit acceptance of a holder's open requests whose answer is overdue. */
function recordTacitAcceptances(db: Pick<Db, 'select' | 'update'>, personId: string, today: string): void {
  const open = db
    .select()
    .from(franceTravailRequests)
    .where(and(eq(franceTravailRequests.personId, personId), eq(franceTravailRequests.status, 'OPEN')))
    .all();
  for (const request of open) {
    if (requestStatusOn(request, today) !== 'ACCEPTED_TACITLY') continue;
    db.update(franceTravailRequests)
      .set({ status: 'ACCEPTED_TACITLY', amountGranted: request.amountRequested, decidedOn: addDays(request.answerDueBy, 1), decisionReason: 'no answer within the delay' })
      .where(eq(franceTravailRequests.id, request.id))
      .run();
  }
}

export function submitRequest(
  db: Db,
  input: { personId: string; sessionId: string; amountRequested: number; today: string; delayWorkingDays: number },
): FranceTravailRequest {
  return db.transaction(
    (tx) => {
      const franceTravail = tx.select().from(funders).where(eq(funders.kind, 'FRANCE_TRAVAIL')).orderBy(funders.id).get();
      if (!franceTravail) throw new RequestError('France Travail is not a known funder');
      recordTacitAcceptances(tx, input.personId, input.today);
      const open = tx
        .select()
        .from(franceTravailRequests)
        .where(and(eq(franceTravailRequests.personId, input.personId), eq(franceTravailRequests.status, 'OPEN')))
        .get();
      if (open) throw new RequestError(`a request is already open for session ${open.sessionId}, answer due by ${open.answerDueBy}`);
      const request: FranceTravailRequest = {
        id: `ft-request-${randomUUID()}`,
        funderId: franceTravail.id,
        personId: input.personId,
        sessionId: input.sessionId,
        amountRequested: input.amountRequested,
        submittedOn: input.today,
        answerDueBy: answerDueBy(input.today, input.delayWorkingDays),
        status: 'OPEN',
        amountGranted: null,
        decidedOn: null,
        decidedBy: null,
        decisionReason: null,
      };
      tx.insert(franceTravailRequests).values(request).run();
      return request;
    },
    { behavior: 'immediate' },
  );
}

export function findRequest(db: Db, id: string): FranceTravailRequest | undefined {
  return db.select().from(franceTravailRequests).where(eq(franceTravailRequests.id, id)).get();
}

export function decideRequest(
  db: Db,
  id: string,
  decision: { accept: boolean; amountGranted: number | null; reason: string | null; decidedBy: string; today: string },
): FranceTravailRequest {
  return db.transaction(
    (tx) => {
      const request = tx.select().from(franceTravailRequests).where(eq(franceTravailRequests.id, id)).get();
      if (!request) throw new RequestError(`no request ${id}`);
      const status = requestStatusOn(request, decision.today);
      if (status === 'ACCEPTED_TACITLY') throw new RequestError(`the request was accepted tacitly: no answer by ${request.answerDueBy}`);
      if (status !== 'OPEN') throw new RequestError(`the request is already ${status.toLowerCase()}`);
      const amountGranted = decision.accept ? (decision.amountGranted ?? request.amountRequested) : null;
      if (amountGranted !== null && (amountGranted <= 0 || amountGranted > request.amountRequested)) {
        throw new RequestError('the amount granted must be positive and at most the amount requested');
      }
      const decided: FranceTravailRequest = {
        ...request,
        status: decision.accept ? 'ACCEPTED' : 'REFUSED',
        amountGranted,
        decidedOn: decision.today,
        decidedBy: decision.decidedBy,
        decisionReason: decision.reason,
      };
      tx.update(franceTravailRequests).set(decided).where(eq(franceTravailRequests.id, id)).run();
      return decided;
    },
    { behavior: 'immediate' },
  );
}

/** Requests of several holders, with the funder each is addressed to, in one query. */
// Read by every funding plan: compiled once per connection.
const requestsOfPersonsQuery = preparedPerDatabase((db: Db) =>
  db
    .select({ request: franceTravailRequests, funder: funders })
    .from(franceTravailRequests)
    .innerJoin(funders, eq(funders.id, franceTravailRequests.funderId))
    .where(inKeys(franceTravailRequests.personId))
    .orderBy(franceTravailRequests.submittedOn, franceTravailRequests.id)
    .prepare(),
);

export function requestsOfPersons(db: Db, personIds: readonly string[]): FundedRequest[] {
  if (personIds.length === 0) return [];
  return requestsOfPersonsQuery(db)
    .all({ keys: jsonKeys(personIds) })
    .map(({ request, funder }) => ({ ...request, funder }));
}

export function openRequestsOf(db: Db, funderId: string): FranceTravailRequest[] {
  return db
    .select()
    .from(franceTravailRequests)
    .where(and(eq(franceTravailRequests.funderId, funderId), eq(franceTravailRequests.status, 'OPEN')))
    .orderBy(franceTravailRequests.answerDueBy)
    .all();
}
