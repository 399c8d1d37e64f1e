// Issue 12 [places]: the Member States, the network, the Joint Statement and search, as the public reads them
// and as a National Rapporteur fills in a Member State's page, at 1280 and 390 px, without JavaScript.
// axe-core checks every page on the way; at 390 px no page is wider than the screen.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser } from './server.mjs';
import {
  chromiumSkipReason,
  launchBrowser,
  assertAccessible as assertAccessibleAs,
  signIn as signInAt,
  contextsAt,
  assertFitsScreen,
} from './browser.mjs';

const skip = chromiumSkipReason();
const WIDTHS = [1280, 390];

if (skip) test('places in a browser', { skip }, () => {});
else describe('places in a browser', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    addUser(server.dataDir, 'rapporteur.at@example.eu', 'rapporteur', { memberState: 'AT' });
    browser = await launchBrowser();
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  /** Goes to `path`, runs axe on it, and checks that it is no wider than the screen. */
  async function visit(page, { noScript, withAxe }, path, width) {
    const url = `${server.baseUrl}${path}`;
    const response = await page.goto(url);
    assert.equal(response.status(), 200, path);
    await assertAccessibleAs(withAxe, noScript, url);
    await assertFitsScreen(page, width);
  }

  for (const width of WIDTHS) {
    test(`the public reads the Member States, the network and the Joint Statement, and searches (${width} px)`, async () => {
      const ctx = await contextsAt(browser, width);
      try {
        const page = await ctx.noScript.newPage();

        await visit(page, ctx, '/member-states', width);
        assert.equal(await page.locator('main svg[role=img]').count() >= 1, true, 'a map');
        assert.equal(await page.locator('.ms-grid__item').count(), 27);
        assert.match(await page.textContent('.ms-grid'), /Germany/);

        await page.click('.ms-grid a:has-text("Germany")');
        assert.equal(new URL(page.url()).pathname, '/member-states/de');
        await visit(page, ctx, '/member-states/de', width);
        assert.match(await page.textContent('main'), /Germany's rapporteur fills in this page/);

        await visit(page, ctx, '/network', width);
        assert.match(await page.textContent('h2#people'), /People and roles/);
        const europol = page.locator('#agency-europol a[href="https://www.europol.europa.eu/"]');
        assert.equal(await europol.count(), 1, 'Europol links to its own site');
        assert.equal(await page.locator('a[href="/member-states"]').count() >= 1, true);

        await visit(page, ctx, '/legislation/joint-statement-2018', width);
        assert.match(await page.textContent('#signatories'), /Signed by 10 EU agencies/);
        assert.equal(await page.locator('a[href="/news/joint-statement-2018-signed"]').count(), 1);

        await visit(page, ctx, '/legislation', width);
        assert.equal(await page.locator('.policy-timeline svg[role=img]').count(), 1);
        assert.equal(await page.locator('.policy-timeline__list li').count() >= 7, true);

        await visit(page, ctx, '/search?q=Europol', width);
        assert.equal(await page.locator('.search-results a[href="/network#agency-europol"]').count(), 1);
        await visit(page, ctx, '/search?q=Germany', width);
        const first = page.locator('.search-results li').first().locator('a').first();
        assert.equal(await first.getAttribute('href'), '/member-states/de');
      } finally {
        await ctx.noScript.close();
        await ctx.withAxe.close();
      }
    });
  }

  test('a rapporteur fills in the Member State page and sees it published (1280 px, then 390 px)', async () => {
    for (const width of WIDTHS) {
      const ctx = await contextsAt(browser, width);
      try {
        const page = await ctx.noScript.newPage();
        await signInAt(page, server.baseUrl, 'rapporteur.at@example.eu');
        await page.goto(`${server.baseUrl}/member-states/at`);
        await page.click('a:has-text("Edit this page")');
        assert.equal(new URL(page.url()).pathname, '/workspace/member-states/at/edit');
        await visit(page, ctx, '/workspace/member-states/at/edit', width);

        const name = `Austrian rapporteur (${width} px test)`;
        await page.fill('#f-nrem', name);
        await page.fill('#f-nrem_institution', 'Federal Ministry (test)');
        await page.fill('#f-nrem_website', 'https://rapporteur.example.org/');
        await page.fill('#f-nrem_email', 'contact@rapporteur.example.org');
        await page.fill('#f-nrem_postal_address', 'Street 1\n1010 Vienna');
        await page.fill('[id="f-national_reports[0].title"]', 'National report (test)');
        await page.fill('[id="f-national_reports[0].year"]', '1850');
        await page.click('button[value=save]');
        assert.match(await page.textContent('[id="f-national_reports[0].year-error"]'), /year must be from 1990/);
        await page.fill('[id="f-national_reports[0].year"]', '2020');
        await page.click('button[value=preview]');
        assert.match(await page.textContent('.preview'), /National report \(test\) \(2020\)/);
        await page.click('button[value=save]');
        assert.equal(new URL(page.url()).pathname, '/member-states/at');
        const main = await page.textContent('main');
        assert.match(main, new RegExp(name.replace(/[()]/g, '\\$&')));
        assert.match(main, /Page filled in/);
        assert.equal(await page.locator('a[href="mailto:contact@rapporteur.example.org"]').count(), 1);
        await visit(page, ctx, '/member-states/at', width);

        // The public sees it too, on the page and in the grid.
        const visitor = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
        const pub = await visitor.newPage();
        await pub.goto(`${server.baseUrl}/member-states`);
        assert.match(await pub.textContent('.ms-grid'), new RegExp(name.replace(/[()]/g, '\\$&')));
        await visitor.close();
      } finally {
        await ctx.noScript.close();
        await ctx.withAxe.close();
      }
    }
  });
});
