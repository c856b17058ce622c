// `npm run gen:people` writes databases the real subgraphs serve: a small run, a stack of its own on
// that folder, and a generated person's passport and CPF account read through the gateway (by the
// holder and by the adviser she consented to), equal to what the files hold; the demo flagship still answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople, personId, type PeopleManifest } from '../../scripts/gen-people.ts';
import { startStack, type RunningStack } from '../../scripts/stack.ts';
import { DEMO_CONSENTS, DEMO_PERSONS } from '../../subgraphs/passport/src/db/demo-world.ts';
import { graphql, holderToken, tokenFor } from '../src/client.ts';

const TODAY = '2026-11-25';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-people-'));
let stack: RunningStack | undefined;
let manifest: PeopleManifest;

beforeAll(async () => {
  manifest = await generatePeople({ persons: 2000, out: dir, seed: 7, today: TODAY });
  stack = await startStack({
    dataDir: dir,
    ports: 'random',
    output: 'quiet',
    env: { CLOCK_NOW: TODAY, STACK_READY_TIMEOUT_MS: process.env.STACK_READY_TIMEOUT_MS ?? '300000' },
  });
}, 600_000);
afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const query = <T>(sql: string, file: string, ...params: unknown[]) => {
  const db = new Database(path.join(dir, file), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

const demoRows = DEMO_CONSENTS.length + DEMO_PERSONS.reduce((n, p) => n + 1 + p.targetRomeCodes.length + p.competences.length + p.experiences.length, 0);

const READ = `query ($id: ID!) { person(id: $id) { givenName status competences { code } targetJobs { romeCode } experiences { romeCode startDate }
  cpfAccount { balance entries(limit: 100) { kind amount } credits { year amount posted } } } }`;

describe('gen:people', () => {
  it('writes about ten ledger entries a person, deterministically from the seed, with no NIR', () => {
    expect(manifest.persons).toBe(2000);
    const [ledger] = query<{ people: number; entries: number }>(
      'SELECT count(DISTINCT person_id) AS people, count(*) AS entries FROM ledger_entries',
      'rights.sqlite',
    );
    expect(ledger!.people).toBeGreaterThan(1900);
    expect(ledger!.entries / ledger!.people).toBeGreaterThan(8);
    expect(ledger!.entries / ledger!.people).toBeLessThan(12);
    expect(query('SELECT 1 FROM persons WHERE nir IS NOT NULL AND id LIKE ?', 'passport.sqlite', 'gen-%')).toEqual([]);
    expect(manifest.rows.passport).toBe(
      query<{ n: number }>(
        'SELECT (SELECT count(*) FROM persons) + (SELECT count(*) FROM target_jobs) + (SELECT count(*) FROM person_competences) + (SELECT count(*) FROM experiences) + (SELECT count(*) FROM consents) AS n',
        'passport.sqlite',
      )[0]!.n - demoRows,
    );
  });

  it("serves a generated person's passport and CPF account through the gateway, as the files hold them", async () => {
    const [consent] = query<{ personId: string; viewer: string }>(
      "SELECT person_id AS personId, viewer_sub AS viewer FROM consents WHERE person_id LIKE 'gen-%' ORDER BY person_id LIMIT 1",
      'passport.sqlite',
    );
    const id = consent!.personId;
    const entries = query<{ kind: string; amount: number }>(
      'SELECT kind, amount FROM ledger_entries WHERE person_id = ? ORDER BY effective_date, id',
      'rights.sqlite',
      id,
    );
    const competences = query<{ code: string }>('SELECT code FROM person_competences WHERE person_id = ? ORDER BY code', 'passport.sqlite', id);
    expect(entries.length).toBeGreaterThan(0);

    const asHolder = await graphql(stack!.gatewayUrl, READ, { id }, { token: await holderToken(id) });
    expect(asHolder.errors).toBeUndefined();
    const person = asHolder.data!.person;
    expect(person.competences.map((c: { code: string }) => c.code).sort()).toEqual(competences.map((c) => c.code));
    expect(person.targetJobs.length).toBeGreaterThan(0);
    expect(person.experiences.length).toBeGreaterThan(0);
    expect(person.cpfAccount.entries).toEqual(entries);
    expect(person.cpfAccount.balance).toBe(entries.reduce((sum, e) => sum + e.amount, 0));
    // Every recorded year due by the clock was credited by the generator: reading writes nothing.
    expect(person.cpfAccount.credits.every((c: { posted: boolean }) => c.posted)).toBe(true);

    const asAdviser = await graphql(stack!.gatewayUrl, READ, { id }, { token: await tokenFor({ sub: consent!.viewer, role: 'adviser' }) });
    expect(asAdviser.errors).toBeUndefined();
    expect(asAdviser.data!.person).toEqual(person);
    const other = manifest.advisers.find((a) => a !== consent!.viewer)!;
    const refused = await graphql(stack!.gatewayUrl, READ, { id }, { token: await tokenFor({ sub: other, role: 'adviser' }) });
    expect(refused.errors?.length).toBeGreaterThan(0);
  });

  it('is the same data from the same seed', async () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-people-'));
    try {
      await generatePeople({ persons: 50, out: again, seed: 7, today: TODAY });
      const rows = (folder: string) => {
        const db = new Database(path.join(folder, 'rights.sqlite'), { readonly: true });
        try {
          return db
            .prepare("SELECT person_id, kind, amount, effective_date, idempotency_key FROM ledger_entries WHERE person_id BETWEEN 'gen-' AND ? ORDER BY id")
            .all(personId(50));
        } finally {
          db.close();
        }
      };
      expect(rows(again).length).toBeGreaterThan(300);
      expect(rows(again)).toEqual(rows(dir));
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });

  it("still answers the demo flagship (Camille's fundable trainings)", async () => {
    const res = await graphql(
      stack!.gatewayUrl,
      'query { person(id: "camille-martin") { givenName cpfAccount { balance } fundableTrainings(first: 5) { session { id } fundingPlan { remainingCost } } } }',
      {},
      { token: await holderToken('camille-martin') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.person.fundableTrainings.length).toBeGreaterThan(0);
  });
});
