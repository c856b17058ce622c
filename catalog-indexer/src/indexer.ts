// Finds the sources among the given files and folders and imports each one atomically.
import fs from 'node:fs';
import path from 'node:path';
import { lastChange, meilisearchFromEnv, openCatalog, reindexAll, syncChanges, type SearchEngine } from '@formations/catalog/indexing';
import { importExportFile, isExportFile } from './export/import-ndjson.ts';
import { FRANCE_COMPETENCES_SOURCE, importFranceCompetences, isFranceCompetencesFolder, isFranceCompetencesZip } from './france-competences.ts';
import { importLheoFile, removeLheoSource } from './lheo/import.ts';
import { FatalSourceError } from './lheo/xml-stream.ts';
import { progressLine } from './progress.ts';
import { newReport, type SourceReport } from './report.ts';

export interface Source {
  kind: SourceReport['kind'];
  path: string;
  /** Take this source (named by `path`) out of the catalogue instead of importing it. */
  remove?: boolean;
}

/** LHEO XML, or an NDJSON export of a catalogue (its records are LHEO records already mapped). */
const isLheoFile = (name: string) => /\.xml(\.gz)?$/i.test(name) || isExportFile(name);

/** Folders are walked: XML files are LHEO sources, a folder (or zip) of France Compétences CSVs is one source. */
export function findSources(inputs: string[]): Source[] {
  const found: Source[] = [];
  const visit = (input: string) => {
    const stat = fs.statSync(input);
    if (stat.isDirectory()) {
      if (isFranceCompetencesFolder(input)) {
        found.push({ kind: 'FRANCE_COMPETENCES', path: input });
        return;
      }
      for (const name of fs.readdirSync(input).sort()) visit(path.join(input, name));
    } else if (isLheoFile(input)) {
      found.push({ kind: 'LHEO', path: input });
    } else if (isFranceCompetencesZip(input)) {
      found.push({ kind: 'FRANCE_COMPETENCES', path: input });
    }
  };
  for (const input of inputs) visit(input);
  return found;
}

/** A source is named by its file name, so a new export of the same file replaces the old one. */
export const sourceName = (source: Source) =>
  source.kind === 'FRANCE_COMPETENCES' ? FRANCE_COMPETENCES_SOURCE : source.remove ? source.path : path.basename(source.path).replace(/\.gz$/i, '');

export interface IndexerOptions {
  dbFile?: string;
  /** Reports name files relative to this folder (default: the working directory). */
  base?: string;
  /**
   * The external search engine to keep in sync after each successful import; default: Meilisearch
   * when MEILISEARCH_URL is set. null: none (the embedded engine reads the catalogue itself).
   */
  searchEngine?: SearchEngine | null;
  /** LHEO sources to take out of the catalogue (by name, e.g. "offres.xml"), before the imports. */
  remove?: string[];
}

export async function runIndexer(inputs: string[], options: IndexerOptions = {}): Promise<SourceReport[]> {
  const sources: Source[] = [...(options.remove ?? []).map((name) => ({ kind: 'LHEO' as const, path: name, remove: true })), ...findSources(inputs)];
  const { sqlite } = openCatalog(options.dbFile);
  const search = options.searchEngine === undefined ? meilisearchFromEnv() : options.searchEngine;
  const reports: SourceReport[] = [];
  try {
    for (const source of sources) {
      const file = source.remove ? '' : path.relative(options.base ?? process.cwd(), source.path) || source.path;
      const report = newReport(sourceName(source), file, source.kind);
      const started = Date.now();
      const changesFrom = search ? lastChange(sqlite) : 0;
      try {
        if (source.remove) removeLheoSource(sqlite, report);
        else if (isExportFile(source.path)) await importExportFile(sqlite, source.path, report, progressLine(report.source));
        else if (source.kind === 'LHEO') await importLheoFile(sqlite, source.path, report, progressLine(report.source));
        else importFranceCompetences(sqlite, source.path, report);
      } catch (error) {
        // Whatever went wrong, this source's transaction was rolled back: report it and go on.
        report.status = 'failed';
        report.error =
          error instanceof FatalSourceError ? error.message : `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      }
      if (search && report.status === 'imported') {
        // The catalogue is committed: a search engine that fails to follow is a warning, not a failed import.
        try {
          // An LHEO import sends its change set; certifications feed every session's ROME codes and CPF eligibility.
          const full = source.kind !== 'LHEO';
          const synced = full ? await reindexAll(search, sqlite) : await syncChanges(search, sqlite, changesFrom);
          report.searchSync = { ...synced, full };
          console.log(
            `${report.source}: search index (${search.name}) ${synced.indexed} session(s) indexed, ${synced.removed} removed${full ? ' (all sessions)' : " (the import's change set)"}`,
          );
        } catch (error) {
          report.issues.push({
            severity: 'warning',
            code: 'SEARCH_INDEX_NOT_UPDATED',
            file: report.file,
            line: 0,
            element: 'search-index',
            numero: null,
            reason: `the ${search.name} search index was not updated: ${(error as Error).message}; run npm run search:resync once it is back`,
          });
        }
      }
      report.seconds = (Date.now() - started) / 1000;
      reports.push(report);
    }
  } finally {
    sqlite.close();
  }
  return reports;
}
