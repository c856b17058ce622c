// The state machine, from tables: each line is a case of shared/domain/dossiers.md.
import { describe, expect, it } from 'vitest';
import {
  AIF_STATES,
  EDOF_STATES,
  RULES,
  ruleFor,
  stepsFor,
  ACTORS,
  TRANSITIONS,
  type StepFacts,
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
    // "serviceDoneValidated: the operator validates, automatically after 5 working days unless it opens a control"
    ['serviceDoneDeclared', 'openControl', 'operator', 'serviceDoneInControl', 'the operator opens a control'],
    ['serviceDoneDeclared', 'openControl', 'organisation', 'FORBIDDEN', 'only the operator opens a control'],
    ['serviceDoneDeclared', 'openControl', 'system', 'FORBIDDEN', 'no control opens by itself'],
    ['serviceDoneDeclared', 'openControl', 'holder', 'FORBIDDEN', 'the holder does not control'],
    ['terminated', 'openControl', 'operator', 'IMPOSSIBLE', 'a control is of a service declared done'],
    ['serviceDoneValidated', 'openControl', 'operator', 'IMPOSSIBLE', 'too late once validated'],
    ['serviceDoneInControl', 'openControl', 'operator', 'IMPOSSIBLE', 'one control at a time'],
    ['serviceDoneInControl', 'validateServiceDone', 'system', 'IMPOSSIBLE', '"unless it opens a control": no automatic validation under control'],
    ['serviceDoneInControl', 'validateServiceDone', 'operator', 'serviceDoneValidated', 'the control ends: the operator validates'],
    ['serviceDoneInControl', 'refuseServiceDone', 'operator', 'serviceDoneRefused', 'the control ends: the operator refuses (reason code)'],
    ['serviceDoneInControl', 'refuseServiceDone', 'organisation', 'FORBIDDEN', 'the organisation does not decide its own control'],
    ['serviceDoneDeclared', 'refuseServiceDone', 'operator', 'IMPOSSIBLE', 'a refusal ends a control'],
    ['serviceDoneInControl', 'declareServiceDone', 'organisation', 'IMPOSSIBLE', 'no correction under control'],
    ['serviceDoneRefused', 'invoiceDossier', 'organisation', 'IMPOSSIBLE', 'a refused service is not invoiced'],
    ['serviceDoneRefused', 'openControl', 'operator', 'IMPOSSIBLE', 'a refused service is final'],
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

  it('refusing the service after a control gives everything back and needs a reason code', () => {
    expect(ruleFor('CPF', 'serviceDoneInControl', 'refuseServiceDone', 'operator')).toMatchObject({ money: 'returnAll', reasonRequired: true });
    expect(ruleFor('CPF', 'serviceDoneInControl', 'validateServiceDone', 'operator')).toMatchObject({ money: 'prorate' });
  });

  it('an AIF is settled on its invoice, with the attendance: "versé … à la fin du stage après production de certains justificatifs"', () => {
    expect(ruleFor('FRANCE_TRAVAIL_AIF', 'EXITED', 'invoiceDossier', 'organisation')).toMatchObject({ money: 'prorate', takesCompletion: true });
    expect(ruleFor('CPF', 'serviceDoneValidated', 'invoiceDossier', 'organisation').money).toBeUndefined();
  });

  it('money is committed only by an acceptance', () => {
    const committing = Object.values(RULES).flatMap((rules) => rules.filter((r) => r.money === 'commit').map((r) => `${r.transition}→${r.to}`));
    expect([...new Set(committing)].sort()).toEqual(['acceptDossier→accepted', 'grantFunding→GRANTED', 'grantFunding→accepted']);
  });
});

// Dossier.nextSteps: what a viewer may do is exactly what the mutations' rule lookup accepts.
describe('the next steps of a viewer are the transitions ruleFor accepts', () => {
  const party: StepFacts = { party: true, prerequisitesBeingChecked: false, requestProblem: null };
  const cases = (['CPF', 'FRANCE_TRAVAIL_AIF'] as const).flatMap((route) =>
    (route === 'CPF' ? EDOF_STATES : AIF_STATES)
      .concat(['proposed'] as never)
      .flatMap((state) => ACTORS.filter((a) => a !== 'system').map((actor) => [route, state, actor] as const)),
  );
  it.each(cases)('%s %s %s', (route, state, actor) => {
    const listed = stepsFor(route, state, actor, party).map((r) => r.transition);
    const accepted = TRANSITIONS.filter((t) => outcome(route, state, t, actor) !== 'FORBIDDEN' && outcome(route, state, t, actor) !== 'IMPOSSIBLE');
    expect(listed.sort()).toEqual([...accepted].sort());
  });

  const table: [string, DossierState, Actor, StepFacts, Transition[]][] = [
    ['the operator, service declared done: validate or open a control', 'serviceDoneDeclared', 'operator', party, ['openControl', 'validateServiceDone']],
    ['the operator, under control: validate or refuse', 'serviceDoneInControl', 'operator', party, ['validateServiceDone', 'refuseServiceDone']],
    ['the organisation, under control: nothing (no correction)', 'serviceDoneInControl', 'organisation', party, []],
    ['a reader who is not a party: nothing', 'validated', 'holder', { ...party, party: false }, []],
    [
      'prerequisites already being checked: checkPrerequisites is not offered again',
      'notProcessed',
      'organisation',
      { ...party, prerequisitesBeingChecked: true },
      ['validateDossier', 'refuseDossier'],
    ],
    [
      'a proposal the holder may no longer request (too late, 5 open requests): only decline',
      'proposed',
      'holder',
      { ...party, requestProblem: 'too late' },
      ['declineDossier'],
    ],
    [
      'the holder, order validated: accept, ask France Travail, decline, cancel',
      'validated',
      'holder',
      party,
      ['acceptDossier', 'declineDossier', 'requestFunderReview', 'cancelDossier'],
    ],
  ];
  it.each(table)('%s', (_why, state, actor, facts, expected) => {
    expect(
      stepsFor('CPF', state, actor, facts)
        .map((r) => r.transition)
        .sort(),
    ).toEqual([...expected].sort());
  });
});
