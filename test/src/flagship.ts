// The flagship query as the end-to-end tests ask it: besides what the IDE shows people
// (gateway/src/ide.ts), the ids and kinds, how sure each part is and the exemption's code they check.
export const FLAGSHIP = /* GraphQL */ `
  query Flagship($id: ID!) {
    person(id: $id) {
      id
      givenName
      status
      competences { code label }
      certifications { code provenance }
      cpfAccount { balance ceiling }
      recommendedTrainings(first: 5) {
        reasons
        distanceKm
        session {
          id
          startDate
          price
          training { title certification { code } }
        }
        fundingPlan {
          price
          cpfRights
          abondements { kind funder { id name kind } amount rule { id label }
            certainty { level decidedBy { id } decideBy decideWithinWorkingDays silenceMeans source sourceStatus label }
            franceTravailRequest { id } }
          participation { amount due exemptionCode exemptionReason }
          remainingCost
        }
      }
    }
  }
`;
