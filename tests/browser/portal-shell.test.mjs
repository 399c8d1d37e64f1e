// Issue 12, the page shell: the EC look's header and footer, a phone menu that opens without script, the
// signed-in header, the site's own pages (legal notice, privacy, accessibility, cookies, contact), at 1280
// and 390 px wide, in Chromium without JavaScript; axe-core on every new page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser } from './server.mjs';
import {
  chromiumSkipReason,
  launchBrowser,
  newNoScriptContext,
  newAxeContext,
  runAxe,
  formatViolations,
  signIn as signInAt,
} from './browser.mjs';

const skip = chromiumSkipReason();

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The header with its menu closed must leave the screen to the content on a phone (it took 340 px). */
const PHONE_HEADER_MAX_PX = 130;
const FURNITURE = ['/legal-notice', '/privacy', '/accessibility', '/cookies', '/contact'];

if (skip) test('the page shell in a browser', { skip }, () => {});
else describe('the page shell in a browser', () => {
  let server;
  let browser;
  let desktop;
  let phone;
  let axeDesktop;
  let axePhone;
  let samples;

  before(async () => {
    server = await startServer();
    addUser(server.dataDir, 'editor@example.eu', 'editor');
    browser = await launchBrowser();
    desktop = await newNoScriptContext(browser, { viewport: DESKTOP });
    phone = await newNoScriptContext(browser, { viewport: PHONE });
    axeDesktop = await newAxeContext(browser, { viewport: DESKTOP });
    axePhone = await newAxeContext(browser, { viewport: PHONE });
    // A project, a call and a news item, as the sitemap lists them.
    const pagesXml = await (await fetch(`${server.baseUrl}/sitemaps/pages.xml`)).text();
    const projectsXml = await (await fetch(`${server.baseUrl}/sitemaps/projects-1.xml`)).text();
    const locs = [...`${pagesXml}${projectsXml}`.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    const first = (prefix) => locs.find((p) => p.startsWith(prefix) && p.length > prefix.length);
    samples = {
      project: first('/projects/'),
      call: first('/calls/'),
      news: first('/news/'),
    };
    for (const [kind, path] of Object.entries(samples)) assert.ok(path, `the sitemap lists no ${kind}`);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const url = (path) => `${server.baseUrl}${path}`;

  async function axeClean(context, path) {
    const page = await context.newPage();
    try {
      await page.goto(url(path));
      const result = await runAxe(page);
      assert.ok(result.passes > 0, `axe found nothing to check on ${path}`);
      assert.equal(result.violations.length, 0, `axe-core violations on ${path} at ${page.viewportSize().width} px:\n${formatViolations(result.violations)}`);
    } finally {
      await page.close();
    }
  }

  test('the site\'s own pages are axe-clean at 1280 and 390 px and linked from the footer', async () => {
    for (const path of FURNITURE) {
      await axeClean(axeDesktop, path);
      await axeClean(axePhone, path);
    }
    const page = await desktop.newPage();
    try {
      for (const from of ['/', samples.project, samples.call, '/member-states/de', '/sign-in']) {
        await page.goto(url(from));
        for (const path of FURNITURE) {
          const link = page.locator(`footer a[href="${path}"]`);
          assert.equal(await link.count(), 1, `the footer of ${from} links ${path} once`);
          assert.ok(await link.isVisible(), `the footer link to ${path} is visible on ${from}`);
        }
      }
      await page.goto(url('/'));
      await page.click('footer a[href="/privacy"]');
      assert.equal(new URL(page.url()).pathname, '/privacy');
      assert.match(await page.textContent('h1'), /Privacy statement/);
      assert.match(await page.textContent('main'), /argon2id/);
    } finally {
      await page.close();
    }
  });

  test('at 1280 px the navigation, search and sign-in are in the header; the phone menu is hidden', async () => {
    const page = await desktop.newPage();
    try {
      await page.goto(url('/'));
      assert.ok(await page.locator('nav.site-nav a[href="/projects"]').isVisible(), 'the navigation is inline');
      assert.ok(await page.locator('#site-search-q').isVisible(), 'the search field is shown');
      assert.ok(await page.locator('.site-header__tools a[href="/sign-in"]').isVisible(), 'Sign in is in the header');
      assert.equal(await page.locator('details.site-menu').isVisible(), false, 'the phone menu is hidden');
      await axeClean(axeDesktop, '/');
    } finally {
      await page.close();
    }
  });

  test('at 390 px the header is compact and the menu opens without script, by click and by keyboard', async () => {
    const page = await phone.newPage();
    try {
      await page.goto(url('/'));
      const header = await page.locator('header.site-header').boundingBox();
      assert.ok(header.height <= PHONE_HEADER_MAX_PX, `the header takes ${header.height} px at 390 px (at most ${PHONE_HEADER_MAX_PX})`);
      assert.equal(await page.locator('nav.site-nav').isVisible(), false, 'the inline navigation is hidden');
      const toggle = page.locator('summary.site-menu__toggle');
      assert.ok(await toggle.isVisible(), 'the Menu button is shown');
      const projects = page.locator('.site-menu__nav a[href="/projects"]');
      assert.equal(await projects.isVisible(), false, 'the menu starts closed');

      await toggle.click();
      assert.ok(await projects.isVisible(), 'a click opens the menu');
      assert.ok(await page.locator('#site-menu-q').isVisible(), 'the menu holds the search');
      assert.ok(await page.locator('.site-menu__panel a[href="/sign-in"]').isVisible(), 'and Sign in');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, 'the open menu fits the screen');
      await projects.click();
      assert.equal(new URL(page.url()).pathname, '/projects');

      // By keyboard: Tab to the Menu button, Enter, Tab into the links.
      await page.goto(url('/'));
      let reached = false;
      for (let i = 0; i < 10 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.classList.contains('site-menu__toggle'));
      }
      assert.ok(reached, 'the Menu button is reached with Tab');
      await page.keyboard.press('Enter');
      assert.ok(await page.locator('details.site-menu').evaluate((d) => d.open), 'Enter opens the menu');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      assert.equal(focused, '/', 'the next Tab reaches the first link of the menu');
      assert.ok(await page.locator('.site-menu__nav a[href="/"]').isVisible());

      // axe with the menu open, too.
      const axePage = await axePhone.newPage();
      await axePage.goto(url('/'));
      await axePage.click('summary.site-menu__toggle');
      const result = await runAxe(axePage);
      assert.equal(result.violations.length, 0, `axe with the menu open:\n${formatViolations(result.violations)}`);
      await axePage.close();
    } finally {
      await page.close();
    }
  });

  test('no page is wider than a 390 px screen', async () => {
    const page = await phone.newPage();
    const paths = ['/', samples.project, samples.call, samples.news, '/projects', '/calls', '/network', '/member-states', '/member-states/de', '/legislation', '/sign-in', ...FURNITURE];
    const wide = [];
    try {
      for (const path of paths) {
        await page.goto(url(path));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE.width) wide.push(`${path}: ${width} px`);
      }
    } finally {
      await page.close();
    }
    assert.deepEqual(wide, [], 'pages wider than the screen at 390 px');
  });

  test('a signed-in editor sees their account, the workspace and Sign out in the header, at both widths', async () => {
    const page = await desktop.newPage();
    try {
      await signInAt(page, server.baseUrl, 'editor@example.eu');
      await page.goto(url('/'));
      const tools = page.locator('.site-header__tools');
      assert.ok(await tools.locator('a[href="/account"]:has-text("editor@example.eu")').isVisible(), 'the account link');
      assert.ok(await tools.locator('a[href="/workspace"]').isVisible(), 'the workspace link');
      assert.equal(await tools.locator('a[href="/sign-in"]').count(), 0, 'no Sign in');
      await assertSignedInAccessible('/', DESKTOP);

      const onPhone = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
      await onPhone.addCookies(await desktop.cookies());
      const small = await onPhone.newPage();
      await small.goto(url('/'));
      await small.click('summary.site-menu__toggle');
      assert.ok(await small.locator('.site-menu__panel a[href="/account"]').isVisible(), 'the account link in the phone menu');
      const header = await small.locator('header.site-header').boundingBox();
      assert.ok(header.height > 0);
      await small.close();
      await onPhone.close();

      // Sign out from the header: the public header comes back.
      await tools.locator('button:has-text("Sign out")').click();
      await page.waitForURL(url('/'));
      assert.ok(await page.locator('.site-header__tools a[href="/sign-in"]').isVisible(), 'Sign in again after signing out');
      assert.equal(await page.locator('text=editor@example.eu').count(), 0);
    } finally {
      await page.close();
      await desktop.clearCookies();
    }
  });

  /** axe on a page as the editor signed in to the desktop context. */
  async function assertSignedInAccessible(path, viewport) {
    const context = await newAxeContext(browser, { viewport });
    try {
      await context.addCookies(await desktop.cookies());
      const page = await context.newPage();
      await page.goto(url(path));
      assert.ok(await page.locator('.site-header__tools a[href="/account"]').count(), 'signed in for axe');
      const result = await runAxe(page);
      assert.equal(result.violations.length, 0, `axe on ${path} signed in:\n${formatViolations(result.violations)}`);
    } finally {
      await context.close();
    }
  }
});
