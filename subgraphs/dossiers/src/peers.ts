// What the dossiers subgraph asks of the others over HTTP: the session's facts (catalog, public),
// whether a prescriber may act for a person (passport decides and signs the access grant), and the
// outbox's commands (rights, abondements, with an operator's viewer token).
import { signViewerToken, VIEWER_HEADER, type Viewer } from '@formations/schema/auth';
import { subgraphUrl } from '@formations/schema/subgraphs';
import type { SessionFacts } from './db/store.ts';

export interface PeerUrls {
  passport: string;
  catalog: string;
  rights: string;
  abondements: string;
}

export const peerUrlsFromEnv = (env: NodeJS.ProcessEnv = process.env): PeerUrls => ({
  passport: subgraphUrl('passport', env),
  catalog: subgraphUrl('catalog', env),
  rights: subgraphUrl('rights', env),
  abondements: subgraphUrl('abondements', env),
});

export class PeerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

// A viewer token lives 2 minutes: one signed token serves a viewer's requests for 1 minute (the
// relay sends one per command; signing each was measurable CPU under load).
const signed = new Map<string, { token: Promise<string>; until: number }>();
function tokenOf(viewer: Viewer): Promise<string> {
  const k = JSON.stringify(viewer);
  const known = signed.get(k);
  if (known && known.until > Date.now()) return known.token;
  if (signed.size > 1000) signed.clear();
  const token = signViewerToken(viewer);
  signed.set(k, { token, until: Date.now() + 60_000 });
  token.catch(() => signed.delete(k));
  return token;
}

/** One GraphQL request to a subgraph, as `viewer` (signed with the internal secret) or anonymous. */
export async function ask<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  viewer: Viewer | null,
  timeoutMs = 5000,
): Promise<GraphQLAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (viewer) headers[VIEWER_HEADER] = await tokenOf(viewer);
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(timeoutMs) });
  if (res.status >= 500) throw new PeerError(`${url} answered HTTP ${res.status}`);
  return (await res.json()) as GraphQLAnswer<T>;
}

const SESSION = `query ($id: ID!) { session(id: $id) { price startDate certificationCode action { id } training { provider { siret } } } }`;

/** The session as the catalogue describes it now; null when the catalogue has no such session. */
export async function sessionFacts(urls: PeerUrls, sessionId: string): Promise<SessionFacts | null> {
  type S = {
    price: number | null;
    startDate: string | null;
    certificationCode: string | null;
    action: { id: string };
    training: { provider: { siret: string } | null };
  };
  const answer = await ask<{ session: S | null }>(urls.catalog, SESSION, { id: sessionId }, null);
  if (answer.errors?.length) throw new PeerError(`catalog: ${answer.errors[0]!.message}`);
  const s = answer.data?.session;
  if (!s) return null;
  return {
    actionId: s.action.id,
    price: s.price,
    startDate: s.startDate,
    certificationCode: s.certificationCode,
    organisationSiret: s.training.provider?.siret ?? null,
  };
}

const GRANT = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { accessGrant } } }`;

/** The access grant passport signs for this viewer on this person (null: no consent). */
export async function accessGrant(urls: PeerUrls, viewer: Viewer, personId: string): Promise<string | null> {
  const answer = await ask<{ _entities: ({ accessGrant: string | null } | null)[] }>(
    urls.passport,
    GRANT,
    { r: [{ __typename: 'Person', id: personId }] },
    viewer,
  );
  if (answer.errors?.length) throw new PeerError(`passport: ${answer.errors[0]!.message}`);
  return answer.data?._entities[0]?.accessGrant ?? null;
}
