// Builds console/dist when it is missing or stale: `npm start` and the console's browser tests
// call it, so the gateway always serves the console of the sources. Stale = the hash of the
// inputs differs from the one recorded at the last build (dist/.inputs-sha256): a clean clone
// builds once (~5 s), an unchanged tree costs a hash of ~50 files (a few ms).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const consoleDir = path.dirname(fileURLToPath(import.meta.url));
export const distDir = path.join(consoleDir, 'dist');
const stampFile = path.join(distDir, '.inputs-sha256');

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

export function inputsHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...files(path.join(consoleDir, 'src')),
    ...files(path.join(consoleDir, 'public')),
    ...['index.html', 'vite.config.ts', 'package.json', '../catalog-indexer/data/communes.csv'].map((f) => path.join(consoleDir, f)),
  ];
  for (const file of inputs) {
    hash.update(path.relative(consoleDir, file));
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : '');
  }
  const require = createRequire(path.join(consoleDir, 'package.json'));
  for (const dependency of ['vite', '@codegouvfr/react-dsfr', 'react'])
    hash.update(JSON.parse(fs.readFileSync(require.resolve(`${dependency}/package.json`), 'utf8')).version as string);
  return hash.digest('hex');
}

export function isStale(): boolean {
  if (!fs.existsSync(path.join(distDir, 'index.html')) || !fs.existsSync(stampFile)) return true;
  return fs.readFileSync(stampFile, 'utf8').trim() !== inputsHash();
}

/** Runs `vite build` when needed; resolves to whether it built. */
export async function ensureConsoleBuilt(options: { log?: (line: string) => void } = {}): Promise<boolean> {
  if (!isStale()) return false;
  const log = options.log ?? (() => {});
  const hash = inputsHash();
  const started = Date.now();
  log('building the console (console/dist)…');
  const require = createRequire(path.join(consoleDir, 'package.json'));
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
      cwd: consoleDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`console build failed (exit ${code}):\n${output.join('')}`);
  fs.writeFileSync(stampFile, `${hash}\n`);
  log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await ensureConsoleBuilt({ log: console.log });
  if (!built) console.log('console/dist is up to date');
}
