// The state machine, from tables: each line is a case of shared/domain/dossiers.md.
import { describe, expect, it } from 'vitest';
import {
  AIF_STATES,
  EDOF_STATES,
  RULES,
  ruleFor,
  TransitionError,
  type Actor,
  type DossierState,
  type FundingRoute,
  type Transition,
} from '../src/domain/states.ts';

type Case = [DossierState | null, Transition, Actor, DossierState | 'FORBIDDEN' | 'IMPOSSIBLE', string];

function outcome(route: FundingRoute, from: DossierState | null, transition: Transition, actor: Actor): string {
  try {
    return ruleFor(route, from, transition, actor).to;
  } catch (error) {
    if (error instanceof TransitionError) return error.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'IMPOSSIBLE';
    throw error;
  }
}

describe('CPF order (EDOF states)', () => {
  const cases: Case[] = [
    [null, 'positionOnSession', 'prescriber', 'proposed', 'a prescriber positions a person: a proposal'],
    [null, 'positionOnSession', 'holder', 'FORBIDDEN', 'only prescribers position'],
    ['proposed', 'requestDossier', 'holder', 'notProcessed', 'the person turns the proposal into a request'],
    [null, 'requestDossier', 'holder', 'notProcessed', 'the holder sends a request for a session: notProcessed'],
    [null, 'requestDossier', 'organisation', 'FORBIDDEN', 'nobody requests for the holder'],
    ['notProcessed', 'validateDossier', 'organisation', 'validated', 'the organisation proposes the order'],
    ['notProcessed', 'validateDossier', 'holder', 'FORBIDDEN', 'the holder does not validate'],
    ['notProcessed', 'refuseDossier', 'organisation', 'refusedByOrganism', 'the organisation refuses (reason code)'],
    ['notProcessed', 'checkPrerequisites', 'organisation', 'notProcessed', 'prerequisites to check: the request waits, 30 working days instead of 2'],
    ['notProcessed', 'checkPrerequisites', 'holder', 'FORBIDDEN', 'only the organisation checks prerequisites'],
    ['validated', 'checkPrerequisites', 'organisation', 'IMPOSSIBLE', 'prerequisites are checked before validating, not after'],
    ['validated', 'acceptDossier', 'holder', 'accepted', 'the holder accepts the order: rights are debited'],
    ['notProcessed', 'acceptDossier', 'holder', 'IMPOSSIBLE', 'nothing to accept before the organisation validates'],
    ['validated', 'acceptDossier', 'organisation', 'FORBIDDEN', 'the organisation cannot accept for the holder'],
    ['validated', 'declineDossier', 'holder', 'refusedByAttendee', 'the holder declines'],
    ['validated', 'requestFunderReview', 'holder', 'waitingAcceptation', 'a France Travail top-up was asked'],
    ['waitingAcceptation', 'grantFunding', 'funder', 'accepted', 'France Travail accepts'],
    ['waitingAcceptation', 'grantFunding', 'system', 'accepted', 'silence for 10 working days = acceptance'],
    ['waitingAcceptation', 'refuseFunding', 'funder', 'refusedByFinancer', 'France Travail refuses'],
    ['notProcessed', 'lapse', 'system', 'lapsed', 'the organisation stays silent 2 working days'],
    ['validated', 'lapse', 'system', 'lapsed', 'the holder stays silent 4 working days'],
    ['validated', 'lapse', 'holder', 'FORBIDDEN', 'only time lapses a dossier'],
    ['accepted', 'cancelDossier', 'holder', 'canceledByAttendee', 'the holder cancels'],
    ['inTraining', 'cancelDossier', 'holder', 'IMPOSSIBLE', 'no cancellation by the holder once in training'],
    ['accepted', 'cancelByOrganism', 'organisation', 'canceledByOrganism', 'cancelled by the organisation'],
    ['accepted', 'cancelByFinancer', 'operator', 'canceledByFinancer', 'cancelled by a funder (the operator records it)'],
    ['accepted', 'declareEntry', 'organisation', 'inTraining', 'entry declared'],
    ['accepted', 'declareNoShow', 'organisation', 'canceledByAttendeeNotRealized', 'no-show confirmed by the organisation'],
    ['inTraining', 'declareExit', 'organisation', 'terminated', 'exit declared (reason code)'],
    ['terminated', 'declareServiceDone', 'organisation', 'serviceDoneDeclared', 'the organisation declares the service done'],
    ['serviceDoneDeclared', 'validateServiceDone', 'operator', 'serviceDoneValidated', 'the operator validates'],
    ['serviceDoneDeclared', 'validateServiceDone', 'organisation', 'FORBIDDEN', 'the organisation cannot validate its own service'],
    ['serviceDoneDeclared', 'validateServiceDone', 'system', 'serviceDoneValidated', 'validated automatically after 5 working days'],
    ['serviceDoneDeclared', 'declareServiceDone', 'organisation', 'serviceDoneDeclared', 'correctable until validated'],
    ['serviceDoneValidated', 'declareServiceDone', 'organisation', 'IMPOSSIBLE', 'no correction once validated'],
    ['serviceDoneValidated', 'invoiceDossier', 'organisation', 'toBill', 'billing: toBill'],
    ['toBill', 'markBilled', 'operator', 'billed', 'billed'],
    ['billed', 'markPaid', 'operator', 'paid', 'paid (≈ 30 days)'],
    ['paid', 'cancelDossier', 'holder', 'IMPOSSIBLE', 'a paid dossier is final'],
  ];
  it.each(cases)('%s --%s by %s--> %s (%s)', (from, transition, actor, expected) => {
    expect(outcome('CPF', from, transition, actor)).toBe(expected);
    expect(outcome('EMPLOYER_OPCO', from, transition, actor)).toBe(expected);
  });
});

describe('AIF through a quote (France Travail)', () => {
  const cases: Case[] = [
    [null, 'requestDossier', 'holder', 'QUOTE_DRAFT', 'the project is validated: the organisation is to enter a quote'],
    ['QUOTE_DRAFT', 'validateDossier', 'organisation', 'AWAITING_BENEFICIARY', '3. the organisation enters a quote'],
    ['AWAITING_BENEFICIARY', 'acceptDossier', 'holder', 'FUNDER_REVIEW', '4. the job seeker validates the quote'],
    ['FUNDER_REVIEW', 'grantFunding', 'funder', 'GRANTED', '5. France Travail decides: granted'],
    ['FUNDER_REVIEW', 'refuseFunding', 'funder', 'REFUSED', '5. France Travail decides: refused'],
    ['FUNDER_REVIEW', 'grantFunding', 'holder', 'FORBIDDEN', 'only France Travail decides'],
    ['FUNDER_REVIEW', 'lapse', 'system', 'LAPSED', 'no decision before entry'],
    ['GRANTED', 'declareEntry', 'organisation', 'IN_TRAINING', '6. the organisation confirms entry'],
    ['IN_TRAINING', 'declareExit', 'organisation', 'EXITED', '6. … and exit'],
    ['EXITED', 'invoiceDossier', 'organisation', 'INVOICED', '6. … and invoices France Travail'],
    ['INVOICED', 'markPaid', 'funder', 'PAID', 'France Travail pays the organisation directly'],
    ['GRANTED', 'cancelDossier', 'holder', 'CANCELLED', 'CANCELLED (by the holder)'],
    ['GRANTED', 'declareNoShow', 'organisation', 'CANCELLED', 'no-show'],
    ['QUOTE_DRAFT', 'acceptDossier', 'holder', 'IMPOSSIBLE', 'no quote to agree to yet'],
  ];
  it.each(cases)('%s --%s by %s--> %s (%s)', (from, transition, actor, expected) => {
    expect(outcome('FRANCE_TRAVAIL_AIF', from, transition, actor)).toBe(expected);
  });
});

describe('the tables as a whole', () => {
  it.each([
    ['CPF', EDOF_STATES],
    ['FRANCE_TRAVAIL_AIF', AIF_STATES],
  ] as const)('every %s state is reachable from a request or a proposal', (route, states) => {
    const reached = new Set<DossierState | null>([null]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of RULES[route]) {
        if (r.from.some((f) => reached.has(f)) && !reached.has(r.to)) {
          reached.add(r.to);
          grew = true;
        }
      }
    }
    expect(states.filter((s) => !reached.has(s))).toEqual([]);
  });

  it('an impossible transition names the current state', () => {
    expect(() => ruleFor('CPF', 'lapsed', 'acceptDossier', 'holder')).toThrow('the dossier is lapsed');
  });

  it('a transition never has two rules from the same state for the same actor', () => {
    for (const rules of Object.values(RULES)) {
      const seen = new Set<string>();
      for (const r of rules)
        for (const from of r.from)
          for (const actor of r.actors) {
            const key = `${from}/${r.transition}/${actor}`;
            expect(seen.has(key), key).toBe(false);
            seen.add(key);
          }
    }
  });

  it('money is committed only by an acceptance', () => {
    const committing = Object.values(RULES).flatMap((rules) => rules.filter((r) => r.money === 'commit').map((r) => `${r.transition}→${r.to}`));
    expect([...new Set(committing)].sort()).toEqual(['acceptDossier→accepted', 'grantFunding→GRANTED', 'grantFunding→accepted']);
  });
});
