// Passport on PostgreSQL, end to end: a stack of its own whose passport subgraph is given
// PASSPORT_DATABASE_URL (the other subgraphs stay on SQLite). Its seed and server migrate and fill
// the database; through the gateway the holder reads her passport with her CPF account (rights),
// the adviser she consented to reads it too, a stranger is refused; a consent granted then revoked
// through the gateway is in PostgreSQL's tables, and so is the adviser's read. No passport.sqlite
// is written. PostgreSQL: TEST_DATABASE_URL (a superuser URL) or a throwaway server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, startPostgresServer, testPool, type PostgresServer } from '@formations/schema/postgres-test';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from '../../scripts/stack.ts';
import { graphql, holderToken, tokenFor } from '../src/client.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-passport-pg-'));
let server: PostgresServer | undefined;
let stack: RunningStack | undefined;
let raw: pg.Pool | undefined;

beforeAll(async () => {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    server = await startPostgresServer();
    serverUrl = server.url;
  }
  const url = await createDatabase(serverUrl, 'passport_e2e');
  raw = testPool(url);
  stack = await startStack({
    dataDir: dir,
    ports: 'random',
    output: 'quiet',
    env: { CLOCK_NOW: '2026-11-25', PASSPORT_DATABASE_URL: url, STACK_READY_TIMEOUT_MS: process.env.STACK_READY_TIMEOUT_MS ?? '180000' },
  });
}, 400_000);

afterAll(async () => {
  await stack?.stop();
  await raw?.end();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const gateway = () => stack!.gatewayUrl;
const rows = async <T = Record<string, unknown>>(text: string, ...values: unknown[]) => (await raw!.query(text, values)).rows as T[];
const PASSPORT = /* GraphQL */ `
  query ($id: ID!) {
    person(id: $id) {
      givenName
      familyName
      competences { code provenance }
      certifications { code provenance }
      targetJobs { romeCode }
      cpfAccount { balance }
    }
  }
`;
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

describe('passport on PostgreSQL, through the gateway', () => {
  it('serves from PostgreSQL: the health says so, the seed filled its tables, no SQLite file', async () => {
    const health = (await (await fetch(`${stack!.subgraphUrls.passport!.replace(/\/graphql$/, '')}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', database: 'postgresql', romeJobs: 1584 });
    expect(await rows('SELECT id FROM persons ORDER BY id')).toEqual([{ id: 'camille-martin' }, { id: 'karim-benali' }, { id: 'lucie-moreau' }]);
    expect(fs.existsSync(path.join(dir, 'passport.sqlite'))).toBe(false);
  });

  it("answers Camille's passport, with her CPF account from rights", async () => {
    const res = await graphql(gateway(), PASSPORT, { id: 'camille-martin' }, { token: await holderToken('camille-martin') });
    expect(res.errors).toBeUndefined();
    const person = res.data!.person;
    expect(person).toMatchObject({
      givenName: 'Camille',
      familyName: 'Martin',
      targetJobs: [{ romeCode: 'N1103' }, { romeCode: 'N1101' }],
      cpfAccount: { balance: 30000 },
    });
    expect(person.competences).toHaveLength(11);
    expect(person.certifications).toEqual([{ code: 'RNCP34948', provenance: 'GUARANTEED' }]);
  });

  it('lets Sophie (consented) read it, logs her read in PostgreSQL, and refuses a stranger', async () => {
    const sophie = await graphql(gateway(), PASSPORT, { id: 'camille-martin' }, { token: await tokenFor({ sub: 'sophie-adviser', role: 'adviser' }) });
    expect(sophie.errors).toBeUndefined();
    expect(sophie.data!.person.givenName).toBe('Camille');
    expect(await rows("SELECT viewer_role, scopes FROM access_log WHERE person_id = 'camille-martin' AND viewer_sub = 'sophie-adviser'")).toContainEqual({
      viewer_role: 'adviser',
      scopes: ['passport', 'rights', 'funding', 'recommendations'],
    });
    const stranger = await graphql(gateway(), PASSPORT, { id: 'camille-martin' }, { token: await tokenFor({ sub: 'e2e-pg-stranger', role: 'adviser' }) });
    expect(stranger.data?.person ?? null).toBeNull();
    expect(codes(stranger)).toContain('FORBIDDEN');
  });

  it('grants and revokes a consent through the gateway, in PostgreSQL', async () => {
    const karim = await holderToken('karim-benali');
    const adviser = await tokenFor({ sub: 'e2e-pg-adviser', role: 'adviser' });
    const granted = await graphql(
      gateway(),
      'mutation { grantConsent(viewerSub: "e2e-pg-adviser", scopes: [PASSPORT], expiresAt: "2027-03-01T00:00:00Z") { id live } }',
      {},
      { token: karim },
    );
    expect(granted.errors).toBeUndefined();
    const id = granted.data!.grantConsent.id as string;
    expect((await graphql(gateway(), '{ person(id: "karim-benali") { givenName } }', {}, { token: adviser })).data!.person.givenName).toBe('Karim');

    const revoked = await graphql(gateway(), 'mutation ($id: ID!) { revokeConsent(id: $id) { live revokedAt } }', { id }, { token: karim });
    expect(revoked.data!.revokeConsent.live).toBe(false);
    expect(await rows('SELECT person_id, scopes, revoked_at IS NOT NULL AS revoked FROM consents WHERE id = $1', id)).toEqual([
      { person_id: 'karim-benali', scopes: ['passport'], revoked: true },
    ]);
    expect(codes(await graphql(gateway(), '{ person(id: "karim-benali") { givenName } }', {}, { token: adviser }))).toContain('FORBIDDEN');
  });
});
