// The holder's dossier screens in Chromium against the real stack (demo dossiers of
// subgraphs/dossiers/src/db/demo-world.ts): a proposal turned into a request then cancelled, an
// order accepted with the plan on screen (what is debited is what was shown) then cancelled within
// the free period, a refused step said in French where it was asked, an adviser reading a consenting
// person's dossiers; each screen checked with axe-core. A stack of its own: these tests move money.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockFromEnv, parisDate } from '../../schema/src/clock.ts';
import { addWorkingDays } from '../../schema/src/working-days.ts';
import { knownRefusal } from '../src/refusals.ts';
import { centsOf, launchBrowser, type Browser } from './browser.ts';
import { screens } from './pages.ts';
import { startConsoleStack, type ConsoleStack } from './stack.ts';

let stack: ConsoleStack;
let browser: Browser;
const { newPage, signIn, checkScreen } = screens(
  () => browser,
  () => stack.origin,
  'dossiers',
);

beforeAll(async () => {
  [stack, browser] = await Promise.all([startConsoleStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The stack's clock (pinned like the e2e tests): the browser is set to it, so "today" is the same day on both sides. */
const serverNow = () => clockFromEnv(stack.stack.clockEnv).now();
const serverToday = () => parisDate(serverNow());

async function atServerTime(page: Page) {
  await page.clock.setFixedTime(serverNow());
}

const mainState = (page: Page) => page.locator('main > p.fr-text--lead [data-testid=dossier-state]');
const steps = (page: Page) => page.getByTestId('timeline-step');

async function stepsOf(page: Page) {
  return steps(page).evaluateAll((items) =>
    items.map((li) => ({ transition: li.getAttribute('data-transition'), to: li.getAttribute('data-to'), actor: li.getAttribute('data-actor') })),
  );
}

/** Reloads the dossier page until its frozen plan's parts all have the status wanted (the outbox moves the money after the answer). */
async function partsOnceSettled(page: Page, wanted: string) {
  let parts: { kind: string | null; status: string | null; amount: string }[] = [];
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByTestId('dossier-plan').waitFor();
        parts = await page.getByTestId('dossier-part').evaluateAll((rows) =>
          rows.map((row) => ({
            kind: row.getAttribute('data-kind'),
            status: row.getAttribute('data-status'),
            amount: row.querySelector('td.console-amount')?.textContent ?? '',
          })),
        );
        return parts.every((p) => p.status === wanted);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  return parts.map((p) => ({ kind: p.kind, cents: centsOf(p.amount) }));
}

async function token(persona: string): Promise<string> {
  const res = await fetch(`${stack.origin}/console/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function refusal(persona: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(stack.stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(persona)}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  expect(body.errors, `${persona}: ${query}`).toBeDefined();
  return { code: body.errors![0]!.extensions?.code, message: body.errors![0]!.message };
}

describe('the holder’s dossiers in the console', () => {
  it('says every refusal of a dossier step the API gives in French (each asked of the running API)', async () => {
    const key = () => `console-test-${Math.random()}`;
    const cases = [
      // Someone else's dossier.
      await refusal('karim-benali', 'mutation ($id: ID!, $k: String!) { cancelDossier(id: $id, idempotencyKey: $k) { replayed } }', {
        id: 'dos-demo-camille-not-processed',
        k: key(),
      }),
      // An adviser takes no part.
      await refusal('sophie-adviser', 'mutation ($s: ID!, $k: String!) { requestDossier(sessionId: $s, idempotencyKey: $k) { replayed } }', {
        s: 'PDL-F0001-A1-S2',
        k: key(),
      }),
      // A step impossible in this state.
      await refusal('camille-martin', 'mutation ($id: ID!, $k: String!) { declineDossier(id: $id, idempotencyKey: $k) { replayed } }', {
        id: 'dos-demo-camille-not-processed',
        k: key(),
      }),
      // A CPF request for a session starting too soon (this one started in June).
      await refusal('karim-benali', 'mutation ($s: ID!, $k: String!) { requestDossier(sessionId: $s, idempotencyKey: $k) { replayed } }', {
        s: 'NAT-F0006-A1-S3',
        k: key(),
      }),
      // A plan that does not add up to the price.
      await refusal(
        'karim-benali',
        'mutation ($id: ID!, $k: String!) { acceptDossier(id: $id, idempotencyKey: $k, plan: { cpfRights: 100, remainingCost: 0 }) { replayed } }',
        { id: 'dos-demo-karim-validated', k: key() },
      ),
      // A prescriber the person has not consented to.
      await refusal(
        'prescriber-ft',
        'mutation ($p: ID!, $s: ID!, $k: String!) { positionOnSession(personId: $p, sessionId: $s, idempotencyKey: $k) { replayed } }',
        { p: 'camille-martin', s: 'PDL-F0001-A1-S2', k: key() },
      ),
    ];
    expect(cases.map((c) => c.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'FORBIDDEN']);
    for (const c of cases) expect(knownRefusal(c.message), `no French words for: ${c.message}`).not.toBeNull();
    expect(knownRefusal(cases[3]!.message)).toMatch(/^Demande impossible : la session commence le 1 juin 2026/);
  });

  it('lets Camille turn a prescriber’s proposal into a request, then cancel it; the timeline and deadlines follow', async () => {
    const { page, problems, graphql } = await newPage();
    await atServerTime(page);
    await signIn(page, 'Camille Martin');
    await page.getByRole('link', { name: 'Mes dossiers' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mes dossiers' }).waitFor();
    const list = page.getByTestId('dossier');
    await list.first().waitFor();
    expect(await list.count()).toBeGreaterThanOrEqual(3);
    await checkScreen(page, 'mes-dossiers');

    const before = graphql.length;
    await list
      .filter({ has: page.locator('[data-state=proposed]') })
      .first()
      .getByRole('link')
      .click();
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    expect(graphql.length - before, 'the dossier page reuses the list’s request').toBe(0);
    expect(await mainState(page).getAttribute('data-state')).toBe('proposed');
    expect(await stepsOf(page)).toEqual([{ transition: 'positionOnSession', to: 'proposed', actor: 'prescriber' }]);
    expect(await page.locator('.fr-stepper').textContent()).toMatch(/Étape 1 sur 6/);
    await checkScreen(page, 'dossier-proposition');

    // From the keyboard.
    await page.getByRole('button', { name: 'Demander cette formation' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => mainState(page).getAttribute('data-state'), { timeout: 15_000 }).toBe('notProcessed');
    expect(await stepsOf(page)).toEqual([
      { transition: 'positionOnSession', to: 'proposed', actor: 'prescriber' },
      { transition: 'requestDossier', to: 'notProcessed', actor: 'holder' },
    ]);
    const deadline = page.getByTestId('deadline');
    expect(await deadline.getAttribute('data-kind')).toBe('ORGANISATION_ANSWER');
    expect(await deadline.getAttribute('data-due')).toBe(addWorkingDays(serverToday(), 2));
    expect(await deadline.textContent()).toMatch(
      /L’organisme de formation valide ou refuse la demande au plus tard le .*\(2 jours ouvrés\).*Sans réponse à cette date : la demande devient caduque/,
    );
    await checkScreen(page, 'dossier-demande');

    expect(await page.getByTestId('cancel-effect').getAttribute('data-free')).toBe('true');
    await page.getByLabel('Motif (facultatif)').last().fill('Projet reporté à l’automne');
    await page.getByRole('button', { name: 'Annuler ce dossier' }).click();
    await expect.poll(() => mainState(page).getAttribute('data-state'), { timeout: 15_000 }).toBe('canceledByAttendee');
    const last = steps(page).last();
    expect(await last.getAttribute('data-transition')).toBe('cancelDossier');
    expect(await last.textContent()).toMatch(/Annulation par le titulaire, par le titulaire.*Projet reporté à l’automne/);
    await page.getByTestId('dossier-ended').waitFor();
    expect(await page.getByRole('heading', { name: 'Ce que vous pouvez faire' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says a refused step in French under its button, keeps what was typed, and shows the dossier as it is now on demand', async () => {
    const stale = await newPage();
    const other = await newPage();
    for (const { page } of [stale, other]) {
      await atServerTime(page);
      await signIn(page, 'Camille Martin');
      await page.goto(`${stack.origin}/console/personne/camille-martin/dossiers/dos-demo-camille-not-processed`);
      await page.getByRole('button', { name: 'Annuler ce dossier' }).waitFor();
    }
    // Cancelled in another tab meanwhile.
    await other.page.getByRole('button', { name: 'Annuler ce dossier' }).click();
    await expect.poll(() => mainState(other.page).getAttribute('data-state'), { timeout: 15_000 }).toBe('canceledByAttendee');

    const reason = stale.page.getByLabel('Motif (facultatif)').last();
    await reason.fill('Je change d’avis');
    await stale.page.getByRole('button', { name: 'Annuler ce dossier' }).click();
    const refused = stale.page.getByTestId('action-cancel').getByTestId('refusal');
    await refused.waitFor();
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(await refused.locator('li[data-code]').first().getAttribute('data-code')).toBe('BAD_USER_INPUT');
    expect(await refused.textContent()).toMatch(
      /L’annulation n’a pas été enregistrée.*Cette étape n’est plus possible : le dossier est « Annulé par le titulaire »/,
    );
    expect(await reason.inputValue()).toBe('Je change d’avis');
    await checkScreen(stale.page, 'dossier-refus');
    await refused.getByRole('button', { name: 'Afficher le dossier à jour' }).click();
    await expect.poll(() => mainState(stale.page).getAttribute('data-state'), { timeout: 15_000 }).toBe('canceledByAttendee');
    expect(stale.problems).toEqual([]);
    await stale.page.close();
    await other.page.close();
  });

  it('lets Karim accept the order with the plan on screen: that is what is frozen and debited; cancelled within the free period, everything comes back', async () => {
    const { page, problems } = await newPage();
    await atServerTime(page);
    await signIn(page, 'Karim Benali');
    await page.goto(`${stack.origin}/console/personne/karim-benali`);
    await expect.poll(() => page.getByTestId('cpf-balance').textContent(), { timeout: 15_000 }).toMatch(/Solde : 3\s500,00\s€/);
    await page.goto(`${stack.origin}/console/personne/karim-benali/dossiers/dos-demo-karim-validated`);
    const debits = page.getByTestId('debit');
    await debits.first().waitFor();
    const shown = await debits.evaluateAll((items) =>
      items.map((li) => ({ kind: li.getAttribute('data-kind'), cents: Number(li.getAttribute('data-cents')) })),
    );
    const price = Number(await page.getByTestId('action-accept').getByTestId('funding-plan').getAttribute('data-price'));
    expect(shown.reduce((sum, d) => sum + d.cents, 0)).toBe(price);
    expect(shown.find((d) => d.kind === 'CPF_RIGHTS')?.cents).toBe(350_000);
    expect(await debits.filter({ hasText: 'droits CPF' }).textContent()).toMatch(
      /3\s500,00\s€ débités de vos droits CPF \(solde : 3\s500,00\s€ aujourd’hui, 0,00\s€ ensuite\)/,
    );
    expect(await page.getByTestId('deadline').getAttribute('data-kind')).toBe('HOLDER_ACCEPTANCE');
    await checkScreen(page, 'dossier-accepter');

    await page.getByRole('button', { name: 'Accepter la commande et engager ces montants' }).click();
    await expect.poll(() => mainState(page).getAttribute('data-state'), { timeout: 15_000 }).toBe('accepted');
    const committed = await partsOnceSettled(page, 'committed');
    // What the dossier froze is what the screen showed, part by part.
    expect(committed).toEqual(shown.filter((d) => d.kind !== 'REMAINING'));
    const free = page.locator('[data-testid=deadline][data-kind=FREE_CANCELLATION]');
    expect(await free.getAttribute('data-due')).toBe(addWorkingDays(serverToday(), 11));
    const effect = page.getByTestId('cancel-effect');
    expect(await effect.getAttribute('data-free')).toBe('true');
    expect(await effect.textContent()).toMatch(/tout est rendu, 3\s500,00\s€ à vos droits CPF et 1\s000,00\s€ aux financeurs/);
    expect(await page.locator('.fr-stepper').textContent()).toMatch(/Étape 3 sur 6/);
    await checkScreen(page, 'dossier-accepte');
    await page.goto(`${stack.origin}/console/personne/karim-benali`);
    await expect.poll(() => page.getByTestId('cpf-balance').textContent(), { timeout: 15_000 }).toMatch(/Solde : 0,00\s€/);

    await page.goto(`${stack.origin}/console/personne/karim-benali/dossiers/dos-demo-karim-validated`);
    await page.getByRole('button', { name: 'Annuler ce dossier' }).click();
    await expect.poll(() => mainState(page).getAttribute('data-state'), { timeout: 15_000 }).toBe('canceledByAttendee');
    await partsOnceSettled(page, 'returned');
    await page.goto(`${stack.origin}/console/personne/karim-benali`);
    await expect.poll(async () => (await page.reload(), page.getByTestId('cpf-balance').textContent()), { timeout: 15_000 }).toMatch(/Solde : 3\s500,00\s€/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an adviser the dossiers of a person who consented, with their timelines and nothing to act on; without consent, the refusal', async () => {
    const { page, problems } = await newPage();
    await signIn(page, 'Sophie, conseillère CEP');
    await page.goto(`${stack.origin}/console/personne/camille-martin/dossiers`);
    await page.getByRole('heading', { level: 1, name: 'Dossiers de camille-martin' }).waitFor();
    await page.locator('[data-id=dos-demo-camille-aif-quote]').getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    expect(await stepsOf(page)).toEqual([
      { transition: 'positionOnSession', to: 'proposed', actor: 'prescriber' },
      { transition: 'requestDossier', to: 'QUOTE_DRAFT', actor: 'holder' },
      { transition: 'validateDossier', to: 'AWAITING_BENEFICIARY', actor: 'organisation' },
    ]);
    // Oldest first, dated.
    const times = await steps(page)
      .locator('time')
      .evaluateAll((els) => els.map((el) => el.getAttribute('datetime')!));
    expect([...times].sort()).toEqual(times);
    expect(await page.getByRole('heading', { name: 'Ce que vous pouvez faire' }).count()).toBe(0);
    expect(await page.locator('.fr-stepper').textContent()).toMatch(/Devis à valider.*Étape 2 sur 5/);
    await checkScreen(page, 'dossier-conseiller');
    expect(problems).toEqual([]);
    await page.close();

    const marc = await newPage();
    await signIn(marc.page, 'Marc, conseiller CEP');
    await marc.page.goto(`${stack.origin}/console/personne/camille-martin/dossiers`);
    await marc.page.getByTestId('consent-refused').waitFor();
    expect(await marc.page.locator('main').textContent()).not.toMatch(/Préparateur|dos-demo/);
    await marc.page.close();
  });
});
