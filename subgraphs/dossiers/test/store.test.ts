// Transitions, their outbox rows and idempotency in one SQLite transaction; deadlines applied by
// the sweep from what the database holds; refusals compensated.
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDossiersDatabase } from '../src/db/client.ts';
import { moneyParts, outbox, dossiers, transitions } from '../src/db/schema.ts';
import { applyDueDeadlines, applyTransition, dueOutboxRows, IdempotencyError, recordDelivery } from '../src/db/store.ts';
import { PlanError } from '../src/domain/money.ts';
import { FieldError, TransitionError } from '../src/domain/states.ts';
import { accepted, at, create, PLAN, SESSION, step, tempDatabase } from './helpers.ts';

const tempDatabaseAt = (dir: string) => openDossiersDatabase(path.join(dir, 'dossiers.sqlite')).db;
const stateOf = (db: ReturnType<typeof tempDatabase>['db'], id: string) => db.select().from(dossiers).where(eq(dossiers.id, id)).get()!.state;
const rowsOf = (db: ReturnType<typeof tempDatabase>['db'], id: string) => db.select().from(outbox).where(eq(outbox.dossierId, id)).all();
const partsOf = (db: ReturnType<typeof tempDatabase>['db'], id: string) => db.select().from(moneyParts).where(eq(moneyParts.dossierId, id)).all();

/** Delivers every due row with `answer(row)`: the relay's bookkeeping without HTTP. */
function deliverAll(db: ReturnType<typeof tempDatabase>['db'], now: Date, answer: (key: string) => 'done' | 'refused') {
  for (let rows = dueOutboxRows(db, now.getTime()); rows.length; rows = dueOutboxRows(db, now.getTime())) {
    for (const row of rows) {
      const skip = row.action === 'return' && row.part.status !== 'committed';
      recordDelivery(
        db,
        row.id,
        skip ? { outcome: 'skipped' } : answer(row.key) === 'done' ? { outcome: 'done', answer: 'ok' } : { outcome: 'refused', reason: 'no money' },
        now,
      );
    }
  }
}

describe('a transition and its outbox rows commit together', () => {
  it('acceptance freezes the plan and queues one command per part, keyed by dossier and step', () => {
    const { db } = tempDatabase();
    const result = accepted(db, 'd1', '2026-11-25');
    expect(result.outboxRows).toBe(4);
    expect(rowsOf(db, 'd1').map((r) => r.key)).toEqual([
      'd1:spend-dotation:dotation-x',
      'd1:debit-cpf',
      'd1:reserve-top-up:rule-region',
      'd1:reserve-top-up:rule-ft',
    ]);
    expect(partsOf(db, 'd1').every((p) => p.wanted === 'held' && p.status === 'recorded')).toBe(true);
    expect(db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()).toMatchObject({ state: 'accepted', acceptedOn: '2026-11-25', remainingCost: 0 });
  });

  it('a refused transition leaves no trace: no state change, no plan, no outbox row', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    expect(() => step(db, 'd1', 'acceptDossier', 'holder', '2026-11-25', { plan: { ...PLAN, remainingCost: 1 } })).toThrow(PlanError);
    expect(stateOf(db, 'd1')).toBe('validated');
    expect(rowsOf(db, 'd1')).toEqual([]);
    expect(partsOf(db, 'd1')).toEqual([]);
  });

  it('at most 5 open requests per action and holder: the 6th is refused until one is answered', () => {
    const { db } = tempDatabase();
    for (const n of [1, 2, 3, 4, 5]) create(db, `d${n}`, '2026-11-25');
    expect(() => create(db, 'd6', '2026-11-25')).toThrow('5 requests on action PDL-F0001-A1 are already open');
    expect(() => create(db, 'd6', '2026-11-25', 'CPF', { ...SESSION, actionId: 'PDL-F0001-A2' })).not.toThrow();
    step(db, 'd1', 'refuseDossier', 'organisation', '2026-11-25', { reasonCode: 'FULL' });
    expect(() => create(db, 'd7', '2026-11-25')).not.toThrow();
    expect(() => create(db, 'd8', '2026-11-25', 'FRANCE_TRAVAIL_AIF')).not.toThrow(); // an AIF quote is not a CPF request
  });

  it('a CPF request less than 11 working days before the start is refused', () => {
    const { db } = tempDatabase();
    expect(() => create(db, 'd1', '2026-12-30')).toThrow('before 2027-01-15');
  });
});

describe('idempotency keys', () => {
  it('replaying a key returns the first step, without doing it again', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    const key = { key: 'k-validate', request: '["validateDossier",{"id":"d1"}]' };
    const first = step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25', { idempotency: key });
    const again = step(db, 'd1', 'validateDossier', 'organisation', '2026-11-26', { idempotency: key });
    expect(again).toEqual({ ...first, replayed: true, outboxRows: 0 });
    expect(db.select().from(transitions).where(eq(transitions.dossierId, 'd1')).all()).toHaveLength(2);
  });

  it('a key used for another request is refused', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25', { idempotency: { key: 'k', request: 'a' } });
    expect(() => step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25', { idempotency: { key: 'k', request: 'b' } })).toThrow(IdempotencyError);
  });
});

describe('deadlines applied by the sweep from the database', () => {
  it('an unanswered request lapses the working day after its last day, not before', () => {
    const { db, sqlite, dir } = tempDatabase();
    create(db, 'd1', '2026-11-25'); // last day Friday 27
    expect(applyDueDeadlines(db, at('2026-11-27'))).toEqual([]);
    sqlite.close();
    // A restart: a new connection to the same file finds the deadline.
    const reopened = tempDatabaseAt(dir);
    expect(applyDueDeadlines(reopened, at('2026-11-28'))).toEqual(['d1']);
    const last = reopened.select().from(transitions).where(eq(transitions.dossierId, 'd1')).all().at(-1)!;
    expect(last).toMatchObject({ transition: 'lapse', actorRole: 'system', toState: 'lapsed', reasonCode: 'DEADLINE_ORGANISATION_ANSWER' });
  });

  it("France Travail's silence for 10 working days accepts, and commits the plan's money", () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    step(db, 'd1', 'requestFunderReview', 'holder', '2026-11-25', { plan: PLAN });
    // Only the request to France Travail (abondements) goes out; no money moves while it reviews.
    expect(rowsOf(db, 'd1').map((r) => r.action)).toEqual(['open-review']);
    expect(applyDueDeadlines(db, at('2026-12-09'))).toEqual([]);
    expect(applyDueDeadlines(db, at('2026-12-10'))).toEqual(['d1']);
    expect(stateOf(db, 'd1')).toBe('accepted');
    // Silence needs no command to abondements (it derives the same acceptance): the four parts are committed.
    expect(rowsOf(db, 'd1').map((r) => r.action)).toEqual(['open-review', 'commit', 'commit', 'commit', 'commit']);
  });

  it('prerequisites to check: the request waits 30 working days from the request, then lapses, across a restart', () => {
    const { db, sqlite, dir } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'checkPrerequisites', 'organisation', '2026-11-26');
    expect(db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()).toMatchObject({
      state: 'notProcessed',
      deadlineKind: 'ORGANISATION_ANSWER_PREREQUISITES',
      deadlineDueOn: '2027-01-08',
    });
    expect(() => step(db, 'd1', 'checkPrerequisites', 'organisation', '2026-11-27')).toThrow(/already being checked/);
    expect(applyDueDeadlines(db, at('2026-12-01'))).toEqual([]); // the 2 working days are no longer the limit
    sqlite.close();
    const reopened = tempDatabaseAt(dir);
    expect(applyDueDeadlines(reopened, at('2027-01-08'))).toEqual([]);
    expect(applyDueDeadlines(reopened, at('2027-01-09'))).toEqual(['d1']);
    expect(reopened.select().from(transitions).where(eq(transitions.dossierId, 'd1')).all().at(-1)).toMatchObject({
      transition: 'lapse',
      reasonCode: 'DEADLINE_ORGANISATION_ANSWER_PREREQUISITES',
    });
  });

  it('the service done is validated by the system 5 working days after its declaration (a correction does not restart them), across a restart', () => {
    const { db, sqlite, dir } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25');
    step(db, 'd1', 'declareExit', 'organisation', '2026-11-25', { reasonCode: 'COMPLETED' });
    step(db, 'd1', 'declareServiceDone', 'organisation', '2026-11-25', { completionRate: 90 });
    step(db, 'd1', 'declareServiceDone', 'organisation', '2026-11-30', { completionRate: 100 });
    expect(db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()).toMatchObject({
      completionRate: 100,
      deadlineKind: 'SERVICE_DONE_VALIDATION',
      deadlineDueOn: '2026-12-02',
    });
    sqlite.close();
    const reopened = tempDatabaseAt(dir);
    expect(applyDueDeadlines(reopened, at('2026-12-02'))).toEqual([]);
    expect(applyDueDeadlines(reopened, at('2026-12-03'))).toEqual(['d1']);
    expect(reopened.select().from(transitions).where(eq(transitions.dossierId, 'd1')).all().at(-1)).toMatchObject({
      transition: 'validateServiceDone',
      actorRole: 'system',
      toState: 'serviceDoneValidated',
      reasonCode: 'DEADLINE_SERVICE_DONE_VALIDATION',
    });
  });

  // "serviceDoneValidated: the operator validates, automatically after 5 working days unless it opens a control" (dossiers.md)
  it('a control opened by the operator stops the automatic validation: no deadline runs, the sweep leaves it, the operator decides', () => {
    const { db, sqlite, dir } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25');
    step(db, 'd1', 'declareExit', 'organisation', '2026-11-25', { reasonCode: 'COMPLETED' });
    step(db, 'd1', 'declareServiceDone', 'organisation', '2026-11-25', { completionRate: 100 });
    step(db, 'd1', 'openControl', 'operator', '2026-12-02'); // the last day of the 5 working days
    expect(db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()).toMatchObject({
      state: 'serviceDoneInControl',
      deadlineKind: null,
      deadlineDueOn: null,
    });
    expect(() => step(db, 'd1', 'declareServiceDone', 'organisation', '2026-12-02', { completionRate: 50 })).toThrow(/serviceDoneInControl/);
    sqlite.close();
    const reopened = tempDatabaseAt(dir);
    expect(applyDueDeadlines(reopened, at('2026-12-03'))).toEqual([]);
    expect(applyDueDeadlines(reopened, at('2027-03-01'))).toEqual([]);
    expect(stateOf(reopened, 'd1')).toBe('serviceDoneInControl');
    step(reopened, 'd1', 'validateServiceDone', 'operator', '2027-03-01');
    expect(stateOf(reopened, 'd1')).toBe('serviceDoneValidated');
    expect(reopened.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()!.amountDue).toBe(320_000);
  });

  it('a control opened after the 5 working days is too late: the validation applied first', () => {
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25');
    step(db, 'd1', 'declareExit', 'organisation', '2026-11-25', { reasonCode: 'COMPLETED' });
    step(db, 'd1', 'declareServiceDone', 'organisation', '2026-11-25', { completionRate: 100 });
    expect(applyDueDeadlines(db, at('2026-12-03'))).toEqual(['d1']);
    expect(() => step(db, 'd1', 'openControl', 'operator', '2026-12-03')).toThrow(/serviceDoneValidated/);
  });

  it('a control that ends in a refusal needs a reason code and gives back every part taken', () => {
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    deliverAll(db, at('2026-11-25'), () => 'done');
    step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25');
    step(db, 'd1', 'declareExit', 'organisation', '2026-11-25', { reasonCode: 'COMPLETED' });
    step(db, 'd1', 'declareServiceDone', 'organisation', '2026-11-25', { completionRate: 100 });
    step(db, 'd1', 'openControl', 'operator', '2026-11-26', { reasonCode: 'ATTENDANCE_SHEETS', reason: 'feuilles d’émargement demandées' });
    expect(() => step(db, 'd1', 'refuseServiceDone', 'operator', '2026-11-27')).toThrow(TransitionError);
    step(db, 'd1', 'refuseServiceDone', 'operator', '2026-11-27', { reasonCode: 'SERVICE_NOT_DONE' });
    expect(stateOf(db, 'd1')).toBe('serviceDoneRefused');
    // The holder's own CPF rights too: unlike a late cancellation, nothing stays spent.
    expect(
      partsOf(db, 'd1')
        .map((p) => [p.kind, p.wanted])
        .sort(),
    ).toEqual([
      ['CPF_RIGHTS', 'returned'],
      ['DOTATION', 'returned'],
      ['TOP_UP', 'returned'],
      ['TOP_UP', 'returned'],
    ]);
    expect(
      rowsOf(db, 'd1')
        .filter((r) => r.action === 'return')
        .map((r) => r.key),
    ).toHaveLength(4);
    expect(db.select().from(transitions).where(eq(transitions.dossierId, 'd1')).all().slice(-2)).toMatchObject([
      { transition: 'openControl', actorRole: 'operator', toState: 'serviceDoneInControl', reasonCode: 'ATTENDANCE_SHEETS' },
      { transition: 'refuseServiceDone', actorRole: 'operator', toState: 'serviceDoneRefused', reasonCode: 'SERVICE_NOT_DONE' },
    ]);
  });

  it('entry and exit carry their real day: never in the future nor before what they follow; a late declaration is taken', () => {
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    expect(() => step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25', { realDay: '2026-11-26' })).toThrow(FieldError);
    expect(() => step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25', { realDay: '2026-11-24' })).toThrow(/before the acceptance/);
    step(db, 'd1', 'declareEntry', 'organisation', '2026-12-03', { realDay: '2026-11-27' }); // 4 working days later: late
    expect(() => step(db, 'd1', 'declareExit', 'organisation', '2026-12-03', { reasonCode: 'COMPLETED', realDay: '2026-11-26' })).toThrow(
      /before the entry on 2026-11-27/,
    );
    step(db, 'd1', 'declareExit', 'organisation', '2026-12-03', { reasonCode: 'COMPLETED' });
    expect(() => step(db, 'd1', 'declareServiceDone', 'organisation', '2026-12-03', { completionRate: 101 })).toThrow(/completionRate: a whole percent/);
    expect(() => step(db, 'd1', 'declareServiceDone', 'organisation', '2026-12-03')).toThrow(FieldError);
    const steps = db.select().from(transitions).where(eq(transitions.dossierId, 'd1')).all();
    expect(steps.filter((t) => t.effectiveOn).map((t) => [t.transition, t.effectiveOn])).toEqual([
      ['declareEntry', '2026-11-27'],
      ['declareExit', '2026-12-03'],
    ]);
    expect(stateOf(db, 'd1')).toBe('terminated');
  });

  it('acting in time leaves nothing for the sweep', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-27');
    expect(applyDueDeadlines(db, at('2026-11-30'))).toEqual([]);
    expect(stateOf(db, 'd1')).toBe('validated');
  });
});

describe('money exactly once, given back exactly', () => {
  it('a refused top-up refunds what was already taken and cancels the dossier with the reason', () => {
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    deliverAll(db, at('2026-11-25'), (key) => (key === 'd1:reserve-top-up:rule-region' ? 'refused' : 'done'));
    expect(stateOf(db, 'd1')).toBe('canceledByFinancer');
    const last = db.select().from(transitions).where(eq(transitions.dossierId, 'd1')).all().at(-1)!;
    expect(last).toMatchObject({ actorRole: 'system', reasonCode: 'FUNDING_REFUSED' });
    expect(last.reason).toContain('d1:reserve-top-up:rule-region');
    expect(Object.fromEntries(partsOf(db, 'd1').map((p) => [p.commitKey, p.status]))).toEqual({
      'd1:spend-dotation:dotation-x': 'returned',
      'd1:debit-cpf': 'returned',
      'd1:reserve-top-up:rule-region': 'refused',
      'd1:reserve-top-up:rule-ft': 'skipped', // never asked
    });
    expect(
      rowsOf(db, 'd1')
        .filter((r) => r.action === 'return')
        .map((r) => r.key),
    ).toEqual(['d1:spend-dotation:dotation-x:return', 'd1:debit-cpf:return']);
  });

  it.each([
    // day of cancellation, who, CPF rights given back
    ['2026-12-10', 'cancelDossier', 'holder', true, 'within 11 working days of acceptance: free'],
    ['2026-12-11', 'cancelDossier', 'holder', false, 'afterwards: the rights stay spent'],
    ['2026-12-11', 'declareNoShow', 'organisation', false, 'no-show: the rights stay spent'],
    ['2026-12-11', 'cancelByOrganism', 'organisation', true, 'cancelled by the organisation: everything back'],
  ] as const)('%s %s by %s: CPF given back %s (%s)', (day, transition, actor, cpfBack, _why) => {
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25'); // free cancellation until 2026-12-10
    deliverAll(db, at('2026-11-25'), () => 'done');
    step(db, 'd1', transition, actor, day, { reasonCode: 'R' });
    deliverAll(db, at(day), () => 'done');
    const parts = partsOf(db, 'd1');
    expect(parts.find((p) => p.kind === 'CPF_RIGHTS')!.status).toBe(cpfBack ? 'returned' : 'committed');
    expect(parts.filter((p) => p.kind !== 'CPF_RIGHTS').every((p) => p.status === 'returned')).toBe(true);
  });

  it('a partial completion (50 %) validated: each payer keeps its share of what is owed, the rest goes back, top-ups first', () => {
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25'); // 3,200 €: dotation 100 €, CPF 300 €, top-ups 1,600 € (region) and 1,200 € (ft)
    deliverAll(db, at('2026-11-25'), () => 'done');
    step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25');
    step(db, 'd1', 'declareExit', 'organisation', '2026-11-26', { reasonCode: 'DROPPED_OUT' });
    step(db, 'd1', 'declareServiceDone', 'organisation', '2026-11-26', { completionRate: 50 });
    step(db, 'd1', 'validateServiceDone', 'operator', '2026-11-27');
    expect(db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()).toMatchObject({
      state: 'serviceDoneValidated',
      completionRate: 50,
      amountDue: 160_000,
    });
    const returns = rowsOf(db, 'd1').filter((r) => r.action === 'return');
    expect(returns.map((r) => r.key)).toEqual(['d1:reserve-top-up:rule-region:return', 'd1:reserve-top-up:rule-ft:return']);
    const inOrder = () => partsOf(db, 'd1').sort((a, b) => a.id - b.id);
    expect(inOrder().map((p) => [p.reference || 'CPF', p.amount, p.kept, p.wanted])).toEqual([
      ['dotation-x', 10_000, null, 'held'],
      ['CPF', 30_000, null, 'held'],
      ['rule-region', 160_000, 120_000, 'held'],
      ['rule-ft', 120_000, null, 'returned'],
    ]);
    deliverAll(db, at('2026-11-27'), () => 'done');
    expect(inOrder().map((p) => p.status)).toEqual(['committed', 'committed', 'returned', 'returned']);
  });

  it('at 80 % attended or more, nothing goes back', () => {
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25');
    step(db, 'd1', 'declareExit', 'organisation', '2026-11-26', { reasonCode: 'COMPLETED' });
    step(db, 'd1', 'declareServiceDone', 'organisation', '2026-11-26', { completionRate: 80 });
    step(db, 'd1', 'validateServiceDone', 'operator', '2026-11-27');
    expect(rowsOf(db, 'd1').filter((r) => r.action === 'return')).toEqual([]);
    expect(db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()!.amountDue).toBe(320_000);
  });

  it('an AIF invoiced at 60 % attended: France Travail pays the hours done, pro rata to the cent, the rest of its commitment goes back', () => {
    const { db } = tempDatabase();
    const aif = { cpfRights: 0, dotations: [], topUps: [{ ruleId: 'rule-ft-aif', amount: 320_000 }], remainingCost: 0 };
    create(db, 'd1', '2026-11-25', 'FRANCE_TRAVAIL_AIF');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    step(db, 'd1', 'acceptDossier', 'holder', '2026-11-25', { plan: aif });
    step(db, 'd1', 'grantFunding', 'funder', '2026-11-26');
    deliverAll(db, at('2026-11-26'), () => 'done');
    step(db, 'd1', 'declareEntry', 'organisation', '2026-11-26');
    step(db, 'd1', 'declareExit', 'organisation', '2026-11-27', { reasonCode: 'DROPPED_OUT' });
    // The rate is the invoice's: without it the invoice is refused, naming the argument.
    expect(() => step(db, 'd1', 'invoiceDossier', 'organisation', '2026-11-27')).toThrow(FieldError);
    step(db, 'd1', 'invoiceDossier', 'organisation', '2026-11-27', { completionRate: 60 });
    // AIF: no 25 % floor and no 80 % threshold (domain/completion.ts, scheme AIF).
    expect(db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()).toMatchObject({ state: 'INVOICED', completionRate: 60, amountDue: 192_000 });
    expect(partsOf(db, 'd1').map((p) => [p.reference, p.amount, p.kept, p.wanted])).toEqual([['rule-ft-aif', 320_000, 192_000, 'held']]);
    expect(rowsOf(db, 'd1').map((r) => r.key)).toEqual(['d1:reserve-top-up:rule-ft-aif', 'd1:reserve-top-up:rule-ft-aif:return']);
  });

  it.each([
    ['refused after a control: all of it', 'refused', 25_000],
    ['cancelled by the organisation: all of it', 'cancelByOrganism', 25_000],
    ['cancelled by the holder within the free period: all of it', 'cancelWithin', 25_000],
    ['cancelled by the holder after the free period: nothing', 'cancelLate', 0],
    ['a no-show: nothing', 'declareNoShow', 0],
  ] as const)('what the holder paid themselves goes back as their CPF rights do — %s', (_case, how, back) => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    step(db, 'd1', 'validateDossier', 'organisation', '2026-11-25');
    step(db, 'd1', 'acceptDossier', 'holder', '2026-11-25', { plan: { ...PLAN, topUps: [{ ruleId: 'rule-region', amount: 255_000 }], remainingCost: 25_000 } });
    const refunded = () => db.select().from(dossiers).where(eq(dossiers.id, 'd1')).get()!.remainingCostRefunded;
    expect(refunded()).toBeNull();
    if (how === 'refused') {
      step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25');
      step(db, 'd1', 'declareExit', 'organisation', '2026-11-25', { reasonCode: 'COMPLETED' });
      step(db, 'd1', 'declareServiceDone', 'organisation', '2026-11-25', { completionRate: 100 });
      step(db, 'd1', 'openControl', 'operator', '2026-11-26');
      step(db, 'd1', 'refuseServiceDone', 'operator', '2026-11-27', { reasonCode: 'SERVICE_NOT_DONE' });
    } else if (how === 'cancelByOrganism') step(db, 'd1', 'cancelByOrganism', 'organisation', '2026-11-26', { reasonCode: 'SESSION_CANCELLED' });
    else if (how === 'cancelWithin')
      step(db, 'd1', 'cancelDossier', 'holder', '2026-12-09'); // the 10th working day
    else if (how === 'cancelLate') step(db, 'd1', 'cancelDossier', 'holder', '2026-12-11');
    else step(db, 'd1', 'declareNoShow', 'organisation', '2026-11-26');
    expect(refunded()).toBe(back);
  });

  it("a cancellation before the commits were delivered returns them after, in the dossier's order", () => {
    const { db } = tempDatabase();
    accepted(db, 'd1', '2026-11-25');
    step(db, 'd1', 'cancelDossier', 'holder', '2026-11-25');
    const order: string[] = [];
    deliverAll(db, at('2026-11-25'), (key) => (order.push(key), 'done'));
    expect(order.slice(0, 4).every((k) => !k.endsWith(':return'))).toBe(true);
    expect(partsOf(db, 'd1').every((p) => p.status === 'returned')).toBe(true);
  });

  it('an impossible step names the current state', () => {
    const { db } = tempDatabase();
    create(db, 'd1', '2026-11-25');
    expect(() => step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25')).toThrow(TransitionError);
    expect(() => step(db, 'd1', 'declareEntry', 'organisation', '2026-11-25')).toThrow('the dossier is notProcessed');
  });
});
