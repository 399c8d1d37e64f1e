// Issue 12, projects: a researcher on a desk (1280 px) and on a phone (390 px) filters the list by its
// counted options, pages through it by number, finds the CSV download, reads the timeline, and never has to
// scroll sideways. axe-core checks the list, a project and the timeline at both widths. No JavaScript.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import {
  chromiumSkipReason,
  launchBrowser,
  newNoScriptContext,
  newAxeContext,
  assertAccessible,
  assertFitsScreen,
} from './browser.mjs';

const skip = chromiumSkipReason();

const WIDTHS = [
  { name: 'desk', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

if (skip) test('projects in a browser', { skip }, () => {});
else describe('projects in a browser', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  for (const screen of WIDTHS) {
    test(`a researcher filters, pages, downloads and reads the timeline (${screen.name}, ${screen.width} px)`, async () => {
      const viewport = { width: screen.width, height: screen.height };
      const noScript = await newNoScriptContext(browser, { viewport });
      const withAxe = await newAxeContext(browser, { viewport });
      try {
        const page = await noScript.newPage();
        await page.goto(`${server.baseUrl}/projects`);
        await assertFitsScreen(page, screen.width);

        // The filters wait in a closed box: the first result is near the top, even on a phone.
        // The site's header (above <main>) is the shell's; from the top of <main>, this page's own head
        // (breadcrumb, heading, introduction, count and filter box) takes less than 260 px.
        const first = await page.locator('.card-list > li').first().boundingBox();
        const main = await page.locator('main').boundingBox();
        assert.ok(first.y - main.y < 260, `the first result starts ${first.y - main.y} px below the top of main (at ${first.y} px)`);
        assert.match(await page.textContent('.filters-box summary'), /Filter and sort \(0 active\)/);
        assert.equal(await page.locator('#f-country').isVisible(), false, 'closed until asked for');

        // Open the box; the options say how many projects each has; filter by one.
        await page.click('.filters-box summary');
        const countries = await page.locator('#f-country option').allTextContents();
        assert.ok(countries.includes('Sweden (1)'), countries.join(' | '));
        assert.ok(countries.slice(1).every((c) => /\(\d+\)$/.test(c)), countries.join(' | '));
        const programmes = await page.locator('#f-programme option').allTextContents();
        assert.ok(programmes.includes('European Research Council (ERC) (4)'), programmes.join(' | '));
        assert.ok(!programmes.some((p) => /Synthetic/.test(p)), programmes.join(' | '));
        await page.selectOption('#f-programme', 'ERC');
        await page.selectOption('#f-sort', '-budget');
        await page.click('.filters button[type=submit]');
        assert.equal(new URL(page.url()).searchParams.get('programme'), 'ERC');
        assert.match(await page.textContent('#results'), /4 results/);
        assert.match(await page.textContent('.filters-box summary'), /\(1 active\)/);
        await assertFitsScreen(page, screen.width);

        // The CSV file of these projects, and the same as JSON.
        const csvLink = page.locator('a:has-text("Download these 4 projects (CSV)")');
        const href = await csvLink.getAttribute('href');
        assert.match(href, /^\/projects\.csv\?programme=ERC&sort=-budget/);
        const csv = await page.request.get(`${server.baseUrl}${href}`);
        assert.equal(csv.status(), 200);
        assert.match(csv.headers()['content-disposition'], /^attachment; filename="projects-ERC-\d{4}-\d{2}-\d{2}\.csv"/);
        assert.equal((await csv.text()).trim().split('\r\n').length, 5, 'a header and four projects');
        assert.match(await page.locator('a:has-text("The same projects as JSON (API)")').getAttribute('href'), /^\/api\/v1\/projects\?programme=ERC/);

        // Numbered pages, the current one marked.
        await page.goto(`${server.baseUrl}/projects?per_page=2`);
        const nav = page.getByRole('navigation', { name: 'Pages' });
        assert.equal((await nav.locator('[aria-current=page]').textContent()).trim(), 'Page 1');
        await nav.getByRole('link', { name: 'Page 3', exact: true }).click();
        assert.equal(new URL(page.url()).searchParams.get('page'), '3');
        assert.equal((await page.getByRole('navigation', { name: 'Pages' }).locator('[aria-current=page]').textContent()).trim(), 'Page 3');
        assert.ok(await page.getByRole('link', { name: 'Previous page' }).isVisible());
        await assertFitsScreen(page, screen.width);

        // A page past the last is not there.
        const gone = await page.goto(`${server.baseUrl}/projects?page=9999`);
        assert.equal(gone.status(), 404);

        // The timeline of the same projects: a picture with a name, the data beneath as a table.
        await page.goto(`${server.baseUrl}/projects?programme=ERC`);
        await page.click('a:has-text("See these projects on a timeline")');
        assert.equal(new URL(page.url()).pathname, '/projects/timeline');
        const chart = page.getByRole('img', { name: /Timeline of 4 projects/ });
        assert.ok(await chart.isVisible());
        assert.equal(await page.locator('.timeline-table tbody tr').count(), 4);
        await assertFitsScreen(page, screen.width);

        // A project's page: its status, and its record on CORDIS.
        await page.goto(`${server.baseUrl}/projects/anticorrp`);
        assert.match(await page.textContent('.project-status'), /Status: Closed/);
        assert.ok(await page.locator('a[href="https://cordis.europa.eu/project/id/290529"]').first().isVisible());
        // Its partners on the map, the countries in a table beneath.
        assert.ok(await page.getByRole('img', { name: /The countries of ANTICORRP/ }).isVisible());
        assert.match(await page.textContent('#project-map table'), /Sweden\s*Coordinator; 1 partner/);
        await assertFitsScreen(page, screen.width);

        for (const path of ['/projects', '/projects?programme=ERC&per_page=2&page=2', '/projects/anticorrp', '/projects/swab', '/projects/timeline', '/projects/timeline?programme=ERC']) {
          await assertAccessible(withAxe, noScript, `${server.baseUrl}${path}`);
        }
      } finally {
        await noScript.close();
        await withAxe.close();
      }
    });
  }
});
