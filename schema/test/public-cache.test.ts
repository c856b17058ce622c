// Which operations the public cache may keep: decided from the document and the schema alone.
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { publicResponseCache } from '../src/subgraph/public-cache.ts';

const schema = buildSchema(/* GraphQL */ `
  scalar _Any
  union _Entity = Session | Person
  type Session { id: ID! price: Int training: Training }
  type Training { title: String! }
  type Person { id: ID! options: [Option!]! }
  type Option { session: Session! }
  type Query {
    session(id: ID!): Session
    search(q: String): [Session!]!
    person(id: ID!): Person
    _entities(representations: [_Any!]!): [_Entity]!
  }
  type Mutation { touch: Int }
`);

let version = 'v1';
const cacheOf = (maxEntries = 10) =>
  publicResponseCache({ schema, privateTypes: ['Person', 'Option'], volatileFields: ['Query.search'], version: () => version, maxEntries })!;

describe('what may be kept', () => {
  const cache = cacheOf();
  it.each([
    ['a public field', '{ session(id: "1") { id price training { title } } }', undefined, true],
    ['a field of a private type', '{ person(id: "1") { id } }', undefined, false],
    ['a public type reached through a private one', '{ person(id: "1") { options { session { id } } } }', undefined, false],
    ['a volatile field', '{ search(q: "x") { id } }', undefined, false],
    ['a mutation', 'mutation { touch }', undefined, false],
    [
      'entities of a public type',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Session { price } } }',
      { r: [{ __typename: 'Session', id: '1' }] },
      false,
    ],
    [
      'entities of a public type (variables named representations)',
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Session { price } } }',
      { representations: [{ __typename: 'Session', id: '1' }] },
      true,
    ],
    [
      'entities with one private representation',
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Session { price } } }',
      {
        representations: [
          { __typename: 'Session', id: '1' },
          { __typename: 'Person', id: '2' },
        ],
      },
      false,
    ],
    [
      'a fragment on a private type',
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ...P } } fragment P on Person { id }',
      { representations: [{ __typename: 'Session', id: '1' }] },
      false,
    ],
    ['a syntax error', '{ session(id: "1") { id ', undefined, false],
    ['an unknown field', '{ nothing }', undefined, false],
  ])('%s', (_what, query, variables, cacheable) => {
    expect(cache.keyOf({ query, variables }) !== null).toBe(cacheable);
  });

  it('is off with no room', () => {
    expect(publicResponseCache({ schema, privateTypes: [], version: () => '', maxEntries: 0 })).toBeNull();
  });

  it('refuses a private type the schema does not have (a typo would make it public)', () => {
    expect(() => publicResponseCache({ schema, privateTypes: ['Persn'], version: () => '', maxEntries: 1 })).toThrow(/no type Persn/);
  });
});

describe('what is kept', () => {
  const body = { query: '{ session(id: "1") { id } }' };
  it('keys answers by version, variables and document', () => {
    const cache = cacheOf();
    version = 'v1';
    const key = cache.keyOf(body)!;
    cache.offer(key, 200, '{"data":{"session":{"id":"1"}}}');
    expect(cache.get(cache.keyOf(body)!)).toBe('{"data":{"session":{"id":"1"}}}');
    expect(cache.keyOf({ ...body, variables: { a: 1 } })).not.toBe(key);
    version = 'v2';
    expect(cache.get(cache.keyOf(body)!)).toBeUndefined();
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('keeps neither errors nor failed statuses', () => {
    const cache = cacheOf();
    const key = cache.keyOf(body)!;
    cache.offer(key, 200, '{"errors":[{"message":"timeout"}],"data":null}');
    cache.offer(key, 500, '{"data":null}');
    expect(cache.get(key)).toBeUndefined();
  });

  it('lets the least recently used answer go first', () => {
    const cache = cacheOf(2);
    const keys = ['1', '2', '3'].map((id) => cache.keyOf({ query: `{ session(id: "${id}") { id } }` })!);
    cache.offer(keys[0]!, 200, 'a');
    cache.offer(keys[1]!, 200, 'b');
    cache.get(keys[0]!);
    cache.offer(keys[2]!, 200, 'c');
    expect(cache.get(keys[0]!)).toBe('a');
    expect(cache.get(keys[1]!)).toBeUndefined();
    expect(cache.get(keys[2]!)).toBe('c');
  });
});
