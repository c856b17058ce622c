// npm run bench:console -- [--runs 10] [--sessions 300000 [--reuse DIR]]
// Time to first result, measured in Chromium:
// - a catalogue search: from navigation start to the first result card on screen;
// - a person's recommendations page: from navigation start to the first recommendation with its
//   funding plan on screen (the adviser Sophie, Camille's page);
// - a dossier's page: from navigation start to its timeline on screen (Sophie, one of Camille's dossiers).
// The first load of each is cold (empty browser cache, the gateway's first plan for the query);
// then each page is loaded again RUNS times in a new tab (urql's cache is per tab, the browser's
// HTTP cache keeps the hashed assets as a returning user has them).
// On the demo data by default; with --sessions N, on a catalogue of N generated sessions plus the
// demo fixtures (gen:catalog --gzip, then the indexer, as bench:search does; --reuse DIR keeps and
// reuses the generated files and the imported catalogue between runs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { exited, repoRoot, run } from '../../scripts/stack.ts';
import { launchBrowser } from '../test/browser.ts';
import { startConsoleStack } from '../test/stack.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, sessions: { type: 'string' }, reuse: { type: 'string' } } });
const RUNS = Number(values.runs);
const SESSIONS = values.sessions ? Number(values.sessions) : null;
if (SESSIONS !== null && !(Number.isSafeInteger(SESSIONS) && SESSIONS > 0)) throw new Error(`--sessions must be a whole number, got ${values.sessions}`);
// The issue's targets: 1 s on the demo data, 2 s at 300,000 sessions.
const TARGET_MS = SESSIONS === null ? 1000 : 2000;
const SEARCHES = [
  'devlopeur web',
  'cariste',
  'preparateur de comandes',
  'aide soignant',
  'comptabilite',
  'soudeur',
  'anglais',
  'logistique',
  'developpeur',
  'infirmier',
];

async function node(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const logs: string[] = [];
  const started = performance.now();
  const code = await exited(run(args, env, 'quiet', label, logs));
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${logs.slice(-20).join('\n')}`);
  return (performance.now() - started) / 1000;
}

/** A data folder whose catalogue holds SESSIONS generated sessions and the demo fixtures (the demo people's dossiers name demo sessions). */
async function largeCatalogue(sessions: number): Promise<{ dataDir: string; workDir: string; generatedS: number | null; importS: number | null }> {
  const workDir = values.reuse ? path.resolve(values.reuse) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-console-'));
  const lheoDir = path.join(workDir, `lheo-${sessions}`);
  const dataDir = path.join(workDir, `data-${sessions}`);
  let generatedS: number | null = null;
  let importS: number | null = null;
  if (!fs.existsSync(path.join(lheoDir, '.complete'))) {
    console.log(`generating ${sessions.toLocaleString('en')} sessions into ${lheoDir}…`);
    fs.rmSync(lheoDir, { recursive: true, force: true });
    generatedS = await node('gen:catalog', ['catalog-indexer/src/generator/cli.ts', '--sessions', String(sessions), '--out', lheoDir, '--gzip']);
    fs.writeFileSync(path.join(lheoDir, '.complete'), '');
  }
  if (!fs.existsSync(path.join(dataDir, '.complete'))) {
    console.log(`importing the demo fixtures and ${lheoDir} with the indexer into ${dataDir}…`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    importS = await node('index', ['catalog-indexer/src/cli.ts', path.join(repoRoot, 'catalog-indexer/fixtures/demo'), lheoDir], {
      ...process.env,
      DATA_DIR: dataDir,
    });
    fs.writeFileSync(path.join(dataDir, '.complete'), '');
  } else {
    console.log(`reusing the catalogue imported in ${dataDir}`);
  }
  return { dataDir, workDir, generatedS, importS };
}

const large = SESSIONS === null ? null : await largeCatalogue(SESSIONS);
if (large?.generatedS) console.log(`generated in ${large.generatedS.toFixed(1)} s`);
if (large?.importS) console.log(`imported in ${large.importS.toFixed(1)} s`);

const started = Date.now();
const stack = await startConsoleStack({}, large ? { dataDir: large.dataDir } : {});
const browser = await launchBrowser();
console.log(`stack and browser ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${stack.origin}/console/)`);

/** Milliseconds from the navigation's start to the selector being on screen, by the page's own clock. */
async function timeTo(page: Page, url: string, selector: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return el && (el as HTMLElement).offsetParent !== null ? performance.now() : false;
    },
    selector,
    { polling: 'raf', timeout: 30_000 },
  );
  const shown = (await handle.jsonValue()) as number;
  // Where the time went: the first GraphQL request's start (the application running) and duration.
  const api = await page.evaluate(() => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/graphql'));
    return entry ? { start: entry.startTime, duration: entry.duration } : { start: NaN, duration: NaN };
  });
  breakdown.push({ shown, ...api });
  return shown;
}
let breakdown: { shown: number; start: number; duration: number }[] = [];

async function signedInPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${stack.origin}/console/connexion`);
  await page.getByRole('button', { name: 'Sophie, conseillère CEP' }).click();
  await page.getByRole('heading', { level: 1, name: /^Bonjour/ }).waitFor();
  return page;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

async function measure(label: string, url: (i: number) => string, selector: string) {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const page = await signedInPage();
    times.push(await timeTo(page, url(i), selector));
    await page.close();
  }
  const [cold, ...warm] = times;
  const parts = breakdown.slice(1);
  breakdown = [];
  return {
    label,
    cold: cold!,
    p50: quantile(warm, 0.5),
    p95: quantile(warm, 0.95),
    max: Math.max(...warm),
    apiStart: quantile(
      parts.map((p) => p.start),
      0.5,
    ),
    apiDuration: quantile(
      parts.map((p) => p.duration),
      0.5,
    ),
  };
}

try {
  const search = await measure(
    'search: first result card',
    (i) => `${stack.origin}/console/recherche?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length]!)}`,
    '.console-results li',
  );
  const person = await measure(
    'Camille’s recommendations: first plan',
    () => `${stack.origin}/console/personne/camille-martin`,
    '[data-testid=recommendation] [data-testid=funding-plan]',
  );
  const dossier = await measure(
    'a dossier of Camille: its timeline',
    () => `${stack.origin}/console/personne/camille-martin/dossiers/dos-demo-camille-aif-quote`,
    '[data-testid=timeline-step]',
  );
  console.log(
    `\nload average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${(await import('node:os')).availableParallelism()} cores`,
  );
  console.log(
    `${SESSIONS === null ? 'demo catalogue' : `${SESSIONS.toLocaleString('en')} generated sessions + the demo fixtures`}; Chromium ${browser.context.browser()?.version() ?? ''}, ${RUNS} warm runs each after the cold one; target ≤ ${TARGET_MS} ms\n`,
  );
  console.log(
    `| page | cold (first load) ms | warm p50 ms | warm p95 ms | warm max ms | warm p50: request sent at ms | warm p50: API answer ms | ≤ ${TARGET_MS / 1000} s |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of [search, person, dossier]) {
    console.log(
      `| ${r.label} | ${r.cold.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.max.toFixed(0)} | ${r.apiStart.toFixed(0)} | ${r.apiDuration.toFixed(0)} | ${Math.max(r.cold, r.p95) <= TARGET_MS ? 'yes' : 'no'} |`,
    );
  }
} finally {
  await browser.close();
  await stack.stop();
  if (large && !values.reuse) fs.rmSync(large.workDir, { recursive: true, force: true });
}
