// France Travail requests: one open per holder (a partial unique index), decisions, tacit acceptance.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { answerDueBy, requestStatusOn, requestWindowRefusal, RequestRefusal, type FranceTravailRequest } from '../domain/france-travail-request.ts';
import { formatDay, formatEuros } from '../domain/money.ts';
import { addDays } from '@formations/schema/working-days';
import type { FundedRequest } from '../domain/funding-plan.ts';
import { batchReadsOf } from './queries.ts';
import { WriteConflict, type AbondementsStore, type Sql, type Tables } from './store.ts';

/** Records the tacit acceptance of a holder's open requests whose answer is overdue. */
async function recordTacitAcceptances(tx: Sql, t: Tables, personId: string, today: string): Promise<void> {
  const { franceTravailRequests } = t;
  const open = await tx
    .select()
    .from(franceTravailRequests)
    .where(and(eq(franceTravailRequests.personId, personId), eq(franceTravailRequests.status, 'OPEN')));
  for (const request of open) {
    if (requestStatusOn(request, today) !== 'ACCEPTED_TACITLY') continue;
    await tx
      .update(franceTravailRequests)
      .set({
        status: 'ACCEPTED_TACITLY',
        amountGranted: request.amountRequested,
        decidedOn: addDays(request.answerDueBy, 1),
        decisionReason: 'pas de réponse dans le délai : le silence vaut acceptation',
      })
      .where(eq(franceTravailRequests.id, request.id));
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

function checkRequest(input: RequestInput): void {
  if (!Number.isSafeInteger(input.amountRequested) || input.amountRequested <= 0) {
    throw new RequestRefusal('AMOUNT_NOT_POSITIVE', 'le montant demandé doit être positif');
  }
  const outOfWindow = requestWindowRefusal({ offeredOn: input.offeredOn, sessionStartDate: input.sessionStartDate, today: input.submittedOn ?? input.today });
  if (outOfWindow) throw outOfWindow;
}

/**
 * Inserts the request inside the caller's transaction. Two submissions for one holder at once
 * both find no open request; the partial unique index lets one in, and the other's transaction,
 * run again (store.transaction), finds it open.
 */
async function insertRequest(tx: Sql, t: Tables, input: RequestInput): Promise<FranceTravailRequest> {
  const { funders, franceTravailRequests } = t;
  const submittedOn = input.submittedOn ?? input.today;
  const [franceTravail] = await tx
    .select()
    .from(funders)
    .where(and(eq(funders.kind, 'FRANCE_TRAVAIL'), input.funderId ? eq(funders.id, input.funderId) : undefined))
    .orderBy(funders.id)
    .limit(1);
  if (!franceTravail) throw new RequestRefusal('NO_FRANCE_TRAVAIL_FUNDER', "France Travail n'est pas un financeur connu");
  await recordTacitAcceptances(tx, t, input.personId, input.today);
  const [open] = await tx
    .select()
    .from(franceTravailRequests)
    .where(and(eq(franceTravailRequests.personId, input.personId), eq(franceTravailRequests.status, 'OPEN')));
  if (open) {
    // This dossier's own request, committed since the transaction read its key: run again to answer it.
    if (input.dossierKey && open.dossierKey === input.dossierKey) throw new WriteConflict();
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
  await tx.insert(franceTravailRequests).values(request);
  return request;
}

export function submitRequest(store: AbondementsStore, input: RequestInput): Promise<FranceTravailRequest> {
  checkRequest(input);
  return store.transaction((tx) => insertRequest(tx, store.t, input));
}

export const findRequest = (store: AbondementsStore, id: string): Promise<FranceTravailRequest | undefined> =>
  store.run(async (db) => (await db.select().from(store.t.franceTravailRequests).where(eq(store.t.franceTravailRequests.id, id)))[0]);

interface Decision {
  accept: boolean;
  amountGranted: number | null;
  reason: string | null;
  decidedBy: string;
  today: string;
}

async function decideIn(tx: Sql, t: Tables, request: FranceTravailRequest, decision: Decision): Promise<FranceTravailRequest> {
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
  // Only an open request is decided: of two decisions at once, the second finds it decided and is run again.
  const changed = await tx
    .update(t.franceTravailRequests)
    .set(decided)
    .where(and(eq(t.franceTravailRequests.id, request.id), eq(t.franceTravailRequests.status, 'OPEN')))
    .returning({ id: t.franceTravailRequests.id });
  if (changed.length === 0) throw new WriteConflict();
  return decided;
}

export function decideRequest(store: AbondementsStore, id: string, decision: Decision): Promise<FranceTravailRequest> {
  const { franceTravailRequests } = store.t;
  return store.transaction(async (tx) => {
    const [request] = await tx.select().from(franceTravailRequests).where(eq(franceTravailRequests.id, id));
    if (!request) throw new RequestRefusal('UNKNOWN_REQUEST', `aucune demande ${id}`);
    return decideIn(tx, store.t, request, decision);
  });
}

/** Requests of several holders, with the funder each is addressed to, in one query (compiled once: queries.ts). */
export async function requestsOfPersons(store: AbondementsStore, personIds: readonly string[]): Promise<FundedRequest[]> {
  if (personIds.length === 0) return [];
  return (await batchReadsOf(store).requestsOfPersons(personIds)).map(({ request, funder }) => ({ ...request, funder }));
}

export function openRequestsOf(store: AbondementsStore, funderId: string): Promise<FranceTravailRequest[]> {
  const { franceTravailRequests } = store.t;
  return store.run((db) =>
    db
      .select()
      .from(franceTravailRequests)
      .where(and(eq(franceTravailRequests.funderId, funderId), eq(franceTravailRequests.status, 'OPEN')))
      .orderBy(franceTravailRequests.answerDueBy),
  );
}

// ------------------------------------------------------------------ a dossier's France Travail review
// The dossiers subgraph's outbox makes, decides and withdraws the request of a dossier waiting for
// France Travail (EDOF waitingAcceptation), each under the dossier's key, so that both agree.

const requestOfDossier = async (db: Sql, t: Tables, dossierKey: string): Promise<FranceTravailRequest | undefined> =>
  (await db.select().from(t.franceTravailRequests).where(eq(t.franceTravailRequests.dossierKey, dossierKey)))[0];

export const findRequestOfDossier = (store: AbondementsStore, dossierKey: string) => store.run((db) => requestOfDossier(db, store.t, dossierKey));

/**
 * The request a dossier's review makes: for the top-ups of its plan paid by a France Travail funder,
 * made on the day the holder asked (`submittedOn`). The same key gives back the same request, also
 * when two calls race (the loser's transaction runs again and finds the winner's request).
 */
export function openRequestOfDossier(
  store: AbondementsStore,
  input: Omit<RequestInput, 'amountRequested' | 'funderId' | 'dossierKey'> & { dossierKey: string; topUps: readonly { ruleId: string; amount: number }[] },
): Promise<FranceTravailRequest> {
  const { t } = store;
  const { rules, conventions, funders } = t;
  return store.transaction(async (tx) => {
    const previous = await requestOfDossier(tx, t, input.dossierKey);
    if (previous) {
      if (previous.personId !== input.personId || previous.sessionId !== input.sessionId)
        throw new RequestRefusal('KEY_REUSED', `la clé ${input.dossierKey} a déjà servi pour une autre demande`);
      return previous;
    }
    const ruleIds = input.topUps.map((topUp) => topUp.ruleId);
    const paidBy =
      ruleIds.length === 0
        ? []
        : await tx
            .select({ ruleId: rules.id, funderId: funders.id })
            .from(rules)
            .innerJoin(conventions, eq(conventions.id, rules.conventionId))
            .innerJoin(funders, eq(funders.id, conventions.funderId))
            .where(and(inArray(rules.id, ruleIds), eq(funders.kind, 'FRANCE_TRAVAIL')));
    const asked = input.topUps.filter((topUp) => paidBy.some((p) => p.ruleId === topUp.ruleId));
    if (asked.length === 0)
      throw new RequestRefusal(
        'NO_FRANCE_TRAVAIL_TOP_UP',
        "le plan du dossier ne demande rien à France Travail : aucun de ses abondements n'est payé par une règle de France Travail",
      );
    const request: RequestInput = { ...input, funderId: paidBy[0]!.funderId, amountRequested: asked.reduce((sum, topUp) => sum + topUp.amount, 0) };
    checkRequest(request);
    return insertRequest(tx, t, request);
  });
}

/** France Travail's decision on a dossier's request, made on the dossier's day; repeating it changes nothing. */
export function decideRequestOfDossier(
  store: AbondementsStore,
  dossierKey: string,
  decision: { accept: boolean; reason: string | null; decidedBy: string; decidedOn: string },
): Promise<FranceTravailRequest> {
  return store.transaction(async (tx) => {
    const request = await requestOfDossier(tx, store.t, dossierKey);
    if (!request) throw new RequestRefusal('UNKNOWN_REQUEST', `aucune demande pour le dossier ${dossierKey}`);
    const status = requestStatusOn(request, decision.decidedOn);
    const accepted = status === 'ACCEPTED' || status === 'ACCEPTED_TACITLY';
    if ((decision.accept && accepted) || (!decision.accept && status === 'REFUSED')) return request;
    return decideIn(tx, store.t, request, {
      accept: decision.accept,
      amountGranted: null,
      reason: decision.reason,
      decidedBy: decision.decidedBy,
      today: decision.decidedOn,
    });
  });
}

/** The dossier was cancelled before France Travail decided: its request no longer asks anything (and frees the holder for another). */
export function withdrawRequestOfDossier(store: AbondementsStore, dossierKey: string, today: string): Promise<FranceTravailRequest | null> {
  const { franceTravailRequests } = store.t;
  return store.transaction(async (tx) => {
    const request = await requestOfDossier(tx, store.t, dossierKey);
    if (!request || requestStatusOn(request, today) !== 'OPEN') return request ?? null;
    const withdrawn: FranceTravailRequest = {
      ...request,
      status: 'WITHDRAWN',
      decidedOn: today,
      decisionReason: 'le dossier a été annulé avant la décision : demande retirée',
    };
    await tx.update(franceTravailRequests).set(withdrawn).where(eq(franceTravailRequests.id, request.id));
    return withdrawn;
  });
}
