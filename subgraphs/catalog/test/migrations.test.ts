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

/** The migrations folder as it was before `tag`. */
function migrationsBefore(tag: string): string {
  const folder = path.join(dir, `migrations-${tag}`);
  fs.cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe('migration 0003', () => {
  it('swaps DISTANCE and MIXTE read the old way, in actions, sessions and stored copies, and adds the new columns', () => {
    const file = path.join(dir, 'catalog-0003.sqlite');
    const old = openDatabase({ file, migrationsFolder: migrationsBefore('0003'), schema });
    const record = (modalites: string[]) =>
      JSON.stringify({ numero: 'F', actions: modalites.map((m, i) => ({ id: `A${i}`, modalite: m, sessions: [] })), extras: [] });
    old.sqlite.exec(`
      INSERT INTO formations (id, numero, source_id, content_hash, intitule, extras) VALUES (1, 'F', 's.xml', 'h', 'T', '[]');
      INSERT INTO actions (id, formation_id, modalite, code_public_vise, financeurs, lieu_lignes, extras) VALUES
        ('A0', 1, 'DISTANCE', '[]', '[]', '[]', '[]'), ('A1', 1, 'MIXTE', '[]', '[]', '[]', '[]'), ('A2', 1, 'PRESENTIEL', '[]', '[]', '[]', '[]'), ('A3', 1, NULL, '[]', '[]', '[]', '[]');
      INSERT INTO sessions (id, action_id, formation_id, modalite, extras) VALUES ('S0', 'A0', 1, 'DISTANCE', '[]'), ('S1', 'A1', 1, 'MIXTE', '[]'), ('S2', 'A2', 1, 'PRESENTIEL', '[]');
    `);
    old.sqlite
      .prepare("INSERT INTO source_records VALUES ('s.xml', 'F', 's.xml', '2026-01-01', '2026-01-01', 'h', ?)")
      .run(record(['DISTANCE', 'MIXTE', 'PRESENTIEL']));
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

describe('migration 0005', () => {
  it('copies the CPF eligibility declared in the formation’s extras into its actions that declare none, and into stored copies', () => {
    const file = path.join(dir, 'catalog-0005.sqlite');
    const old = openDatabase({ file, migrationsFolder: migrationsBefore('0005'), schema });
    const extras = (value: string) => JSON.stringify([{ group: 'eligibilite-cpf', key: 'eligible', value }]);
    const record = (numero: string, value: string, declared: boolean | null) =>
      JSON.stringify({ numero, actions: [{ id: `${numero}-A`, cpfEligible: declared, sessions: [] }], extras: JSON.parse(extras(value)) });
    old.sqlite.exec(`
      INSERT INTO formations (id, numero, source_id, content_hash, intitule, extras) VALUES
        (1, 'YES', 's.xml', 'h', 'T', '${extras('Oui')}'), (2, 'NO', 's.xml', 'h', 'T', '${extras('0')}'),
        (3, 'OWN', 's.xml', 'h', 'T', '${extras('1')}'), (4, 'NONE', 's.xml', 'h', 'T', '[]');
      INSERT INTO actions (id, formation_id, cpf_eligible, code_public_vise, financeurs, lieu_lignes, extras) VALUES
        ('YES-A', 1, NULL, '[]', '[]', '[]', '[]'), ('NO-A', 2, NULL, '[]', '[]', '[]', '[]'),
        ('OWN-A', 3, 0, '[]', '[]', '[]', '[]'), ('NONE-A', 4, NULL, '[]', '[]', '[]', '[]');
    `);
    const insert = old.sqlite.prepare("INSERT INTO source_records VALUES ('s.xml', ?, 's.xml', '2026-01-01', '2026-01-01', 'h', ?)");
    insert.run('YES', record('YES', 'Oui', null));
    insert.run('OWN', record('OWN', '1', false));
    old.sqlite.close();

    const { sqlite } = openCatalog(file);
    try {
      expect(sqlite.prepare('SELECT id, cpf_eligible FROM actions ORDER BY id').all()).toEqual([
        { id: 'NO-A', cpf_eligible: 0 },
        { id: 'NONE-A', cpf_eligible: null },
        { id: 'OWN-A', cpf_eligible: 0 }, // the action's own word wins
        { id: 'YES-A', cpf_eligible: 1 },
      ]);
      expect(sqlite.prepare('SELECT numero, record FROM source_records ORDER BY numero').all()).toEqual([
        { numero: 'OWN', record: record('OWN', '1', false) },
        { numero: 'YES', record: record('YES', 'Oui', true) },
      ]);
    } finally {
      sqlite.close();
    }
  });
});
