// Scalars shared by every subgraph, so the supergraph has one meaning for each.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

function parseCents(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw badInput(`Cents must be an integer number of euro cents, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const CentsScalar = new GraphQLScalarType<number, number>({
  name: 'Cents',
  description: 'An exact amount of money in euro cents (integer; 12345 = 123.45 €). Never a float: every sum in this API is exact.',
  serialize: (value) => parseCents(value),
  parseValue: (value) => parseCents(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.INT) throw badInput('Cents must be an integer literal');
    return parseCents(Number(ast.value));
  },
});

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Every Date a subgraph sends is checked; the same few hundred days come back again and again.
const knownIsoDates = new Set<string>();

export function isIsoDate(value: string): boolean {
  if (knownIsoDates.has(value)) return true;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  const valid = !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  if (valid) {
    if (knownIsoDates.size >= 50_000) knownIsoDates.clear();
    knownIsoDates.add(value);
  }
  return valid;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badInput(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, ISO 8601 (YYYY-MM-DD), with no time zone.',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw badInput(`DateTime must be an ISO 8601 timestamp, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with time zone (e.g. 2026-03-01T09:30:00Z).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : parseDateTime(value)),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be a string');
    return parseDateTime(ast.value);
  },
});

/** Scalar typings for a Pothos builder: `new SchemaBuilder<{ Scalars: SharedScalars }>`. */
export type SharedScalars = {
  ID: { Input: string; Output: string | number };
  Cents: { Input: number; Output: number };
  Date: { Input: string; Output: string };
  DateTime: { Input: string; Output: string | Date };
};
