// Places as people type them ("Île-de-France", "Loire-Atlantique", "st etienne", "44000") →
// a région, a département or a commune with its codes and position, or why not (in French, for
// the people searching). Pure: the reference tables are passed in (src/data/places.ts reads them).
import { editDistance, fold } from './search-text.ts';

export type PlaceKind = 'REGION' | 'DEPARTEMENT' | 'COMMUNE';

export interface Place {
  kind: PlaceKind;
  /** INSEE code: région "52", département "44" / "2A" / "974", commune "44109". */
  code: string;
  name: string;
  /** Communes: their main postal code. */
  postalCode: string | null;
  /** The département it is in (itself for a département; null for a région). */
  departement: string | null;
  /** The région it is in (itself for a région). */
  region: string;
  /** Its chef-lieu's position for a région or a département, the town centre for a commune. */
  latitude: number;
  longitude: number;
}

export type PlaceAnswer =
  | { status: 'FOUND'; place: Place; message: string; suggestions: Place[] }
  | { status: 'AMBIGUOUS' | 'UNKNOWN'; place: null; message: string; suggestions: Place[] };

export interface PlaceReference {
  places: readonly Place[];
}

const KIND_ORDER: Record<PlaceKind, number> = { REGION: 0, DEPARTEMENT: 1, COMMUNE: 2 };
const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/** "Saint-Étienne", "st etienne", "ST-ETIENNE" → "saint etienne". */
export function placeKey(text: string): string {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');
}

export const MAX_SUGGESTIONS = 10;

/** How a place reads in a list: "Saint-Étienne (42000, Loire)", "Loire-Atlantique (44)", "Île-de-France (région)". */
export function placeLabel(place: Place, departementName: (code: string) => string | undefined): string {
  if (place.kind === 'REGION') return `${place.name} (région)`;
  if (place.kind === 'DEPARTEMENT') return `${place.name} (${place.code})`;
  const departement = place.departement ? departementName(place.departement) : undefined;
  return `${place.name} (${[place.postalCode, departement].filter(Boolean).join(', ')})`;
}

/** Is `inner` inside `outer` (a commune in a département or a région, a département in a région)? */
const within = (inner: Place, outer: Place) =>
  inner !== outer &&
  KIND_ORDER[outer.kind] < KIND_ORDER[inner.kind] &&
  (outer.kind === 'REGION' ? inner.region === outer.code : inner.departement === outer.code);

const byKindThenName = (a: Place, b: Place) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'fr') || a.code.localeCompare(b.code);

export class PlaceIndex {
  private readonly keyed: { place: Place; key: string }[];
  private readonly byKindCode = new Map<string, Place>();

  constructor(reference: PlaceReference) {
    this.keyed = reference.places.map((place) => ({ place, key: placeKey(place.name) }));
    for (const p of reference.places) if (p.kind !== 'COMMUNE') this.byKindCode.set(`${p.kind}|${p.code}`, p);
  }

  /** The name of a région or a département by its code; null when unknown. */
  nameOf(kind: 'REGION' | 'DEPARTEMENT', code: string): string | null {
    return this.byKindCode.get(`${kind}|${code}`)?.name ?? null;
  }

  label(place: Place): string {
    return placeLabel(place, (code) => this.nameOf('DEPARTEMENT', code) ?? undefined);
  }

  /** What `text` names, with suggestions (at most `limit`) when it names several places, a beginning of names, or nothing known. */
  resolve(text: string, limit = MAX_SUGGESTIONS): PlaceAnswer {
    const typed = text.trim();
    const key = placeKey(typed);
    if (!key) return this.unknown(typed, [], 'Aucun lieu indiqué : tapez le nom d’une région, d’un département ou d’une commune, ou un code postal.');
    const codeMatches = this.byCode(key.replace(/ /g, ''));
    if (codeMatches) return this.choose(typed, codeMatches, limit, 'code');
    const exact = this.keyed.filter((k) => k.key === key).map((k) => k.place);
    if (exact.length > 0) return this.choose(typed, exact, limit, 'name');
    const starting = this.keyed.filter((k) => k.key.startsWith(key) || k.key.includes(` ${key}`)).map((k) => k.place);
    if (starting.length > 0) return this.choose(typed, starting, limit, 'prefix');
    // Typos: 1 from 5 letters, 2 from 9, on the whole name.
    const max = key.length >= 9 ? 2 : key.length >= 5 ? 1 : 0;
    const near =
      max === 0 ? [] : this.keyed.filter((k) => Math.abs(k.key.length - key.length) <= max && editDistance(key, k.key, max) <= max).map((k) => k.place);
    near.sort(byKindThenName);
    const shown = near.slice(0, limit);
    return this.unknown(
      typed,
      shown,
      shown.length > 0
        ? `Lieu inconnu : « ${typed} ». Vouliez-vous dire ${this.list(shown)} ?`
        : `Lieu inconnu : « ${typed} » ne correspond à aucune région, aucun département ni aucune commune de la liste de référence. Vérifiez l’orthographe, ou donnez un code postal ou le nom d’une ville proche.`,
    );
  }

  /** Postal code or INSEE code of a commune (5 characters), or a département code ("44", "2A", "974"). */
  private byCode(compact: string): Place[] | null {
    if (/^\d{5}$|^2[ab]\d{3}$/.test(compact)) {
      const upper = compact.toUpperCase();
      const byPostal = this.keyed.filter((k) => k.place.kind === 'COMMUNE' && k.place.postalCode === upper).map((k) => k.place);
      if (byPostal.length > 0) return byPostal;
      return this.keyed.filter((k) => k.place.kind === 'COMMUNE' && k.place.code === upper).map((k) => k.place);
    }
    if (/^\d{2,3}$|^2[ab]$/.test(compact))
      return this.keyed.filter((k) => k.place.kind === 'DEPARTEMENT' && k.place.code === compact.toUpperCase()).map((k) => k.place);
    return null;
  }

  private choose(typed: string, found: Place[], limit: number, how: 'code' | 'name' | 'prefix'): PlaceAnswer {
    // One name given to nested places (the région and the département La Réunion, the département and the city of Paris) means the largest.
    const kept = found.filter((p) => !found.some((outer) => within(p, outer) && placeKey(outer.name) === placeKey(p.name)));
    kept.sort(byKindThenName);
    if (kept.length === 1) {
      const place = kept[0]!;
      return { status: 'FOUND', place, message: `« ${typed} » : ${this.describe(place)}.`, suggestions: [place] };
    }
    if (kept.length === 0) {
      const what = /^\d/.test(typed) ? `le code « ${typed} »` : `« ${typed} »`;
      return this.unknown(
        typed,
        [],
        `Lieu inconnu : aucune commune ni aucun département de la liste de référence n’a ${what}. Donnez le nom de la commune ou celui d’une ville proche.`,
      );
    }
    const shown = kept.slice(0, limit);
    const more = kept.length > shown.length ? ` (et ${kept.length - shown.length} autres)` : '';
    const why =
      how === 'prefix'
        ? `« ${typed} » est le début de plusieurs noms de lieux : ${this.list(shown)}${more}. Choisissez-en un ou complétez le nom.`
        : how === 'code'
          ? `Le code postal « ${typed} » est celui de plusieurs communes : ${this.list(shown)}${more}. Choisissez-en une.`
          : `« ${typed} » désigne plusieurs lieux : ${this.list(shown)}${more}. Précisez le code postal ou le département, ou choisissez-en un.`;
    return { status: 'AMBIGUOUS', place: null, message: why, suggestions: shown };
  }

  private unknown(_typed: string, suggestions: Place[], message: string): PlaceAnswer {
    return { status: 'UNKNOWN', place: null, message, suggestions };
  }

  private list(places: Place[]): string {
    return places.map((p) => this.label(p)).join(', ');
  }

  private describe(place: Place): string {
    if (place.kind === 'REGION') return `la région ${place.name} (code ${place.code})`;
    if (place.kind === 'DEPARTEMENT') return `le département ${place.name} (${place.code})`;
    return `la commune ${this.label(place)}, code INSEE ${place.code}`;
  }
}
