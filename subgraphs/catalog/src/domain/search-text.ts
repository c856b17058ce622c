// Reading what a user types the way Meilisearch would (for the embedded engine and its FTS5 highlights):
// accents and case ignored, French elisions and small words dropped, prefix on the last
// word, typos tolerated (1 from 5 letters, 2 from 9).

export const STOP_WORDS = new Set([
  'a',
  'au',
  'aux',
  'c',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'j',
  'l',
  'la',
  'le',
  'les',
  'm',
  'n',
  'ou',
  'par',
  'pour',
  'qu',
  's',
  'sur',
  't',
  'un',
  'une',
]);
export const MAX_QUERY_WORDS = 10;

/**
 * Words of training offers that mean the same thing to the people searching (folded, one word
 * each, so both engines apply them alike: Meilisearch as mutual synonyms, FTS5 as OR alternatives).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['developpeur', 'programmeur', 'codeur'],
  ['comptable', 'comptabilite'],
  ['soudeur', 'soudage'],
  ['cuisinier', 'cuisine'],
  ['magasinier', 'magasinage'],
  ['anglais', 'english'],
  ['secretaire', 'secretariat'],
];

/** The other words of a word's synonym group. */
export function synonymsOf(word: string): string[] {
  return SYNONYM_GROUPS.find((g) => g.includes(word))?.filter((w) => w !== word) ?? [];
}

/** Folds text the way the index does (unicode61 remove_diacritics 2), plus œ/æ ligatures. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').toLowerCase();
}

export function queryWords(query: string): string[] {
  return fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP_WORDS.has(w))
    .slice(0, MAX_QUERY_WORDS);
}

export function allowedTypos(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Indexed terms a word may be a typo of (the word itself excluded). */
export function typoVariants(word: string, vocabulary: Iterable<string>): string[] {
  const max = allowedTypos(word);
  if (max === 0) return [];
  const found: string[] = [];
  for (const term of vocabulary) {
    if (term === word) continue;
    // A different first letter costs two typos, as in Meilisearch ("xariste" is not "cariste").
    const firstLetter = term[0] === word[0] ? 0 : 1;
    if (editDistance(word, term, max - firstLetter) + firstLetter <= max) found.push(term);
  }
  return found;
}

/**
 * Indexed terms that begin with something a typo or two away from `word` (the word being typed):
 * "conduite" finds "conducteur" through "conducte". Terms that merely begin with `word` are left
 * to the prefix query; the first letter must be right.
 */
export function typoPrefixVariants(word: string, vocabulary: Iterable<string>): string[] {
  const max = allowedTypos(word);
  if (max === 0) return [];
  const found: string[] = [];
  for (const term of vocabulary) {
    // Meilisearch keeps the first letter of a prefix (measured: "forma" then matches as it does).
    if (term.startsWith(word) || term[0] !== word[0]) continue;
    for (let length = Math.max(1, word.length - max); length <= Math.min(term.length, word.length + max); length++) {
      if (editDistance(word, term.slice(0, length), max) <= max) {
        found.push(term);
        break;
      }
    }
  }
  return found;
}

const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * FTS5 MATCH expression: every word must match (itself or one of its typo variants);
 * the last word also matches as a prefix, for search-as-you-type.
 */
export function matchExpression(words: string[], variants: Map<string, string[]> = new Map()): string {
  return words
    .map((word, index) => {
      const alternatives = [index === words.length - 1 ? `${quote(word)}*` : quote(word), ...(variants.get(word) ?? []).map(quote)];
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
}
