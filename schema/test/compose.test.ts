import { describe, expect, it } from 'vitest';
import { CompositionError, composeSupergraph } from '../src/compose.ts';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@external", "@requires"])\n';

describe('composition', () => {
  it('fails with the composer’s own message when two subgraphs disagree', () => {
    const sdl: Record<string, string> = {
      passport: `${link} type Query { person(id: ID!): Person } type Person @key(fields: "id") { id: ID! status: String! }`,
      catalog: `${link} type Query { session(id: ID!): Session } type Session @key(fields: "id") { id: ID! }`,
      // claims a field it does not own without @external: composition must refuse it
      rights: `${link} type Person @key(fields: "id") { id: ID! status: Int! }`,
      abondements: `${link} type Query { funders: [String!]! }`,
      dossiers: `${link} type Query { dossier(id: ID!): String }`,
    };
    let error: unknown;
    try {
      composeSupergraph((name) => sdl[name]!);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompositionError);
    expect((error as Error).message).toMatch(/Person\.status/);
  });

  it('composes consistent subgraphs', () => {
    const sdl: Record<string, string> = {
      passport: `${link} type Query { person(id: ID!): Person } type Person @key(fields: "id") { id: ID! status: String! }`,
      catalog: `${link} type Query { session(id: ID!): Session } type Session @key(fields: "id") { id: ID! }`,
      rights: `${link} type Person @key(fields: "id") { id: ID! status: String! @external balance: Int! @requires(fields: "status") }`,
      abondements: `${link} type Query { funders: [String!]! }`,
      dossiers: `${link} type Query { dossier(id: ID!): String }`,
    };
    expect(composeSupergraph((name) => sdl[name]!)).toContain('join__graph');
  });
});
