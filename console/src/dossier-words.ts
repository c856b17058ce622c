// A dossier in the holder's and the adviser's words: states, steps, actors and deadlines of the
// dossiers subgraph (subgraphs/dossiers/src/domain/states.ts, deadlines.ts) in French. Keyed by the
// generated enum types, so a state or step added to the API fails the typecheck until it is named here.
import type {
  DossierActor,
  DossierDeadlineKind,
  DossierState,
  DossierTransitionKind,
  FundingPartKind,
  FundingPartStatus,
  FundingRoute,
} from './gql/graphql.ts';

type Severity = 'success' | 'info' | 'warning' | 'error' | 'new';

/** Each state, and how the badge shows it: under way (info), waiting for the holder (new), done (success), ended without training (error/warning). */
export const DOSSIER_STATES: Record<DossierState, { words: string; severity: Severity }> = {
  proposed: { words: 'Proposé par un prescripteur', severity: 'new' },
  notProcessed: { words: 'Demandé, en attente de l’organisme', severity: 'info' },
  validated: { words: 'Validé par l’organisme, à accepter', severity: 'new' },
  waitingAcceptation: { words: 'En attente de la décision de France Travail', severity: 'info' },
  accepted: { words: 'Accepté', severity: 'success' },
  refusedByOrganism: { words: 'Refusé par l’organisme', severity: 'error' },
  refusedByFinancer: { words: 'Refusé par le financeur', severity: 'error' },
  refusedByAttendee: { words: 'Refusé par le titulaire', severity: 'warning' },
  lapsed: { words: 'Caduc (délai dépassé)', severity: 'warning' },
  inTraining: { words: 'En formation', severity: 'success' },
  terminated: { words: 'Sortie de formation déclarée', severity: 'success' },
  serviceDoneDeclared: { words: 'Service fait déclaré', severity: 'success' },
  serviceDoneInControl: { words: 'Service fait en contrôle par la Caisse des Dépôts', severity: 'info' },
  serviceDoneValidated: { words: 'Service fait validé', severity: 'success' },
  serviceDoneRefused: { words: 'Service fait refusé après contrôle', severity: 'error' },
  toBill: { words: 'À facturer', severity: 'success' },
  billed: { words: 'Facturé', severity: 'success' },
  paid: { words: 'Payé', severity: 'success' },
  canceledByAttendee: { words: 'Annulé par le titulaire', severity: 'warning' },
  canceledByAttendeeNotRealized: { words: 'Annulé : absence à l’entrée en formation', severity: 'warning' },
  canceledByOrganism: { words: 'Annulé par l’organisme', severity: 'error' },
  canceledByFinancer: { words: 'Annulé par le financeur', severity: 'error' },
  QUOTE_DRAFT: { words: 'Devis en préparation par l’organisme', severity: 'info' },
  AWAITING_BENEFICIARY: { words: 'Devis à valider par le titulaire', severity: 'new' },
  FUNDER_REVIEW: { words: 'En cours d’examen par France Travail', severity: 'info' },
  GRANTED: { words: 'Accordé par France Travail', severity: 'success' },
  REFUSED: { words: 'Refusé par France Travail', severity: 'error' },
  IN_TRAINING: { words: 'En formation', severity: 'success' },
  EXITED: { words: 'Sortie de formation déclarée', severity: 'success' },
  INVOICED: { words: 'Facturé', severity: 'success' },
  PAID: { words: 'Payé', severity: 'success' },
  CANCELLED: { words: 'Annulé', severity: 'warning' },
  LAPSED: { words: 'Caduc (délai dépassé)', severity: 'warning' },
};

export const stateWords = (state: string): string => DOSSIER_STATES[state as DossierState]?.words ?? state;

export const TRANSITIONS: Record<DossierTransitionKind, string> = {
  positionOnSession: 'Proposition d’un prescripteur',
  requestDossier: 'Demande du titulaire',
  checkPrerequisites: 'Vérification des prérequis annoncée par l’organisme',
  validateDossier: 'Validation par l’organisme',
  refuseDossier: 'Refus de l’organisme',
  acceptDossier: 'Acceptation par le titulaire',
  declineDossier: 'Refus du titulaire',
  requestFunderReview: 'Demande d’abondement à France Travail',
  grantFunding: 'Accord du financeur',
  refuseFunding: 'Refus du financeur',
  lapse: 'Délai dépassé sans réponse',
  cancelDossier: 'Annulation par le titulaire',
  cancelByOrganism: 'Annulation par l’organisme',
  cancelByFinancer: 'Annulation par le financeur',
  declareEntry: 'Entrée en formation déclarée',
  declareNoShow: 'Absence à l’entrée déclarée',
  declareExit: 'Sortie de formation déclarée',
  declareServiceDone: 'Service fait déclaré',
  openControl: 'Contrôle du service fait ouvert par la Caisse des Dépôts',
  validateServiceDone: 'Service fait validé',
  refuseServiceDone: 'Service fait refusé à l’issue du contrôle',
  invoiceDossier: 'Facture émise par l’organisme',
  markBilled: 'Facture enregistrée',
  markPaid: 'Paiement enregistré',
};

export const ACTORS: Record<DossierActor, string> = {
  holder: 'le titulaire',
  prescriber: 'un prescripteur',
  organisation: 'l’organisme de formation',
  funder: 'le financeur',
  operator: 'la Caisse des Dépôts (opérateur)',
  system: 'automatique',
};

export const ROUTES: Record<FundingRoute, string> = {
  CPF: 'Commande CPF (droits, dotations, abondements)',
  FRANCE_TRAVAIL_AIF: 'Aide individuelle à la formation de France Travail (AIF)',
  EMPLOYER_OPCO: 'Employeur ou OPCO',
};

/** Reason codes the system and the demo organisations give; any other code is shown as is, with the reason in words. */
export const REASON_CODES: Record<string, string> = {
  FUNDING_REFUSED: 'un financeur a refusé sa part : ce qui avait été pris est rendu',
  SESSION_FULL: 'session complète',
  COMPLETED: 'formation suivie jusqu’au bout',
  DEADLINE_ORGANISATION_ANSWER: 'l’organisme n’a pas répondu dans le délai',
  DEADLINE_HOLDER_ACCEPTANCE: 'le titulaire n’a pas accepté dans le délai',
  DEADLINE_FUNDER_SILENCE: 'France Travail n’a pas répondu dans le délai : son silence vaut accord',
  DEADLINE_DECISION_BEFORE_START: 'France Travail n’a pas décidé avant l’entrée en formation',
  DEADLINE_SERVICE_DONE_VALIDATION: 'la Caisse des Dépôts n’a ni validé ni ouvert de contrôle dans le délai : le service fait est validé',
};

/** Who must act before each deadline, and what. */
export const DEADLINES: Record<DossierDeadlineKind, { who: string; what: string; after: string }> = {
  ORGANISATION_ANSWER: { who: 'L’organisme de formation', what: 'valide ou refuse la demande', after: 'la demande devient caduque' },
  ORGANISATION_ANSWER_PREREQUISITES: {
    who: 'L’organisme de formation',
    what: 'vérifie les prérequis puis valide ou refuse la demande',
    after: 'la demande devient caduque',
  },
  HOLDER_ACCEPTANCE: { who: 'Le titulaire', what: 'accepte ou refuse la commande proposée', after: 'la commande devient caduque' },
  FUNDER_SILENCE: {
    who: 'France Travail',
    what: 'accorde ou refuse son abondement',
    after: 'son silence vaut accord : la commande est acceptée et l’argent engagé',
  },
  FREE_CANCELLATION: {
    who: 'Le titulaire',
    what: 'peut annuler sans frais (tout lui est rendu)',
    after: 'une annulation par le titulaire laisse ses droits CPF dépensés ; les dotations et abondements sont rendus',
  },
  DECISION_BEFORE_START: { who: 'France Travail', what: 'décide avant l’entrée en formation', after: 'le devis devient caduc' },
  ENTRY_DECLARATION: { who: 'L’organisme de formation', what: 'déclare l’entrée en formation', after: 'sa déclaration est encore reçue, notée en retard' },
  EXIT_DECLARATION: { who: 'L’organisme de formation', what: 'déclare la sortie de formation', after: 'sa déclaration est encore reçue, notée en retard' },
  SERVICE_DONE_VALIDATION: {
    who: 'La Caisse des Dépôts (opérateur)',
    what: 'valide le service fait ou ouvre un contrôle',
    after: 'le service fait est validé automatiquement',
  },
};

export const PART_KINDS: Record<FundingPartKind, string> = {
  CPF_RIGHTS: 'Droits CPF du titulaire',
  DOTATION: 'Dotation (droits supplémentaires)',
  TOP_UP: 'Abondement',
};

export const PART_STATUSES: Record<FundingPartStatus, string> = {
  recorded: 'prévu, rien n’a bougé',
  committed: 'pris (débité, dépensé ou réservé)',
  refused: 'refusé par le payeur',
  skipped: 'pas demandé (une part précédente a été refusée)',
  returned: 'rendu',
};

/** Today in Paris (YYYY-MM-DD), the day French delays count in. */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const instant = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});
/** "2026-11-25T11:00:00Z" → "25 novembre 2026 à 12:00" (Paris). */
export function formatInstant(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : instant.format(at);
}

/** The main path of a dossier, for the DSFR stepper: each step and the states that are in it. Ended dossiers (refused, cancelled, lapsed) are off it. */
export const DOSSIER_PATHS: Record<'EDOF' | 'AIF', { title: string; states: DossierState[] }[]> = {
  EDOF: [
    { title: 'Demande', states: ['proposed', 'notProcessed'] },
    { title: 'Proposition de commande par l’organisme', states: ['validated', 'waitingAcceptation'] },
    { title: 'Commande acceptée', states: ['accepted'] },
    { title: 'Formation', states: ['inTraining', 'terminated'] },
    { title: 'Service fait', states: ['serviceDoneDeclared', 'serviceDoneInControl', 'serviceDoneValidated'] },
    { title: 'Facturation et paiement', states: ['toBill', 'billed', 'paid'] },
  ],
  AIF: [
    { title: 'Demande et devis', states: ['proposed', 'QUOTE_DRAFT'] },
    { title: 'Devis à valider', states: ['AWAITING_BENEFICIARY'] },
    { title: 'Décision de France Travail', states: ['FUNDER_REVIEW'] },
    { title: 'Formation', states: ['GRANTED', 'IN_TRAINING', 'EXITED'] },
    { title: 'Facturation et paiement', states: ['INVOICED', 'PAID'] },
  ],
};
export const pathOf = (route: FundingRoute) => DOSSIER_PATHS[route === 'FRANCE_TRAVAIL_AIF' ? 'AIF' : 'EDOF'];
