// Extracts from the ROME 4.0 open data (France Travail) the part passport needs, with only the
// columns it reads, so the committed copy stays small. Usage:
//   npx tsx src/rome4/extract.ts /path/to/rome4   (the folder of unix_*_v460_utf8.csv files)
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROME4_DIR, ROME4_FILES } from './files.ts';

type Row = Record<string, string>;

const source = process.argv[2];
if (!source) {
  console.error('usage: tsx src/rome4/extract.ts <folder of the ROME 4.0 unix_*_v460_utf8.csv files>');
  process.exit(1);
}

const read = (file: string): Row[] => parse(fs.readFileSync(path.join(source, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function write(file: string, header: string[], rows: string[][]): void {
  const text = [header, ...rows].map((cells) => cells.map(quote).join(',')).join('\n') + '\n';
  fs.writeFileSync(path.join(ROME4_DIR, file), text);
  console.log(`${file}: ${rows.length} rows`);
}

const get = (row: Row, column: string): string => {
  const value = row[column];
  if (value === undefined) throw new Error(`column ${column} missing`);
  return value;
};

fs.mkdirSync(ROME4_DIR, { recursive: true });

write(
  ROME4_FILES.jobs,
  ['code_rome', 'libelle_rome'],
  read('unix_referentiel_code_rome_v460_utf8.csv').map((r) => [get(r, 'code_rome'), get(r, 'libelle_rome')]),
);
write(
  ROME4_FILES.appellations,
  ['code_ogr', 'code_rome', 'libelle_appellation_long'],
  read('unix_referentiel_appellation_v460_utf8.csv').map((r) => [get(r, 'code_ogr'), get(r, 'code_rome'), get(r, 'libelle_appellation_long')]),
);
write(
  ROME4_FILES.competences,
  ['code_ogr', 'nature', 'libelle_competence', 'cat_comp', 'code_ogr_macro_comp'],
  read('unix_referentiel_competence_v460_utf8.csv').map((r) => [
    get(r, 'code_ogr'),
    get(r, 'nature'),
    get(r, 'libelle_competence'),
    get(r, 'cat_comp'),
    get(r, 'code_ogr_macro_comp'),
  ]),
);
// Rubrique 1 = savoir-faire, 2 = savoir-être professionnel; 3 (savoirs) and the blocs without a
// rubrique (appellations, work contexts) are not competences.
write(
  ROME4_FILES.jobCompetences,
  ['code_rome', 'code_ogr'],
  read('unix_liens_rome_referentiels_v460_utf8.csv')
    .filter((r) => ['1', '2'].includes(get(r, 'code_rubrique')))
    .map((r) => [get(r, 'code_rome'), get(r, 'code_ogr')]),
);
write(
  ROME4_FILES.mobility,
  ['code_rome', 'code_rome_cible', 'numero_ordre'],
  read('unix_rubrique_mobilite_v460_utf8.csv').map((r) => [get(r, 'code_rome'), get(r, 'code_rome_cible'), get(r, 'numero_ordre')]),
);
fs.copyFileSync(path.join(source, 'version.txt'), path.join(ROME4_DIR, 'version.txt'));
