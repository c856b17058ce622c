// The GraphQL IDE is GraphiQL bundled into one page by @graphql-yoga/render-graphiql:
// no CDN, so it works on machines without internet.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

export const FLAGSHIP_QUERY = `# A person's competences, rights, and the sessions they can get funded — in one request.
query Flagship($personId: ID!) {
  person(id: $personId) {
    givenName
    familyName
    status
    competences { code label }
    certifications { code title provenance }
    cpfAccount { balance ceiling }
    recommendedTrainings(first: 5) {
      reasons
      distanceKm
      session {
        id
        startDate
        price
        place { city }
        training { title certification { code title } }
      }
      fundingPlan {
        price
        cpfRights
        abondements { funder { name } amount rule { label } }
        participation { amount due exemptionReason }
        remainingCost
      }
    }
  }
}
`;

const pages = new Map<string, string>();

/** The IDE page, opened on the flagship query with a demo person and (in development) a token. */
export function idePage(token?: string, personId = 'camille-martin'): string {
  const key = `${token ?? ''}|${personId}`;
  let page = pages.get(key);
  if (!page) {
    const headers = token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : '{}';
    page = renderGraphiQL({
      title: 'Formations API — GraphiQL',
      endpoint: '/graphql',
      defaultQuery: FLAGSHIP_QUERY,
      defaultTabs: [{ query: FLAGSHIP_QUERY, variables: JSON.stringify({ personId }, null, 2), headers }],
      headers,
    });
    pages.set(key, page);
  }
  return page;
}
