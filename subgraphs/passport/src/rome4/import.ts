// Loads the committed ROME 4.0 extract (data/rome4/) into passport's database.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PassportStore } from '../db/store.ts';
import { foldForSearch } from '../domain/search-text.ts';
import type { CompetenceCategory } from '../domain/types.ts';
import { ROME4_DIR, ROME4_FILES } from './files.ts';

type Row = Record<string, string>;

function read(file: string, dir: string): Row[] {
  return parse(fs.readFileSync(path.join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
}

function field(row: Row, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`ROME 4.0 extract: column ${column} missing`);
  return value;
}

const CATEGORIES: Record<string, CompetenceCategory> = {
  'Savoir-faire': 'SAVOIR_FAIRE',
  'Savoir-être professionnel': 'SAVOIR_ETRE_PROFESSIONNEL',
};

function category(label: string): CompetenceCategory {
  const found = CATEGORIES[label];
  if (!found) throw new Error(`ROME 4.0 extract: unknown competence category ${label}`);
  return found;
}

export interface Rome4Counts {
  jobs: number;
  appellations: number;
  competences: number;
  jobCompetences: number;
  mobility: number;
}

export async function importRome4(store: PassportStore, dir = ROME4_DIR): Promise<Rome4Counts> {
  const jobs = read(ROME4_FILES.jobs, dir).map((r) => {
    const label = field(r, 'libelle_rome');
    return { code: field(r, 'code_rome'), label, searchText: foldForSearch(label) };
  });
  const appellations = read(ROME4_FILES.appellations, dir).map((r) => {
    const label = field(r, 'libelle_appellation_long');
    return { code: field(r, 'code_ogr'), romeCode: field(r, 'code_rome'), label, searchText: foldForSearch(label) };
  });
  const competences = read(ROME4_FILES.competences, dir).map((r) => ({
    code: field(r, 'code_ogr'),
    label: field(r, 'libelle_competence'),
    category: category(field(r, 'cat_comp')),
    isMacro: field(r, 'nature') === 'Macro-compétence',
    macroCode: field(r, 'code_ogr_macro_comp') || null,
  }));
  const links = read(ROME4_FILES.jobCompetences, dir).map((r) => ({ romeCode: field(r, 'code_rome'), code: field(r, 'code_ogr') }));
  const mobility = read(ROME4_FILES.mobility, dir).map((r) => ({
    romeCode: field(r, 'code_rome'),
    targetRomeCode: field(r, 'code_rome_cible'),
    rank: Number(field(r, 'numero_ordre')),
  }));
  // One transaction; the extract lists a few job–competence links and mobilities twice (kept once).
  await store.load({ romeJobs: jobs, romeAppellations: appellations, romeCompetences: competences, romeJobCompetences: links, romeMobility: mobility });
  return { jobs: jobs.length, appellations: appellations.length, competences: competences.length, jobCompetences: links.length, mobility: mobility.length };
}
