// The search port's contract on the embedded engine (SQLite FTS5 on the catalogue itself).
import { embeddedSearch } from '../src/search/embedded.ts';
import { searchContract } from './search-contract.ts';

searchContract('embedded (SQLite FTS5)', async (db) => ({ engine: embeddedSearch(db.sqlite) }));
