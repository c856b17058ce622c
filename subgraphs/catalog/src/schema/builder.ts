import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { CentsScalar, DateScalar, DateTimeScalar, type SharedScalars } from '@formations/schema/scalars';
import type { CatalogContext } from '../context.ts';

// SharedScalars is an interface, which lacks the index signature Pothos asks for; a mapped copy has it.
type Scalars = Pick<SharedScalars, keyof SharedScalars>;

export const builder = new SchemaBuilder<{ Context: CatalogContext; Scalars: Scalars; DefaultFieldNullability: false }>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
});

builder.addScalarType('Cents', CentsScalar);
builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);

builder.queryType({ description: 'The training catalogue (LHEO offers and RNCP / RS certifications). Public: no person data.' });
