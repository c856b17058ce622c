// Writes the whole unified catalogue to one file, streaming: one page of formations in memory at a
// time, writes waiting for the file to drain. Read in one transaction (one WAL snapshot), so an
// import committing meanwhile is either wholly in the file or not at all. Written to FILE.partial,
// renamed to FILE at the end: a failed export never leaves a truncated file under the real name.
import fs from 'node:fs';
import { once } from 'node:events';
import { openCatalog } from '@formations/catalog/indexing';
import { csvHeader, serialise, type ExportFormat } from './formats.ts';
import { exportedFormations, type ExportCounts } from './records.ts';

export interface ExportSummary extends ExportCounts {
  file: string;
  bytes: number;
  seconds: number;
}

/** One line on stderr: redrawn in place on a terminal, a new line every 5 s otherwise (logs). */
function progress(stream: NodeJS.WriteStream, counts: ExportCounts) {
  const started = Date.now();
  let last = started;
  const line = () => {
    const seconds = (Date.now() - started) / 1000;
    return `export: ${counts.formations} formations, ${counts.sessions} sessions, ${Math.round(counts.sessions / Math.max(seconds, 0.001))} sessions/s`;
  };
  return {
    tick() {
      const now = Date.now();
      if (now - last < (stream.isTTY ? 200 : 5000)) return;
      last = now;
      stream.write(stream.isTTY ? `\r\x1b[K${line()}` : `${line()}\n`);
    },
    done() {
      stream.write(stream.isTTY ? `\r\x1b[K${line()}\n` : `${line()}\n`);
    },
  };
}

export async function exportCatalogue(
  dbFile: string,
  format: ExportFormat,
  out: string,
  options: { stderr?: NodeJS.WriteStream } = {},
): Promise<ExportSummary> {
  if (!fs.existsSync(dbFile)) throw new Error(`no catalogue at ${dbFile} (import one with npm run index, or set DATA_DIR)`);
  const started = Date.now();
  // Opened as the indexer opens it: a catalogue written by an older version is migrated first.
  const { sqlite } = openCatalog(dbFile);
  const counts: ExportCounts = { formations: 0, sessions: 0, skipped: [] };
  const partial = `${out}.partial`;
  const file = fs.createWriteStream(partial);
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  failed.catch(() => {});
  const write = async (text: string) => {
    if (!file.write(text)) await Promise.race([once(file, 'drain'), failed]);
  };
  const shown = progress(options.stderr ?? process.stderr, counts);
  try {
    sqlite.exec('BEGIN');
    if (format === 'csv') await write(csvHeader());
    for (const record of exportedFormations(sqlite, counts)) {
      await write(serialise(format, record));
      shown.tick();
    }
    sqlite.exec('COMMIT');
    file.end();
    await Promise.race([once(file, 'finish'), failed]);
    fs.renameSync(partial, out);
  } catch (error) {
    file.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    sqlite.close();
  }
  shown.done();
  return { ...counts, file: out, bytes: fs.statSync(out).size, seconds: (Date.now() - started) / 1000 };
}
