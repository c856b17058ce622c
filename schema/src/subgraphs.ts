// The subgraphs of the product, written once: the stack launcher (`npm start`, e2e tests), the
// composition (`npm run compose`) and the gateway's URL overrides all read this list.
// `seed`: the command (script and arguments) that loads the demo data into an empty database
// `<name>.sqlite`; `peers`: the process is given the other subgraphs' URLs (`<NAME>_URL`).
export const SUBGRAPHS = [
  { name: 'passport', port: 4001, entry: 'subgraphs/passport/src/server.ts', seed: ['subgraphs/passport/src/db/seed.ts'] },
  { name: 'catalog', port: 4002, entry: 'subgraphs/catalog/src/server.ts', seed: ['catalog-indexer/src/cli.ts', 'catalog-indexer/fixtures/demo'] },
  { name: 'rights', port: 4003, entry: 'subgraphs/rights/src/server.ts', seed: ['subgraphs/rights/src/db/seed.ts'] },
  { name: 'abondements', port: 4004, entry: 'subgraphs/abondements/src/server.ts', seed: ['subgraphs/abondements/src/db/seed.ts'] },
  { name: 'dossiers', port: 4005, entry: 'subgraphs/dossiers/src/server.ts', seed: ['subgraphs/dossiers/src/db/seed.ts'] },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** `RIGHTS_URL`…: where a process finds a subgraph (the default is its fixed port on loopback). */
export const subgraphUrlVariable = (name: string) => `${name.toUpperCase()}_URL`;

export function subgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const port = SUBGRAPHS.find((s) => s.name === name)!.port;
  return env[subgraphUrlVariable(name)] ?? `http://127.0.0.1:${port}/graphql`;
}
