import type { Funder } from '../domain/types.ts';
import { builder } from './builder.ts';
import { FunderKindEnum } from './enums.ts';

export const FunderRef = builder.objectRef<Funder>('Funder').implement({
  description: 'Who pays a dotation or a top-up: an employer, France Travail, a Région, an OPCO, the State…',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Stable identifier of the funder in this API (e.g. funder-region-pdl).' }),
    name: t.exposeString('name', { description: 'Name shown to the holder and the adviser.' }),
    identifier: t.exposeString('identifier', {
      description: 'How the funder is known outside this API: SIRET of an employer or of France Travail, INSEE code of a Région…',
    }),
    kind: t.expose('kind', {
      type: FunderKindEnum,
      description: 'Kind of funder; decides its place among top-ups and whether its top-up exempts the participation.',
    }),
  }),
});
