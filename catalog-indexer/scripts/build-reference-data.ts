/**
 * Dev-only: (re)builds the small reference tables of catalog-indexer/data/ from the public source
 * files (France Travail's ROME 4.0 v60 CSVs, the Formacode thesaurus and its ROME mapping of the
 * LHEO schema repository: see data/README.md). The generator reads only catalog-indexer/data/.
 *
 *   npx tsx scripts/build-reference-data.ts <sources>   (a folder with rome4/ and formacode/)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', 'data');
const shared = process.argv[2];
if (!shared) {
  console.error('usage: tsx scripts/build-reference-data.ts <folder with rome4/ and formacode/ source files>');
  process.exit(2);
}

const deaccent = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const clean = (s: string): string =>
  s
    .replace(/[;\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

// ---------- ROME 4.0 v60
const romeRows = parse(readFileSync(join(shared, 'rome4', 'unix_referentiel_code_rome_v460_utf8.csv'), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as Record<string, string>[];
const rome = new Map<string, string>();
for (const r of romeRows) rome.set(r['code_rome']!, clean(r['libelle_rome']!));

const appRows = parse(readFileSync(join(shared, 'rome4', 'unix_referentiel_appellation_v460_utf8.csv'), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as Record<string, string>[];

// ---------- Formacode: accent dictionary (lower-case label and definition carry the accents)
const fcodRows = parse(readFileSync(join(shared, 'formacode', 'formacode-fcod.csv'), 'utf8'), {
  delimiter: ';',
  quote: false,
  relax_column_count: true,
  skip_empty_lines: true,
}) as string[][];
const accentVotes = new Map<string, Map<string, number>>();
const vote = (text: string): void => {
  for (const w of text.toLowerCase().split(/[^a-zàâäçéèêëîïôöùûüœæ-]+/)) {
    if (!w || !/[àâäçéèêëîïôöùûüœæ]/.test(w)) continue;
    const k = deaccent(w).toUpperCase();
    const m = accentVotes.get(k) ?? new Map<string, number>();
    m.set(w, (m.get(w) ?? 0) + 1);
    accentVotes.set(k, m);
  }
};
for (const f of fcodRows) {
  vote(f[2] ?? '');
  vote(f[9] ?? '');
}
for (const label of rome.values()) vote(label);
const accented = (upperWord: string): string => {
  const m = accentVotes.get(deaccent(upperWord));
  if (!m) return upperWord.toLowerCase();
  return [...m.entries()].sort((a, b) => b[1] - a[1])[0]![0];
};
/** "PLAN D'EXPERIENCE" + accent dictionary -> "plan d'expérience" */
const restore = (upper: string): string =>
  upper
    .split(/([ '’\-/,()])/)
    .map((t) => (/^[A-Z0-9ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒÆ]+$/i.test(t) ? accented(t) : t))
    .join('');

type Fc = { code: string; libelle: string; nsf: string; champ: string };
const formacodes: Fc[] = [];
for (const f of fcodRows) {
  if (f.length < 15 || f[3] !== 'DOM' || !/^\d{5}$/.test(f[0] ?? '')) continue;
  const full = (f[14] ?? '')
    .split('$')[0]!
    .replace(/^\d{5}\s+/, '')
    .trim();
  const libelle = clean(full ? restore(full) : (f[2] ?? ''));
  const nsf = /^(\d{3})/.exec(f[12] ?? '')?.[1] ?? '';
  const champ = /^(\d{3})/.exec(f[4] ?? '')?.[1] ?? '';
  formacodes.push({ code: f[0]!, libelle, nsf, champ });
}
const fcSet = new Set(formacodes.map((f) => f.code));

// ---------- old ROME (5-digit codes) -> Formacode, re-keyed to ROME 4.0 codes by job title
const norm = (s: string): string =>
  deaccent(s)
    .toLowerCase()
    .replace(/ \/ [^ ]+/g, '')
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const stop = new Set(['de', 'd', 'du', 'des', 'la', 'le', 'les', 'l', 'et', 'en', 'a', 'au', 'aux', 'sur']);
const toks = (s: string): Set<string> =>
  new Set(
    norm(s)
      .split(' ')
      .filter((w) => w && !stop.has(w))
      .map((w) => w.replace(/(s|x)$/, '')),
  );
const labels: [string, string][] = [];
for (const a of appRows) labels.push([a['libelle_appellation_long']!, a['code_rome']!]);
for (const [code, l] of rome) labels.push([l, code]);
const exact = new Map<string, string>();
for (const [l, c] of labels) if (!exact.has(norm(l))) exact.set(norm(l), c);
const tokLabels = labels.map(([l, c]) => [toks(l), c] as const);

const oldRows = readFileSync(join(shared, 'formacode', 'rome-v3-to-formacode.csv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => l.split(';'));
const fcToRome = new Map<string, Set<string>>();
let exactHits = 0;
let fuzzyHits = 0;
for (const o of oldRows) {
  const title = o[1] ?? '';
  let code = exact.get(norm(title));
  if (code) exactHits++;
  else {
    const t = toks(title);
    let best = 0;
    for (const [tt, c] of tokLabels) {
      let inter = 0;
      for (const w of t) if (tt.has(w)) inter++;
      const j = inter / (t.size + tt.size - inter);
      if (j > best) {
        best = j;
        code = c;
      }
    }
    if (best < 0.75) code = undefined;
    else fuzzyHits++;
  }
  if (!code || !rome.has(code)) continue;
  for (const m of (o[2] ?? '').matchAll(/(\d{5})/g)) {
    const fc = m[1]!;
    if (!fcSet.has(fc)) continue;
    const s = fcToRome.get(fc) ?? new Set<string>();
    s.add(code);
    fcToRome.set(fc, s);
  }
}

writeFileSync(
  join(dataDir, 'formacode.csv'),
  'code;libelle;nsf;champ\n' + formacodes.map((f) => `${f.code};${f.libelle};${f.nsf};${f.champ}`).join('\n') + '\n',
);
writeFileSync(
  join(dataDir, 'rome.csv'),
  'code;libelle\n' +
    [...rome]
      .sort()
      .map(([c, l]) => `${c};${l}`)
      .join('\n') +
    '\n',
);
writeFileSync(
  join(dataDir, 'formacode-rome.csv'),
  'formacode;rome\n' +
    [...fcToRome]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([fc, s]) => `${fc};${[...s].sort().join(' ')}`)
      .join('\n') +
    '\n',
);
console.log(
  `formacode ${formacodes.length}, rome ${rome.size}, old ROME titles ${oldRows.length} (exact ${exactHits}, fuzzy ${fuzzyHits}), formacodes linked to ROME ${fcToRome.size}`,
);
