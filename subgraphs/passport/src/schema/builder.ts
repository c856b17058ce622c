import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { CentsScalar, DateScalar, DateTimeScalar, type SharedScalars } from '@formations/schema/scalars';
import type { PassportContext } from '../context.ts';

// Pothos wants an index signature, which the shared `interface` lacks; a mapped copy has one.
type Scalars = { [Name in keyof SharedScalars]: SharedScalars[Name] };

export const builder = new SchemaBuilder<{ Context: PassportContext; Scalars: Scalars; DefaultFieldNullability: false }>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});

builder.addScalarType('Cents', CentsScalar);
builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
