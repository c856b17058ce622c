// Minimal reproduction of the one difference left between Hive Gateway and Apollo's on our
// supergraph (docs/federation-contract.md § Other routers): an entity field with @provides on
// the objects a @requires field returns. Two subgraphs of a few lines: `shop` owns Owner, Product
// and Maker; `boxes` adds Owner.boxes @requires(fields: "hint"), whose Box.product
// @provides(fields: "name maker { code }"). Apollo Gateway answers from `boxes`; Hive Gateway
// 2.15.1 answers `owner: null` with "Unexpected error." at owner.boxes.0.product. Without the
// @provides Hive answers (one more fetch). The Hive case is expected to fail (it.fails): it turns
// red the day Hive fixes it.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { parse, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/stack.ts';
import { startHiveGateway, type RunningHive } from '../bench/hive.ts';
import { graphql } from '../src/client.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@provides", "@requires"])';
const SHOP = `${LINK}
type Product @key(fields: "id") { id: ID! name: String! @shareable maker: Maker! @shareable }
type Maker @key(fields: "code") { code: String! name: String! }
type Owner @key(fields: "id") { id: ID! hint: String! }
type Query { product(id: ID!): Product owner(id: ID!): Owner }`;
const BOXES = `${LINK}
type Product @key(fields: "id", resolvable: false) { id: ID! name: String! @external maker: Maker! @external }
type Maker @key(fields: "code", resolvable: false) { code: String! }
type Box { label: String! product: Product! @provides(fields: "name maker { code }") }
type Owner @key(fields: "id") { id: ID! hint: String! @external boxes: [Box!]! @requires(fields: "hint") }
type Query { box: Box }`;
const PRODUCT = { id: 'p1', name: 'Chaise', maker: { code: 'M1' } };
const QUERY = '{ owner(id: "o1") { id boxes { label product { id name maker { code } } } } }';

async function serve(schema: GraphQLSchema): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new ApolloServer({ schema });
  await server.start();
  const port = await freePort();
  const httpServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      const result = await server.executeOperation({ query, variables });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result.body.kind === 'single' ? result.body.singleResult : {}));
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      httpServer.close();
      await server.stop();
    },
  };
}

describe('Hive Gateway and @provides under a @requires field (minimal reproduction)', () => {
  let shop: Awaited<ReturnType<typeof serve>>;
  let boxes: Awaited<ReturnType<typeof serve>>;
  let hive: RunningHive;
  let apollo: ApolloServer;
  let workDir: string;

  beforeAll(async () => {
    shop = await serve(
      buildSubgraphSchema({
        typeDefs: parse(SHOP),
        resolvers: {
          Query: { product: () => PRODUCT, owner: () => ({ id: 'o1', hint: 'h' }) },
          Owner: { __resolveReference: () => ({ id: 'o1', hint: 'h' }) },
          Product: { __resolveReference: () => PRODUCT },
          Maker: { __resolveReference: () => ({ code: 'M1', name: 'Atelier' }) },
        } as never,
      }),
    );
    boxes = await serve(
      buildSubgraphSchema({
        typeDefs: parse(BOXES),
        resolvers: { Query: { box: () => ({ label: 'carton', product: PRODUCT }) }, Owner: { boxes: () => [{ label: 'carton', product: PRODUCT }] } } as never,
      }),
    );
    const composed = composeServices([
      { name: 'shop', url: shop.url, typeDefs: parse(SHOP) },
      { name: 'boxes', url: boxes.url, typeDefs: parse(BOXES) },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hive-provides-'));
    hive = await startHiveGateway({ shop: shop.url, boxes: boxes.url }, workDir, composed.supergraphSdl);
    apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
    await apollo.start();
  });
  afterAll(async () => {
    await hive?.stop();
    await apollo?.stop();
    await shop?.close();
    await boxes?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('Apollo Gateway answers the provided field', async () => {
    const result = await apollo.executeOperation({ query: QUERY });
    expect(result.body.kind === 'single' && result.body.singleResult.data).toEqual({ owner: { id: 'o1', boxes: [{ label: 'carton', product: PRODUCT }] } });
  });

  it.fails('Hive Gateway answers the same (2.15.1: owner is null, "Unexpected error." at owner.boxes.0.product)', async () => {
    const result = await graphql(hive.url, QUERY);
    expect(result.data).toEqual({ owner: { id: 'o1', boxes: [{ label: 'carton', product: PRODUCT }] } });
  });
});
