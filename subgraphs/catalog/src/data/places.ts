// The reference places the `place` search argument and `places` resolve: the 18 régions and 101
// départements (regions.csv, departements.csv, here) and the communes of the catalogue's
// hand-compiled list (catalog-indexer/data/communes.csv, the one the generator and the console use).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlaceIndex, type Place } from '../domain/places.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const COMMUNES_FILE = path.resolve(HERE, '../../../../catalog-indexer/data/communes.csv');

/** The list holds the municipal arrondissements of these three cities, not the cities themselves. */
const CITIES_OF_ARRONDISSEMENTS: Record<string, { insee: string; departement: string }> = {
  Paris: { insee: '75056', departement: '75' },
  Lyon: { insee: '69123', departement: '69' },
  Marseille: { insee: '13055', departement: '13' },
};

const rows = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(';'));

export function readPlaces(communesFile = COMMUNES_FILE): Place[] {
  const communes: Place[] = rows(communesFile).map(([insee, postalCode, name, departement, region, latitude, longitude]) => ({
    kind: 'COMMUNE',
    code: insee!,
    name: name!,
    postalCode: postalCode!,
    departement: departement!,
    region: region!,
    latitude: Number(latitude),
    longitude: Number(longitude),
  }));
  // A whole city: the mean position of its arrondissements listed; no postal code of its own (each arrondissement has one).
  for (const [city, { insee, departement }] of Object.entries(CITIES_OF_ARRONDISSEMENTS)) {
    const parts = communes.filter((c) => c.departement === departement && c.name.startsWith(`${city} `) && /Arrondissement$/.test(c.name));
    if (parts.length === 0) continue;
    const mean = (pick: (p: Place) => number) => Math.round((parts.reduce((s, p) => s + pick(p), 0) / parts.length) * 1e4) / 1e4;
    communes.push({ ...parts[0]!, code: insee, name: city, postalCode: null, latitude: mean((p) => p.latitude), longitude: mean((p) => p.longitude) });
  }
  const byInsee = new Map(communes.map((c) => [c.code, c]));
  const seat = (insee: string, what: string) => {
    const commune = byInsee.get(insee);
    if (!commune) throw new Error(`places: the chef-lieu ${insee} of ${what} is not in ${communesFile}`);
    return { latitude: commune.latitude, longitude: commune.longitude };
  };
  const regions: Place[] = rows(path.join(HERE, 'regions.csv')).map(([code, name, chefLieu]) => ({
    kind: 'REGION',
    code: code!,
    name: name!,
    postalCode: null,
    departement: null,
    region: code!,
    ...seat(chefLieu!, `région ${code}`),
  }));
  const departements: Place[] = rows(path.join(HERE, 'departements.csv')).map(([code, name, region, prefecture]) => ({
    kind: 'DEPARTEMENT',
    code: code!,
    name: name!,
    postalCode: null,
    departement: code!,
    region: region!,
    ...seat(prefecture!, `département ${code}`),
  }));
  return [...regions, ...departements, ...communes];
}

let shared: PlaceIndex | undefined;

/** The reference places, read once per process. */
export const placeIndex = (): PlaceIndex => (shared ??= new PlaceIndex({ places: readPlaces() }));
