import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { CentsScalar, DateScalar, DateTimeScalar, type SharedScalars } from '@formations/schema/scalars';
import type { AbondementsContext } from '../context.ts';

// A mapped copy: Pothos wants an index signature, which the shared interface lacks.
type Scalars = { [K in keyof SharedScalars]: SharedScalars[K] };

export const builder = new SchemaBuilder<{ Context: AbondementsContext; Scalars: Scalars; DefaultFieldNullability: false }>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});

builder.addScalarType('Cents', CentsScalar);
builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);

builder.queryType({ description: 'Co-funding (abondements) of CPF trainings: funding plans, dotations, and the funders\' own conventions.' });
builder.mutationType({ description: 'Funders manage their conventions and rules; dossiers reserve and release envelope money.' });
