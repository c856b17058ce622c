import { builder } from './builder.ts';
import { PlaceRef } from './refs.ts';

PlaceRef.implement({
  description: 'Where an action is delivered (LHEO lieu-de-formation). Any part may be missing in the source.',
  fields: (t) => ({
    name: t.exposeString('lieuNom', { nullable: true, description: 'Name of the place (first line of its coordinates), e.g. "Lycée Kerneuzec".' }),
    addressLines: t.exposeStringList('lieuLignes', { description: 'Street address lines.' }),
    postalCode: t.exposeString('codePostal', { nullable: true, description: 'Postal code, e.g. "85000".' }),
    city: t.exposeString('ville', { nullable: true, description: 'Town, as the source writes it.' }),
    inseeCode: t.exposeString('codeInsee', { nullable: true, description: 'INSEE code of the commune, e.g. "85191".' }),
    departement: t.exposeString('departement', { nullable: true, description: 'Département code, e.g. "85".' }),
    region: t.exposeString('region', { nullable: true, description: 'INSEE région code, e.g. "52" (Pays de la Loire).' }),
    latitude: t.exposeFloat('latitude', { nullable: true, description: 'WGS84 latitude; null when the source gives no usable coordinates.' }),
    longitude: t.exposeFloat('longitude', { nullable: true, description: 'WGS84 longitude; null when the source gives no usable coordinates.' }),
  }),
});

/** An action with no address at all has no place. */
export const hasPlace = (row: { ville: string | null; codePostal: string | null; codeInsee: string | null; latitude: number | null; lieuNom: string | null }) =>
  [row.ville, row.codePostal, row.codeInsee, row.latitude, row.lieuNom].some((v) => v !== null);
