// Issue 12, calls and applying, as their users meet them at 1280 and 390 px without JavaScript: an NGO opens
// an open Civil Society Platform call, finds applying as the main action, is offered only the eligible
// Member States, reads what is kept of it, and applies; the closed call of 2018 has no form; an editor reads
// the Platform's geographical balance as a map with its table. axe on every page, and no page wider than a
// phone's screen.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, addUser, rapporteurBin, PASSWORD } from './server.mjs';
import {
  chromiumSkipReason,
  launchBrowser,
  assertAccessible as assertAccessibleAs,
  contextsAt,
  assertFitsScreen,
} from './browser.mjs';

const skip = chromiumSkipReason();

const WIDTHS = [1280, 390];
const OPEN_CALL = 'csp-2099-expression-of-interest';
const CLOSED_CALL = 'csp-2018-expression-of-interest';

if (skip) test('calls and applying in a browser', { skip }, () => {});
else describe('calls and applying in a browser', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    addUser(server.dataDir, 'editor@example.eu', 'editor');
    // An open call, made as an editor makes one through the API: the bundled calls all closed in 2018-2019.
    const token = execFileSync(
      rapporteurBin(),
      ['user', 'token', '--email', 'editor@example.eu', '--data-dir', server.dataDir],
      { env: { ...process.env, RUST_LOG: 'warn' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
    const api = async (method, path, body) => {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.text()}`);
    };
    await api('POST', '/api/v1/calls', {
      slug: OPEN_CALL,
      kind: 'expression_of_interest',
      title: 'EU Civil Society Platform against trafficking in human beings: call for expression of interest 2099',
      deadline: '2099-03-31T17:00',
      summary: ['Organisations legally based in Denmark, Estonia or Malta may apply.'],
      eligible_member_states: ['DK', 'EE', 'MT'],
    });
    await api('POST', `/api/v1/calls/${OPEN_CALL}/publish`);
    browser = await launchBrowser();
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  /** Fails when the page at `url`, seen as `visitor`, is wider than its screen. */
  async function assertFits(visitor, url, width) {
    await visitor.withAxe.clearCookies();
    await visitor.withAxe.addCookies(await visitor.noScript.cookies());
    const page = await visitor.withAxe.newPage();
    try {
      await page.goto(url);
      await assertFitsScreen(page, width);
    } finally {
      await page.close();
    }
  }

  /** axe and the width check on the page `page` shows. */
  async function check(visitor, page, width) {
    await assertAccessibleAs(visitor.withAxe, visitor.noScript, page.url());
    await assertFits(visitor, page.url(), width);
  }

  for (const width of WIDTHS) {
    test(`an NGO applies to an open call, offered only the eligible Member States (${width} px)`, async () => {
      const visitor = await contextsAt(browser, width);
      try {
        const page = await visitor.noScript.newPage();
        await page.goto(`${server.baseUrl}/calls`);
        await check(visitor, page, width);
        await page.click(`a[href="/calls/${OPEN_CALL}"]`);
        assert.equal(new URL(page.url()).pathname, `/calls/${OPEN_CALL}`);
        const head = await page.textContent('.call-head');
        assert.match(head, /Open/);
        assert.match(head, /31 March 2099, 17:00/);

        // Applying is the main action; the calendar file is the secondary one.
        const apply = page.locator('a:has-text("Apply as an organisation")');
        assert.equal(await apply.getAttribute('class'), 'button');
        const calendar = page.locator(`a[href="/calls/${OPEN_CALL}/calendar.ics"]`);
        assert.equal(await calendar.getAttribute('class'), 'button button--secondary');
        // Where applicants may be based: a map named for what it shows, and the Member States beneath it.
        const map = page.locator('#call-eligible-map svg[role="img"]');
        assert.equal(await map.count(), 1);
        assert.match(await page.textContent('#call-eligible-map-title'), /Denmark, Estonia, Malta/);
        assert.equal(await page.locator('#call-eligible-map table tbody tr').count(), 3);
        const box = await map.boundingBox();
        assert.ok(box.width <= width, `the map fits the screen (${box.width} px)`);
        await check(visitor, page, width);

        await apply.click();
        assert.equal(new URL(page.url()).pathname, `/calls/${OPEN_CALL}/apply`);
        const options = await page.locator('#a-member_state option').all();
        const offered = (await Promise.all(options.map((o) => o.getAttribute('value')))).filter(Boolean);
        assert.deepEqual(offered, ['DK', 'EE', 'MT']);
        const notice = page.locator('.apply-privacy');
        assert.ok(await notice.isVisible(), 'the privacy notice is shown at the form');
        assert.match(await notice.textContent(), /What is kept[\s\S]*Why[\s\S]*How long/);
        assert.equal(await notice.locator('a[href="/privacy"]').count(), 1);
        await check(visitor, page, width);

        await page.fill('#a-organisation_name', `Tallinn Anti-Trafficking NGO (${width})`);
        await page.fill('#a-contact_email', `office-${width}@ngo.ee`);
        await page.selectOption('#a-member_state', 'EE');
        await page.fill('#a-motivation', 'We support victims of trafficking in Estonia.');
        await page.click('button:has-text("Send the application")');
        assert.match(await page.textContent('h1'), /Application received/);
        await page.close();
      } finally {
        await visitor.noScript.close();
        await visitor.withAxe.close();
      }
    });

    test(`an NGO finds no form on the call closed in 2018 (${width} px)`, async () => {
      const visitor = await contextsAt(browser, width);
      try {
        const page = await visitor.noScript.newPage();
        await page.goto(`${server.baseUrl}/calls/${CLOSED_CALL}`);
        assert.match(await page.textContent('.call-head'), /Closed/);
        assert.equal(await page.locator('a:has-text("Apply as an organisation")').count(), 0);
        assert.equal(await page.locator(`a[href$="/apply"]`).count(), 0);
        assert.match(await page.textContent('main'), /closed at the end of 25 April 2018 \(Brussels time\)/);
        await check(visitor, page, width);

        await page.goto(`${server.baseUrl}/calls/${CLOSED_CALL}/apply`);
        assert.match(await page.textContent('h1'), /Applications closed/);
        assert.equal(await page.locator('main form').count(), 0, 'no form');
        assert.equal(await page.locator('#a-member_state').count(), 0);
        await page.click('a:has-text("Back to the call")');
        assert.equal(new URL(page.url()).pathname, `/calls/${CLOSED_CALL}`);
        await check(visitor, page, width);
        await page.goto(`${server.baseUrl}/calls/${CLOSED_CALL}/apply`);
        await check(visitor, page, width);
        await page.close();
      } finally {
        await visitor.noScript.close();
        await visitor.withAxe.close();
      }
    });

    test(`an editor reads the Platform's geographical balance as a map (${width} px)`, async () => {
      const visitor = await contextsAt(browser, width);
      try {
        const page = await visitor.noScript.newPage();
        await page.goto(`${server.baseUrl}/sign-in`);
        await page.fill('#email', 'editor@example.eu');
        await page.fill('#password', PASSWORD);
        await page.click('button[type=submit]:has-text("Sign in")');
        await page.goto(`${server.baseUrl}/workspace/platform`);
        // The editor accepts the Estonian NGO's application (made in the test before): Estonia is no longer a gap.
        await page.locator('button:has-text("Accept")').first().click();
        assert.equal(new URL(page.url()).pathname, '/workspace/platform');
        const estonia = page.locator('.platform-balance table tbody tr', { hasText: 'Estonia' });
        assert.match(await estonia.locator('td').textContent(), /^[1-9]\d*$/);
        const map = page.locator('.platform-balance svg[role="img"]');
        assert.equal(await map.count(), 1, 'one map');
        const name = (await map.getAttribute('aria-label')) ?? '';
        const labelledBy = await map.getAttribute('aria-labelledby');
        assert.ok(name || labelledBy, 'the map has an accessible name');
        // The data beneath: a row per Member State.
        assert.equal(await page.locator('.platform-balance table tbody tr').count(), 27);
        await check(visitor, page, width);
        await page.close();
      } finally {
        await visitor.noScript.close();
        await visitor.withAxe.close();
      }
    });
  }
});
