// Job labels are searched without accents, case or punctuation: "aide-soignant" must find
// "Aide-soignant / Aide-soignante", "electricien" must find "Électricien".

/** Lower case, accents removed, every run of non-alphanumerics turned into one space. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of a query, each of which a label must contain. */
export function searchWords(query: string): string[] {
  const folded = foldForSearch(query);
  return folded ? folded.split(' ') : [];
}

export interface JobMatch {
  code: string;
  searchText: string;
  byTitle: boolean;
}

/**
 * Best matches first: a job found by its title before one found by an appellation, a title
 * beginning with the first word searched before one where it comes later, then the shorter
 * (more general) title.
 */
export function rankJobMatches<J extends JobMatch>(words: readonly string[], jobs: readonly J[]): J[] {
  const first = words[0] ?? '';
  const startsWithFirst = (j: J) => (j.searchText.startsWith(first) ? 0 : 1);
  return [...jobs].sort(
    (a, b) =>
      Number(b.byTitle) - Number(a.byTitle) ||
      startsWithFirst(a) - startsWithFirst(b) ||
      a.searchText.length - b.searchText.length ||
      a.code.localeCompare(b.code),
  );
}
