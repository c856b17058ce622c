// What every browser test of the console does with a page: watch its requests and errors, sign in
// with a demo account, and check a screen (screenshot + axe-core: no serious or critical violation).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { consoleDir } from '../build.ts';
import { axeViolations, serious, type Browser } from './browser.ts';

export interface Watched {
  page: Page;
  /** Bodies of the GraphQL requests the page sent. */
  graphql: Record<string, unknown>[];
  problems: string[];
}

export interface Screens {
  newPage: () => Promise<Watched>;
  signIn: (page: Page, persona: string) => Promise<void>;
  checkScreen: (page: Page, name: string) => Promise<void>;
  runDir: string;
}

export function screens(browser: () => Browser, origin: () => string, prefix: string): Screens {
  const runDir = path.join(consoleDir, 'test-results', `${new Date().toISOString().replace(/[:.]/g, '-')}-${prefix}`);
  let shot = 0;
  return {
    runDir,
    async newPage() {
      const page = await browser().context.newPage();
      const watched: Watched = { page, graphql: [], problems: [] };
      page.on('request', (request) => {
        if (request.url().endsWith('/graphql') && request.method() === 'POST')
          watched.graphql.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
      });
      page.on('pageerror', (error) => watched.problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') watched.problems.push(`console error: ${message.text()}`);
      });
      return watched;
    },
    async signIn(page, persona) {
      await page.goto(`${origin()}/console/connexion`);
      await page.getByRole('button', { name: persona }).click();
      await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
    },
    async checkScreen(page, name) {
      fs.mkdirSync(runDir, { recursive: true });
      shot += 1;
      await page.screenshot({ path: path.join(runDir, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
      const violations = serious(await axeViolations(page));
      expect(
        violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        `axe on ${name}`,
      ).toEqual([]);
    },
  };
}
