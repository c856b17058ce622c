import type Database from 'better-sqlite3';

/**
 * The catalogue's version on this connection: changes committed by other connections (the
 * indexer's imports: data_version) and by this one (total_changes()), read by one statement
 * compiled once. What is kept in memory from the catalogue is kept for one version.
 */
export function catalogVersion(sqlite: Database.Database): () => string {
  const statement = sqlite.prepare('SELECT data_version, total_changes() FROM pragma_data_version').raw();
  return () => (statement.get() as [number, number]).join(':');
}
