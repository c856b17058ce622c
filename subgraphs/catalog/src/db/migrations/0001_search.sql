-- Full-text search over formations: accents and case ignored, prefixes for search-as-you-type.
-- rowid = formations.id; the indexer writes it in the same transaction as the formation.
CREATE VIRTUAL TABLE `formation_fts` USING fts5(
  intitule, texte, lieux,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
--> statement-breakpoint
-- The indexed vocabulary, for typo tolerance (SQLite here has no spellfix1).
CREATE VIRTUAL TABLE `formation_vocab` USING fts5vocab(`formation_fts`, 'row');
