/**
 * Streams a synthetic LHEO catalogue to K files: formations are serialised one by one into ~64 KB chunks
 * that go through stream.pipeline (backpressure, optional gzip). Memory stays constant whatever the size.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { footer, header, writeFormation, type FormationContext, type LheoVersion } from './lheo.ts';
import { Prng } from './prng.ts';
import { loadReference } from './reference.ts';

export type GenerateOptions = {
  sessions: number;
  out: string;
  seed?: number;
  files?: number;
  gzip?: boolean;
  version?: LheoVersion | 'mixed';
  /** sessions per file when `files` is not given */
  sessionsPerFile?: number;
  /**
   * Share of formations also written under another organisation's numbering (every numero changed,
   * nothing else), default 0.02; the pairs are listed in `duplicates.tsv` (the grouping's ground truth).
   */
  duplicates?: number;
};

/** The ground truth of the injected duplicates: one line per copied session, its copy's id and its own. */
export const DUPLICATES_FILE = 'duplicates.tsv';

export type GeneratedFile = {
  path: string;
  version: LheoVersion;
  formations: number;
  actions: number;
  sessions: number;
  /** bytes on disk (compressed size with gzip) */
  bytes: number;
  /** XML bytes before compression */
  xmlBytes: number;
};

export type GenerateSummary = {
  files: GeneratedFile[];
  formations: number;
  actions: number;
  sessions: number;
  bytes: number;
  xmlBytes: number;
  seconds: number;
};

const CHUNK = 64 * 1024;

export function fileVersion(version: GenerateOptions['version'], index: number): LheoVersion {
  if (version === '2.2' || version === '2.3') return version;
  return index % 2 === 0 ? '2.3' : '2.2';
}

export async function generate(opts: GenerateOptions): Promise<GenerateSummary> {
  const started = process.hrtime.bigint();
  const seed = (opts.seed ?? 1) >>> 0;
  const total = Math.max(0, Math.floor(opts.sessions));
  const fileCount = Math.max(1, Math.floor(opts.files ?? Math.ceil(total / (opts.sessionsPerFile ?? 50_000))));
  const ref = loadReference();
  await mkdir(opts.out, { recursive: true });

  const rng = new Prng(seed);
  // Its own stream: the catalogue around the copies is the one the seed gives without them.
  const copying = new Prng(seed ^ 0x5eed_d0b1);
  const duplicateRate = opts.duplicates ?? 0.02;
  const truth: string[] = ['copy\tsame_as'];
  const organismes = Math.max(5, Math.round(total / 30));
  let formationNo = 0;
  const files: GeneratedFile[] = [];

  for (let i = 0; i < fileCount; i++) {
    const version = fileVersion(opts.version, i);
    const quota = Math.floor(total / fileCount) + (i < total % fileCount ? 1 : 0);
    const name = `offres-generees-${String(i + 1).padStart(3, '0')}-${version}.xml${opts.gzip ? '.gz' : ''}`;
    const path = join(opts.out, name);
    const file: GeneratedFile = { path, version, formations: 0, actions: 0, sessions: 0, bytes: 0, xmlBytes: 0 };
    const ctx: FormationContext = { ref, seed, organismes, version, exportStamp: '2026-11-20T06:00:00+01:00' };

    async function* chunks(): AsyncGenerator<Buffer> {
      let parts: string[] = [header(version, seed)];
      let size = 0;
      let remaining = quota;
      while (remaining > 0) {
        const before = parts.length;
        const counts = writeFormation(parts, rng, ++formationNo, remaining, ctx);
        remaining -= counts.sessions;
        file.formations++;
        file.actions += counts.actions;
        file.sessions += counts.sessions;
        if (remaining >= counts.sessions && copying.chance(duplicateRate)) {
          // The same offer exported by another organisation's system: numeros are its own.
          const numero = `GEN-F${String(formationNo).padStart(6, '0')}`;
          const copy = parts
            .slice(before)
            .join('')
            .replaceAll(`"${numero}`, `"GEN-R${numero.slice(5)}`);
          for (const [, id] of copy.matchAll(/<session numero="([^"]+)"/g)) truth.push(`${id}\t${id!.replace('GEN-R', 'GEN-F')}`);
          parts.push(copy);
          remaining -= counts.sessions;
          file.formations++;
          file.actions += counts.actions;
          file.sessions += counts.sessions;
        }
        for (let k = before; k < parts.length; k++) size += parts[k]!.length;
        if (size >= CHUNK) {
          const buf = Buffer.from(parts.join(''), 'utf8');
          file.xmlBytes += buf.length;
          yield buf;
          parts = [];
          size = 0;
        }
      }
      parts.push(footer('20261120'));
      const buf = Buffer.from(parts.join(''), 'utf8');
      file.xmlBytes += buf.length;
      yield buf;
    }

    const source = Readable.from(chunks(), { objectMode: false });
    if (opts.gzip) await pipeline(source, createGzip({ level: 6 }), createWriteStream(path));
    else await pipeline(source, createWriteStream(path));
    file.bytes = (await stat(path)).size;
    files.push(file);
  }

  await writeFile(join(opts.out, DUPLICATES_FILE), `${truth.join('\n')}\n`);
  const sum = (k: 'formations' | 'actions' | 'sessions' | 'bytes' | 'xmlBytes'): number => files.reduce((s, f) => s + f[k], 0);
  return {
    files,
    formations: sum('formations'),
    actions: sum('actions'),
    sessions: sum('sessions'),
    bytes: sum('bytes'),
    xmlBytes: sum('xmlBytes'),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
