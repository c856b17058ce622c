/**
 * Synthetic LHEO catalogue generator.
 *
 *   npm run gen:catalog -- --sessions 300000 --out ./generated/catalogue [--seed 1] [--files K] [--gzip] [--version 2.2|2.3|mixed] [--duplicates 0.02]
 *
 * A share of formations (--duplicates, default 0.02) is written twice, the copy under other numeros
 * (GEN-R… for GEN-F…): the same offer under another organisation's numbering. duplicates.tsv lists them.
 *
 * Generated files are test data: do not commit them.
 */
import { parseArgs } from 'node:util';
import { generate } from './generate.ts';

const USAGE =
  'usage: gen:catalog -- --out <dir> [--sessions N (1000)] [--seed INT (1)] [--files K (1 per 50,000 sessions)] [--gzip] [--version 2.2|2.3|mixed (mixed)] [--duplicates SHARE (0.02)]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function intOption(value: string | undefined, name: string, fallback: number | undefined, min: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) fail(`--${name} must be an integer, got "${value}"`);
  const n = Number(value);
  if (n < min) fail(`--${name} must be >= ${min}`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sessions: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        files: { type: 'string' },
        gzip: { type: 'boolean', default: false },
        version: { type: 'string', default: 'mixed' },
        duplicates: { type: 'string', default: '0.02' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.out) fail('--out <dir> is required');
  const version = values.version;
  if (version !== '2.2' && version !== '2.3' && version !== 'mixed') fail(`--version must be 2.2, 2.3 or mixed, got "${version}"`);
  const duplicates = Number(values.duplicates);
  if (!/^\d*\.?\d+$/.test(values.duplicates!) || duplicates > 1) fail(`--duplicates must be a share between 0 and 1, got "${values.duplicates}"`);
  const summary = await generate({
    duplicates,
    sessions: intOption(values.sessions, 'sessions', 1000, 1)!,
    out: values.out,
    seed: intOption(values.seed, 'seed', 1, 0),
    files: intOption(values.files, 'files', undefined, 1),
    gzip: values.gzip,
    version,
  });
  for (const f of summary.files) {
    process.stdout.write(`${f.path}  LHEO ${f.version}  ${f.formations} formations, ${f.actions} actions, ${f.sessions} sessions, ${f.bytes} bytes\n`);
  }
  const mb = (b: number): string => (b / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `files ${summary.files.length}, formations ${summary.formations}, actions ${summary.actions}, sessions ${summary.sessions}, ` +
      `bytes ${summary.bytes} (${mb(summary.bytes)} MiB on disk, ${mb(summary.xmlBytes)} MiB XML), ` +
      `seconds ${summary.seconds.toFixed(1)}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MiB\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
