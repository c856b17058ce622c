import { SUBGRAPHS, supergraphPath, type SubgraphName } from '@formations/schema/compose';

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Subgraph URLs override the ones composed into the supergraph (containers, tests). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  production: boolean;
  /** Token pre-filled in the IDE's headers (development only). */
  ideToken?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const { name } of SUBGRAPHS) {
    const url = env[`${name.toUpperCase()}_URL`];
    if (url) subgraphUrls[name] = url;
  }
  const config: GatewayConfig = {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    supergraphPath: env.SUPERGRAPH_PATH ?? supergraphPath,
    subgraphUrls,
    production: env.NODE_ENV === 'production',
  };
  if (env.IDE_TOKEN && !config.production) config.ideToken = env.IDE_TOKEN;
  return config;
}
