// Writes src/data/rome-competences.json: for each ROME 4.0 job, the code_ogr of the competences
// it lists, from France Travail's unix_liens_rome_referentiels_v460_utf8.csv. Same selection as
// passport's copy (rubrique 1 savoir-faire, 2 savoir-être professionnel), so the gap catalog
// estimates is the one passport's Person.skillsGap shows. Usage:
//   npx tsx scripts/extract-rome-competences.ts /path/to/rome4   (folder of the unix_*_v460_utf8.csv files)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const source = process.argv[2];
if (!source) {
  console.error('usage: tsx scripts/extract-rome-competences.ts <folder of the ROME 4.0 unix_*_v460_utf8.csv files>');
  process.exit(1);
}
// Four quoted columns without commas inside ("A1101","5","1","104016"): no CSV library needed.
const [header, ...lines] = fs
  .readFileSync(path.join(source, 'unix_liens_rome_referentiels_v460_utf8.csv'), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l !== '');
const cells = (line: string) => line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1'));
const columns = cells(header ?? '');
if (columns.join() !== 'code_rome,code_compo_bloc,code_rubrique,code_ogr') throw new Error(`unexpected columns: ${columns.join()}`);
const rows = lines.map((line) => {
  const [code_rome, , code_rubrique, code_ogr] = cells(line);
  return { code_rome, code_rubrique, code_ogr };
});

const byJob = new Map<string, Set<string>>();
for (const row of rows) {
  if (row.code_rubrique !== '1' && row.code_rubrique !== '2') continue;
  const job = row.code_rome;
  const competence = row.code_ogr;
  if (!job || !competence) throw new Error(`row without code_rome or code_ogr: ${JSON.stringify(row)}`);
  byJob.set(job, (byJob.get(job) ?? new Set()).add(competence));
}
// Compact: one space-separated string per job, jobs and codes sorted (stable diffs).
const out: Record<string, string> = {};
for (const job of [...byJob.keys()].sort()) out[job] = [...byJob.get(job)!].sort((a, b) => Number(a) - Number(b)).join(' ');
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'data', 'rome-competences.json');
fs.writeFileSync(target, JSON.stringify(out, null, 0).replaceAll('","', '",\n"') + '\n');
console.log(`${path.relative(process.cwd(), target)}: ${byJob.size} jobs, ${[...byJob.values()].reduce((n, s) => n + s.size, 0)} links`);
