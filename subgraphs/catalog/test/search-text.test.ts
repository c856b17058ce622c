// The Meilisearch typo rules the embedded engine reproduces.
import { describe, expect, it } from 'vitest';
import { matchExpression, synonymsOf, typoPrefixVariants, typoVariants } from '../src/domain/search-text.ts';

describe('typo rules', () => {
  const vocabulary = ['cariste', 'caristes', 'developpeur', 'conducteur', 'conduire', 'norme', 'formation'];
  it('counts a wrong first letter as two typos', () => {
    expect(typoVariants('xariste', vocabulary)).toEqual([]);
    expect(typoVariants('veveloppeur', vocabulary)).toEqual(['developpeur']);
    expect(typoVariants('cariste', vocabulary)).toEqual(['caristes']);
  });

  it('matches the beginning of indexed terms with a typo while typing, first letter kept', () => {
    expect(typoPrefixVariants('conduite', vocabulary)).toEqual(['conducteur', 'conduire']);
    expect(typoPrefixVariants('forma', vocabulary)).toEqual([]);
    expect(typoPrefixVariants('norma', vocabulary)).toEqual(['norme', 'formation'].filter((t) => t[0] === 'n'));
    expect(typoPrefixVariants('cari', vocabulary)).toEqual([]);
  });

  it('expands synonyms', () => {
    expect(synonymsOf('programmeur')).toEqual(['developpeur', 'codeur']);
    expect(matchExpression(['programmeur'], new Map([['programmeur', synonymsOf('programmeur')]]))).toBe('("programmeur"* OR "developpeur" OR "codeur")');
  });
});
