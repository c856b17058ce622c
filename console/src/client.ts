// The one GraphQL client (urql). Every operation goes as a persisted operation: the request
// carries extensions.persistedQuery.sha256Hash (computed at build time by codegen) and no query
// text; the gateway looks it up in the console's manifest (an allow-list in production).
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

interface WithHash {
  __meta__?: { hash?: string };
}

export function createClient(graphqlPath: string, token: string | undefined): Client {
  return new Client({
    url: graphqlPath,
    preferGetMethod: false,
    requestPolicy: 'cache-first',
    exchanges: [
      cacheExchange,
      persistedExchange({
        // Built console: ids only. Under `vite` (development), an id the gateway does not know yet
        // (operations edited since the last build) is retried with its text, as automatic persisted queries.
        enforcePersistedQueries: !import.meta.env.DEV,
        enableForMutation: true,
        preferGetForPersistedQueries: false,
        generateHash: async (_query, document) => (document as WithHash).__meta__?.hash,
      }),
      fetchExchange,
    ],
    fetchOptions: () => ({
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    }),
  });
}
