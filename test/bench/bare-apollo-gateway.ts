// The decided stack's gateway with nothing of ours: Apollo Server's standalone server and an
// ApolloGateway with its default RemoteGraphQLDataSource on the supergraph. No identity, limits,
// resilience, telemetry or logs. The gateway benchmark runs it over instant subgraphs to show
// what Apollo Gateway itself costs on this machine for each query.
// Usage: bare-apollo-gateway.ts <port> <supergraph.graphql>
import fs from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway } from '@apollo/gateway';

const [port, supergraphFile] = process.argv.slice(2);
const gateway = new ApolloGateway({ supergraphSdl: fs.readFileSync(supergraphFile!, 'utf8') });
const server = new ApolloServer({ gateway });
await startStandaloneServer(server, { listen: { port: Number(port), host: '127.0.0.1' } });
console.log('ready');
