// `npm run backup -- [folder]`: a consistent online copy of every subgraph's SQLite file in
// DATA_DIR (default ./data) into `folder` (default ./backups/<UTC time>), with manifest.json.
import path from 'node:path';
import { dataDir } from '../schema/src/subgraph/db.ts';
import { backup } from './sqlite-backup.ts';

const folder = path.resolve(process.argv[2] ?? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-')));
const manifest = await backup(dataDir(), folder);
for (const f of manifest.files)
  console.log(`${f.subgraph}: ${f.file}, ${f.bytes} bytes, ${Object.values(f.rows).reduce((a, b) => a + b, 0)} rows, sha256 ${f.sha256.slice(0, 12)}…`);
for (const s of manifest.skipped) console.log(`${s.subgraph}: skipped, ${s.reason}`);
console.log(`backup written to ${folder}`);
