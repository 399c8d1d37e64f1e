// Record linkage in a browser without JavaScript, end to end: three sources of one Member State encode
// synthetic victim records with a shared secret (`rapporteur link synth` and `link encode`, as a source does
// offline) and upload their key files; none sees another's; the Member State's rapporteur sees the three
// uploads, starts a run, checks its progress until the result is there and downloads the capture histories.
// axe-core checks the source's page, the rapporteur's page and the finished run.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
// A few hundred persons: enough for overlaps between every pair of sources, linked in well under a second.
const PERSONS = 400;
const SEED = 11;
const SECRET = 'the secret the German sources share, never the server';
/** The synthetic sources (`link synth` names its files so) and their accounts' organisations (slugs). */
const SOURCES = [
  { file: 'police', organisation: 'police' },
  { file: 'ngo_shelter', organisation: 'ngo-shelter' },
  { file: 'labour_inspection', organisation: 'labour-inspection' },
];
const RAPPORTEUR = 'rapporteur@de.example.eu';
/** How long the run page may take to show a result (it links ~450 records). */
const RUN_TIMEOUT_MS = 20_000;

const emailOf = (source) => `${source.organisation}@de.example.eu`;

/** Runs `rapporteur link …` and returns what it printed. */
function link(args) {
  return execFileSync(rapporteurBin(), ['link', ...args], {
    env: { ...process.env, RUST_LOG: 'warn' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The numbers of a table's body, row by row: the header cell and the data cells' text, trimmed. */
async function rowsOf(table) {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim())),
  );
}

const number = (text) => Number(text.replace(/,/g, ''));

const skip = chromiumSkipReason();

if (skip) test('record linkage in a browser', { skip }, () => {});
else describe('record linkage in a browser', () => {
  let server;
  let browser;
  let noScript;
  let withAxe;
  let keyDir;
  /** Records per organisation, as `link encode` reported them. */
  const records = new Map();
  /** What `rapporteur link count` makes of the same key files at the same default threshold: the server must agree. */
  let expected;

  before(async () => {
    server = await startServer();
    keyDir = path.join(server.dataDir, 'linkage');
    const synthDir = path.join(keyDir, 'synth');
    await mkdir(keyDir, { recursive: true });
    link(['synth', '--persons', String(PERSONS), '--sources', String(SOURCES.length), '--seed', String(SEED), '--out', synthDir]);
    const secretFile = path.join(keyDir, 'secret');
    await writeFile(secretFile, `${SECRET}\n`);
    for (const source of SOURCES) {
      const printed = link([
        'encode', '--schema', path.join(synthDir, 'schema.json'), '--secret-file', secretFile,
        '--input', path.join(synthDir, `${source.file}.csv`), '--output', path.join(keyDir, `${source.file}.json`),
      ]);
      const encoded = /Encoded (\d+) records into 1024-bit keys/.exec(printed);
      assert.ok(encoded, `link encode of ${source.file} printed:\n${printed}`);
      records.set(source.organisation, Number(encoded[1]));
      addUser(server.dataDir, emailOf(source), 'source', { memberState: MEMBER_STATE, organisation: source.organisation });
    }
    // In the order the server takes the uploads (by organisation), so that the histories come out alike.
    const byOrganisation = [...SOURCES].sort((a, b) => a.organisation.localeCompare(b.organisation));
    const histories = path.join(keyDir, 'histories.csv');
    // The server's default threshold is 0.75 (the command line's is 0.8): the same here.
    const counted = link(['count', '--threshold', '0.75', ...byOrganisation.map((s) => path.join(keyDir, `${s.file}.json`)), '--output', histories]);
    const persons = /^(\d+) distinct persons/.exec(counted);
    assert.ok(persons, `link count printed:\n${counted}`);
    expected = { persons: Number(persons[1]), rows: (await readFile(histories, 'utf8')).trimEnd().split('\n').slice(1) };
    addUser(server.dataDir, RAPPORTEUR, 'rapporteur', { memberState: MEMBER_STATE });
    browser = await launchBrowser();
    noScript = await newNoScriptContext(browser);
    withAxe = await newAxeContext(browser);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  /** Runs axe on the URL as the account signed in to the no-script context. */
  const assertAccessible = (url) => assertAccessibleAs(withAxe, noScript, url);

  async function signIn(page, email) {
    await noScript.clearCookies();
    await signInAt(page, server.baseUrl, email);
  }

  test('each source uploads its key file for a year and sees its own upload, never another source\'s', async () => {
    const page = await noScript.newPage();
    for (const source of SOURCES) {
      await signIn(page, emailOf(source));
      await page.click('a:has-text("Record linkage")');
      assert.equal(new URL(page.url()).pathname, '/workspace/linkage');
      assert.match(await page.textContent('#uploads + p'), /No key file yet/);
      await page.fill('#upload-year', String(YEAR));
      await page.setInputFiles('#file', path.join(keyDir, `${source.file}.json`));
      await page.click('button:has-text("Check and upload")');
      const n = records.get(source.organisation);
      assert.match(await page.textContent('main [role=status]'), new RegExp(`Saved: ${n} records for ${YEAR}\\.`));
      const rows = await rowsOf(page.locator('table:has(caption:has-text("current key file for each reference year"))'));
      assert.deepEqual(rows.map((r) => r.slice(0, 4)), [[String(YEAR), `${source.file}.json`, String(n), '1024']]);
    }

    // The last source to sign in sees its own file only, though the others' are stored for the same year.
    const last = SOURCES.at(-1);
    await page.goto(`${server.baseUrl}/workspace/linkage?year=${YEAR}`);
    const main = await page.textContent('main');
    assert.match(main, new RegExp(`${last.file}\\.json`));
    for (const other of SOURCES.slice(0, -1)) {
      assert.doesNotMatch(main, new RegExp(`${other.file}\\.json|${other.organisation}`), `${last.organisation} sees ${other.organisation}'s upload`);
    }
    assert.equal(await page.locator('form[action$="/runs"]').count(), 0, 'a source is offered no run');
    await assertAccessible(page.url());
    await page.close();
  });

  test('the rapporteur sees the three uploads, runs the linkage and gets persons, overlaps and capture histories', async () => {
    const organisations = SOURCES.map((s) => s.organisation).sort(); // the server lists sources by organisation
    const page = await noScript.newPage();
    await signIn(page, RAPPORTEUR);
    await page.click('a:has-text("Record linkage")');
    await page.fill('#year', String(YEAR));
    await page.click('button:has-text("Show")');
    assert.equal(new URL(page.url()).searchParams.get('year'), String(YEAR));
    assert.match(await page.textContent('#uploads'), new RegExp(`Key files of Germany's sources for ${YEAR}`));
    const uploads = await rowsOf(page.locator('table:has(caption:has-text("current key file"))'));
    assert.deepEqual(uploads.map((r) => r.slice(0, 2)), organisations.map((o) => [o, String(records.get(o))]));
    assert.match(await page.textContent('#runs + p'), /No run yet/);
    await assertAccessible(page.url());

    await page.click('button:has-text("Start the run")');
    const runUrl = page.url();
    assert.match(new URL(runUrl).pathname, /^\/workspace\/linkage\/runs\/\d+$/);
    // While the run waits or works, the page offers "Check progress" (no timed refresh: WCAG 2.2.1); the
    // reader follows it until the result is there.
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while ((await page.locator('#persons, .notice--error').count()) === 0) {
      assert.ok(Date.now() < deadline, `no result after ${RUN_TIMEOUT_MS} ms: ${await page.textContent('main')}`);
      assert.equal(await page.locator('meta[http-equiv=refresh]').count(), 0, 'the page never reloads itself');
      await assertAccessible(page.url());
      await page.waitForTimeout(300);
      await page.click('a:has-text("Check progress")');
    }
    assert.equal(await page.locator('.notice--error').count(), 0, `the run failed: ${await page.textContent('main')}`);
    assert.match(await page.textContent('main .badge'), /Done/);
    assert.equal(await page.locator('meta[http-equiv=refresh]').count(), 0, 'a finished run stops refreshing');

    const totalRecords = [...records.values()].reduce((a, b) => a + b, 0);
    const lead = await page.textContent('p.lead');
    assert.match(lead, new RegExp(`distinct persons in ${totalRecords} records of 3 sources`));
    const persons = number(await page.textContent('p.lead strong'));
    assert.equal(persons, expected.persons, 'the server links as `rapporteur link count` does');

    const sources = await rowsOf(page.locator('table:has(caption:has-text("Records and distinct persons by source"))'));
    assert.deepEqual(sources.map((r) => r.slice(0, 2)), organisations.map((o) => [o, String(records.get(o))]));
    const overlaps = await rowsOf(page.locator('table:has(caption:has-text("Persons seen by both sources"))'));
    assert.deepEqual(
      overlaps.map((r) => r.slice(0, 2)).sort(),
      [[organisations[0], organisations[1]], [organisations[0], organisations[2]], [organisations[1], organisations[2]]],
    );
    assert.ok(overlaps.some((r) => number(r[2]) > 0), `no two sources share a person: ${JSON.stringify(overlaps)}`);

    const histories = page.locator('table:has(caption:has-text("Persons by the sources that saw them"))');
    const columns = (await histories.locator('thead th').allTextContents()).map((t) => t.trim());
    assert.deepEqual(columns, [...organisations, 'Persons']);
    const patterns = await rowsOf(histories);
    assert.ok(patterns.length >= SOURCES.length, `only ${patterns.length} capture histories`);
    assert.equal(patterns.reduce((sum, r) => sum + number(r.at(-1)), 0), persons, 'the histories add up to the persons');
    await assertAccessible(runUrl);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a:has-text("Download the capture histories (CSV)")'),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^linkage-${MEMBER_STATE}-${YEAR}-run-\\d+-histories\\.csv$`));
    const csv = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
    assert.equal(csv[0], `${organisations.join(',')},count`);
    assert.deepEqual(csv.slice(1), expected.rows, 'the histories of `rapporteur link count`, columns named by organisation');

    // A source reads neither the run nor its histories.
    await signIn(page, emailOf(SOURCES[0]));
    assert.equal((await page.goto(runUrl)).status(), 403);
    assert.equal((await noScript.request.get(`${runUrl}/histories.csv`)).status(), 403);
    await page.close();
  });
});
