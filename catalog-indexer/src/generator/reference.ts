/**
 * Reference tables of catalog-indexer/data/ (Formacode, ROME 4.0 v60, Formacode -> ROME links, communes).
 * The generator reads nothing else at run time.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

export type Formacode = { code: string; libelle: string; nsf: string; champ: string };
export type Rome = { code: string; libelle: string; metier: string };
export type Commune = {
  insee: string;
  codepostal: string;
  nom: string;
  departement: string;
  region: string;
  latitude: number;
  longitude: number;
};

export type Reference = {
  formacodes: Formacode[];
  formacodeByCode: Map<string, Formacode>;
  /** Formacode codes that have at least one ROME link */
  linkedFormacodes: Formacode[];
  formacodesByChamp: Map<string, Formacode[]>;
  romeByCode: Map<string, Rome>;
  romeByFormacode: Map<string, string[]>;
  communes: Commune[];
  communesByRegion: Map<string, Commune[]>;
};

function rows(file: string): string[][] {
  const text = readFileSync(join(DATA_DIR, file), 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/\r$/, '').split(';'));
}

/** "Conducteur / Conductrice d'engins agricoles" -> "Conducteur d'engins agricoles" */
export function masculine(label: string): string {
  const parts = label.split(' / ');
  if (parts.length === 2) {
    // "Conseiller consultant / Conseillère consultante en formation" -> "Conseiller consultant en formation"
    const left = parts[0]!.trim();
    const right = parts[1]!.trim().split(/\s+/);
    const k = left.split(/\s+/).length;
    return [left, ...right.slice(k)].join(' ');
  }
  return label
    .replace(/ \/ [^ ]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

let cached: Reference | undefined;

export function loadReference(): Reference {
  if (cached) return cached;
  const formacodes = rows('formacode.csv').map(([code, libelle, nsf, champ]) => ({
    code: code!,
    libelle: libelle!,
    nsf: nsf ?? '',
    champ: champ ?? '',
  }));
  const formacodeByCode = new Map(formacodes.map((f) => [f.code, f]));
  const romeByCode = new Map<string, Rome>();
  for (const [code, libelle] of rows('rome.csv')) {
    romeByCode.set(code!, { code: code!, libelle: libelle!, metier: masculine(libelle!) });
  }
  const romeByFormacode = new Map<string, string[]>();
  for (const [fc, romes] of rows('formacode-rome.csv')) {
    const list = (romes ?? '').split(' ').filter((c) => romeByCode.has(c));
    if (formacodeByCode.has(fc!) && list.length > 0) romeByFormacode.set(fc!, list);
  }
  const formacodesByChamp = new Map<string, Formacode[]>();
  for (const f of formacodes) {
    const list = formacodesByChamp.get(f.champ) ?? [];
    list.push(f);
    formacodesByChamp.set(f.champ, list);
  }
  const communes = rows('communes.csv').map(([insee, codepostal, nom, departement, region, lat, lon]) => ({
    insee: insee!,
    codepostal: codepostal!,
    nom: nom!,
    departement: departement!,
    region: region!,
    latitude: Number(lat),
    longitude: Number(lon),
  }));
  const communesByRegion = new Map<string, Commune[]>();
  for (const c of communes) {
    const list = communesByRegion.get(c.region) ?? [];
    list.push(c);
    communesByRegion.set(c.region, list);
  }
  cached = {
    formacodes,
    formacodeByCode,
    linkedFormacodes: formacodes.filter((f) => romeByFormacode.has(f.code)),
    formacodesByChamp,
    romeByCode,
    romeByFormacode,
    communes,
    communesByRegion,
  };
  return cached;
}
