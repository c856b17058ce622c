// One OS process of the chaos test: drives dossiers through the whole CPF lifecycle through the
// gateway, `concurrency` at a time, retrying each call with the SAME idempotency key while a
// subgraph is down (a replay returns the first answer, so a step done before a crash is not done
// twice). Usage: dossiers-chaos-worker.ts <gateway url> <worker> <dossiers> <concurrency> <pairs json>.
// Prints one JSON line per dossier: { id, state, steps, retries } or { error }.
import type { Viewer } from '@formations/schema/auth';
import { graphql, tokenFor } from '../src/client.ts';

const [gateway, worker, countArg, concurrencyArg, pairsJson] = process.argv.slice(2);
interface Pair {
  holder: string;
  session: string;
  siret: string;
  plan: unknown;
}
const pairs = JSON.parse(pairsJson!) as Pair[];
const PRESCRIBER: Viewer = { sub: 'prescriber-chaos', role: 'prescriber' };
const OPERATOR: Viewer = { sub: 'operator-chaos', role: 'operator' };
const tokens = new Map<string, Promise<string>>();
const token = (v: Viewer) => {
  const k = JSON.stringify(v);
  if (!tokens.has(k)) tokens.set(k, tokenFor(v));
  return tokens.get(k)!;
};
let retries = 0;

class Final extends Error {}

/** The call until it answers: errors other than a refusal (BAD_USER_INPUT, FORBIDDEN) are retried with the same key. */
async function call(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const until = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await graphql(gateway!, query, variables, { token: await token(viewer) });
      const code = res.errors?.[0]?.extensions?.code;
      if (!res.errors?.length && res.data) return res.data;
      if (code === 'BAD_USER_INPUT' || code === 'FORBIDDEN') throw new Final(`${code}: ${res.errors![0]!.message}`);
    } catch (error) {
      if (error instanceof Final) throw error;
    }
    if (Date.now() > until) throw new Error(`no answer for 90 s: ${query.slice(0, 60)}`);
    retries += 1;
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
  }
}

const STEP = (name: string, extra = '', vars = '') =>
  `mutation ($id: ID!, $k: String!${vars}) { ${name}(id: $id, idempotencyKey: $k${extra}) { dossier { state } } }`;

async function lifecycle(n: number, pair: Pair) {
  const holder: Viewer = { sub: pair.holder, role: 'holder' };
  const organisation: Viewer = { sub: `of-${pair.siret}`, role: 'organisation', siret: pair.siret };
  const k = (step: string) => `chaos-${worker}-${n}-${step}`;
  const id = (
    await call(
      PRESCRIBER,
      `mutation ($p: ID!, $s: ID!, $k: String!) { positionOnSession(personId: $p, sessionId: $s, idempotencyKey: $k) { dossier { id } } }`,
      { p: pair.holder, s: pair.session, k: k('position') },
    )
  ).positionOnSession.dossier.id as string;
  let state = 'proposed';
  let steps = 1;
  const steps_: [Viewer, string, string, string?][] = [
    [holder, 'requestDossier', `mutation ($id: ID!, $k: String!) { requestDossier(dossierId: $id, idempotencyKey: $k) { dossier { state } } }`],
    [organisation, 'validateDossier', STEP('validateDossier')],
    [holder, 'acceptDossier', STEP('acceptDossier', ', plan: $plan', ', $plan: DossierPlanInput!'), 'plan'],
    [organisation, 'declareEntry', STEP('declareEntry')],
    [organisation, 'declareExit', STEP('declareExit', ', reasonCode: "COMPLETED"')],
    [organisation, 'declareServiceDone', STEP('declareServiceDone', ', completionRate: 100')],
    [OPERATOR, 'validateServiceDone', STEP('validateServiceDone')],
    [organisation, 'invoiceDossier', STEP('invoiceDossier')],
    [OPERATOR, 'markBilled', STEP('markBilled')],
    [OPERATOR, 'markPaid', STEP('markPaid')],
  ];
  try {
    for (const [viewer, name, query, plan] of steps_) {
      const data = await call(viewer, query, { id, k: k(name), ...(plan ? { plan: pair.plan } : {}) });
      state = data[name].dossier.state;
      steps += 1;
    }
  } catch (error) {
    if (!(error instanceof Final)) throw error;
    return { id, state: 'stopped', steps, reason: error.message };
  }
  return { id, state, steps };
}

let next = 0;
const count = Number(countArg);
await Promise.all(
  Array.from({ length: Number(concurrencyArg) }, async (_, c) => {
    while (next < count) {
      const n = next++;
      const pair = pairs[(Number(worker) * 7 + c) % pairs.length]!;
      try {
        console.log(JSON.stringify(await lifecycle(n, pair)));
      } catch (error) {
        console.log(JSON.stringify({ error: (error as Error).message }));
      }
    }
  }),
);
console.log(JSON.stringify({ done: true, retries }));
