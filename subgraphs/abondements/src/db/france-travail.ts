// France Travail requests: one open per holder (a partial unique index), decisions, tacit acceptance.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { inKeys, jsonKeys, preparedPerDatabase } from '@formations/schema/subgraph';
import { answerDueBy, requestStatusOn, requestWindowRefusal, RequestRefusal, type FranceTravailRequest } from '../domain/france-travail-request.ts';
import { formatDay, formatEuros } from '../domain/money.ts';
import { addDays } from '@formations/schema/working-days';
import type { FundedRequest } from '../domain/funding-plan.ts';
import type { Db } from './client.ts';
import { franceTravailRequests, funders } from './schema.ts';

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
      .set({ status: 'ACCEPTED_TACITLY', amountGranted: request.amountRequested, decidedOn: addDays(request.answerDueBy, 1), decisionReason: 'pas de réponse dans le délai : le silence vaut acceptation' })
      .where(eq(franceTravailRequests.id, request.id))
      .run();
  }
}

export function submitRequest(
  db: Db,
  input: { personId: string; sessionId: string; amountRequested: number; offeredOn: string; sessionStartDate: string; today: string },
): FranceTravailRequest {
  if (!Number.isSafeInteger(input.amountRequested) || input.amountRequested <= 0) {
    throw new RequestRefusal('AMOUNT_NOT_POSITIVE', 'le montant demandé doit être positif');
  }
  const outOfWindow = requestWindowRefusal(input);
  if (outOfWindow) throw outOfWindow;
  return db.transaction(
    (tx) => {
      const franceTravail = tx.select().from(funders).where(eq(funders.kind, 'FRANCE_TRAVAIL')).orderBy(funders.id).get();
      if (!franceTravail) throw new RequestRefusal('NO_FRANCE_TRAVAIL_FUNDER', "France Travail n'est pas un financeur connu");
      recordTacitAcceptances(tx, input.personId, input.today);
      const open = tx
        .select()
        .from(franceTravailRequests)
        .where(and(eq(franceTravailRequests.personId, input.personId), eq(franceTravailRequests.status, 'OPEN')))
        .get();
      if (open) {
        throw new RequestRefusal(
          'REQUEST_ALREADY_OPEN',
          `une demande est déjà en cours pour la session ${open.sessionId} (réponse attendue au plus tard le ${formatDay(open.answerDueBy)}) : une seule demande à la fois`,
        );
      }
      const request: FranceTravailRequest = {
        id: `ft-request-${randomUUID()}`,
        funderId: franceTravail.id,
        personId: input.personId,
        sessionId: input.sessionId,
        amountRequested: input.amountRequested,
        submittedOn: input.today,
        answerDueBy: answerDueBy(input.today),
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
      if (!request) throw new RequestRefusal('UNKNOWN_REQUEST', `aucune demande ${id}`);
      const status = requestStatusOn(request, decision.today);
      if (status === 'ACCEPTED_TACITLY') {
        throw new RequestRefusal('ALREADY_ACCEPTED_TACITLY', `la demande est acceptée tacitement : France Travail n'a pas répondu au plus tard le ${formatDay(request.answerDueBy)} et son silence vaut acceptation`);
      }
      if (status !== 'OPEN') throw new RequestRefusal('ALREADY_DECIDED', `la demande est déjà ${status === 'ACCEPTED' ? 'acceptée' : 'refusée'}`);
      const amountGranted = decision.accept ? (decision.amountGranted ?? request.amountRequested) : null;
      if (amountGranted !== null && (amountGranted <= 0 || amountGranted > request.amountRequested)) {
        throw new RequestRefusal('AMOUNT_GRANTED_OUT_OF_RANGE', `le montant accordé doit être positif et au plus le montant demandé (${formatEuros(request.amountRequested)})`);
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
