// npm run import:feed -- <feed.xml> [...]   (DATA_DIR chooses where passport.sqlite lives, default ./data;
// PASSPORT_DATABASE_URL imports into PostgreSQL instead)
// Imports certifiers' result files (urn:cdc:cpf:pc5:schema:1.0.0) as GUARANTEED certifications.
// Prints a report per file; exits 1 when a whole file was refused, 2 on wrong usage.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clockFromEnv } from '@formations/schema/clock';
import { databaseUrl } from '@formations/schema/subgraph';
import { openPassportStore } from '../db/client.ts';
import { formatFeedReport, importFeed } from './import.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..', '..');
// npm runs workspace scripts in the workspace folder; paths typed by the user are from INIT_CWD.
const cwd = process.env.INIT_CWD ?? process.cwd();

const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) {
  console.error('usage: npm run import:feed -- <feed.xml> [more.xml …]');
  process.exit(2);
}
const dataDir = process.env.DATA_DIR ? path.resolve(cwd, process.env.DATA_DIR) : path.join(repoRoot, 'data');
const store = await openPassportStore(databaseUrl('passport') ? {} : { file: path.join(dataDir, 'passport.sqlite') });
const today = clockFromEnv().today();
let failed = 0;
try {
  for (const file of files) {
    const report = await importFeed(store, path.resolve(cwd, file), { today });
    if (report.fatal) failed += 1;
    console.log(formatFeedReport(report));
  }
} finally {
  await store.close();
}
process.exit(failed > 0 ? 1 : 0);
