// npm run index -- [--report DIR] [--remove SOURCE]... <file|folder> [...]   (DATA_DIR chooses where catalog.sqlite lives)
// Exit code: 0 when every source was imported (rejected records are reported, not fatal),
// 1 when a source could not be imported (or removed) at all, 2 on bad usage.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catalogFile } from '@formations/catalog/indexing';
import { findSources, runIndexer } from './indexer.ts';
import { formatSummary, writeReports } from './report.ts';

const USAGE = 'usage: npm run index -- [--report DIR] [--remove SOURCE]... <file.xml|file.xml.gz|export.ndjson|folder|france-competences.zip> [...]';

// `npm run index` runs this script in the workspace folder (catalog-indexer/); paths the user typed
// are relative to where they typed the command, which npm passes as INIT_CWD.
const typedIn = process.env.npm_lifecycle_event === 'index' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { report: { type: 'string' }, remove: { type: 'string', multiple: true } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { report: reportDir, remove = [] } = parsed.values;
const inputs = parsed.positionals.map((arg) => path.resolve(typedIn, arg));
if (inputs.length === 0 && remove.length === 0) {
  console.error(USAGE);
  process.exit(2);
}
let sources;
try {
  sources = findSources(inputs);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (inputs.length > 0 && sources.length === 0) {
  console.error(`no LHEO file (.xml, .xml.gz), NDJSON export (.ndjson) or France Compétences export in ${inputs.join(', ')}`);
  process.exit(2);
}
const dbFile = catalogFile(typedIn);
console.log(`indexing ${sources.length} source(s)${remove.length > 0 ? `, removing ${remove.join(', ')}` : ''} into ${dbFile}`);
const reports = await runIndexer(inputs, { dbFile, base: typedIn, remove });
console.log(formatSummary(reports));
if (reportDir) for (const file of writeReports(path.resolve(typedIn, reportDir), reports)) console.log(`report: ${file}`);
console.log(`catalogue written: ${dbFile}`);
process.exit(reports.some((r) => r.status === 'failed') ? 1 : 0);
