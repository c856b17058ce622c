import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { CentsScalar, DateScalar, DateTimeScalar, type SharedScalars } from '@formations/schema/scalars';
import type { DossiersContext } from '../context.ts';

// SharedScalars is an interface, which Pothos' index-signature constraint refuses; a mapped copy is accepted.
type Scalars = { [K in keyof SharedScalars]: SharedScalars[K] };

export const builder = new SchemaBuilder<{ Context: DossiersContext; Scalars: Scalars; DefaultFieldNullability: false }>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});

builder.addScalarType('Cents', CentsScalar);
builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({ description: 'Dossiers: a person enrolled on a session with its funding, and their history.' });
builder.mutationType({ description: 'The transitions of a dossier, each for its actor, each idempotent.' });
