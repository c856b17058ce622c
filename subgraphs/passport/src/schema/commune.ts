import { builder } from './builder.ts';

export interface CommuneShape {
  inseeCode: string;
  name: string;
  postalCode: string;
  departement: string;
  region: string;
  latitude: number;
  longitude: number;
}

export const CommuneRef = builder.objectRef<CommuneShape>('Commune').implement({
  description: 'A French commune, as INSEE knows it: where a person lives.',
  fields: (t) => ({
    inseeCode: t.exposeString('inseeCode', { description: 'INSEE code of the commune (code officiel géographique), e.g. "85191". Not the postal code.' }),
    name: t.exposeString('name', { description: 'Name of the commune, e.g. "La Roche-sur-Yon".' }),
    postalCode: t.exposeString('postalCode', { description: 'Postal code, e.g. "85000".' }),
    departement: t.exposeString('departement', { description: 'INSEE code of the département, e.g. "85".' }),
    region: t.exposeString('region', { description: 'INSEE code of the région, e.g. "52" (Pays de la Loire).' }),
    latitude: t.exposeFloat('latitude', { description: 'Latitude of the commune (WGS 84, degrees).' }),
    longitude: t.exposeFloat('longitude', { description: 'Longitude of the commune (WGS 84, degrees).' }),
  }),
});
