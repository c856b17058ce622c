// Migration 0003 on a catalogue imported before it: modalites-enseignement was read with 1 and 2
// swapped (LHEO dict-modalites-enseignement: 1 mixte, 2 entièrement à distance), so what it holds is
// swapped back, in the served tables and in each source's stored copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@formations/schema/subgraph';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openCatalog } from '../src/db/client.ts';
import * as schema from '../src/db/schema.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-migrations-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before 0003. */
function migrationsBefore0003(): string {
  const folder = path.join(dir, 'migrations');
  fs.cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < '0003');
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe('migration 0003', () => {
  it('swaps DISTANCE and MIXTE read the old way, in actions, sessions and stored copies, and adds the new columns', () => {
    const file = path.join(dir, 'catalog.sqlite');
    const old = openDatabase({ file, migrationsFolder: migrationsBefore0003(), schema });
    const record = (modalites: string[]) => JSON.stringify({ numero: 'F', actions: modalites.map((m, i) => ({ id: `A${i}`, modalite: m, sessions: [] })), extras: [] });
    old.sqlite.exec(`
      INSERT INTO formations (id, numero, source_id, content_hash, intitule, extras) VALUES (1, 'F', 's.xml', 'h', 'T', '[]');
      INSERT INTO actions (id, formation_id, modalite, code_public_vise, financeurs, lieu_lignes, extras) VALUES
        ('A0', 1, 'DISTANCE', '[]', '[]', '[]', '[]'), ('A1', 1, 'MIXTE', '[]', '[]', '[]', '[]'), ('A2', 1, 'PRESENTIEL', '[]', '[]', '[]', '[]'), ('A3', 1, NULL, '[]', '[]', '[]', '[]');
      INSERT INTO sessions (id, action_id, formation_id, modalite, extras) VALUES ('S0', 'A0', 1, 'DISTANCE', '[]'), ('S1', 'A1', 1, 'MIXTE', '[]'), ('S2', 'A2', 1, 'PRESENTIEL', '[]');
    `);
    old.sqlite.prepare("INSERT INTO source_records VALUES ('s.xml', 'F', 's.xml', '2026-01-01', '2026-01-01', 'h', ?)").run(record(['DISTANCE', 'MIXTE', 'PRESENTIEL']));
    old.sqlite.close();

    const { sqlite } = openCatalog(file);
    try {
      expect(sqlite.prepare('SELECT id, modalite, acces_handicapes FROM actions ORDER BY id').all()).toEqual([
        { id: 'A0', modalite: 'MIXTE', acces_handicapes: null },
        { id: 'A1', modalite: 'DISTANCE', acces_handicapes: null },
        { id: 'A2', modalite: 'PRESENTIEL', acces_handicapes: null },
        { id: 'A3', modalite: null, acces_handicapes: null },
      ]);
      expect(sqlite.prepare('SELECT id, modalite, nb_places FROM sessions ORDER BY id').all()).toEqual([
        { id: 'S0', modalite: 'MIXTE', nb_places: null },
        { id: 'S1', modalite: 'DISTANCE', nb_places: null },
        { id: 'S2', modalite: 'PRESENTIEL', nb_places: null },
      ]);
      expect(sqlite.prepare('SELECT record FROM source_records').pluck().get()).toBe(record(['MIXTE', 'DISTANCE', 'PRESENTIEL']));
    } finally {
      sqlite.close();
    }
  });
});
