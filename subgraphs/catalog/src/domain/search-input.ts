// Validation of searchTrainings arguments: what a client may ask, with messages that say what to fix.
import { isFunderCode } from './funders.ts';

export const CODE_FORMATS = {
  certificationCode: '"RNCP" or "RS" followed by digits, e.g. "RNCP37674"',
  inseeCode: 'an INSEE commune code: 5 characters, e.g. "85191" or "2A004"',
} as const;

/** Current INSEE région codes (2016 régions and overseas). */
export const REGION_CODES = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'] as const;
const INSEE_COMMUNE = /^(\d{5}|2[AB]\d{3})$/;

const PATTERNS = {
  regions: /^\d{2}$/,
  departements: /^(\d{2,3}|2[AB])$/,
  formacodes: /^\d{5}$/,
  romeCodes: /^[A-N]\d{4}$/,
  certificationCode: /^(RNCP\d+(BC\d+)?|RS\d+)$/,
};

export interface SearchInput {
  query: string | null;
  filters: {
    regions?: string[] | null;
    departements?: string[] | null;
    certificationCode?: string | null;
    formacodes?: string[] | null;
    romeCodes?: string[] | null;
    minPrice?: number | null;
    maxPrice?: number | null;
    startsAfter?: string | null;
    startsBefore?: string | null;
    near?: { latitude: number; longitude: number; radiusKm: number } | null;
    nearCommune?: { inseeCode: string; radiusKm: number } | null;
    exitLevels?: number[] | null;
    funders?: string[] | null;
  };
  /** A place typed by name or code (resolved by src/domain/places.ts), and the radius around a commune. */
  place?: string | null;
  placeRadiusKm?: number | null;
  page: number;
  pageSize: number;
  sort: { by: string; from?: { latitude: number; longitude: number } | null; fromCommune?: string | null } | null;
}

export interface InputProblem {
  field: string;
  message: string;
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;
export const MAX_PLACE_LENGTH = 100;
/** Around a commune given by name: what a search "near" it means when no radius is given. */
export const DEFAULT_PLACE_RADIUS_KM = 30;
const MAX_RESULTS_DEPTH = 10_000;

const badPoint = (p: { latitude: number; longitude: number }) => !(Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180);

export function validateFilters(input: SearchInput): InputProblem | null {
  const { filters: f } = input;
  if (input.query && input.query.length > MAX_QUERY_LENGTH) return { field: 'query', message: `query is longer than ${MAX_QUERY_LENGTH} characters` };
  if (!Number.isInteger(input.page) || input.page < 1) return { field: 'page', message: 'page must be 1 or more' };
  if (!Number.isInteger(input.pageSize) || input.pageSize < 1 || input.pageSize > MAX_PAGE_SIZE) {
    return { field: 'pageSize', message: `pageSize must be between 1 and ${MAX_PAGE_SIZE}` };
  }
  if (input.page * input.pageSize > MAX_RESULTS_DEPTH)
    return { field: 'page', message: `only the first ${MAX_RESULTS_DEPTH} results can be paged through: add filters` };
  for (const field of ['regions', 'departements', 'formacodes', 'romeCodes'] as const) {
    const bad = f[field]?.find((v) => !PATTERNS[field].test(v));
    if (bad !== undefined) return { field: `filters.${field}`, message: `"${bad}" is not a valid ${field.replace(/s$/, '')} code` };
  }
  const region = f.regions?.find((r) => !(REGION_CODES as readonly string[]).includes(r));
  if (region !== undefined) return { field: 'filters.regions', message: `"${region}" is not a current INSEE région code (${REGION_CODES.join(', ')})` };
  const level = f.exitLevels?.find((l) => !(Number.isInteger(l) && l >= 1 && l <= 8));
  if (level !== undefined)
    return {
      field: 'filters.exitLevels',
      message: `exit level ${level} does not exist: levels go from 1 to 8 (3 = CAP, 4 = bac, 5 = bac+2, 6 = bac+3/4, 7 = bac+5, 8 = doctorate)`,
    };
  if (f.certificationCode != null && !PATTERNS.certificationCode.test(f.certificationCode)) {
    return { field: 'filters.certificationCode', message: `certificationCode must be ${CODE_FORMATS.certificationCode}` };
  }
  for (const field of ['minPrice', 'maxPrice'] as const) {
    if (f[field] != null && f[field]! < 0) return { field: `filters.${field}`, message: `${field} cannot be negative` };
  }
  if (f.minPrice != null && f.maxPrice != null && f.minPrice > f.maxPrice) return { field: 'filters.minPrice', message: 'minPrice is above maxPrice' };
  if (f.startsAfter && f.startsBefore && f.startsAfter > f.startsBefore) return { field: 'filters.startsAfter', message: 'startsAfter is after startsBefore' };
  if (f.near) {
    if (badPoint(f.near)) return { field: 'filters.near', message: 'near is not a point on Earth (latitude −90…90, longitude −180…180)' };
    if (!(f.near.radiusKm > 0 && f.near.radiusKm <= 1000)) return { field: 'filters.near.radiusKm', message: 'radiusKm must be above 0 and at most 1000' };
  }
  if (f.nearCommune) {
    if (f.near) return { field: 'filters.nearCommune', message: 'give filters.near or filters.nearCommune, not both' };
    if (!INSEE_COMMUNE.test(f.nearCommune.inseeCode)) return { field: 'filters.nearCommune.inseeCode', message: `inseeCode must be ${CODE_FORMATS.inseeCode}` };
    if (!(f.nearCommune.radiusKm > 0 && f.nearCommune.radiusKm <= 1000))
      return { field: 'filters.nearCommune.radiusKm', message: 'radiusKm must be above 0 and at most 1000' };
  }
  const funder = f.funders?.find((code) => !isFunderCode(code));
  if (funder !== undefined) {
    return {
      field: 'filters.funders',
      message: `"${funder}" is not an LHEO funder code (dict-financeurs: "0" … "20", e.g. "2" Conseil régional, "4" France Travail, "10" the trainee, "16" OPCO)`,
    };
  }
  if (input.place != null) {
    if (input.place.length > MAX_PLACE_LENGTH) return { field: 'place', message: `place is longer than ${MAX_PLACE_LENGTH} characters` };
    if (f.near || f.nearCommune) return { field: 'place', message: 'give place or filters.near / filters.nearCommune, not both' };
  }
  if (input.placeRadiusKm != null) {
    if (input.place == null) return { field: 'placeRadiusKm', message: 'placeRadiusKm goes with place (the radius around the commune it names)' };
    if (!(input.placeRadiusKm > 0 && input.placeRadiusKm <= 1000)) return { field: 'placeRadiusKm', message: 'placeRadiusKm must be above 0 and at most 1000' };
  }
  if (input.sort?.from && badPoint(input.sort.from)) return { field: 'sort.from', message: 'from is not a point on Earth' };
  if (input.sort?.from && input.sort.fromCommune) return { field: 'sort.fromCommune', message: 'give sort.from or sort.fromCommune, not both' };
  if (input.sort?.fromCommune != null && !INSEE_COMMUNE.test(input.sort.fromCommune))
    return { field: 'sort.fromCommune', message: `fromCommune must be ${CODE_FORMATS.inseeCode}` };
  if (input.sort?.by === 'DISTANCE' && !input.sort.from && !input.sort.fromCommune && !f.near && !f.nearCommune && input.place == null) {
    return { field: 'sort.from', message: 'sorting by DISTANCE needs sort.from or sort.fromCommune (or place, filters.near / filters.nearCommune)' };
  }
  return null;
}
