// Recommendation candidates read from a real catalogue (the demo, imported by the indexer),
// kept in memory per ROME code: same sessions as one plain query over the tables, and a changed
// catalogue is seen at once.
import { describe, expect, it } from 'vitest';
import { recommendationCandidates } from '../src/db/candidates.ts';
import { openCatalog, type CatalogDatabase } from '../src/db/client.ts';
import { useDemoCatalog } from './demo-catalog.ts';

/** The sessions of the trainings preparing for one of the codes, directly or through their certification, by plain SQL. */
function expected(db: CatalogDatabase, romeCodes: string[]) {
  return db.sqlite
    .prepare(
      `SELECT s.id AS sessionId, s.debut AS startDate, s.etat_recrutement AS recruitment, s.modalite AS modality
         FROM sessions s JOIN formations f ON f.id = s.formation_id
        WHERE f.id IN (SELECT formation_id FROM formation_codes WHERE kind = 'ROME' AND code IN (SELECT value FROM json_each(@codes)))
           OR f.certification_code IN (SELECT certification_code FROM certification_codes WHERE kind = 'ROME' AND code IN (SELECT value FROM json_each(@codes)))
        ORDER BY s.id`,
    )
    .all({ codes: JSON.stringify(romeCodes) });
}

const sessionsOf = (candidates: ReturnType<typeof recommendationCandidates>) =>
  candidates
    .flat()
    .map(({ sessionId, startDate, recruitment, modality }) => ({ sessionId, startDate, recruitment, modality }))
    .sort((a, b) => (a.sessionId < b.sessionId ? -1 : 1));

describe('recommendation candidates', () => {
  const demo = useDemoCatalog();

  it.each([[['N1103']], [['N1103', 'N1101']], [['G1601']], [['M1805', 'J1501', 'N1103']], [['NOPE']]])(
    'gives every session preparing for %j, once',
    (codes) => {
      const candidates = recommendationCandidates(demo().sqlite, codes).flat();
      expect(sessionsOf([candidates])).toEqual(expected(demo(), codes));
      expect(new Set(candidates.map((c) => c.sessionId)).size).toBe(candidates.length);
      // Asked again (kept): the same.
      expect(sessionsOf(recommendationCandidates(demo().sqlite, [...codes].reverse()))).toEqual(expected(demo(), codes));
    },
  );

  it('reaches trainings through their certification’s jobs, with both code lists', () => {
    // G1601 is only named by a certification in the demo, never by a training.
    const candidates = recommendationCandidates(demo().sqlite, ['G1601']).flat();
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(c.certificationRomeCodes).toContain('G1601');
      expect(c.trainingRomeCodes).not.toContain('G1601');
    }
  });

  it('sees the catalogue change, whether written by another connection (an import) or its own', () => {
    const reader = openCatalog(demo().sqlite.name);
    try {
      const before = recommendationCandidates(reader.sqlite, ['N1103']).flat();
      const gone = before[0]!.sessionId;
      demo().sqlite.prepare('DELETE FROM sessions WHERE id = ?').run(gone);
      const after = recommendationCandidates(reader.sqlite, ['N1103']).flat();
      expect(after.map((c) => c.sessionId)).not.toContain(gone);
      expect(after).toHaveLength(before.length - 1);

      const next = after[0]!.sessionId;
      reader.sqlite.prepare('DELETE FROM sessions WHERE id = ?').run(next);
      expect(
        recommendationCandidates(reader.sqlite, ['N1103'])
          .flat()
          .map((c) => c.sessionId),
      ).not.toContain(next);
      expect(sessionsOf(recommendationCandidates(reader.sqlite, ['N1103', 'M1805']))).toEqual(expected(demo(), ['N1103', 'M1805']));
    } finally {
      reader.sqlite.close();
    }
  });
});
