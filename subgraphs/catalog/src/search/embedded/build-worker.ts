// Builds the in-memory index of a catalogue file off the main thread (seconds for a national
// catalogue), so that the subgraph keeps answering from the previous index meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { openCatalog } from '../../db/client.ts';
import { readSearchIndex } from '../../db/search-source.ts';
import { transferableIndex } from './index-data.ts';

const { file } = workerData as { file: string };
const { sqlite } = openCatalog(file);
try {
  const { index, transfer } = transferableIndex(readSearchIndex(sqlite));
  parentPort!.postMessage(index, transfer);
} finally {
  sqlite.close();
}
