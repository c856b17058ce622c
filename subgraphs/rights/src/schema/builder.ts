import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { CentsScalar, DateScalar, DateTimeScalar, type SharedScalars } from '@formations/schema/scalars';
import type { RightsContext } from '../context.ts';

// SharedScalars is an interface, which Pothos' index-signature constraint refuses; a mapped copy is accepted.
type Scalars = { [K in keyof SharedScalars]: SharedScalars[K] };

export const builder = new SchemaBuilder<{ Context: RightsContext; Scalars: Scalars; DefaultFieldNullability: false }>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});

builder.addScalarType('Cents', CentsScalar);
builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({ description: 'Reading CPF rights and the law parameters they are computed with.' });
builder.mutationType({ description: 'Changes to CPF accounts, reserved to operators of the Caisse des Dépôts.' });
