// The Pothos builder every subgraph starts from: federation and directives, non-null by default,
// the shared scalars. A subgraph adds its root types' descriptions and its own types.
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { CentsScalar, DateScalar, DateTimeScalar, type SharedScalars } from './scalars.ts';

// SharedScalars is an interface, which lacks the index signature Pothos asks for; a mapped copy has it.
export type SubgraphScalars = { [K in keyof SharedScalars]: SharedScalars[K] };

export function subgraphBuilder<Context extends object>() {
  const builder = new SchemaBuilder<{ Context: Context; Scalars: SubgraphScalars; DefaultFieldNullability: false }>({
    plugins: [DirectivesPlugin, FederationPlugin],
    defaultFieldNullability: false,
  });
  builder.addScalarType('Cents', CentsScalar);
  builder.addScalarType('Date', DateScalar);
  builder.addScalarType('DateTime', DateTimeScalar);
  return builder;
}
