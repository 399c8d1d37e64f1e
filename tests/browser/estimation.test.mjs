// The hidden figure in a browser without JavaScript, end to end: three sources of one Member State upload the
// key files of synthetic victim records (`rapporteur link synth` and `link encode`), the rapporteur runs the
// linkage, estimates the hidden figure from the run's page, reads the estimate, its interval, the competing
// models as a chart with its table, the warnings and the assumptions (the figure `rapporteur mse estimate`
// gives on the same capture histories and settings), publishes it, and the public statistics page and the
// API show it. axe-core checks every page on the way.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, addUser, rapporteurBin } from './server.mjs';
import {
  chromiumSkipReason,
  launchBrowser,
  newNoScriptContext,
  newAxeContext,
  assertAccessible as assertAccessibleAs,
  signIn as signInAt,
} from './browser.mjs';

const MEMBER_STATE = 'DE';
const YEAR = 2024;
const PERSONS = 400;
const SEED = 17;
const SECRET = 'the secret the German sources share, never the server';
const SOURCES = [
  { file: 'police', organisation: 'police' },
  { file: 'ngo_shelter', organisation: 'ngo-shelter' },
  { file: 'labour_inspection', organisation: 'labour-inspection' },
];
const RAPPORTEUR = 'rapporteur@de.example.eu';
/** The linkage links some 450 records; the estimation with 1,000 bootstrap resamples takes seconds. */
const RUN_TIMEOUT_MS = 20_000;
const ESTIMATE_TIMEOUT_MS = 120_000;

const emailOf = (source) => `${source.organisation}@de.example.eu`;
const number = (text) => Number(text.replace(/,/g, ''));
/** As the pages write a whole number: thousands separated by commas. */
const formatted = (n) => Math.round(n).toLocaleString('en-GB');

function rapporteur(args) {
  return execFileSync(rapporteurBin(), args, {
    env: { ...process.env, RUST_LOG: 'warn' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const skip = chromiumSkipReason();

if (skip) test('estimating the hidden figure in a browser', { skip }, () => {});
else describe('estimating the hidden figure in a browser', () => {
  let server;
  let browser;
  let noScript;
  let withAxe;
  let keyDir;

  before(async () => {
    server = await startServer();
    keyDir = path.join(server.dataDir, 'estimation');
    const synthDir = path.join(keyDir, 'synth');
    await mkdir(keyDir, { recursive: true });
    rapporteur(['link', 'synth', '--persons', String(PERSONS), '--sources', String(SOURCES.length), '--seed', String(SEED), '--out', synthDir]);
    const secretFile = path.join(keyDir, 'secret');
    await writeFile(secretFile, `${SECRET}\n`);
    for (const source of SOURCES) {
      rapporteur([
        'link', 'encode', '--schema', path.join(synthDir, 'schema.json'), '--secret-file', secretFile,
        '--input', path.join(synthDir, `${source.file}.csv`), '--output', path.join(keyDir, `${source.file}.json`),
      ]);
      addUser(server.dataDir, emailOf(source), 'source', { memberState: MEMBER_STATE, organisation: source.organisation });
    }
    addUser(server.dataDir, RAPPORTEUR, 'rapporteur', { memberState: MEMBER_STATE });
    browser = await launchBrowser();
    noScript = await newNoScriptContext(browser);
    withAxe = await newAxeContext(browser);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const assertAccessible = (url) => assertAccessibleAs(withAxe, noScript, url);

  async function signIn(page, email) {
    await noScript.clearCookies();
    await signInAt(page, server.baseUrl, email);
  }

  test('from the sources\' key files to a published estimate beside the registered figures', { timeout: 300_000 }, async () => {
    const page = await noScript.newPage();
    for (const source of SOURCES) {
      await signIn(page, emailOf(source));
      await page.goto(`${server.baseUrl}/workspace/linkage`);
      await page.fill('#upload-year', String(YEAR));
      await page.setInputFiles('#file', path.join(keyDir, `${source.file}.json`));
      await page.click('button:has-text("Check and upload")');
      assert.match(await page.textContent('main [role=status]'), /Saved:/);
    }

    // The rapporteur runs the linkage and follows it to its end.
    await signIn(page, RAPPORTEUR);
    await page.goto(`${server.baseUrl}/workspace/linkage?year=${YEAR}`);
    await page.click('button:has-text("Start the run")');
    const runUrl = page.url();
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while ((await page.locator('#persons, .notice--error').count()) === 0) {
      assert.ok(Date.now() < deadline, `no result after ${RUN_TIMEOUT_MS} ms: ${await page.textContent('main')}`);
      await page.waitForTimeout(300);
      await page.click('a:has-text("Check progress")');
    }
    assert.equal(await page.locator('.notice--error').count(), 0, `the run failed: ${await page.textContent('main')}`);
    const persons = number(await page.textContent('p.lead strong'));

    // What the command line makes of the same capture histories with the settings the button uses.
    const histories = await noScript.request.get(`${runUrl}/histories.csv`);
    assert.equal(histories.status(), 200);
    const csvFile = path.join(keyDir, 'histories.csv');
    await writeFile(csvFile, await histories.body());
    const expected = JSON.parse(rapporteur(['mse', 'estimate', csvFile, '--method', 'stepwise', '--bootstrap', '1000', '--seed', '1', '--format', 'json']));

    // The run's page offers the estimation; it is accessible with its new button.
    assert.equal(await page.locator('button:has-text("Estimate the hidden figure")').count(), 1);
    await assertAccessible(runUrl);
    await Promise.all([
      page.waitForURL(/\/workspace\/estimation\/estimates\/\d+$/, { timeout: ESTIMATE_TIMEOUT_MS }),
      page.click('button:has-text("Estimate the hidden figure")'),
    ]);
    const estimateUrl = page.url();
    assert.match(await page.textContent('h1'), new RegExp(`Estimate \\d+: Germany ${YEAR}`));
    const total = number(await page.textContent('p.lead strong'));
    assert.equal(total, Math.round(expected.estimate), 'the server estimates as `rapporteur mse estimate` does');
    assert.ok(total >= persons, `the estimate ${total} is below the ${persons} persons found`);
    const lead = await page.textContent('p.lead');
    assert.ok(lead.includes(`95% interval ${formatted(expected.ci95[0])} to ${formatted(expected.ci95[1])}, bootstrap (BCa)`), lead);
    assert.match(await page.textContent('main'), new RegExp(`The lists found ${formatted(persons)} persons`));

    // The chart of the competing models: an image with its title and description, the data table beneath.
    const chart = page.locator('figure#models');
    assert.equal(await chart.locator('svg[role=img] > title').count(), 1);
    assert.match(await chart.locator('svg[role=img]').getAttribute('aria-labelledby'), /models-title models-desc/);
    assert.match(await chart.locator('p.chart__description').textContent(), /The reported model, stepwise, estimates/);
    const rows = await chart.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('th').textContent.trim()));
    assert.ok(rows.includes('main') && rows.some((r) => r.startsWith('stepwise')), JSON.stringify(rows));
    assert.ok(rows.find((r) => r.startsWith('stepwise')).includes('reported'));
    // Warnings and assumptions in words.
    assert.equal(await page.locator('h2#warnings').count(), 1);
    assert.ok((await page.locator('#warnings + *').textContent()).trim().length > 0);
    assert.match(await page.textContent('#assumptions + p'), /A closed population/);
    assert.match(await page.textContent('main'), /Not published/);
    await assertAccessible(estimateUrl);

    // The overview lists it, with the form to estimate again differently.
    await page.goto(`${server.baseUrl}/workspace/estimation?year=${YEAR}`);
    assert.equal(await page.locator(`a[href="${new URL(estimateUrl).pathname}"]`).count(), 1);
    await assertAccessible(page.url());

    // Nothing unpublished is public.
    const publicUrl = `${server.baseUrl}/statistics/${MEMBER_STATE.toLowerCase()}`;
    const anonymous = await newNoScriptContext(browser);
    const reader = await anonymous.newPage();
    await reader.goto(publicUrl);
    assert.equal(await reader.locator('h2:has-text("Estimated number of victims")').count(), 0);

    // The rapporteur signs it off.
    await page.goto(estimateUrl);
    await Promise.all([page.waitForURL(estimateUrl), page.click('button:has-text("Publish this estimate")')]);
    assert.match(await page.textContent('main .badge'), /Published/);
    assert.equal(await page.locator('button:has-text("Publish this estimate")').count(), 0);
    await assertAccessible(estimateUrl);

    // The public page shows it beside the registered figures, with its caveats, date and version.
    await reader.goto(publicUrl);
    const section = reader.locator('section:has(h2:has-text("Estimated number of victims"))');
    assert.equal(await section.count(), 1);
    const row = await section.locator('tbody tr').first().evaluate((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim()));
    assert.equal(row[0], String(YEAR));
    assert.equal(number(row[2]), persons);
    assert.equal(number(row[3]), total);
    assert.match(await section.textContent(), /Caveats/);
    assert.match(await section.textContent(), /A closed population/);
    assert.match(await section.textContent(), /Rapporteur \d+\.\d+\.\d+/);
    await assertAccessibleAs(withAxe, anonymous, publicUrl);

    // The API gives what reproduces it.
    const api = await (await fetch(`${server.baseUrl}/api/v1/estimates/${MEMBER_STATE}?year=${YEAR}`)).json();
    assert.equal(api.total, 1);
    const [published] = api.items;
    assert.equal(Math.round(published.total), total);
    assert.deepEqual([published.method, published.resamples, published.seed], ['stepwise', 1000, 1]);
    assert.equal(published.input.kind, 'linkage_run');
    assert.equal(published.input.csv, (await histories.text()));
    await anonymous.close();
    await page.close();
  });
});
