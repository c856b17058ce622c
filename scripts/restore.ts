// `npm run restore -- <folder> [--force]`: puts a backup made by `npm run backup` back into
// DATA_DIR (default ./data). Refuses while a running process has one of the files open, unless --force.
import { dataDir } from '../schema/src/subgraph/db.ts';
import { restore, RestoreRefused } from './sqlite-backup.ts';

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith('--'));
if (!folder) {
  console.error('usage: npm run restore -- <backup folder> [--force]');
  process.exit(2);
}
try {
  const manifest = restore(folder, dataDir(), { force: args.includes('--force') });
  for (const f of manifest.files) console.log(`${f.subgraph}: ${f.file} restored (backup of ${manifest.createdAt})`);
} catch (error) {
  if (!(error instanceof RestoreRefused)) throw error;
  console.error(`restore refused: ${error.message}`);
  process.exit(1);
}
