// npm run index -- [--report DIR] <file|folder> [...]   (DATA_DIR chooses where catalog.sqlite lives)
// Exit code: 0 when every source was imported (rejected records are reported, not fatal),
// 1 when a source could not be imported at all, 2 on bad usage.
import path from 'node:path';
import { catalogFile } from '../../subgraphs/catalog/src/db/client.ts';
import { findSources, runIndexer } from './indexer.ts';
import { formatSummary, writeReports } from './report.ts';

// `npm run index` runs this script in the workspace folder (catalog-indexer/); paths the user typed
// are relative to where they typed the command, which npm passes as INIT_CWD.
const typedIn = process.env.npm_lifecycle_event === 'index' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const reportAt = args.indexOf('--report');
const reportDir = reportAt === -1 ? null : args.splice(reportAt, 2)[1];
const inputs = args.map((arg) => path.resolve(typedIn, arg));
if (inputs.length === 0 || reportDir === undefined) {
  console.error('usage: npm run index -- [--report DIR] <file.xml|file.xml.gz|folder|france-competences.zip> [...]');
  process.exit(2);
}
let sources;
try {
  sources = findSources(inputs);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (sources.length === 0) {
  console.error(`no LHEO file (.xml, .xml.gz) or France Compétences export in ${inputs.join(', ')}`);
  process.exit(2);
}
const dbFile = catalogFile(typedIn);
console.log(`indexing ${sources.length} source(s) into ${dbFile}`);
const reports = await runIndexer(inputs, { dbFile, base: typedIn });
console.log(formatSummary(reports));
if (reportDir) for (const file of writeReports(path.resolve(typedIn, reportDir), reports)) console.log(`report: ${file}`);
console.log(`catalogue written: ${dbFile}`);
process.exit(reports.some((r) => r.status === 'failed') ? 1 : 0);
