// npm run export -- --format ndjson|csv --out FILE   (the catalogue `npm start` serves; DATA_DIR as for npm run index)
// Exit code: 0 written, 1 failed (nothing left under FILE), 2 bad usage.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catalogFile } from '@formations/catalog/indexing';
import { exportCatalogue } from './export.ts';
import { FORMATS, type ExportFormat } from './formats.ts';

const USAGE = 'usage: npm run export -- --format ndjson|csv --out FILE';

// As for `npm run index`: paths are read from the folder the command was typed in (npm's INIT_CWD).
const typedIn = process.env.npm_lifecycle_event === 'export' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
let values;
try {
  ({ values } = parseArgs({ options: { format: { type: 'string', default: 'ndjson' }, out: { type: 'string' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!values.out || !FORMATS.includes(values.format as ExportFormat)) {
  console.error(values.out ? `--format must be ${FORMATS.join(' or ')}, got "${values.format}"\n${USAGE}` : `--out FILE is required\n${USAGE}`);
  process.exit(2);
}
const dbFile = catalogFile(typedIn);
const out = path.resolve(typedIn, values.out);
console.error(`exporting ${dbFile} as ${values.format} to ${out}`);
try {
  const summary = await exportCatalogue(dbFile, values.format as ExportFormat, out);
  if (summary.skipped.length > 0) {
    console.error(
      `${summary.skipped.length} formation(s) imported before sources were kept per record (e.g. ${summary.skipped[0]}) are not exported: import their source again`,
    );
  }
  const mb = (summary.bytes / 1024 / 1024).toFixed(1);
  console.error(`written ${out}: ${summary.formations} formations, ${summary.sessions} sessions, ${mb} MiB in ${summary.seconds.toFixed(1)} s`);
} catch (error) {
  console.error(`export failed: ${(error as Error).message}`);
  process.exit(1);
}
