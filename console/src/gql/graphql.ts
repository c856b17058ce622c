/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The two legal kinds of co-funding (L6323-4). */
export type AbondementKind =
  /** Supplementary rights credited in advance to the holder (L6323-4 III). */
  | 'DOTATION'
  /** A complementary top-up for this dossier (L6323-4 II). */
  | 'TOP_UP';

/** A part of a person’s data the holder can open to someone else. */
export type AccessScope =
  /** Funding plans and the dotations funders gave the person. */
  | 'FUNDING'
  /** The passport itself: identity, home, competences, certifications, experiences, target jobs. */
  | 'PASSPORT'
  /** The trainings recommended to the person. */
  | 'RECOMMENDATIONS'
  /** The CPF account and the quotes computed from it. */
  | 'RIGHTS';

/** How sure a part of a funding plan is. */
export type CertaintyLevel =
  /** Applied without anyone deciding: the holder's rights, a dotation, an automated convention rule. */
  | 'AUTOMATIC'
  /** Committed: a dotation spent for this session, or a funder's acceptance (explicit or by silence). */
  | 'COMMITTED'
  /** Counted only if the funder accepts: see decidedBy, decideBy and silenceMeans. */
  | 'FUNDER_DECISION'
  /** Set aside in the rule's envelope for this person × session (a dossier's reservation). */
  | 'RESERVED';

/** The France Compétences register a certification belongs to. */
export type CertificationKind =
  /** Répertoire national des certifications professionnelles (diplomas, titles, CQP with a level). */
  | 'RNCP'
  /** Répertoire spécifique (certifications and habilitations without a level). */
  | 'RS';

/** The kind of competence, as ROME 4.0 classifies it. */
export type CompetenceCategory =
  /** Savoir-être professionnel: how the person behaves at work (rigour, autonomy…). */
  | 'SAVOIR_ETRE_PROFESSIONNEL'
  /** Savoir-faire: what the person can do at work. */
  | 'SAVOIR_FAIRE';

/** The rule that decides what a year of activity earns. */
export type CpfAcquisitionRule =
  /** Worked at least half the reference working time: the full yearly credit (L6323-11, R6323-1). */
  | 'EMPLOYEE_HALF_TIME_OR_MORE'
  /** Worked less than half: pro rata, rounded up to the cent (L6323-11, R6323-1 II). */
  | 'EMPLOYEE_PRO_RATA'
  /** Admitted to an ESAT: 800 € per year of admission (R6323-29). */
  | 'ESAT'
  /** No salaried or self-employed activity (e.g. a job seeker): rights kept, none earned (L6323-3). */
  | 'NO_ACTIVITY'
  /** Self-employed all year, contribution paid (R6323-22). */
  | 'SELF_EMPLOYED'
  /** Self-employed but the training contribution was not paid: nothing earned (L6323-27). */
  | 'SELF_EMPLOYED_CONTRIBUTION_UNPAID'
  /** Self-employed part of the year, contribution paid: pro rata, rounded up to the cent (R6323-22). */
  | 'SELF_EMPLOYED_PRO_RATA';

/** Why money entered or left a CPF account. */
export type CpfLedgerEntryKind =
  /** Yearly rights earned by working (L6323-11), credited in spring of the following year. */
  | 'ACQUISITION'
  /** Abondement of at least 3,000 € paid by the employer after a dismissal for refusing a collective performance agreement (L2254-2, R6323-3-2), outside the ceiling. */
  | 'APC'
  /** Credit after a work accident or occupational disease (CSS L432-12). */
  | 'ATMP'
  /** Points of the compte professionnel de prévention converted to training rights (R4163-11). */
  | 'C2P'
  /** Abondement correctif of 3,000 € (L6323-13), outside the ceiling. */
  | 'CORRECTIF'
  /** Rights spent on a training dossier. */
  | 'DEBIT'
  /** Rights given back when a dossier is cancelled. */
  | 'REFUND';

/** What the CPF rules see of a training: the kind of certification or action it leads to (caps and conditions depend on it). */
export type CpfTrainingKind =
  /** A bilan de compétences (skills assessment). */
  | 'BILAN_COMPETENCES'
  /** Training for people creating or taking over a business. */
  | 'BUSINESS_CREATION'
  /** CléA, the certificate of basic professional knowledge and skills (RS5080, or CléA numérique). */
  | 'CLEA'
  /** Preparation for the car driving licence (permis B). */
  | 'DRIVING_LICENCE_B'
  /** None of the above: not a CPF kind by itself. */
  | 'OTHER'
  /** A whole certification of the Répertoire national des certifications professionnelles. */
  | 'RNCP'
  /** One block of competences of an RNCP certification. */
  | 'RNCP_BLOCK'
  /** A certification or habilitation of the Répertoire spécifique. */
  | 'RS'
  /** Support for a validation des acquis de l’expérience. */
  | 'VAE';

/** What a search does with distance learning (sessions entirely at a distance, modalites-enseignement 2), which is within reach of every place. */
export type DistanceLearningFilter =
  /** Leave it out: only sessions with a place of training. */
  | 'EXCLUDE'
  /** Keep it (the default): a search near a place or in a région / département finds it whatever its distance. */
  | 'INCLUDE'
  /** Only distance learning (place filters then do not apply). */
  | 'ONLY';

/** A dossier's state: `proposed` (a prescriber's proposal), EDOF's names for CPF orders, the quote flow's for the AIF. */
export type DossierState =
  | 'AWAITING_BENEFICIARY'
  | 'CANCELLED'
  | 'EXITED'
  | 'FUNDER_REVIEW'
  | 'GRANTED'
  | 'INVOICED'
  | 'IN_TRAINING'
  | 'LAPSED'
  | 'PAID'
  | 'QUOTE_DRAFT'
  | 'REFUSED'
  | 'accepted'
  | 'billed'
  | 'canceledByAttendee'
  | 'canceledByAttendeeNotRealized'
  | 'canceledByFinancer'
  | 'canceledByOrganism'
  | 'inTraining'
  | 'lapsed'
  | 'notProcessed'
  | 'paid'
  | 'proposed'
  | 'refusedByAttendee'
  | 'refusedByFinancer'
  | 'refusedByOrganism'
  | 'serviceDoneDeclared'
  | 'serviceDoneValidated'
  | 'terminated'
  | 'toBill'
  | 'validated'
  | 'waitingAcceptation';

/** The kind of funder, as L6323-4 lists them; it decides the order of top-ups and the participation exemption. */
export type FunderKind =
  | 'AGEFIPH'
  | 'CHAMBRE_DE_METIERS'
  | 'CNAM_ATMP'
  | 'EMPLOYER'
  | 'FAF'
  | 'FRANCE_TRAVAIL'
  | 'LOCAL_AUTHORITY'
  | 'OPCO'
  | 'OTHER'
  | 'REGION'
  | 'STATE';

/** What a rule checks: its status and dates, each of its criteria, then its budget envelope. */
export type FundingCriterion =
  /** The branch (IDCC) of the holder's employer. */
  | 'BRANCH'
  /** The certification (RNCP/RS) the session prepares. */
  | 'CERTIFICATION'
  /** The holder's CPF balance on the quote's date. */
  | 'CPF_BALANCE'
  /** The holder's employer (SIRET). */
  | 'EMPLOYER'
  /** The rule's budget envelope still holds money. */
  | 'ENVELOPE'
  /** The session's Formacodes. */
  | 'FORMACODE'
  /** The holder's status (job seeker, employee, self-employed). */
  | 'HOLDER_STATUS'
  /** The session's NSF domains. */
  | 'NSF'
  /** The price of the session (the quote’s, else the catalogue’s). */
  | 'PRICE'
  /** The holder's qualification level (0 … 8). */
  | 'QUALIFICATION_LEVEL'
  /** The holder's département of residence. */
  | 'RESIDENCE_DEPARTEMENT'
  /** The holder's région of residence. */
  | 'RESIDENCE_REGION'
  /** The jobs (ROME) the session prepares for. */
  | 'ROME'
  /** The rule and its convention are active (not suspended by their funder). */
  | 'STATUS'
  /** The département of the place of training. */
  | 'TRAINING_DEPARTEMENT'
  /** The région of the place of training. */
  | 'TRAINING_REGION'
  /** The rule's validity dates include the quote's date. */
  | 'VALIDITY';

/** Who pays one line of a funding plan. */
export type FundingLineKind =
  /** The holder's own acquired CPF rights. */
  | 'CPF_RIGHTS'
  /** A funder's dotation credited to the holder. */
  | 'DOTATION'
  /** What the holder pays himself beyond his rights (reste à charge). */
  | 'HOLDER_PAYMENT'
  /** The participation forfaitaire the holder pays (L6323-4). */
  | 'PARTICIPATION'
  /** A funder's complementary top-up. */
  | 'TOP_UP';

/** How a dossier is funded. */
export type FundingRoute =
  /** A CPF order on Mon Compte Formation (the holder's rights, dotations, top-ups). */
  | 'CPF'
  /** A CPF order co-funded by the employer or its OPCO. */
  | 'EMPLOYER_OPCO'
  /** France Travail's individual training aid (AIF) through a quote. */
  | 'FRANCE_TRAVAIL_AIF';

/** A point on the map (WGS84). */
export type GeoPointInput = {
  /** Latitude, −90 … 90. */
  latitude: number;
  /** Longitude, −180 … 180. */
  longitude: number;
};

/** The holder's situation, which decides how rights are earned and whether the participation forfaitaire is due. */
export type HolderStatus =
  /** Private-sector employee. */
  | 'EMPLOYEE'
  /** Registered job seeker (demandeur d’emploi). */
  | 'JOB_SEEKER'
  /** Self-employed worker (travailleur indépendant). */
  | 'SELF_EMPLOYED';

/** How the teaching is delivered (LHEO modalites-enseignement). */
export type Modality =
  /** Entirely at a distance (code 2). */
  | 'DISTANCE'
  /** Partly in person, partly at a distance (code 1). */
  | 'MIXTE'
  /** In person, at the place of training (code 0). */
  | 'PRESENTIEL';

/** Sessions within a radius of a commune (its position is that of the places of training the catalogue knows there); distance-learning sessions always qualify. */
export type NearCommuneInput = {
  /** The commune: an INSEE commune code: 5 characters, e.g. "85191" or "2A004". */
  inseeCode: string;
  /** Radius in km (> 0, ≤ 1000). */
  radiusKm: number;
};

/** Sessions within a radius of a point; distance-learning sessions always qualify. */
export type NearInput = {
  /** Latitude of the centre. */
  latitude: number;
  /** Longitude of the centre. */
  longitude: number;
  /** Radius in km (> 0, ≤ 1000). */
  radiusKm: number;
};

/** Where a passport item comes from, and so who may change it. */
export type Provenance =
  /** Typed in by the holder: unproven, and the holder may edit or delete it. */
  | 'DECLARED'
  /** Sent by the certifier, the employer (DSN) or the Caisse des Dépôts: proven, and the holder cannot edit it. */
  | 'GUARANTEED';

/** Whether the session takes applications (LHEO etat-recrutement). */
export type RecruitmentState =
  /** Applications are closed (code 2). */
  | 'CLOSED'
  /** Applications are open (code 1). */
  | 'OPEN'
  /** Applications are suspended for now (code 3). */
  | 'SUSPENDED';

/** What the funder's silence past its deadline means. */
export type SilenceMeaning =
  /** Silence is acceptance of the amount asked. */
  | 'ACCEPTANCE'
  /** No known text says: ask the funder. */
  | 'NOT_SET'
  /** Silence is refusal. */
  | 'REFUSAL';

/** Filters of a catalogue search; all given filters must hold (lists match any of their values). */
export type TrainingSearchFilters = {
  /** Certification prepared: "RNCP" or "RS" followed by digits, e.g. "RNCP37674". */
  certificationCode?: string | null | undefined;
  /** true: only sessions declared eligible to the CPF; false: only those declared not eligible. */
  cpfEligible?: boolean | null | undefined;
  /** Département codes, e.g. ["85", "44"]. */
  departements?: Array<string> | null | undefined;
  /** true: only sessions whose action describes arrangements for disabled people (acces-handicapes); false: only those describing none. */
  disabledAccess?: boolean | null | undefined;
  /** Keep (default), exclude or ask only for distance learning. */
  distanceLearning?: DistanceLearningFilter | null | undefined;
  /** Levels reached at the end (European/French levels 1…8: 3 CAP, 4 bac, 5 bac+2, 6 bac+3/4, 7 bac+5, 8 doctorate). */
  exitLevels?: Array<number> | null | undefined;
  /** Formacode codes (5 digits) of the training. */
  formacodes?: Array<string> | null | undefined;
  /** LHEO funder codes (organisme-financeur/code-financeur, dict-financeurs): sessions whose action is bought by any of them, e.g. ["2"] Conseil régional, ["4"] France Travail, ["16"] OPCO. */
  funders?: Array<string> | null | undefined;
  /** Highest price in cents (sessions without a price are then excluded). */
  maxPrice?: number | null | undefined;
  /** Lowest price in cents (sessions without a price are then excluded). */
  minPrice?: number | null | undefined;
  /** In person, at a distance, mixed. */
  modalities?: Array<Modality> | null | undefined;
  /** Only sessions within a radius of a point. */
  near?: NearInput | null | undefined;
  /** Only sessions within a radius of a commune (not with `near`). */
  nearCommune?: NearCommuneInput | null | undefined;
  /** true: only entries and exits all year round (modalites-entrees-sorties 1); false: only fixed dates. Sessions whose source does not say match neither. */
  permanentEntry?: boolean | null | undefined;
  /** Only sessions not started yet (or undated) whose recruitment is not closed or suspended. */
  recruitmentOpen?: boolean | null | undefined;
  /** Current INSEE région codes of the place of training, e.g. ["52"]. */
  regions?: Array<string> | null | undefined;
  /** ROME codes of the jobs aimed at, by the training or by its certification. */
  romeCodes?: Array<string> | null | undefined;
  /** Sessions starting on or after this day. */
  startsAfter?: string | null | undefined;
  /** Sessions starting on or before this day. */
  startsBefore?: string | null | undefined;
};

/** Order of search results. */
export type TrainingSort =
  /** Nearest to `from` / `fromCommune` (else the `near` / `nearCommune` filter) first; distance learning first, places without coordinates last. */
  | 'DISTANCE'
  /** Cheapest first; unknown prices last. */
  | 'PRICE'
  /** Best text match first (then earliest start); without words, earliest start. */
  | 'RELEVANCE'
  /** Earliest start first; unknown dates last. */
  | 'START_DATE';

/** How to order the results. */
export type TrainingSortInput = {
  /** The order. */
  by: TrainingSort;
  /** The point distances are measured from. */
  from?: GeoPointInput | null | undefined;
  /** The commune distances are measured from (instead of `from`): an INSEE commune code: 5 characters, e.g. "85191" or "2A004". */
  fromCommune?: string | null | undefined;
};

export type SessionCardFieldsFragment = { id: string, startDate: string | null, endDate: string | null, price: number | null, modality: Modality | null, cpfEligible: boolean | null, recruitment: RecruitmentState | null, place: { city: string | null, postalCode: string | null, departement: string | null } | null, training: { id: string, title: string, provider: { siret: string, name: string } | null, certification: { code: string, title: string, level: number | null } | null } };

export type SearchTrainingsQueryVariables = Exact<{
  query?: string | null | undefined;
  filters?: TrainingSearchFilters | null | undefined;
  sort?: TrainingSortInput | null | undefined;
  page?: number | null | undefined;
  pageSize?: number | null | undefined;
}>;


export type SearchTrainingsQuery = { searchTrainings: { total: number, page: number, pageSize: number, ignoredWords: Array<string>, hits: Array<{ relevance: number | null, distanceKm: number | null, highlights: { title: string, snippet: string | null } | null, session: { id: string, startDate: string | null, endDate: string | null, price: number | null, modality: Modality | null, cpfEligible: boolean | null, recruitment: RecruitmentState | null, place: { city: string | null, postalCode: string | null, departement: string | null } | null, training: { id: string, title: string, provider: { siret: string, name: string } | null, certification: { code: string, title: string, level: number | null } | null } } }>, facets: { regions: Array<{ value: string, count: number }>, departements: Array<{ value: string, count: number }>, modalities: Array<{ value: string, count: number }>, certificationCodes: Array<{ value: string, count: number }>, exitLevels: Array<{ value: string, count: number }>, cpfEligible: Array<{ value: string, count: number }> } } };

export type FundingPlanFieldsFragment = { price: number, date: string, spendingOrder: string, spendingOrderSource: string | null, cpfRights: number, remainingCost: number, notes: Array<string>, abondements: Array<{ kind: AbondementKind, amount: number, funder: { id: string, name: string, kind: FunderKind }, rule: { id: string, label: string } | null, dotation: { id: string, deadline: string | null, restrictedToCertifications: Array<string> } | null }>, participation: { amount: number, due: boolean, exemptionReason: string | null, legalSource: string | null }, lines: Array<{ kind: FundingLineKind, label: string, amount: number, funder: { id: string, name: string } | null, certainty: { level: CertaintyLevel, label: string, decideBy: string | null, silenceMeans: SilenceMeaning | null, source: string } | null }>, ruleDecisions: Array<{ applies: boolean, reason: string, decidingCriterion: FundingCriterion | null, rule: { id: string, label: string, funder: { id: string, name: string } } }> };

export type TrainingOptionFieldsFragment = { sessionId: string, score: number, reasons: Array<string>, distanceKm: number | null, session: { id: string, startDate: string | null, endDate: string | null, price: number | null, modality: Modality | null, cpfEligible: boolean | null, recruitment: RecruitmentState | null, place: { city: string | null, postalCode: string | null, departement: string | null } | null, training: { id: string, title: string, provider: { siret: string, name: string } | null, certification: { code: string, title: string, level: number | null } | null } }, cpfQuote: { eligible: boolean, ineligibilityReason: string | null, balance: number, spendingCap: number | null, spendingCapSource: string | null, coveredByRights: number } | null, fundingPlan: { price: number, date: string, spendingOrder: string, spendingOrderSource: string | null, cpfRights: number, remainingCost: number, notes: Array<string>, abondements: Array<{ kind: AbondementKind, amount: number, funder: { id: string, name: string, kind: FunderKind }, rule: { id: string, label: string } | null, dotation: { id: string, deadline: string | null, restrictedToCertifications: Array<string> } | null }>, participation: { amount: number, due: boolean, exemptionReason: string | null, legalSource: string | null }, lines: Array<{ kind: FundingLineKind, label: string, amount: number, funder: { id: string, name: string } | null, certainty: { level: CertaintyLevel, label: string, decideBy: string | null, silenceMeans: SilenceMeaning | null, source: string } | null }>, ruleDecisions: Array<{ applies: boolean, reason: string, decidingCriterion: FundingCriterion | null, rule: { id: string, label: string, funder: { id: string, name: string } } }> } | null };

export type SessionDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type SessionDetailQuery = { session: { id: string, price: number | null, startDate: string | null, endDate: string | null, cpfKind: CpfTrainingKind, certificationCode: string | null, modality: Modality | null, recruitment: RecruitmentState | null, cpfEligible: boolean | null, romeCodes: Array<string>, formacodes: Array<string>, extras: Array<{ group: string | null, key: string | null, value: string }>, place: { name: string | null, addressLines: Array<string>, postalCode: string | null, city: string | null, departement: string | null, region: string | null } | null, action: { id: string, hoursInCentre: number | null, hoursInCompany: number | null, totalHours: number | null, indicativeDuration: string | null, rhythm: string | null, permanentEntry: boolean | null, specificConditions: string | null, targetPublicCodes: Array<string>, funderCodes: Array<string>, extras: Array<{ group: string | null, key: string | null, value: string }>, sessions: Array<{ id: string, startDate: string | null, endDate: string | null }> }, training: { id: string, title: string, objectiveHtml: string | null, expectedResultsHtml: string | null, contentHtml: string | null, certifying: boolean | null, certifinfoCode: string | null, cpfCode: string | null, entryLevel: number | null, exitLevel: number | null, url: string | null, updatedAt: string | null, source: string, extras: Array<{ group: string | null, key: string | null, value: string }>, provider: { siret: string, name: string, legalName: string | null, tradeName: string | null, activityNumber: string | null } | null, certification: { code: string, kind: CertificationKind, title: string, shortTitle: string | null, level: number | null, active: boolean, registrationEndDate: string | null, certifiers: Array<{ siret: string, name: string }>, blocks: Array<{ code: string, title: string }> } | null } } | null };

export type SessionForPersonQueryVariables = Exact<{
  personId: string | number;
  sessionIds: Array<string | number> | string | number;
}>;


export type SessionForPersonQuery = { person: { id: string, trainingOptions: Array<{ sessionId: string, score: number, reasons: Array<string>, distanceKm: number | null, session: { id: string, startDate: string | null, endDate: string | null, price: number | null, modality: Modality | null, cpfEligible: boolean | null, recruitment: RecruitmentState | null, place: { city: string | null, postalCode: string | null, departement: string | null } | null, training: { id: string, title: string, provider: { siret: string, name: string } | null, certification: { code: string, title: string, level: number | null } | null } }, cpfQuote: { eligible: boolean, ineligibilityReason: string | null, balance: number, spendingCap: number | null, spendingCapSource: string | null, coveredByRights: number } | null, fundingPlan: { price: number, date: string, spendingOrder: string, spendingOrderSource: string | null, cpfRights: number, remainingCost: number, notes: Array<string>, abondements: Array<{ kind: AbondementKind, amount: number, funder: { id: string, name: string, kind: FunderKind }, rule: { id: string, label: string } | null, dotation: { id: string, deadline: string | null, restrictedToCertifications: Array<string> } | null }>, participation: { amount: number, due: boolean, exemptionReason: string | null, legalSource: string | null }, lines: Array<{ kind: FundingLineKind, label: string, amount: number, funder: { id: string, name: string } | null, certainty: { level: CertaintyLevel, label: string, decideBy: string | null, silenceMeans: SilenceMeaning | null, source: string } | null }>, ruleDecisions: Array<{ applies: boolean, reason: string, decidingCriterion: FundingCriterion | null, rule: { id: string, label: string, funder: { id: string, name: string } } }> } | null }> | null } | null };

export type PersonQueryVariables = Exact<{
  id: string | number;
  first: number;
  maxRemainingCost?: number | null | undefined;
}>;


export type PersonQuery = { person: { id: string, givenName: string, familyName: string, status: HolderStatus, qualificationLevel: number | null, homeCommune: { name: string, postalCode: string } | null, competences: Array<{ id: string, code: string, label: string, category: CompetenceCategory, provenance: Provenance }>, certifications: Array<{ id: string, code: string, kind: CertificationKind, title: string, level: number | null, obtainedOn: string | null, provenance: Provenance, validUntil: string | null, mention: string | null, issuerName: string | null }>, experiences: Array<{ id: string, jobTitle: string, romeCode: string | null, employer: string | null, startDate: string, endDate: string | null, provenance: Provenance }>, targetJobs: Array<{ romeCode: string, label: string }>, cpfAccount: { balance: number, ceiling: number, credits: Array<{ year: number, amount: number, entitled: number, ceiling: number, rule: CpfAcquisitionRule, creditDate: string, posted: boolean, explanation: string, legalSource: string }>, entries: Array<{ id: string, kind: CpfLedgerEntryKind, amount: number, effectiveDate: string, explanation: string, legalSource: string }> } | null, dossiers: Array<{ id: string, state: DossierState, route: FundingRoute, sessionId: string, createdAt: string, session: { id: string, training: { title: string } } }> | null, fundableTrainings: Array<{ sessionId: string, score: number, reasons: Array<string>, distanceKm: number | null, session: { id: string, startDate: string | null, endDate: string | null, price: number | null, modality: Modality | null, cpfEligible: boolean | null, recruitment: RecruitmentState | null, place: { city: string | null, postalCode: string | null, departement: string | null } | null, training: { id: string, title: string, provider: { siret: string, name: string } | null, certification: { code: string, title: string, level: number | null } | null } }, fundingPlan: { price: number, date: string, spendingOrder: string, spendingOrderSource: string | null, cpfRights: number, remainingCost: number, notes: Array<string>, abondements: Array<{ kind: AbondementKind, amount: number, funder: { id: string, name: string, kind: FunderKind }, rule: { id: string, label: string } | null, dotation: { id: string, deadline: string | null, restrictedToCertifications: Array<string> } | null }>, participation: { amount: number, due: boolean, exemptionReason: string | null, legalSource: string | null }, lines: Array<{ kind: FundingLineKind, label: string, amount: number, funder: { id: string, name: string } | null, certainty: { level: CertaintyLevel, label: string, decideBy: string | null, silenceMeans: SilenceMeaning | null, source: string } | null }>, ruleDecisions: Array<{ applies: boolean, reason: string, decidingCriterion: FundingCriterion | null, rule: { id: string, label: string, funder: { id: string, name: string } } }> } | null }> | null } | null };

export type SkillsGapsQueryVariables = Exact<{
  id: string | number;
  rome0: string;
  rome1: string;
  rome2: string;
  rome3: string;
  rome4: string;
  has1: boolean;
  has2: boolean;
  has3: boolean;
  has4: boolean;
}>;


export type SkillsGapsQuery = { person: { id: string, gap0: { coverage: number, job: { romeCode: string, label: string }, held: Array<{ code: string, label: string }>, missing: Array<{ code: string, label: string, category: CompetenceCategory }> }, gap1?: { coverage: number, job: { romeCode: string, label: string }, held: Array<{ code: string, label: string }>, missing: Array<{ code: string, label: string, category: CompetenceCategory }> }, gap2?: { coverage: number, job: { romeCode: string, label: string }, held: Array<{ code: string, label: string }>, missing: Array<{ code: string, label: string, category: CompetenceCategory }> }, gap3?: { coverage: number, job: { romeCode: string, label: string }, held: Array<{ code: string, label: string }>, missing: Array<{ code: string, label: string, category: CompetenceCategory }> }, gap4?: { coverage: number, job: { romeCode: string, label: string }, held: Array<{ code: string, label: string }>, missing: Array<{ code: string, label: string, category: CompetenceCategory }> } } | null };

export type GapFieldsFragment = { coverage: number, job: { romeCode: string, label: string }, held: Array<{ code: string, label: string }>, missing: Array<{ code: string, label: string, category: CompetenceCategory }> };

export type MyConsentsQueryVariables = Exact<{
  id: string | number;
}>;


export type MyConsentsQuery = { person: { id: string, givenName: string, familyName: string, consents: Array<{ id: string, viewerSub: string, scopes: Array<AccessScope>, grantedAt: string, expiresAt: string, revokedAt: string | null, live: boolean }>, accessLog: Array<{ readAt: string, viewerSub: string, viewerRole: string, scopes: Array<AccessScope> }> } | null };

export type GrantConsentMutationVariables = Exact<{
  viewerSub: string;
  scopes: Array<AccessScope> | AccessScope;
  expiresAt: string;
}>;


export type GrantConsentMutation = { grantConsent: { id: string, viewerSub: string, scopes: Array<AccessScope>, grantedAt: string, expiresAt: string, revokedAt: string | null, live: boolean } };

export type RevokeConsentMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeConsentMutation = { revokeConsent: { id: string, revokedAt: string | null, live: boolean } };

export type PositionOnSessionMutationVariables = Exact<{
  personId: string | number;
  sessionId: string | number;
  route: FundingRoute;
  idempotencyKey: string;
}>;


export type PositionOnSessionMutation = { positionOnSession: { replayed: boolean, dossier: { id: string, state: DossierState, route: FundingRoute, createdAt: string } } };

export const SessionCardFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"modality"}},{"kind":"Field","name":{"kind":"Name","value":"cpfEligible"}},{"kind":"Field","name":{"kind":"Name","value":"recruitment"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"departement"}}]}},{"kind":"Field","name":{"kind":"Name","value":"training"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"siret"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}}]} as unknown as DocumentNode<SessionCardFieldsFragment, unknown>;
export const FundingPlanFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FundingPlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FundingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"spendingOrder"}},{"kind":"Field","name":{"kind":"Name","value":"spendingOrderSource"}},{"kind":"Field","name":{"kind":"Name","value":"cpfRights"}},{"kind":"Field","name":{"kind":"Name","value":"remainingCost"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"abondements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dotation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"restrictedToCertifications"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"participation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"exemptionReason"}},{"kind":"Field","name":{"kind":"Name","value":"legalSource"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certainty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"decideBy"}},{"kind":"Field","name":{"kind":"Name","value":"silenceMeans"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ruleDecisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applies"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"decidingCriterion"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FundingPlanFieldsFragment, unknown>;
export const TrainingOptionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrainingOptionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingOption"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"distanceKm"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionCardFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cpfQuote"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"ineligibilityReason"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"spendingCap"}},{"kind":"Field","name":{"kind":"Name","value":"spendingCapSource"}},{"kind":"Field","name":{"kind":"Name","value":"coveredByRights"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fundingPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FundingPlanFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"modality"}},{"kind":"Field","name":{"kind":"Name","value":"cpfEligible"}},{"kind":"Field","name":{"kind":"Name","value":"recruitment"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"departement"}}]}},{"kind":"Field","name":{"kind":"Name","value":"training"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"siret"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FundingPlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FundingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"spendingOrder"}},{"kind":"Field","name":{"kind":"Name","value":"spendingOrderSource"}},{"kind":"Field","name":{"kind":"Name","value":"cpfRights"}},{"kind":"Field","name":{"kind":"Name","value":"remainingCost"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"abondements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dotation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"restrictedToCertifications"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"participation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"exemptionReason"}},{"kind":"Field","name":{"kind":"Name","value":"legalSource"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certainty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"decideBy"}},{"kind":"Field","name":{"kind":"Name","value":"silenceMeans"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ruleDecisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applies"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"decidingCriterion"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrainingOptionFieldsFragment, unknown>;
export const GapFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GapFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SkillsGap"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"romeCode"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"held"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"category"}}]}}]}}]} as unknown as DocumentNode<GapFieldsFragment, unknown>;
export const SearchTrainingsDocument = {"__meta__":{"hash":"606c85f863184cb0d6fa8c78fe4572357347224fa80664349775fcf5e6ceb7ea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchTrainings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filters"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingSearchFilters"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingSortInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"page"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pageSize"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchTrainings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"filters"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filters"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"Variable","name":{"kind":"Name","value":"page"}}},{"kind":"Argument","name":{"kind":"Name","value":"pageSize"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pageSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"pageSize"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredWords"}},{"kind":"Field","name":{"kind":"Name","value":"hits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"relevance"}},{"kind":"Field","name":{"kind":"Name","value":"distanceKm"}},{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"snippet"}}]}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionCardFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"departements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"modalities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificationCodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exitLevels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cpfEligible"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"modality"}},{"kind":"Field","name":{"kind":"Name","value":"cpfEligible"}},{"kind":"Field","name":{"kind":"Name","value":"recruitment"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"departement"}}]}},{"kind":"Field","name":{"kind":"Name","value":"training"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"siret"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}}]} as unknown as DocumentNode<SearchTrainingsQuery, SearchTrainingsQueryVariables>;
export const SessionDetailDocument = {"__meta__":{"hash":"7945a91333bc6713b78d19c726cbe5148f92bc1603ecba7b597310d8e85ad387"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SessionDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"cpfKind"}},{"kind":"Field","name":{"kind":"Name","value":"certificationCode"}},{"kind":"Field","name":{"kind":"Name","value":"modality"}},{"kind":"Field","name":{"kind":"Name","value":"recruitment"}},{"kind":"Field","name":{"kind":"Name","value":"cpfEligible"}},{"kind":"Field","name":{"kind":"Name","value":"romeCodes"}},{"kind":"Field","name":{"kind":"Name","value":"formacodes"}},{"kind":"Field","name":{"kind":"Name","value":"extras"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"addressLines"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"departement"}},{"kind":"Field","name":{"kind":"Name","value":"region"}}]}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hoursInCentre"}},{"kind":"Field","name":{"kind":"Name","value":"hoursInCompany"}},{"kind":"Field","name":{"kind":"Name","value":"totalHours"}},{"kind":"Field","name":{"kind":"Name","value":"indicativeDuration"}},{"kind":"Field","name":{"kind":"Name","value":"rhythm"}},{"kind":"Field","name":{"kind":"Name","value":"permanentEntry"}},{"kind":"Field","name":{"kind":"Name","value":"specificConditions"}},{"kind":"Field","name":{"kind":"Name","value":"targetPublicCodes"}},{"kind":"Field","name":{"kind":"Name","value":"funderCodes"}},{"kind":"Field","name":{"kind":"Name","value":"extras"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"training"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"objectiveHtml"}},{"kind":"Field","name":{"kind":"Name","value":"expectedResultsHtml"}},{"kind":"Field","name":{"kind":"Name","value":"contentHtml"}},{"kind":"Field","name":{"kind":"Name","value":"certifying"}},{"kind":"Field","name":{"kind":"Name","value":"certifinfoCode"}},{"kind":"Field","name":{"kind":"Name","value":"cpfCode"}},{"kind":"Field","name":{"kind":"Name","value":"entryLevel"}},{"kind":"Field","name":{"kind":"Name","value":"exitLevel"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"extras"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"siret"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"legalName"}},{"kind":"Field","name":{"kind":"Name","value":"tradeName"}},{"kind":"Field","name":{"kind":"Name","value":"activityNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"shortTitle"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"registrationEndDate"}},{"kind":"Field","name":{"kind":"Name","value":"certifiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"siret"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blocks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SessionDetailQuery, SessionDetailQueryVariables>;
export const SessionForPersonDocument = {"__meta__":{"hash":"7510a20d04e18d4522ea15dc7fac4f850236e3b13c58355d69f462df3bc9df51"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SessionForPerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"personId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"personId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trainingOptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrainingOptionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"modality"}},{"kind":"Field","name":{"kind":"Name","value":"cpfEligible"}},{"kind":"Field","name":{"kind":"Name","value":"recruitment"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"departement"}}]}},{"kind":"Field","name":{"kind":"Name","value":"training"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"siret"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FundingPlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FundingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"spendingOrder"}},{"kind":"Field","name":{"kind":"Name","value":"spendingOrderSource"}},{"kind":"Field","name":{"kind":"Name","value":"cpfRights"}},{"kind":"Field","name":{"kind":"Name","value":"remainingCost"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"abondements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dotation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"restrictedToCertifications"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"participation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"exemptionReason"}},{"kind":"Field","name":{"kind":"Name","value":"legalSource"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certainty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"decideBy"}},{"kind":"Field","name":{"kind":"Name","value":"silenceMeans"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ruleDecisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applies"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"decidingCriterion"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrainingOptionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingOption"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"distanceKm"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionCardFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cpfQuote"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"ineligibilityReason"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"spendingCap"}},{"kind":"Field","name":{"kind":"Name","value":"spendingCapSource"}},{"kind":"Field","name":{"kind":"Name","value":"coveredByRights"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fundingPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FundingPlanFields"}}]}}]}}]} as unknown as DocumentNode<SessionForPersonQuery, SessionForPersonQueryVariables>;
export const PersonDocument = {"__meta__":{"hash":"4dc1d40c78dfa1f3ca0074102978212a28dab6368b98c0ca1b59ebb6eef0cdbf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Person"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxRemainingCost"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Cents"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"qualificationLevel"}},{"kind":"Field","name":{"kind":"Name","value":"homeCommune"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"competences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"obtainedOn"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"mention"}},{"kind":"Field","name":{"kind":"Name","value":"issuerName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"experiences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"jobTitle"}},{"kind":"Field","name":{"kind":"Name","value":"romeCode"}},{"kind":"Field","name":{"kind":"Name","value":"employer"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"provenance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetJobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"romeCode"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cpfAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"ceiling"}},{"kind":"Field","name":{"kind":"Name","value":"credits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"entitled"}},{"kind":"Field","name":{"kind":"Name","value":"ceiling"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"creditDate"}},{"kind":"Field","name":{"kind":"Name","value":"posted"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}},{"kind":"Field","name":{"kind":"Name","value":"legalSource"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveDate"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}},{"kind":"Field","name":{"kind":"Name","value":"legalSource"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dossiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"route"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"training"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fundableTrainings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxRemainingCost"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxRemainingCost"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"distanceKm"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionCardFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fundingPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FundingPlanFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"modality"}},{"kind":"Field","name":{"kind":"Name","value":"cpfEligible"}},{"kind":"Field","name":{"kind":"Name","value":"recruitment"}},{"kind":"Field","name":{"kind":"Name","value":"place"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"departement"}}]}},{"kind":"Field","name":{"kind":"Name","value":"training"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"siret"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FundingPlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FundingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"spendingOrder"}},{"kind":"Field","name":{"kind":"Name","value":"spendingOrderSource"}},{"kind":"Field","name":{"kind":"Name","value":"cpfRights"}},{"kind":"Field","name":{"kind":"Name","value":"remainingCost"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"abondements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dotation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"restrictedToCertifications"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"participation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"due"}},{"kind":"Field","name":{"kind":"Name","value":"exemptionReason"}},{"kind":"Field","name":{"kind":"Name","value":"legalSource"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"certainty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"decideBy"}},{"kind":"Field","name":{"kind":"Name","value":"silenceMeans"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"ruleDecisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applies"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"decidingCriterion"}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"funder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonQuery, PersonQueryVariables>;
export const SkillsGapsDocument = {"__meta__":{"hash":"48646ec66d8c865dad21edd5e5bdf480c7eb597f02f20ec1009a607004c3cc9b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SkillsGaps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rome0"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rome1"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rome2"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rome3"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rome4"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"has1"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"has2"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"has3"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"has4"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"gap0"},"name":{"kind":"Name","value":"skillsGap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"romeCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rome0"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GapFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"gap1"},"name":{"kind":"Name","value":"skillsGap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"romeCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rome1"}}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"has1"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GapFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"gap2"},"name":{"kind":"Name","value":"skillsGap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"romeCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rome2"}}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"has2"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GapFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"gap3"},"name":{"kind":"Name","value":"skillsGap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"romeCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rome3"}}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"has3"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GapFields"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"gap4"},"name":{"kind":"Name","value":"skillsGap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"romeCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rome4"}}}],"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"has4"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GapFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GapFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SkillsGap"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"job"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"romeCode"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"held"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"missing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"category"}}]}}]}}]} as unknown as DocumentNode<SkillsGapsQuery, SkillsGapsQueryVariables>;
export const MyConsentsDocument = {"__meta__":{"hash":"cdcb9b425a0406a414f12ddf62df89d977df8af836ff16bc4caec5874c5472c1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyConsents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"consents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewerSub"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"grantedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"live"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readAt"}},{"kind":"Field","name":{"kind":"Name","value":"viewerSub"}},{"kind":"Field","name":{"kind":"Name","value":"viewerRole"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]}}]} as unknown as DocumentNode<MyConsentsQuery, MyConsentsQueryVariables>;
export const GrantConsentDocument = {"__meta__":{"hash":"75cdcf87f924f330b9f2c2ddcefdb1b2234aad18a8e962dbc40d56ac36e6eedd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"viewerSub"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scopes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccessScope"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expiresAt"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"viewerSub"},"value":{"kind":"Variable","name":{"kind":"Name","value":"viewerSub"}}},{"kind":"Argument","name":{"kind":"Name","value":"scopes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scopes"}}},{"kind":"Argument","name":{"kind":"Name","value":"expiresAt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expiresAt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"viewerSub"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"grantedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"live"}}]}}]}}]} as unknown as DocumentNode<GrantConsentMutation, GrantConsentMutationVariables>;
export const RevokeConsentDocument = {"__meta__":{"hash":"6e0a0a54b09c5fe1214792dbbdc83406aafab8e2b9d20edee83e2bbfd4ea5ae9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"live"}}]}}]}}]} as unknown as DocumentNode<RevokeConsentMutation, RevokeConsentMutationVariables>;
export const PositionOnSessionDocument = {"__meta__":{"hash":"e3b728c185e9161d2e158a6814263042aee33e1a2fd8326238c146ed6904de6b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PositionOnSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"personId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"route"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FundingRoute"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positionOnSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"personId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"personId"}}},{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"route"},"value":{"kind":"Variable","name":{"kind":"Name","value":"route"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"dossier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"route"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<PositionOnSessionMutation, PositionOnSessionMutationVariables>;