// Communes for the "near" filter: the catalogue's own hand-compiled list (catalog-indexer/data),
// bundled (20 kB): the name or postal code typed gives a position without asking a server.
import csv from '../../catalog-indexer/data/communes.csv?raw';

export interface Commune {
  inseeCode: string;
  postalCode: string;
  name: string;
  latitude: number;
  longitude: number;
}

export const COMMUNES: Commune[] = csv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [insee, postal, name, , , lat, lon] = line.split(';');
    return { inseeCode: insee!, postalCode: postal!, name: name!, latitude: Number(lat), longitude: Number(lon) };
  })
  .sort((a, b) => a.name.localeCompare(b.name, 'fr'));

export const communeLabel = (c: Commune) => `${c.name} (${c.postalCode})`;

/** "La Roche-sur-Yon (85000)", "La Roche-sur-Yon", "85000" or an INSEE code → a commune. */
export function findCommune(text: string): Commune | undefined {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return undefined;
  return (
    COMMUNES.find((c) => communeLabel(c).toLowerCase() === wanted) ??
    COMMUNES.find((c) => c.name.toLowerCase() === wanted || c.postalCode === wanted || c.inseeCode === wanted.toUpperCase())
  );
}
