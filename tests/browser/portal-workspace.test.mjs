// Issue 12, the workspace as its users meet it, without JavaScript, at 1280 px and at 390 px: the home and
// its menu, signing in back to the page asked for, withdrawing that asks first, Brussels times, overdue
// commitments, the Presidency from the Council's rota, checkboxes that keep their size, and no page wider
// than the screen. axe-core checks every new page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, PASSWORD } from './server.mjs';
import {
  chromiumSkipReason,
  launchBrowser,
  runAxe,
  formatViolations,
  assertAccessible as assertAccessibleAs,
  signIn as signInAt,
  contextsAt,
  assertFitsScreen,
} from './browser.mjs';

const skip = chromiumSkipReason();
const WIDTHS = [1280, 390];
const EDITOR = 'editor@example.eu';
const ADMIN = 'admin@example.eu';
const RAPPORTEUR = 'rapporteur-de@example.eu';

if (skip) test('the workspace as its users meet it', { skip }, () => {});
else describe('the workspace as its users meet it', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    addUser(server.dataDir, EDITOR, 'editor');
    addUser(server.dataDir, ADMIN, 'admin');
    addUser(server.dataDir, RAPPORTEUR, 'rapporteur', { memberState: 'DE' });
    browser = await launchBrowser();
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  /** axe on the page as it is now (a page reached by a form, which a URL cannot load again). */
  async function assertAccessibleHere(page) {
    const result = await runAxe(page);
    assert.equal(result.violations.length, 0, `axe-core violations on ${page.url()}:\n${formatViolations(result.violations)}`);
  }

  const menuLinks = (page) => page.$$eval('nav.workspace-menu ul a', (as) => as.map((a) => a.textContent.trim()));
  const homeEntries = (page) => page.$$eval('ul.workspace-home a', (as) => as.map((a) => a.textContent.trim()));

  for (const width of WIDTHS) {
    test(`an editor at ${width} px: back to the page asked for, the menu, withdrawing asks first, the rota, overdue`, async () => {
      const { noScript, withAxe } = await contextsAt(browser, width);
      const assertAccessible = (url) => assertAccessibleAs(withAxe, noScript, url);
      const page = await noScript.newPage();
      try {
        // Asked for the meetings, sent to sign in, brought back to the meetings.
        await page.goto(`${server.baseUrl}/workspace/meetings`);
        assert.equal(new URL(page.url()).pathname, '/sign-in');
        assert.equal(new URL(page.url()).searchParams.get('next'), '/workspace/meetings');
        await page.fill('#email', EDITOR);
        await page.fill('#password', 'not the password');
        await page.click('button[type=submit]:has-text("Sign in")');
        assert.match(await page.textContent('#sign-in-error'), /\S/);
        await page.fill('#password', PASSWORD);
        await page.click('button[type=submit]:has-text("Sign in")');
        assert.equal(new URL(page.url()).pathname, '/workspace/meetings', 'the failed try kept the page to return to');
        await assertFitsScreen(page, width);

        // The compact menu, the current entry marked.
        const menu = await menuLinks(page);
        for (const name of ['Projects', 'Calls', 'Meetings', 'Commitments']) assert.ok(menu.includes(name), `${name} in ${menu}`);
        assert.ok(!menu.includes('Audit log'), 'an editor is not an administrator');
        assert.equal(await page.textContent('nav.workspace-menu a[aria-current="page"]'), 'Meetings');

        // The Presidency: the rota for the meeting's date unless the editor chooses.
        assert.equal(await page.$eval('#m-presidency', (s) => s.value), 'rota');
        assert.match(await page.textContent('#m-presidency-hint'), /Presidency of the Council/);
        const joint = await page.$('#m-joint').then((box) => box.boundingBox());
        assert.ok(joint.width >= 16 && joint.height >= 16, `the joint-meeting box is ${joint.width}×${joint.height}`);
        const slug = `portal-ws-meeting-${width}`;
        await page.fill('#m-slug', slug);
        await page.fill('#m-title', 'Meeting of the EU Network of NREMs');
        await page.fill('#m-date', '2026-09-15');
        await page.click('button:has-text("Save")');
        assert.equal(new URL(page.url()).pathname, `/workspace/meetings/${slug}`);
        assert.match(await page.textContent('main'), /Ireland/, 'Ireland holds the Presidency in the second half of 2026');
        await assertFitsScreen(page, width);

        // The home.
        await page.goto(`${server.baseUrl}/workspace`);
        assert.equal(await page.textContent('h1'), 'Workspace');
        const home = await homeEntries(page);
        for (const name of ['Projects', 'Civil Society Platform applications', 'Meetings', 'Commitments']) {
          assert.ok(home.includes(name), `${name} on the home: ${home}`);
        }
        assert.match(await page.textContent('main'), /Editor \(EU ATC office\)/);
        await assertFitsScreen(page, width);
        await assertAccessible(`${server.baseUrl}/workspace`);
        await assertAccessible(`${server.baseUrl}/workspace/meetings`);

        // An overdue commitment, said in words, counted.
        await page.goto(`${server.baseUrl}/workspace/commitments`);
        await page.click('summary:has-text("Enter a commitment")').catch(async () => {
          await page.click('details:has(#f-slug) > summary');
        });
        const boxes = await page.$$('.checkboxes input[type=checkbox]');
        assert.ok(boxes.length > 0);
        for (const box of boxes) {
          const size = await box.boundingBox();
          assert.ok(size.width >= 16 && size.height >= 16, `a checkbox is ${size.width}×${size.height}`);
        }
        const commitment = `portal-ws-late-${width}`;
        await page.fill('#f-slug', commitment);
        await page.selectOption('#f-instrument', 'joint-statement-2018');
        await page.fill('#f-title', 'A joint training that was due in 2020');
        await page.check('.checkboxes input[value="europol"]');
        await page.fill('#f-due', '2020-06-30');
        await page.click('button[type=submit]:has-text("commitment")');
        assert.equal(new URL(page.url()).pathname, '/workspace/commitments');
        assert.match(await page.textContent(`#c-${commitment}`), /Overdue/);
        assert.match(await page.textContent('#overdue-count'), /overdue/);
        await assertFitsScreen(page, width);
        await assertAccessible(`${server.baseUrl}/workspace/commitments`);

        // Withdrawing a project asks first; Cancel changes nothing; "Yes, withdraw" withdraws.
        await page.goto(`${server.baseUrl}/workspace/projects/glomig/edit`);
        const withdraw = page.locator('button:has-text("Withdraw from the public")');
        assert.match(await withdraw.getAttribute('class'), /button--danger/);
        await withdraw.click();
        assert.match(await page.textContent('h1'), /^Withdraw “.*” from the public\?$/);
        assert.match(await page.getAttribute('button:has-text("Yes, withdraw")', 'class'), /button--danger/);
        await assertFitsScreen(page, width);
        await page.click('a:has-text("Cancel")');
        assert.equal(new URL(page.url()).pathname, '/workspace/projects/glomig/edit');
        assert.equal((await page.request.get(`${server.baseUrl}/projects/glomig`)).status(), 200, 'still public');
        await page.click('button:has-text("Withdraw from the public")');
        await page.click('button:has-text("Yes, withdraw")');
        assert.equal(new URL(page.url()).pathname, '/workspace/projects/glomig/edit');
        assert.equal((await page.request.get(`${server.baseUrl}/projects/glomig`)).status(), 404, 'withdrawn');
        await page.click('button:has-text("Publish")');
        assert.equal((await page.request.get(`${server.baseUrl}/projects/glomig`)).status(), 200, 'published again');

        // axe on the confirmation page, reached the same way in the axe context.
        await withAxe.clearCookies();
        await withAxe.addCookies(await noScript.cookies());
        const checked = await withAxe.newPage();
        try {
          await checked.goto(`${server.baseUrl}/workspace/projects/glomig/edit`);
          await checked.click('button:has-text("Withdraw from the public")');
          await checked.waitForSelector('button:has-text("Yes, withdraw")');
          await assertAccessibleHere(checked);
        } finally {
          await checked.close();
        }
      } finally {
        await page.close();
        await noScript.close();
        await withAxe.close();
      }
    });

    test(`an administrator at ${width} px: the menu, and audit times in Brussels time with the zone`, async () => {
      const { noScript, withAxe } = await contextsAt(browser, width);
      const assertAccessible = (url) => assertAccessibleAs(withAxe, noScript, url);
      const page = await noScript.newPage();
      try {
        await signInAt(page, server.baseUrl, ADMIN);
        const home = await homeEntries(page);
        for (const name of ['Accounts', 'Audit log', 'Projects', 'Your account']) assert.ok(home.includes(name), `${name}: ${home}`);
        await page.goto(`${server.baseUrl}/workspace/audit?object=glomig`);
        assert.ok((await menuLinks(page)).includes('Audit log'));
        const times = await page.$$eval('main table time', (ts) => ts.map((t) => [t.textContent, t.getAttribute('datetime')]));
        assert.ok(times.length > 0, 'the editor withdrew and published glomig: audited');
        for (const [shown, machine] of times) {
          assert.match(shown, /^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} CES?T$/, `shown in Brussels time: ${shown}`);
          assert.match(machine, /Z$/, 'the machine-readable time stays UTC');
        }
        await assertFitsScreen(page, width);
        await assertAccessible(page.url());
        await page.goto(`${server.baseUrl}/workspace/accounts`);
        const disable = page.locator('button:has-text("Disable")').first();
        assert.match(await disable.getAttribute('class'), /button--danger/);
        await assertFitsScreen(page, width);
        await assertAccessible(page.url());
        await page.goto(`${server.baseUrl}/account`);
        await assertFitsScreen(page, width);
        await assertAccessible(`${server.baseUrl}/account`);
        await page.goto(`${server.baseUrl}/workspace/projects/glomig/revisions`);
        assert.match(await page.textContent('main table'), /CES?T/);
        await assertFitsScreen(page, width);
      } finally {
        await page.close();
        await noScript.close();
        await withAxe.close();
      }
    });

    test(`a rapporteur at ${width} px: the home offers their own Member State's work`, async () => {
      const { noScript, withAxe } = await contextsAt(browser, width);
      const assertAccessible = (url) => assertAccessibleAs(withAxe, noScript, url);
      const page = await noScript.newPage();
      try {
        await page.goto(`${server.baseUrl}/workspace/estimation`);
        assert.equal(new URL(page.url()).searchParams.get('next'), '/workspace/estimation');
        await page.fill('#email', RAPPORTEUR);
        await page.fill('#password', PASSWORD);
        await page.click('button[type=submit]:has-text("Sign in")');
        assert.equal(new URL(page.url()).pathname, '/workspace/estimation');
        await page.goto(`${server.baseUrl}/workspace`);
        const home = await homeEntries(page);
        for (const name of ["Your Member State's page", 'Meetings', 'Statistics submissions', 'Record linkage', 'Estimation']) {
          assert.ok(home.includes(name), `${name}: ${home}`);
        }
        for (const name of ['Projects', 'Accounts', 'Audit log']) assert.ok(!home.includes(name), `not ${name}`);
        assert.match(await page.textContent('main'), /Germany/);
        await assertFitsScreen(page, width);
        await assertAccessible(`${server.baseUrl}/workspace`);
        await page.click('ul.workspace-home a:has-text("Your Member State\'s page")');
        assert.equal(new URL(page.url()).pathname, '/workspace/member-states/de/edit');
        await assertFitsScreen(page, width);
        await page.goto(`${server.baseUrl}/workspace/commitments`);
        await assertFitsScreen(page, width);
        assert.equal((await page.request.get(`${server.baseUrl}/workspace/audit`)).status(), 403, 'the server still decides');
      } finally {
        await page.close();
        await noScript.close();
        await withAxe.close();
      }
    });
  }
});
