// Reconciliation: for every dossier, what its state says of each part of its funding plan against
// what the payers hold — the rights ledger (debits naming the dossier, refunds by entry id) and
// abondements' reservations and dotation uses (by key). Read over HTTP from the subgraphs, as the
// operator (viewer token and access grants signed with the internal secret), in batches. A dossier
// that asked France Travail for its top-up is also checked against the request abondements holds
// under its key: open while the dossier waits, accepted (or by silence), refused, or withdrawn.
import { signAccessGrant, type Viewer } from '@formations/schema/auth';
import { expectedReview, reviewKey, reviewMatches, type HistoryStep } from './domain/funder-review.ts';
import { matches, type PartKind, type Remote, type Wanted } from './domain/money.ts';
import { MONEY_HELD_STATES, RULES, type DossierState } from './domain/states.ts';
import { ask } from './peers.ts';

const RECONCILER: Viewer = { sub: 'dossiers-reconcile', role: 'operator', name: 'Dossiers reconciliation' };

interface Part {
  kind: PartKind;
  reference: string | null;
  amount: number;
  /** After a partial completion, what stays taken; null: all of it or nothing, as `wanted` says. */
  kept: number | null;
  wanted: Wanted;
  status: string;
  key: string;
  givenBackAs: string | null;
}
interface Dossier {
  id: string;
  personId: string;
  state: DossierState;
  moneySettled: boolean;
  fundingPlan: { parts: Part[] } | null;
  transitions: HistoryStep[];
}

export interface ReconcileReport {
  dossiers: number;
  parts: number;
  /** One line per difference; empty when every payer holds exactly what the dossiers say. */
  drifts: string[];
}

async function call<T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const answer = await ask<T>(url, query, variables, RECONCILER, 30_000);
  if (answer.errors?.length || !answer.data) throw new Error(`${url}: ${answer.errors?.[0]?.message ?? 'no data'}`);
  return answer.data;
}

const PAGE = `query ($after: ID) { allDossiers(after: $after, first: 500) { id personId state moneySettled
  fundingPlan { parts { kind reference amount kept wanted status key givenBackAs } }
  transitions { transition fromState actorRole reasonCode reason } } }`;

async function allDossiers(url: string): Promise<Dossier[]> {
  const all: Dossier[] = [];
  for (let after: string | null = null; ; ) {
    const page: Dossier[] = (await call<{ allDossiers: Dossier[] }>(url, PAGE, { after })).allDossiers;
    all.push(...page);
    if (page.length < 500) return all;
    after = page.at(-1)!.id;
  }
}

interface Entry {
  id: string;
  kind: string;
  amount: number;
  explanation: string;
}

/** Every ledger entry of these people, in one request (the reconciler's own grants, scope rights). */
async function ledgers(url: string, personIds: string[]): Promise<Map<string, Entry[]>> {
  if (personIds.length === 0) return new Map();
  const representations = await Promise.all(
    personIds.map(async (id) => ({
      __typename: 'Person',
      id,
      accessGrant: await signAccessGrant({ personId: id, viewerSub: RECONCILER.sub, scopes: ['rights'] }),
    })),
  );
  const data = await call<{ _entities: { cpfAccount: { entries: Entry[] } | null }[] }>(
    url,
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { cpfAccount { entries { id kind amount explanation } } } } }`,
    { r: representations },
  );
  return new Map(personIds.map((id, i) => [id, data._entities[i]?.cpfAccount?.entries ?? []]));
}

async function holdings(url: string, keys: string[]): Promise<Map<string, { status: string; amount: number }>> {
  const found = new Map<string, { status: string; amount: number }>();
  for (let i = 0; i < keys.length; i += 1000) {
    const data = await call<{ dossierHoldings: { key: string; status: string; amount: number }[] }>(
      url,
      `query ($k: [ID!]!) { dossierHoldings(keys: $k) { key status amount } }`,
      { k: keys.slice(i, i + 1000) },
    );
    for (const h of data.dossierHoldings) found.set(h.key, h);
  }
  return found;
}

/** What the state says of a part: held while the training goes on; afterwards given back, except the holder's CPF rights kept by a no-show or a late cancellation. */
function stateAllows(state: DossierState, part: Part): boolean {
  // Once the service done is validated, a partial completion may have given a part back whole.
  if (PRORATED_STATES.has(state)) return part.wanted !== 'none';
  if (MONEY_HELD_STATES.has(state)) return part.wanted === 'held';
  if (part.wanted !== 'held') return true;
  return part.kind === 'CPF_RIGHTS' && ['canceledByAttendee', 'canceledByAttendeeNotRealized', 'CANCELLED'].includes(state);
}

/** The states a prorating step (the CPF service validated, the AIF invoiced) leads to, and those after them that move no money. */
const PRORATED_STATES: ReadonlySet<DossierState> = (() => {
  const rules = Object.values(RULES).flat();
  const states = new Set<DossierState>(rules.filter((r) => r.money === 'prorate').map((r) => r.to));
  for (let grown = true; grown; ) {
    grown = false;
    for (const r of rules) {
      if (r.money || states.has(r.to) || !r.from.some((f) => f !== null && states.has(f))) continue;
      states.add(r.to);
      grown = true;
    }
  }
  return states;
})();

const HELD: Record<string, Remote> = { GRANTED: 'held', SPENT: 'held', RELEASED: 'returned', REFUSED: 'refused' };

export async function reconcile(urls: { dossiers: string; rights: string; abondements: string }): Promise<ReconcileReport> {
  const dossiers = await allDossiers(urls.dossiers);
  const withParts = dossiers.filter((d) => d.fundingPlan && d.fundingPlan.parts.length > 0);
  const cpfPeople = [...new Set(withParts.filter((d) => d.fundingPlan!.parts.some((p) => p.kind === 'CPF_RIGHTS')).map((d) => d.personId))];
  const reviews = new Map(withParts.map((d) => [d.id, expectedReview(d.id, d.transitions)] as const).filter(([, expected]) => expected !== null));
  const keys = [
    ...withParts.flatMap((d) => d.fundingPlan!.parts.filter((p) => p.kind !== 'CPF_RIGHTS').map((p) => p.key)),
    ...[...reviews.keys()].map((id) => reviewKey(id, 'open-review')),
  ];
  const [ledger, held] = await Promise.all([ledgers(urls.rights, cpfPeople), holdings(urls.abondements, keys)]);

  const drifts: string[] = [];
  let parts = 0;
  for (const d of withParts) {
    if (!d.moneySettled) {
      drifts.push(`${d.id} (${d.state}): money commands not yet delivered`);
      continue;
    }
    const review = reviews.get(d.id);
    if (review) {
      const request = held.get(reviewKey(d.id, 'open-review'))?.status ?? null;
      if (!reviewMatches(review, request))
        drifts.push(`${d.id} (${d.state}) France Travail review: the dossier says ${review}, abondements' request is ${request ?? 'absent'}`);
    }
    for (const part of d.fundingPlan!.parts) {
      parts += 1;
      const label = `${d.id} (${d.state}) ${part.kind}${part.reference ? ` ${part.reference}` : ''} ${part.amount} cents`;
      if (!stateAllows(d.state, part)) drifts.push(`${label}: the state ${d.state} does not allow money ${part.wanted}`);
      let remote: Remote;
      if (part.kind === 'CPF_RIGHTS') {
        const entries = ledger.get(d.personId) ?? [];
        const debits = entries.filter((e) => e.kind === 'DEBIT' && e.explanation.includes(`dossier ${d.id} `));
        if (debits.length > 1) drifts.push(`${label}: debited ${debits.length} times`);
        if (debits.some((e) => e.amount !== -part.amount)) drifts.push(`${label}: debited ${debits.map((e) => -e.amount).join(', ')} cents`);
        // A partial completion refunds all but what is kept: the debit is then held for the rest.
        const back = part.wanted === 'held' ? part.amount - (part.kept ?? part.amount) : part.amount;
        const refund = part.givenBackAs === null ? undefined : entries.find((e) => e.id === part.givenBackAs && e.kind === 'REFUND');
        if (refund && refund.amount !== back) drifts.push(`${label}: refunded ${refund.amount} cents, ${back} expected`);
        if (part.wanted === 'held' && back > 0 && !refund) drifts.push(`${label}: ${back} cents not refunded after the partial completion`);
        remote = debits.length === 0 ? 'none' : refund && part.wanted !== 'held' ? 'returned' : 'held';
      } else {
        const h = held.get(part.key);
        const holds = part.wanted === 'held' ? (part.kept ?? part.amount) : null;
        if (h && holds !== null && HELD[h.status] === 'held' && h.amount !== holds)
          drifts.push(`${label}: the payer holds ${h.amount} cents, ${holds} expected`);
        remote = h ? (HELD[h.status] ?? 'none') : 'none';
      }
      if (!matches(part.wanted, remote)) drifts.push(`${label}: the dossier wants it ${part.wanted}, the payer has it ${remote}`);
    }
  }
  // Debits naming a dossier that holds no CPF part (or no such dossier).
  const cpfDossiers = new Set(withParts.filter((d) => d.fundingPlan!.parts.some((p) => p.kind === 'CPF_RIGHTS')).map((d) => d.id));
  for (const [personId, entries] of ledger) {
    for (const e of entries) {
      const named = /dossier (dos-[\w-]+) /.exec(e.explanation)?.[1];
      if (e.kind === 'DEBIT' && named && !cpfDossiers.has(named))
        drifts.push(`${named}: ${personId}'s ledger has a debit of ${-e.amount} cents for it, the dossier has no CPF part`);
    }
  }
  return { dossiers: dossiers.length, parts, drifts };
}
