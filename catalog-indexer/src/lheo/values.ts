// LHEO field values → typed values. Pure functions: each answers a value or says why not.
import sanitizeHtml from 'sanitize-html';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** LHEO writes "-" (or nothing) for an empty field. */
export function blankToNull(raw: string | undefined | null): string | null {
  const value = raw?.trim();
  return !value || value === '-' ? null : value;
}

/** prix-total-TTC "1234.50" / "1 234,50" → 123450 cents; never goes through a float. */
export function parsePriceCents(raw: string | null): Parsed<number | null> {
  const text = blankToNull(raw)
    ?.replace(/[\s\u00a0\u202f]/g, '')
    .replace(/€$/, '');
  if (!text) return ok(null);
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!m) return fail(`prix-total-TTC "${raw}" is not an amount in euros`);
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return fail(`prix-total-TTC "${raw}" is too large`);
  return ok(cents);
}

/** debut/fin: YYYYMMDD (or YYYY-MM-DD); 00000000 and 99999999 mean "unknown". */
export function parseLheoDate(raw: string | null): Parsed<string | null> {
  const text = blankToNull(raw);
  if (!text || text === '00000000' || text === '99999999') return ok(null);
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) return fail(`"${raw}" is not a date (YYYYMMDD)`);
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return fail(`"${raw}" is not a calendar date`);
  return ok(iso);
}

/** Whole hours; LHEO hours are integers but some exports write "35.0" or "35,5" (rounded up). */
export function parseHours(raw: string | null): Parsed<number | null> {
  const text = blankToNull(raw)?.replace(',', '.');
  if (!text) return ok(null);
  if (!/^\d+(\.\d+)?$/.test(text)) return fail(`"${raw}" is not a number of hours`);
  return ok(Math.ceil(Number(text)));
}

export function parseCoordinate(raw: string | null, axis: 'latitude' | 'longitude'): Parsed<number | null> {
  const text = blankToNull(raw)?.replace(',', '.');
  if (!text) return ok(null);
  const value = Number(text);
  const limit = axis === 'latitude' ? 90 : 180;
  if (!/^-?\d+(\.\d+)?$/.test(text) || Math.abs(value) > limit) return fail(`${axis} "${raw}" is out of range`);
  return ok(value);
}

/** dict-modalites-enseignement: 0 entièrement présentielle, 1 mixte, 2 entièrement à distance. */
export const MODALITES = { '0': 'PRESENTIEL', '1': 'MIXTE', '2': 'DISTANCE' } as const;
export type Modalite = (typeof MODALITES)[keyof typeof MODALITES];

export function parseModalite(raw: string | null): Parsed<Modalite | null> {
  const text = blankToNull(raw);
  if (!text) return ok(null);
  const value = MODALITES[text as keyof typeof MODALITES];
  return value ? ok(value) : fail(`modalites-enseignement "${raw}" is not 0, 1 or 2`);
}

/** nb-places (session > recrutement, LHEO 2.3): 0 … 99,999. */
export function parseNbPlaces(raw: string | null): Parsed<number | null> {
  const text = blankToNull(raw);
  if (!text) return ok(null);
  if (!/^\d{1,5}$/.test(text)) return fail(`nb-places "${raw}" is not a number of places (0 … 99999)`);
  return ok(Number(text));
}

export const ETATS_RECRUTEMENT = { '1': 'OPEN', '2': 'CLOSED', '3': 'SUSPENDED' } as const;
export type EtatRecrutement = (typeof ETATS_RECRUTEMENT)[keyof typeof ETATS_RECRUTEMENT];

export function parseEtatRecrutement(raw: string | null): Parsed<EtatRecrutement | null> {
  const text = blankToNull(raw);
  if (!text) return ok(null);
  const value = ETATS_RECRUTEMENT[text as keyof typeof ETATS_RECRUTEMENT];
  return value ? ok(value) : fail(`etat-recrutement "${raw}" is not 1, 2 or 3`);
}

export const CODE_PATTERNS = {
  FORMACODE: /^\d{5}$/,
  NSF: /^\d{3}[a-z]?$/,
  ROME: /^[A-N]\d{4}$/,
  SIRET: /^\d{14}$/,
  INSEE: /^(\d{5}|2[AB]\d{3})$/,
} as const;

/** code-RNCP "474" or "RNCP474" → "RNCP474"; code-RS "5080" → "RS5080". */
export function certificationCode(kind: 'RNCP' | 'RS', raw: string | null): Parsed<string | null> {
  const text = blankToNull(raw)?.toUpperCase().replace(/\s/g, '');
  if (!text) return ok(null);
  const m = new RegExp(`^(?:${kind})?(\\d{1,8})$`).exec(text);
  return m ? ok(`${kind}${Number(m[1])}`) : fail(`code-${kind} "${raw}" is not a ${kind} number`);
}

const DISPLAY_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'h5', 'a', 'span', 'div'];

/** The HTML a front end may display as is: formatting tags only, links with safe schemes. */
export function displayHtml(html: string | null): string | null {
  if (!html) return null;
  const clean = sanitizeHtml(html, {
    allowedTags: DISPLAY_TAGS,
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }) },
  }).trim();
  return clean || null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Plain text for search and for clients that cannot show HTML: tags become spaces. */
export function plainText(html: string | null): string | null {
  if (!html) return null;
  const text = sanitizeHtml(html.replace(/<(br|\/p|\/li|\/div|\/h\d)\s*\/?>/gi, '$& '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return text && text !== '-' ? text : null;
}
