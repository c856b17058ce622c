// France Compétences RNCP / RS export (folder of `;`-separated CSVs, or its zip) → certifications.
// The registry is one source: each import replaces the previous one in one transaction.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { CODE_PATTERNS } from './lheo/values.ts';
import { FatalSourceError } from './lheo/xml-stream.ts';
import type { SourceReport } from './report.ts';

export const FRANCE_COMPETENCES_SOURCE = 'france-competences';

/** The export's files, by the part of the name after "export_fiches_CSV_". */
const TABLES = ['Standard', 'Blocs_De_Compétences', 'Certificateurs', 'Formacode', 'Nsf', 'Rome', 'Ancienne_Nouvelle_Certification'] as const;
type Table = (typeof TABLES)[number];

// Zip entry names may come in another encoding than UTF-8: compare their ASCII letters only.
const ascii = (text: string) => text.normalize('NFC').replace(/[^A-Za-z_]/g, '');
const tableOf = (name: string): Table | undefined => TABLES.find((t) => ascii(path.basename(name)).startsWith(`export_fiches_CSV_${ascii(t)}_`));

export function isFranceCompetencesFolder(dir: string): boolean {
  return fs.readdirSync(dir).some((name) => tableOf(name) === 'Standard');
}

export function isFranceCompetencesZip(file: string): boolean {
  if (!file.endsWith('.zip')) return false;
  const names = Object.keys(unzipSync(fs.readFileSync(file), { filter: (f) => tableOf(f.name) === 'Standard' }));
  return names.length > 0;
}

type Files = Map<Table, { name: string; text: string }>;

export function readExport(input: string): Files {
  const files: Files = new Map();
  const decoder = new TextDecoder('utf-8');
  if (fs.statSync(input).isDirectory()) {
    for (const name of fs.readdirSync(input)) {
      const table = tableOf(name);
      if (table) files.set(table, { name, text: fs.readFileSync(path.join(input, name), 'utf8') });
    }
  } else {
    const entries = unzipSync(fs.readFileSync(input), { filter: (f) => tableOf(f.name) !== undefined });
    for (const [name, bytes] of Object.entries(entries)) files.set(tableOf(name)!, { name, text: decoder.decode(bytes) });
  }
  return files;
}

interface Row {
  record: Record<string, string>;
  line: number;
}

function rows(files: Files, table: Table): { name: string; rows: Row[] } {
  const file = files.get(table);
  if (!file) return { name: `export_fiches_CSV_${table}`, rows: [] };
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(file.text, { delimiter: ';', columns: true, bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new FatalSourceError(`${file.name} is not a readable CSV: ${(error as Error).message}`);
  }
  // Values carry stray tabs ("\t11004301500012") and doubled apostrophes ("d''affaires").
  const clean = (v: string | undefined) => (v ?? '').replace(/\t/g, '').replace(/''/g, "'").trim();
  return {
    name: file.name,
    rows: parsed.map(({ record, info }) => ({
      record: Object.fromEntries(Object.entries(record).map(([k, v]) => [k, clean(v)])),
      line: info.lines,
    })),
  };
}

const CODE = /^(RNCP|RS)\d+$/;

/** "31/08/2023" → "2023-08-31". */
function frenchDate(raw: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

/** "21538 : Boulangerie" → "Boulangerie". */
const label = (raw: string, code: string) => raw.replace(new RegExp(`^${code}\\s*:\\s*`), '') || null;

export function importFranceCompetences(sqlite: Database.Database, input: string, report: SourceReport): void {
  const files = readExport(input);
  if (!files.has('Standard')) throw new FatalSourceError('no export_fiches_CSV_Standard file in this export');
  const reject = (file: string, line: number, element: string, numero: string | null, reason: string) =>
    report.issues.push({ severity: 'reject', code: 'INVALID_CERTIFICATION', file, line, element, numero, reason });

  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const before = new Set(
      sqlite
        .prepare<[string], { code: string }>('SELECT code FROM certifications WHERE source_id = ?')
        .all(FRANCE_COMPETENCES_SOURCE)
        .map((r) => r.code),
    );
    sqlite.prepare('DELETE FROM certifications WHERE source_id = ?').run(FRANCE_COMPETENCES_SOURCE);
    sqlite.prepare('DELETE FROM certification_links WHERE source_id = ?').run(FRANCE_COMPETENCES_SOURCE);

    const insert = sqlite.prepare(
      `INSERT INTO certifications (code, kind, intitule, abrege_libelle, niveau, actif, date_fin_enregistrement,
         date_decision, type_enregistrement, source_id)
       VALUES (@code, @kind, @intitule, @abrege, @niveau, @actif, @fin, @decision, @type, @source)`,
    );
    const known = new Set<string>();
    const standard = rows(files, 'Standard');
    for (const { record, line } of standard.rows) {
      const code = record.Numero_Fiche ?? '';
      if (!CODE.test(code)) {
        reject(standard.name, line, 'Numero_Fiche', code || null, `"${code}" is not an RNCP or RS code`);
        continue;
      }
      if (known.has(code)) {
        reject(standard.name, line, 'Numero_Fiche', code, 'duplicated certification');
        continue;
      }
      if (!record.Intitule) {
        reject(standard.name, line, 'Intitule', code, 'certification has no title');
        continue;
      }
      const level = /^NIV([1-8])$/.exec(record.Nomenclature_Europe_Niveau ?? '');
      insert.run({
        code,
        kind: code.startsWith('RS') ? 'RS' : 'RNCP',
        intitule: record.Intitule,
        abrege: record.Abrege_Libelle || null,
        niveau: level ? Number(level[1]) : null,
        actif: record.Actif === 'ACTIVE' ? 1 : 0,
        fin: frenchDate(record.Date_Fin_Enregistrement ?? ''),
        decision: frenchDate(record.Date_Decision ?? ''),
        type: record.Type_Enregistrement || null,
        source: FRANCE_COMPETENCES_SOURCE,
      });
      known.add(code);
    }

    /** Rows of the other tables must name a certification of the Standard file (links may name older ones). */
    const each = (table: Table, write: (record: Record<string, string>, code: string) => string | null, anyCode = false) => {
      const { name, rows: list } = rows(files, table);
      for (const { record, line } of list) {
        const code = record.Numero_Fiche ?? '';
        if (anyCode ? !CODE.test(code) : !known.has(code)) {
          reject(name, line, 'Numero_Fiche', code || null, 'certification not in the Standard file');
          continue;
        }
        const problem = write(record, code);
        if (problem) reject(name, line, table, code, problem);
      }
    };
    const insertCode = sqlite.prepare('INSERT OR IGNORE INTO certification_codes (certification_code, kind, code, libelle) VALUES (?, ?, ?, ?)');
    const codeTable = (table: Table, kind: 'FORMACODE' | 'NSF' | 'ROME', codeColumn: string, labelColumn: string, pattern: RegExp) =>
      each(table, (record, code) => {
        const value = record[codeColumn] ?? '';
        if (!pattern.test(value)) return `${codeColumn} "${value}" is not a valid code`;
        insertCode.run(code, kind, value, label(record[labelColumn] ?? '', value));
        return null;
      });
    codeTable('Formacode', 'FORMACODE', 'Formacode_Code', 'Formacode_Libelle', CODE_PATTERNS.FORMACODE);
    codeTable('Nsf', 'NSF', 'Nsf_Code', 'Nsf_Intitule', CODE_PATTERNS.NSF);
    codeTable('Rome', 'ROME', 'Codes_Rome_Code', 'Codes_Rome_Libelle', CODE_PATTERNS.ROME);

    const insertCertificateur = sqlite.prepare('INSERT OR IGNORE INTO certificateurs (certification_code, siret, nom) VALUES (?, ?, ?)');
    each('Certificateurs', (record, code) => {
      const siret = (record.Siret_Certificateur ?? '').replace(/\s/g, '');
      if (!CODE_PATTERNS.SIRET.test(siret)) return `Siret_Certificateur "${siret}" is not 14 digits`;
      insertCertificateur.run(code, siret, record.Nom_Certificateur || siret);
      return null;
    });
    const insertBloc = sqlite.prepare('INSERT OR REPLACE INTO blocs_competences (code, certification_code, libelle) VALUES (?, ?, ?)');
    each('Blocs_De_Compétences', (record, code) => {
      const bloc = record.Bloc_Competences_Code ?? '';
      if (!bloc.startsWith(code)) return `bloc "${bloc}" does not belong to ${code}`;
      insertBloc.run(bloc, code, record.Bloc_Competences_Libelle || bloc);
      return null;
    });
    const insertLink = sqlite.prepare('INSERT OR IGNORE INTO certification_links (ancienne, nouvelle, source_id) VALUES (?, ?, ?)');
    each(
      'Ancienne_Nouvelle_Certification',
      (record, code) => {
        for (const [ancienne, nouvelle] of [
          [record.Ancienne_Certification, code],
          [code, record.Nouvelle_Certification],
        ]) {
          if (!ancienne || !nouvelle) continue;
          if (!CODE.test(ancienne) || !CODE.test(nouvelle)) return `"${ancienne}" → "${nouvelle}" is not a pair of certification codes`;
          insertLink.run(ancienne, nouvelle, FRANCE_COMPETENCES_SOURCE);
        }
        return null;
      },
      true,
    );

    for (const code of known) {
      if (before.has(code)) report.certifications.updated += 1;
      else report.certifications.added += 1;
    }
    report.certifications.removed = [...before].filter((code) => !known.has(code)).length;
    sqlite
      .prepare(
        `INSERT INTO sources (id, kind, imported_at, content_hash) VALUES (?, 'FRANCE_COMPETENCES', ?, ?)
         ON CONFLICT (id) DO UPDATE SET imported_at = excluded.imported_at, content_hash = excluded.content_hash`,
      )
      .run(FRANCE_COMPETENCES_SOURCE, new Date().toISOString(), path.basename(input));
    sqlite.exec('COMMIT');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}
