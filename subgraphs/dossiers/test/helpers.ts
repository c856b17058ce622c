import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDossiersDatabase } from '../src/db/client.ts';
import { applyTransition, type SessionFacts, type TransitionRequest } from '../src/db/store.ts';
import type { Actor, FundingRoute, Transition } from '../src/domain/states.ts';
import type { PlanInput } from '../src/domain/money.ts';

export function tempDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossiers-test-'));
  return { dir, ...openDossiersDatabase(path.join(dir, 'dossiers.sqlite')) };
}

/** Noon in Paris on a day. */
export const at = (day: string, hour = 12) => new Date(`${day}T${String(hour - 1).padStart(2, '0')}:00:00Z`);

export const SESSION: SessionFacts = {
  actionId: 'PDL-F0001-A1',
  organisationSiret: '83412567600017',
  price: 320_000,
  startDate: '2027-01-11',
  certificationCode: 'RNCP38413',
};

export const PLAN: PlanInput = {
  cpfRights: 30_000,
  dotations: [{ dotationId: 'dotation-x', amount: 10_000 }],
  topUps: [
    { ruleId: 'rule-region', amount: 160_000 },
    { ruleId: 'rule-ft', amount: 120_000 },
  ],
  remainingCost: 0,
};

export const ACTOR_SUB: Record<Actor, string | null> = {
  holder: 'camille-martin',
  prescriber: 'prescriber-1',
  organisation: 'of-1',
  funder: 'ft-1',
  operator: 'op-1',
  system: null,
};

type Db = ReturnType<typeof tempDatabase>['db'];

export function step(db: Db, dossierId: string, transition: Transition, actor: Actor, day: string, extra: Partial<TransitionRequest> = {}) {
  return applyTransition(db, { actor: { role: actor, sub: ACTOR_SUB[actor] }, transition, dossierId, now: at(day), ...extra });
}

export function create(db: Db, id: string, day: string, route: FundingRoute = 'CPF', session: SessionFacts = SESSION) {
  return applyTransition(db, {
    actor: { role: 'holder', sub: 'camille-martin' },
    transition: 'requestDossier',
    create: { id, personId: 'camille-martin', sessionId: 'PDL-F0001-A1-S1', route, session },
    now: at(day),
  });
}

/** A CPF dossier accepted on `day` with PLAN. */
export function accepted(db: Db, id: string, day: string) {
  create(db, id, day);
  step(db, id, 'validateDossier', 'organisation', day);
  return step(db, id, 'acceptDossier', 'holder', day, { plan: PLAN });
}
