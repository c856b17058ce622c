import { builder } from './builder.ts';
import { load } from './loaders.ts';
import { ProviderRef, TrainingRef } from './refs.ts';

ProviderRef.implement({
  description: 'A training organisation (LHEO organisme-formation-responsable), identified by its SIRET.',
  fields: (t) => ({
    siret: t.exposeString('siret', { description: 'SIRET (14 digits) of the establishment.' }),
    name: t.string({
      description: 'The name to show: raison sociale, else nom-organisme.',
      resolve: (o) => o.raisonSociale ?? o.nom ?? o.siret,
    }),
    legalName: t.exposeString('raisonSociale', { nullable: true, description: 'Raison sociale (legal name); null when the source writes "-".' }),
    tradeName: t.exposeString('nom', { nullable: true, description: 'nom-organisme: the name the organisation uses.' }),
    activityNumber: t.exposeString('numeroActivite', { nullable: true, description: 'Numéro de déclaration d’activité of the training organisation.' }),
    trainings: t.field({
      type: [TrainingRef],
      description: 'Its trainings in the catalogue.',
      resolve: (o, _, ctx) => load.formationsOfOrganisme(ctx, o.siret),
    }),
  }),
});

builder.asEntity(ProviderRef, {
  key: builder.selection<{ siret: string }>('siret'),
  resolveReference: ({ siret }, ctx) => load.organisme(ctx, siret),
});
