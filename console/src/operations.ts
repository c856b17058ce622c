// Every GraphQL operation of the console. `npm run codegen -w @formations/console` types them
// (src/gql/) and lists them in the persisted operations manifest: the console sends only their
// sha256, never the text, so a gateway in allow-list mode runs them and nothing else.
import { graphql } from './gql';

export const SessionCardFields = graphql(`
  fragment SessionCardFields on Session {
    id
    startDate
    endDate
    price
    modality
    cpfEligible
    recruitment
    place {
      city
      postalCode
      departement
    }
    training {
      id
      title
      provider {
        siret
        name
      }
      certification {
        code
        title
        level
      }
    }
  }
`);

export const SearchTrainingsQuery = graphql(`
  query SearchTrainings($query: String, $filters: TrainingSearchFilters, $sort: TrainingSortInput, $page: Int, $pageSize: Int) {
    searchTrainings(query: $query, filters: $filters, sort: $sort, page: $page, pageSize: $pageSize) {
      total
      page
      pageSize
      ignoredWords
      hits {
        relevance
        distanceKm
        highlights {
          title
          snippet
        }
        session {
          ...SessionCardFields
        }
      }
      facets {
        regions {
          value
          count
        }
        departements {
          value
          count
        }
        modalities {
          value
          count
        }
        certificationCodes {
          value
          count
        }
        exitLevels {
          value
          count
        }
        cpfEligible {
          value
          count
        }
        funders {
          value
          count
          label
        }
      }
    }
  }
`);

export const FundingPlanFields = graphql(`
  fragment FundingPlanFields on FundingPlan {
    price
    date
    spendingOrder
    spendingOrderSource
    cpfRights
    remainingCost
    notes
    abondements {
      kind
      amount
      funder {
        id
        name
        kind
      }
      rule {
        id
        label
      }
      dotation {
        id
        deadline
        restrictedToCertifications
      }
    }
    participation {
      amount
      due
      exemptionReason
      legalSource
    }
    lines {
      kind
      label
      amount
      funder {
        id
        name
      }
      certainty {
        level
        label
        decideBy
        silenceMeans
        source
      }
    }
    ruleDecisions {
      applies
      reason
      decidingCriterion
      rule {
        id
        label
        funder {
          id
          name
        }
      }
    }
  }
`);

export const TrainingOptionFields = graphql(`
  fragment TrainingOptionFields on TrainingOption {
    sessionId
    score
    reasons
    distanceKm
    session {
      ...SessionCardFields
    }
    cpfQuote {
      eligible
      ineligibilityReason
      balance
      spendingCap
      spendingCapSource
      coveredByRights
    }
    fundingPlan {
      ...FundingPlanFields
    }
  }
`);

export const SessionQuery = graphql(`
  query SessionDetail($id: ID!) {
    session(id: $id) {
      id
      price
      startDate
      endDate
      cpfKind
      certificationCode
      modality
      recruitment
      cpfEligible
      romeCodes
      formacodes
      extras {
        group
        key
        value
      }
      place {
        name
        addressLines
        postalCode
        city
        departement
        region
      }
      action {
        id
        hoursInCentre
        hoursInCompany
        totalHours
        indicativeDuration
        rhythm
        permanentEntry
        specificConditions
        targetPublicCodes
        funderCodes
        extras {
          group
          key
          value
        }
        sessions {
          id
          startDate
          endDate
        }
      }
      training {
        id
        title
        objectiveHtml
        expectedResultsHtml
        contentHtml
        certifying
        certifinfoCode
        cpfCode
        entryLevel
        exitLevel
        url
        updatedAt
        source
        extras {
          group
          key
          value
        }
        provider {
          siret
          name
          legalName
          tradeName
          activityNumber
        }
        certification {
          code
          kind
          title
          shortTitle
          level
          active
          registrationEndDate
          certifiers {
            siret
            name
          }
          blocks {
            code
            title
          }
        }
      }
    }
  }
`);

/** A session as an option for one person (positioning): its CPF quote and funding plan. */
export const SessionForPersonQuery = graphql(`
  query SessionForPerson($personId: ID!, $sessionIds: [ID!]!) {
    person(id: $personId) {
      id
      trainingOptions(sessionIds: $sessionIds) {
        ...TrainingOptionFields
      }
    }
  }
`);

export const PersonQuery = graphql(`
  query Person($id: ID!, $first: Int!, $maxRemainingCost: Cents) {
    person(id: $id) {
      id
      givenName
      familyName
      status
      qualificationLevel
      homeCommune {
        name
        postalCode
      }
      competences {
        id
        code
        label
        category
        provenance
      }
      certifications {
        id
        code
        kind
        title
        level
        obtainedOn
        provenance
        validUntil
        mention
        issuerName
      }
      experiences {
        id
        jobTitle
        romeCode
        employer
        startDate
        endDate
        provenance
      }
      targetJobs {
        romeCode
        label
      }
      cpfAccount {
        balance
        ceiling
        credits {
          year
          amount
          entitled
          ceiling
          rule
          creditDate
          posted
          explanation
          legalSource
        }
        entries(limit: 100) {
          id
          kind
          amount
          effectiveDate
          explanation
          legalSource
        }
      }
      dossiers {
        ...DossierFields
      }
      fundableTrainings(first: $first, maxRemainingCost: $maxRemainingCost) {
        sessionId
        score
        reasons
        distanceKm
        session {
          ...SessionCardFields
        }
        fundingPlan {
          ...FundingPlanFields
        }
      }
    }
  }
`);

/** The skills gap for each target job (at most 5: setTargetJobs keeps 5), in one request. */
export const SkillsGapsQuery = graphql(`
  query SkillsGaps(
    $id: ID!
    $rome0: String!
    $rome1: String!
    $rome2: String!
    $rome3: String!
    $rome4: String!
    $has1: Boolean!
    $has2: Boolean!
    $has3: Boolean!
    $has4: Boolean!
  ) {
    person(id: $id) {
      id
      gap0: skillsGap(romeCode: $rome0) {
        ...GapFields
      }
      gap1: skillsGap(romeCode: $rome1) @include(if: $has1) {
        ...GapFields
      }
      gap2: skillsGap(romeCode: $rome2) @include(if: $has2) {
        ...GapFields
      }
      gap3: skillsGap(romeCode: $rome3) @include(if: $has3) {
        ...GapFields
      }
      gap4: skillsGap(romeCode: $rome4) @include(if: $has4) {
        ...GapFields
      }
    }
  }

  fragment GapFields on SkillsGap {
    coverage
    job {
      romeCode
      label
    }
    held {
      code
      label
    }
    missing {
      code
      label
      category
    }
  }
`);

export const ConsentsQuery = graphql(`
  query MyConsents($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      consents {
        id
        viewerSub
        scopes
        grantedAt
        expiresAt
        revokedAt
        live
      }
      accessLog(last: 20) {
        readAt
        viewerSub
        viewerRole
        scopes
      }
    }
  }
`);

export const GrantConsentMutation = graphql(`
  mutation GrantConsent($viewerSub: String!, $scopes: [AccessScope!]!, $expiresAt: DateTime!) {
    grantConsent(viewerSub: $viewerSub, scopes: $scopes, expiresAt: $expiresAt) {
      id
      viewerSub
      scopes
      grantedAt
      expiresAt
      revokedAt
      live
    }
  }
`);

export const RevokeConsentMutation = graphql(`
  mutation RevokeConsent($id: ID!) {
    revokeConsent(id: $id) {
      id
      revokedAt
      live
    }
  }
`);

/** A prescriber proposes a session to a person who consented (scope funding): a dossier in state "proposed". */
export const PositionOnSessionMutation = graphql(`
  mutation PositionOnSession($personId: ID!, $sessionId: ID!, $route: FundingRoute!, $idempotencyKey: String!) {
    positionOnSession(personId: $personId, sessionId: $sessionId, route: $route, idempotencyKey: $idempotencyKey) {
      replayed
      dossier {
        id
        state
        route
        createdAt
      }
    }
  }
`);

/**
 * A dossier as its screens show it: the session, the state, its history, the deadlines running, what
 * the viewer may do next (the API's rules, not a copy of them), the frozen plan. `__typename` is asked for: the persisted text is what the server runs, and urql's
 * cache needs it to refetch every query holding a dossier once a mutation answers with one.
 */
export const DossierFields = graphql(`
  fragment DossierFields on Dossier {
    __typename
    id
    personId
    state
    route
    sessionId
    sessionStartDate
    createdAt
    updatedAt
    moneySettled
    session {
      id
      startDate
      endDate
      price
      place {
        city
        postalCode
      }
      training {
        id
        title
        provider {
          siret
          name
        }
      }
    }
    transitions {
      id
      transition
      fromState
      toState
      actorRole
      at
      reasonCode
      reason
    }
    deadlines {
      kind
      dueOn
      workingDays
      effect
      source
    }
    nextSteps {
      transition
      actors
      deadline {
        kind
        dueOn
      }
    }
    cancellation {
      free
      freeUntil
      givesBack {
        kind
        amount
      }
      staysSpent {
        kind
        amount
      }
      remainingCostRefunded
    }
    fundingPlan {
      price
      cpfRights
      remainingCost
      recordedAt
      frozenAt
      parts {
        kind
        reference
        amount
        wanted
        status
        refusal
      }
    }
  }
`);

/** A person's dossiers (the holder, or a viewer with the holder's consent for funding): the list and each dossier's page. */
export const PersonDossiersQuery = graphql(`
  query PersonDossiers($id: ID!) {
    person(id: $id) {
      id
      dossiers {
        ...DossierFields
      }
    }
  }
`);

/** The holder asks for a session: from a prescriber's proposal (dossierId) or from a recommendation (sessionId). */
export const RequestDossierMutation = graphql(`
  mutation RequestDossier($dossierId: ID, $sessionId: ID, $route: FundingRoute, $idempotencyKey: String!) {
    requestDossier(dossierId: $dossierId, sessionId: $sessionId, route: $route, idempotencyKey: $idempotencyKey) {
      replayed
      dossier {
        ...DossierFields
      }
    }
  }
`);

/** The holder accepts the order with the plan on screen: the money moves (CPF order) or France Travail decides (AIF). */
export const AcceptDossierMutation = graphql(`
  mutation AcceptDossier($id: ID!, $plan: DossierPlanInput!, $idempotencyKey: String!) {
    acceptDossier(id: $id, plan: $plan, idempotencyKey: $idempotencyKey) {
      replayed
      dossier {
        ...DossierFields
      }
    }
  }
`);

/** The holder asks France Travail for its top-up with the plan on screen; its silence for 10 working days is an acceptance. */
export const RequestFunderReviewMutation = graphql(`
  mutation RequestFunderReview($id: ID!, $plan: DossierPlanInput!, $idempotencyKey: String!) {
    requestFunderReview(id: $id, plan: $plan, idempotencyKey: $idempotencyKey) {
      replayed
      dossier {
        ...DossierFields
      }
    }
  }
`);

/** The holder declines a proposal or the order. */
export const DeclineDossierMutation = graphql(`
  mutation DeclineDossier($id: ID!, $reason: String, $idempotencyKey: String!) {
    declineDossier(id: $id, reason: $reason, idempotencyKey: $idempotencyKey) {
      replayed
      dossier {
        ...DossierFields
      }
    }
  }
`);

/** The holder cancels: everything back within the free cancellation period, the CPF rights stay spent after it. */
export const CancelDossierMutation = graphql(`
  mutation CancelDossier($id: ID!, $reason: String, $idempotencyKey: String!) {
    cancelDossier(id: $id, reason: $reason, idempotencyKey: $idempotencyKey) {
      replayed
      dossier {
        ...DossierFields
      }
    }
  }
`);
