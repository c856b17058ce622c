// Apollo Gateway on the committed supergraph: no introspection of subgraphs at run time.
import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { VIEWER_HEADER } from '@formations/schema/auth';
import type { SubgraphName } from '@formations/schema/compose';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';

class ViewerForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Only the gateway can mint the viewer token: subgraphs trust nothing else.
    if ('viewerToken' in context && context.viewerToken) request.http?.headers.set(VIEWER_HEADER, context.viewerToken);
  }
}

/** Reads the supergraph and the URL of each subgraph it names. */
export function readSupergraph(config: GatewayConfig): { sdl: string; subgraphUrls: Map<string, string> } {
  const sdl = fs.readFileSync(config.supergraphPath, 'utf8');
  const subgraphUrls = new Map<string, string>();
  for (const match of sdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    const name = match[1]!;
    subgraphUrls.set(name, config.subgraphUrls[name as SubgraphName] ?? match[2]!);
  }
  return { sdl, subgraphUrls };
}

export function createGateway(config: GatewayConfig, subgraphUrls: Map<string, string>, sdl: string): ApolloGateway {
  // Node's fetch (undici) keeps a pool of keep-alive connections per subgraph.
  const fetcher = globalThis.fetch as unknown as Fetcher;
  return new ApolloGateway({
    supergraphSdl: sdl,
    buildService: ({ name, url }) => new ViewerForwardingDataSource({ url: subgraphUrls.get(name) ?? url, fetcher }),
  });
}
