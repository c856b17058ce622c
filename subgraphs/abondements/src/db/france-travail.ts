// France Travail requests: one open per holder (a partial unique index), decisions, tacit acceptance.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inKeys, jsonKeys, preparedPerDatabase } from '@formations/schema/subgraph';
import { answerDueBy, requestStatusOn, requestWindowRefusal, RequestRefusal, type FranceTravailRequest } from '../domain/france-travail-request.ts';
import { formatDay, formatEuros } from '../domain/money.ts';
import { addDays } from '@formations/schema/working-days';
import type { FundedRequest } from '../domain/funding-plan.ts';
import type { Db } from './client.ts';
import { conventions, franceTravailRequests, funders, rules } from './schema.ts';

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
      .set({
        status: 'ACCEPTED_TACITLY',
        amountGranted: request.amountRequested,
        decidedOn: addDays(request.answerDueBy, 1),
        decisionReason: 'pas de réponse dans le délai : le silence vaut acceptation',
      })
      .where(eq(franceTravailRequests.id, request.id))
      .run();
  }
}

export interface RequestInput {
  personId: string;
  sessionId: string;
  amountRequested: number;
  offeredOn: string;
  sessionStartDate: string;
  today: string;
  /** The day the request was made, when a dossier made it earlier than today (its review step); today otherwise. */
  submittedOn?: string;
  /** The dossier's key (dossier id + step) when a dossier's review makes it. */
  dossierKey?: string | null;
  /** The France Travail funder asked; the first of kind FRANCE_TRAVAIL otherwise. */
  funderId?: string;
}

export function submitRequest(db: Db, input: RequestInput): FranceTravailRequest {
  if (!Number.isSafeInteger(input.amountRequested) || input.amountRequested <= 0) {
    throw new RequestRefusal('AMOUNT_NOT_POSITIVE', 'le montant demandé doit être positif');
  }
  const submittedOn = input.submittedOn ?? input.today;
  const outOfWindow = requestWindowRefusal({ offeredOn: input.offeredOn, sessionStartDate: input.sessionStartDate, today: submittedOn });
  if (outOfWindow) throw outOfWindow;
  return db.transaction(
    (tx) => {
      const franceTravail = tx
        .select()
        .from(funders)
        .where(and(eq(funders.kind, 'FRANCE_TRAVAIL'), input.funderId ? eq(funders.id, input.funderId) : undefined))
        .orderBy(funders.id)
        .get();
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
        submittedOn,
        answerDueBy: answerDueBy(submittedOn),
        status: 'OPEN',
        amountGranted: null,
        decidedOn: null,
        decidedBy: null,
        decisionReason: null,
        dossierKey: input.dossierKey ?? null,
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
        throw new RequestRefusal(
          'ALREADY_ACCEPTED_TACITLY',
          `la demande est acceptée tacitement : France Travail n'a pas répondu au plus tard le ${formatDay(request.answerDueBy)} et son silence vaut acceptation`,
        );
      }
      if (status !== 'OPEN') throw new RequestRefusal('ALREADY_DECIDED', `la demande est déjà ${status === 'ACCEPTED' ? 'acceptée' : 'refusée'}`);
      const amountGranted = decision.accept ? (decision.amountGranted ?? request.amountRequested) : null;
      if (amountGranted !== null && (amountGranted <= 0 || amountGranted > request.amountRequested)) {
        throw new RequestRefusal(
          'AMOUNT_GRANTED_OUT_OF_RANGE',
          `le montant accordé doit être positif et au plus le montant demandé (${formatEuros(request.amountRequested)})`,
        );
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
    // In the order they were made (ids are random): the plan counts each funder's latest on a session.
    .orderBy(franceTravailRequests.submittedOn, sql`france_travail_requests.rowid`)
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

// ------------------------------------------------------------------ a dossier's France Travail review
// The dossiers subgraph's outbox makes, decides and withdraws the request of a dossier waiting for
// France Travail (EDOF waitingAcceptation), each under the dossier's key, so that both agree.

export const findRequestOfDossier = (db: Pick<Db, 'select'>, dossierKey: string) =>
  db.select().from(franceTravailRequests).where(eq(franceTravailRequests.dossierKey, dossierKey)).get();

/**
 * The request a dossier's review makes: for the top-ups of its plan paid by a France Travail funder,
 * made on the day the holder asked (`submittedOn`). The same key gives back the same request.
 */
export function openRequestOfDossier(
  db: Db,
  input: Omit<RequestInput, 'amountRequested' | 'funderId' | 'dossierKey'> & { dossierKey: string; topUps: readonly { ruleId: string; amount: number }[] },
): FranceTravailRequest {
  const previous = findRequestOfDossier(db, input.dossierKey);
  if (previous) {
    if (previous.personId !== input.personId || previous.sessionId !== input.sessionId)
      throw new RequestRefusal('KEY_REUSED', `la clé ${input.dossierKey} a déjà servi pour une autre demande`);
    return previous;
  }
  const ruleIds = input.topUps.map((t) => t.ruleId);
  const paidBy =
    ruleIds.length === 0
      ? []
      : db
          .select({ ruleId: rules.id, funderId: funders.id })
          .from(rules)
          .innerJoin(conventions, eq(conventions.id, rules.conventionId))
          .innerJoin(funders, eq(funders.id, conventions.funderId))
          .where(and(inArray(rules.id, ruleIds), eq(funders.kind, 'FRANCE_TRAVAIL')))
          .all();
  const asked = input.topUps.filter((t) => paidBy.some((p) => p.ruleId === t.ruleId));
  if (asked.length === 0)
    throw new RequestRefusal(
      'NO_FRANCE_TRAVAIL_TOP_UP',
      "le plan du dossier ne demande rien à France Travail : aucun de ses abondements n'est payé par une règle de France Travail",
    );
  return submitRequest(db, { ...input, funderId: paidBy[0]!.funderId, amountRequested: asked.reduce((sum, t) => sum + t.amount, 0) });
}

/** France Travail's decision on a dossier's request, made on the dossier's day; repeating it changes nothing. */
export function decideRequestOfDossier(
  db: Db,
  dossierKey: string,
  decision: { accept: boolean; reason: string | null; decidedBy: string; decidedOn: string },
): FranceTravailRequest {
  const request = findRequestOfDossier(db, dossierKey);
  if (!request) throw new RequestRefusal('UNKNOWN_REQUEST', `aucune demande pour le dossier ${dossierKey}`);
  const status = requestStatusOn(request, decision.decidedOn);
  const accepted = status === 'ACCEPTED' || status === 'ACCEPTED_TACITLY';
  if ((decision.accept && accepted) || (!decision.accept && status === 'REFUSED')) return request;
  return decideRequest(db, request.id, {
    accept: decision.accept,
    amountGranted: null,
    reason: decision.reason,
    decidedBy: decision.decidedBy,
    today: decision.decidedOn,
  });
}

/** The dossier was cancelled before France Travail decided: its request no longer asks anything (and frees the holder for another). */
export function withdrawRequestOfDossier(db: Db, dossierKey: string, today: string): FranceTravailRequest | null {
  return db.transaction(
    (tx) => {
      const request = findRequestOfDossier(tx, dossierKey);
      if (!request || requestStatusOn(request, today) !== 'OPEN') return request ?? null;
      const withdrawn: FranceTravailRequest = {
        ...request,
        status: 'WITHDRAWN',
        decidedOn: today,
        decisionReason: 'le dossier a été annulé avant la décision : demande retirée',
      };
      tx.update(franceTravailRequests).set(withdrawn).where(eq(franceTravailRequests.id, request.id)).run();
      return withdrawn;
    },
    { behavior: 'immediate' },
  );
}
