// Hive Gateway over the same subgraphs, doing the same identity work as ours (verify the
// caller's JWT once per request, sign the viewer token for the subgraphs), for a fair race.
import { defineConfig } from '@graphql-hive/gateway';
import { VIEWER_HEADER, signViewerToken, verifyCallerToken } from '@formations/schema/auth';

const perRequest = new WeakMap<Request, Promise<Record<string, string>>>();

function viewerHeaders(request: Request): Promise<Record<string, string>> {
  let headers = perRequest.get(request);
  if (!headers) {
    headers = (async (): Promise<Record<string, string>> => {
      const auth = request.headers.get('authorization');
      if (!auth?.startsWith('Bearer ')) return {};
      try {
        return { [VIEWER_HEADER]: await signViewerToken(await verifyCallerToken(auth.slice(7))) };
      } catch {
        return {};
      }
    })();
    perRequest.set(request, headers);
  }
  return headers;
}

export const gatewayConfig = defineConfig({
  logging: 'error',
  propagateHeaders: { fromClientToSubgraphs: ({ request }) => viewerHeaders(request) },
});
