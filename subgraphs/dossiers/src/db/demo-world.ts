// Demo dossiers of the demo people on sessions of the demo catalogue
// (catalog-indexer/fixtures/demo: price, start, SIRET of the training's organisation copied from
// there; test/e2e/dossiers.test.ts checks them against the running catalogue). Each is played
// through the real transitions. The plans of the dossiers past acceptance move no CPF or
// abondement money (their cost is paid outside the CPF), so the other subgraphs' demo balances,
// which their tests pin, are untouched and reconciliation finds no drift.
import type { SessionFacts } from './store.ts';
import type { PlanInput } from '../domain/money.ts';
import type { Actor, FundingRoute, Transition } from '../domain/states.ts';

export const DEMO_SESSIONS: Record<string, SessionFacts> = {
  'PDL-F0001-A1-S2': { actionId: 'PDL-F0001-A1', organisationSiret: '83412567600017', price: 320_000, startDate: '2027-04-12', certificationCode: 'RNCP38413' },
  'PDL-F0002-A1-S3': { actionId: 'PDL-F0002-A1', organisationSiret: '79105233500019', price: 150_000, startDate: '2027-03-15', certificationCode: 'RS5629' },
  'PDL-F0003-A1-S2': { actionId: 'PDL-F0003-A1', organisationSiret: '44027718400014', price: 420_000, startDate: '2027-09-06', certificationCode: 'RNCP38416' },
  'NAT-F0001-A1-S2': { actionId: 'NAT-F0001-A1', organisationSiret: '82267514600010', price: 690_000, startDate: '2027-04-12', certificationCode: 'RNCP37674' },
  'NAT-F0003-A1-S2': { actionId: 'NAT-F0003-A1', organisationSiret: '87719302900015', price: 740_000, startDate: '2027-09-27', certificationCode: 'RNCP37674' },
  'NAT-F0006-A1-S3': { actionId: 'NAT-F0006-A1', organisationSiret: '80912236900014', price: 560_000, startDate: '2026-06-01', certificationCode: 'RNCP37859' },
  'HDF-F0001-A1-S3': { actionId: 'HDF-F0001-A1', organisationSiret: '77562281400017', price: 680_000, startDate: '2026-06-01', certificationCode: 'RNCP35830' },
  'HDF-F0002-A1-S2': { actionId: 'HDF-F0002-A1', organisationSiret: '77562281400017', price: 400_000, startDate: '2027-09-13', certificationCode: 'RNCP35830' },
  'HDF-F0001-A2-S2': { actionId: 'HDF-F0001-A2', organisationSiret: '77562281400017', price: 620_000, startDate: '2027-09-20', certificationCode: 'RNCP35830' },
  'NAT-F0002-A1-S2': { actionId: 'NAT-F0002-A1', organisationSiret: '90044176700010', price: 780_000, startDate: '2027-09-20', certificationCode: 'RNCP37873' },
};

export interface DemoStep {
  transition: Transition;
  /** Day it happened (noon in Paris); the seed's time when absent. */
  on?: string;
  actor: Actor;
  sub: string | null;
  reasonCode?: string;
  plan?: PlanInput;
  completionRate?: number;
}

export interface DemoDossier {
  id: string;
  personId: string;
  sessionId: keyof typeof DEMO_SESSIONS & string;
  route: FundingRoute;
  steps: DemoStep[];
}

const prescriber = (sub = 'prescriber-mission-locale-85'): DemoStep => ({ transition: 'positionOnSession', actor: 'prescriber', sub });
const holder = (personId: string, transition: Transition, plan?: PlanInput): DemoStep => ({
  transition,
  actor: 'holder',
  sub: personId,
  ...(plan ? { plan } : {}),
});
const organisation = (siret: string, transition: Transition, reasonCode?: string): DemoStep => ({
  transition,
  actor: 'organisation',
  sub: `of-${siret}`,
  ...(reasonCode ? { reasonCode } : {}),
});
const operator = (transition: Transition): DemoStep => ({ transition, actor: 'operator', sub: 'operator-mcf' });
/** Paid outside the CPF: nothing to debit, spend or reserve. */
const paidOutside = (price: number): PlanInput => ({ cpfRights: 0, dotations: [], topUps: [], remainingCost: price });

const on = (day: string, step: DemoStep): DemoStep => ({ ...step, on: day });

export const DEMO_DOSSIERS: DemoDossier[] = [
  // Camille: a mission locale's proposal, a request waiting for the organisation, an AIF quote waiting for her.
  { id: 'dos-demo-camille-proposed', personId: 'camille-martin', sessionId: 'PDL-F0001-A1-S2', route: 'CPF', steps: [prescriber()] },
  {
    id: 'dos-demo-camille-not-processed',
    personId: 'camille-martin',
    sessionId: 'PDL-F0002-A1-S3',
    route: 'CPF',
    steps: [holder('camille-martin', 'requestDossier')],
  },
  {
    id: 'dos-demo-camille-aif-quote',
    personId: 'camille-martin',
    sessionId: 'PDL-F0003-A1-S2',
    route: 'FRANCE_TRAVAIL_AIF',
    steps: [prescriber(), holder('camille-martin', 'requestDossier'), organisation('44027718400014', 'validateDossier')],
  },
  // Karim: an order to accept, a request the organisation refused, and a training done and paid.
  {
    id: 'dos-demo-karim-validated',
    personId: 'karim-benali',
    sessionId: 'NAT-F0001-A1-S2',
    route: 'CPF',
    steps: [holder('karim-benali', 'requestDossier'), organisation('82267514600010', 'validateDossier')],
  },
  {
    id: 'dos-demo-karim-refused',
    personId: 'karim-benali',
    sessionId: 'NAT-F0003-A1-S2',
    route: 'CPF',
    steps: [holder('karim-benali', 'requestDossier'), organisation('87719302900015', 'refuseDossier', 'SESSION_FULL')],
  },
  {
    id: 'dos-demo-karim-paid',
    personId: 'karim-benali',
    sessionId: 'NAT-F0006-A1-S3',
    route: 'EMPLOYER_OPCO',
    steps: [
      on('2026-04-27', holder('karim-benali', 'requestDossier')),
      on('2026-04-28', organisation('80912236900014', 'validateDossier')),
      on('2026-04-29', holder('karim-benali', 'acceptDossier', paidOutside(560_000))),
      on('2026-06-01', organisation('80912236900014', 'declareEntry')),
      on('2026-11-20', organisation('80912236900014', 'declareExit', 'COMPLETED')),
      on('2026-11-20', { ...organisation('80912236900014', 'declareServiceDone'), completionRate: 100 }),
      on('2026-11-23', operator('validateServiceDone')),
      on('2026-11-23', organisation('80912236900014', 'invoiceDossier')),
      on('2026-11-24', operator('markBilled')),
      on('2026-11-24', operator('markPaid')),
    ],
  },
  // Karim: an order he accepted, then cancelled within the free period (his payment goes back to him).
  {
    id: 'dos-demo-karim-cancelled',
    personId: 'karim-benali',
    sessionId: 'NAT-F0002-A1-S2',
    route: 'CPF',
    steps: [
      on('2026-11-18', holder('karim-benali', 'requestDossier')),
      on('2026-11-19', organisation('90044176700010', 'validateDossier')),
      on('2026-11-20', holder('karim-benali', 'acceptDossier', paidOutside(780_000))),
      on('2026-11-23', holder('karim-benali', 'cancelDossier')),
    ],
  },
  // Lucie: in training since June (employer-funded), an order accepted for September, and an order she declined.
  {
    id: 'dos-demo-lucie-in-training',
    personId: 'lucie-moreau',
    sessionId: 'HDF-F0001-A1-S3',
    route: 'EMPLOYER_OPCO',
    steps: [
      on('2026-04-27', holder('lucie-moreau', 'requestDossier')),
      on('2026-04-28', organisation('77562281400017', 'validateDossier')),
      on('2026-04-29', holder('lucie-moreau', 'acceptDossier', paidOutside(680_000))),
      on('2026-06-01', organisation('77562281400017', 'declareEntry')),
    ],
  },
  {
    id: 'dos-demo-lucie-accepted',
    personId: 'lucie-moreau',
    sessionId: 'HDF-F0001-A2-S2',
    route: 'EMPLOYER_OPCO',
    steps: [
      on('2026-11-18', holder('lucie-moreau', 'requestDossier')),
      on('2026-11-19', organisation('77562281400017', 'validateDossier')),
      on('2026-11-20', holder('lucie-moreau', 'acceptDossier', paidOutside(620_000))),
    ],
  },
  {
    id: 'dos-demo-lucie-declined',
    personId: 'lucie-moreau',
    sessionId: 'HDF-F0002-A1-S2',
    route: 'CPF',
    steps: [holder('lucie-moreau', 'requestDossier'), organisation('77562281400017', 'validateDossier'), holder('lucie-moreau', 'declineDossier')],
  },
];
