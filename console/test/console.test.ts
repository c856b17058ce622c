// The console in a real browser against the real stack: Debian's Chromium, the gateway serving
// console/dist, every subgraph as a process with the demo data. Each screen is checked with
// axe-core (no serious or critical violation) and saved as a screenshot under
// console/test-results/<run>/ (gitignored).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess } from '../../scripts/stack.ts';
import { consoleDir } from '../build.ts';
import { centsOf, launchBrowser, type Browser } from './browser.ts';
import { startFakeOidc } from './fake-oidc.ts';
import { screens, type Watched } from './pages.ts';
import { startConsoleStack, type ConsoleStack } from './stack.ts';

let stack: ConsoleStack;
let browser: Browser;
const screen = screens(
  () => browser,
  () => stack.origin,
  'console',
);
const { runDir, signIn, checkScreen } = screen;

beforeAll(async () => {
  fs.mkdirSync(runDir, { recursive: true });
  [stack, browser] = await Promise.all([startConsoleStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A watched page (pages.ts) on which an HTTP error answer is a problem too. */
async function newPage(): Promise<Watched> {
  const watched = await screen.newPage();
  watched.page.on('response', (response) => {
    if (response.status() >= 400) watched.problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return watched;
}

describe('the adviser’s console', () => {
  it('signs in from the keyboard, searches with a typo and opens a session', async () => {
    const { page, graphql, problems } = await newPage();
    await page.goto(`${stack.origin}/console/`);
    await checkScreen(page, 'connexion');
    // Keyboard only: tab to Sophie's button and press Enter.
    const sophie = page.getByRole('button', { name: 'Sophie, conseillère CEP' });
    for (let i = 0; i < 60 && !(await sophie.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Bonjour, Sophie, conseillère CEP' }).waitFor();
    await checkScreen(page, 'accueil-conseiller');

    await page.getByRole('link', { name: 'Rechercher une formation' }).first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Rechercher une formation' }).waitFor();
    await page.getByLabel('Mots-clés').focus();
    await page.keyboard.type('devlopeur web');
    await page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: /session/ })
            .first()
            .textContent(),
        { timeout: 15_000 },
      )
      .toMatch(/\d+ sessions? trouvées?/);
    const firstResult = page.locator('.console-results h3 a').first();
    await expect.poll(() => firstResult.textContent(), { timeout: 15_000 }).toMatch(/[Dd]éveloppeur/);
    expect(await page.locator('.console-results mark').first().textContent()).toMatch(/Développeur/i);
    // Facets with counts.
    expect(await page.getByRole('group', { name: 'Modalité' }).textContent()).toMatch(/En présentiel \(\d+\)/);
    await checkScreen(page, 'recherche');
    await page.screenshot({ path: path.join(runDir, 'docs-console-search.png') });

    const title = (await firstResult.textContent())!.trim();
    await firstResult.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    for (const section of ['Objectif', 'Programme', 'Prérequis et conditions d’accès', 'Accessibilité']) {
      await page.getByRole('heading', { level: 2, name: section }).waitFor();
    }
    expect(await page.getByTestId('session-price').textContent()).toMatch(/€/);
    await checkScreen(page, 'session');

    // Persisted operations only: no request carried a query text.
    expect(graphql.length).toBeGreaterThan(0);
    for (const body of graphql) {
      expect(body.query).toBeUndefined();
      expect((body.extensions as { persistedQuery?: { sha256Hash?: string } }).persistedQuery?.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the search by funder: each funder named in French with its count, the count kept by the results', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${stack.origin}/console/recherche`);
    const funders = page.getByRole('group', { name: 'Financeur' });
    await funders.waitFor();
    const first = funders.locator('label').first();
    const [, name, count] = (await first.textContent())!.match(/^(.+) \(([\d\s\u202f]+)\)$/)!;
    expect(name, 'the facet names the funder (FacetCount.label)').not.toMatch(/code LHEO/);
    await first.click();
    const status = page
      .getByRole('status')
      .filter({ hasText: /session/ })
      .first();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^${count!.replace(/\s/g, '\\s')} sessions? trouvées?`));
    expect(new URL(page.url()).searchParams.getAll('financeur')).toHaveLength(1);
    expect(await funders.locator('input').first().isChecked()).toBe(true);
    await checkScreen(page, 'recherche-financeur');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows Camille’s passport and recommendations, each funding plan adding up to the price on screen', async () => {
    const { page, graphql, problems } = await newPage();
    await signIn(page, 'Sophie, conseillère CEP');
    const before = graphql.length;
    await page.goto(`${stack.origin}/console/personne/camille-martin`);
    await page.getByRole('heading', { level: 1, name: 'Camille Martin' }).waitFor();
    const recommendations = page.getByTestId('recommendation');
    await recommendations.first().waitFor();
    await page.getByRole('heading', { name: /Préparateur \/ Préparatrice de commandes/ }).waitFor();
    // Provenance and CPF account.
    expect(await page.locator('#passeport').locator('..').textContent()).toMatch(/Garanti/);
    expect(await page.getByTestId('cpf-balance').textContent()).toMatch(/Solde : .*€/);
    await checkScreen(page, 'personne-recommandations');
    await recommendations.first().screenshot({ path: path.join(runDir, 'docs-console-funding-plan.png') });
    // One request for the page (person, passport, rights, recommendations and their plans), one for the skills gaps.
    expect(graphql.length - before).toBeLessThanOrEqual(2);

    const count = await recommendations.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const card = recommendations.nth(i);
      const cardPrice = centsOf((await card.locator('.console-meta strong').textContent())!);
      const plan = card.getByTestId('funding-plan');
      const parts = await plan.getByTestId('funding-line').locator('td.console-amount').allTextContents();
      const sum = parts.reduce((total, text) => total + centsOf(text), 0);
      const planPrice = centsOf((await plan.getByTestId('plan-price').textContent())!);
      expect(parts.length).toBeGreaterThan(0);
      expect(sum).toBe(planPrice);
      expect(planPrice).toBe(cardPrice);
      expect(await plan.textContent()).toMatch(/Les parts additionnées font exactement le prix/);
    }
    // How sure each part is: the Région's rule applies by itself, France Travail's part waits for France Travail.
    const first = recommendations.first().getByTestId('funding-line');
    const region = first.filter({ hasText: 'Région Pays de la Loire' }).getByTestId('part-certainty');
    expect(await region.getAttribute('data-level')).toBe('AUTOMATIC');
    const franceTravail = first.filter({ hasText: 'France Travail' }).getByTestId('part-certainty');
    expect(await franceTravail.getAttribute('data-level')).toBe('FUNDER_DECISION');
    expect(await franceTravail.textContent()).toMatch(
      /^Décision du financeur soumis à la décision de France Travail .*réponse au plus tard le \d\d\/\d\d\/\d{4}, 10 jours ouvrés ; son silence vaut acceptation$/,
    );
    // "Pourquoi ces montants" opens from the keyboard: the rule, the article, the participation.
    const why = recommendations.first().locator('summary', { hasText: 'Pourquoi ces montants' });
    await why.focus();
    await page.keyboard.press('Enter');
    const details = recommendations.first().locator('details').last();
    expect(await details.textContent()).toMatch(/Participation forfaitaire/);
    expect(await details.textContent()).toMatch(/L6323/);
    await checkScreen(page, 'personne-pourquoi');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tells a viewer without consent that the person has not granted it, and how she does', async () => {
    for (const persona of ['Marc, conseiller CEP', 'Nadia, prescriptrice France Travail']) {
      const { page } = await newPage();
      await signIn(page, persona);
      await page.goto(`${stack.origin}/console/personne/camille-martin`);
      await page.getByRole('heading', { level: 1, name: 'Sans consentement, pas d’accès' }).waitFor();
      const refusal = page.getByTestId('consent-refused');
      expect(await refusal.textContent()).toMatch(/Mes consentements/);
      expect(await page.locator('main').textContent()).not.toMatch(/Solde|Préparateur|CAP Équipier/);
      if (persona.startsWith('Marc')) {
        expect(await page.getByTestId('viewer-sub').textContent()).toBe('marc-adviser');
        await checkScreen(page, 'sans-consentement');
      }
      await page.close();
    }
  });

  it('lets Camille see her own passport and the consents she gave', async () => {
    const { page, problems } = await newPage();
    await signIn(page, 'Camille Martin');
    await page.getByRole('link', { name: 'Mes consentements' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mes consentements' }).waitFor();
    await page.getByText('sophie-adviser').first().waitFor();
    await checkScreen(page, 'consentements');
    await page.getByRole('link', { name: 'Mon passeport et mes options' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Mon passeport : Camille Martin' }).waitFor();
    await page.getByTestId('recommendation').first().waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets Camille open her funding to a prescriber, who then proposes her a session', async () => {
    const holder = await newPage();
    await signIn(holder.page, 'Camille Martin');
    await holder.page.goto(`${stack.origin}/console/consentements`);
    await holder.page.getByLabel('Identifiant du professionnel').fill('prescriber-ft');
    await holder.page.getByLabel('Passeport').uncheck({ force: true }); // the DSFR draws the box over the hidden input
    await holder.page.getByRole('button', { name: 'Donner l’accès' }).click();
    await holder.page.getByText('Accès donné à prescriber-ft').waitFor();
    expect(holder.problems).toEqual([]);

    const { page, problems } = await newPage();
    await signIn(page, 'Nadia, prescriptrice France Travail');
    await page.goto(`${stack.origin}/console/recherche?q=preparateur%20commandes&lieu=La%20Roche-sur-Yon%20(85000)`);
    await page.locator('.console-results h3 a').first().click();
    await page.getByLabel('Identifiant de la personne').fill('camille-martin');
    await page.getByRole('button', { name: 'Calculer son financement' }).click();
    const plan = page.getByTestId('funding-plan');
    await plan.waitFor();
    const parts = await plan.getByTestId('funding-line').locator('td.console-amount').allTextContents();
    expect(parts.reduce((t, p) => t + centsOf(p), 0)).toBe(centsOf((await page.getByTestId('session-price').textContent())!));
    await page.getByRole('button', { name: 'Proposer la session' }).click();
    await page.getByText(/Session proposée : dossier/).waitFor();
    await checkScreen(page, 'positionnement');
    expect(problems).toEqual([]);
    // Without the passport scope her page says what she opened and where to use it.
    await page.goto(`${stack.origin}/console/personne/camille-martin`);
    await page.getByTestId('consent-partial').waitFor();

    // Camille finds the proposal among her dossiers.
    await holder.page.goto(`${stack.origin}/console/personne/camille-martin`);
    await holder.page.getByRole('heading', { level: 2, name: 'Dossiers et propositions' }).waitFor();
    await page.close();
    await holder.page.close();
  });

  it('works against a gateway that only runs the console’s persisted operations', async () => {
    const manifest = path.join(consoleDir, 'dist', 'persisted-operations.json');
    const gateway = await startGatewayProcess(stack.stack.subgraphUrls, {
      PERSISTED_OPERATIONS_FILE: manifest,
      PERSISTED_OPERATIONS_ONLY: 'true',
      CLOCK_NOW: '2026-11-25',
      LOG_LEVEL: 'warn',
    });
    try {
      const origin = new URL(gateway.url).origin;
      const refused = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const { page, problems } = await newPage();
      await page.goto(`${origin}/console/recherche?q=cariste`);
      await page.locator('.console-results h3 a').first().waitFor();
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await gateway.stop();
    }
  });

  it('signs in through an OpenID Connect provider on a production gateway (code flow with PKCE)', async () => {
    const oidc = await startFakeOidc({ sub: 'sophie-adviser', role: 'adviser', name: 'Sophie Durand' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-oidc-'));
    fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify(oidc.jwks));
    const gateway = await startGatewayProcess(stack.stack.subgraphUrls, {
      NODE_ENV: 'production',
      JWKS_FILE: path.join(dir, 'jwks.json'),
      CONSOLE_OIDC_ISSUER: oidc.issuer,
      CONSOLE_OIDC_CLIENT_ID: 'console',
      CLOCK_NOW: '2026-11-25',
      LOG_LEVEL: 'warn',
    });
    try {
      const origin = new URL(gateway.url).origin;
      expect((await fetch(`${origin}/console/dev-token`, { method: 'POST', body: '{"persona":"sophie-adviser"}' })).status).toBe(404);
      const { page, problems } = await newPage();
      await page.goto(`${origin}/console/personne/camille-martin`);
      expect(await page.getByRole('heading', { name: 'Comptes de démonstration' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Se connecter avec le fournisseur d’identité' }).click();
      // Back from the provider, signed in, on the page asked for.
      await page.getByRole('heading', { level: 1, name: 'Camille Martin' }).waitFor();
      expect(await page.getByRole('banner').textContent()).toContain('Sophie Durand');
      await page.getByTestId('recommendation').first().waitFor();
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await gateway.stop();
      await oidc.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves other clients’ automatic persisted queries to Apollo while it knows the console’s ids', async () => {
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const res = await fetch(stack.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    expect(((await res.json()) as { data?: { __typename: string } }).data?.__typename).toBe('Query');
  });

  it('serves an unknown page as the application and an unknown asset as 404', async () => {
    const page = await fetch(`${stack.origin}/console/nulle-part`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect((await fetch(`${stack.origin}/console/assets/absent.js`)).status).toBe(404);
    expect((await fetch(`${stack.origin}/console/../package.json`)).status).not.toBe(200);
    const { page: browserPage } = await newPage();
    await browserPage.goto(`${stack.origin}/console/nulle-part`);
    await browserPage.getByRole('heading', { level: 1 }).waitFor();
    await browserPage.close();
  });
});
