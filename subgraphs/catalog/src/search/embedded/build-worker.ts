// Builds the in-memory index of a catalogue file off the main thread (seconds for a national
// catalogue), so that the subgraph keeps answering from the previous index meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { readSearchIndex } from '../../db/search-source.ts';
import { transferableIndex } from './index-data.ts';

const { file } = workerData as { file: string };
// Read-only: the subgraph's own connection has applied the migrations; WAL lets the indexer write meanwhile.
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
try {
  const { index, transfer } = transferableIndex(readSearchIndex(sqlite));
  parentPort!.postMessage(index, transfer);
} finally {
  sqlite.close();
}
