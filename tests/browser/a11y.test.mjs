// Accessibility, keyboard use and script-free pages of the Rapporteur portal,
// checked in Debian's Chromium: every page of the sitemap plus a few query,
// error and paging pages, one page at a time in one browser.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  chromiumSkipReason,
  formatViolations,
  launchBrowser,
  newAxeContext,
  newNoScriptContext,
  runAxe,
} from './browser.mjs';
import { startServer } from './server.mjs';

/** Pages that are not in the sitemap but must be as accessible as those that are. */
const EXTRA_PAGES = [
  { path: '/search?q=trafficking', status: 200 },
  { path: '/search?q=inonu', status: 200 },
  { path: '/projects?programme=ERC&sort=-budget', status: 200 },
  { path: '/projects?page=2&per_page=2', status: 200 },
  { path: '/sign-in', status: 200 },
  { path: '/no-such-page', status: 404 },
  { path: '/projects?page=-1', status: 400 },
  { path: '/projects?page=9999', status: 404 },
  { path: '/projects/timeline?programme=ERC', status: 200 },
];

/** Sections the sitemap must list (besides each item in them). */
const SITEMAP_SECTIONS = [
  '/', '/projects', '/calls', '/news', '/network', '/member-states', '/statistics', '/legislation', '/search',
  '/legal-notice', '/privacy', '/accessibility', '/cookies', '/contact',
];
const MEMBER_STATE_COUNT = 27;

const PAGE_TIMEOUT_MS = 30_000;
/** A phone's width in CSS pixels (an iPhone 12 to 15). */
const PHONE_WIDTH = 390;

// Throws under CI when Chromium is missing (the whole file fails loudly); elsewhere a reason to skip.
const skip = chromiumSkipReason();

if (skip) test('Rapporteur in a browser', { skip }, () => {});
else describe('Rapporteur in a browser', () => {
  let server;
  let browser;
  let noScript; // context with JavaScript disabled: the portal as it must work
  let withAxe; // context with JavaScript enabled and the CSP bypassed, only to run axe-core
  let sitemapCache;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    noScript = await newNoScriptContext(browser);
    withAxe = await newAxeContext(browser);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  /** The <loc> URLs of one sitemap file, each an absolute URL on the server's base. */
  async function locsOf(url) {
    const res = await fetch(url);
    const xml = await res.text();
    assert.equal(res.status, 200, `GET ${url} answered ${res.status}`);
    const locs = [...xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)].map((m) => decodeXml(m[1]));
    assert.ok(locs.length > 0, `${url} has no <loc> entries:\n${xml.slice(0, 500)}`);
    const foreign = locs.filter((u) => !sameBase(u, server.baseUrl));
    assert.deepEqual(
      foreign,
      [],
      `every sitemap <loc> must be an absolute URL on ${server.baseUrl} (the address serve was given)`,
    );
    return locs;
  }

  /** The pages the sitemap lists: the index at /sitemap.xml names the files (at most 50,000 pages each). */
  async function sitemapUrls() {
    if (sitemapCache) return sitemapCache;
    const locs = [];
    for (const file of await locsOf(`${server.baseUrl}/sitemap.xml`)) locs.push(...(await locsOf(file)));
    sitemapCache = locs;
    return locs;
  }

  /** Sitemap pages then the extra pages, each once, with the status it must answer. */
  async function pagesToTest() {
    const seen = new Set();
    const list = [];
    for (const url of await sitemapUrls()) {
      if (!seen.has(url)) list.push({ url, status: 200 });
      seen.add(url);
    }
    for (const { path, status } of EXTRA_PAGES) {
      const url = server.baseUrl + path;
      if (!seen.has(url)) list.push({ url, status });
      seen.add(url);
    }
    return list;
  }

  const label = (url) => url.slice(server.baseUrl.length) || '/';

  test('the sitemap lists every section, item pages and the member states on this base URL', async () => {
    const locs = await sitemapUrls();
    const paths = locs.map((u) => new URL(u).pathname + new URL(u).search);
    const dupes = paths.filter((p, i) => paths.indexOf(p) !== i);
    assert.deepEqual(dupes, [], 'the sitemap lists a URL more than once');
    const missing = SITEMAP_SECTIONS.filter((s) => !paths.includes(s));
    assert.deepEqual(missing, [], 'sections missing from the sitemap');
    const memberStates = paths.filter((p) => /^\/member-states\/[^/]+$/.test(p));
    assert.equal(memberStates.length, MEMBER_STATE_COUNT, `member-state pages in the sitemap: ${memberStates.join(' ')}`);
    for (const section of ['/projects', '/calls', '/news', '/legislation']) {
      assert.ok(
        paths.some((p) => p.startsWith(`${section}/`)),
        `the sitemap lists no item page under ${section}/`,
      );
    }
  });

  test('every page: without JavaScript it answers, has lang, h1 and main; axe-core finds no WCAG 2.1 A/AA violation', async (t) => {
    const pages = await pagesToTest();
    t.diagnostic(`${pages.length} pages`);
    for (const { url, status } of pages) {
      await t.test(label(url), { timeout: 2 * PAGE_TIMEOUT_MS + 10_000 }, async () => {
        const problems = [];

        // 1. As a visitor without JavaScript sees it.
        const page = await noScript.newPage();
        try {
          const res = await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
          const got = res?.status();
          if (got !== status) problems.push(`status ${got}, expected ${status}`);
          const lang = (await page.locator('html').getAttribute('lang'))?.trim();
          if (!lang) problems.push('<html> has no lang attribute');
          const h1s = await page.locator('h1').allTextContents();
          if (h1s.length === 0) problems.push('no <h1>');
          else if (!h1s.some((s) => s.trim())) problems.push('<h1> is empty');
          if ((await page.locator('main, [role="main"]').count()) === 0) problems.push('no main landmark');
        } finally {
          await page.close();
        }

        // 2. axe-core, injected through the bypassed CSP.
        const axePage = await withAxe.newPage();
        try {
          await axePage.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
          const result = await runAxe(axePage);
          if (result.passes === 0) problems.push(`axe-core ${result.version} ran no passing rule: was the page empty?`);
          if (result.violations.length > 0) {
            problems.push(
              `${result.violations.length} axe-core ${result.version} violation(s):\n${formatViolations(result.violations)}`,
            );
          }
        } finally {
          await axePage.close();
        }

        if (problems.length > 0) assert.fail(`${url}\n  ${problems.join('\n  ')}`);
      });
    }
  });

  test('keyboard: the first Tab reaches a visible, focus-indicated skip link that moves focus to #main', async () => {
    const page = await noScript.newPage();
    try {
      await page.goto(`${server.baseUrl}/`, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
      assert.equal(await page.locator('#main').count(), 1, 'the home page has no element with id="main"');

      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      assert.equal(await focused.count(), 1, 'nothing has focus after one Tab');
      const info = await focused.evaluate((el) => {
        const s = getComputedStyle(el);
        return {
          tag: el.tagName.toLowerCase(),
          href: el.getAttribute('href'),
          html: el.outerHTML.slice(0, 200),
          outlineStyle: s.outlineStyle,
          outlineWidth: s.outlineWidth,
          boxShadow: s.boxShadow,
          viewport: { width: innerWidth, height: innerHeight },
        };
      });
      assert.ok(info.tag === 'a' && info.href === '#main', `the first Tab stop must be the skip link <a href="#main">, got ${info.html}`);

      const box = await focused.boundingBox();
      assert.ok(box && box.width > 1 && box.height > 1, `the focused skip link has no visible size: ${JSON.stringify(box)}`);
      const onScreen =
        box.x + box.width > 0 && box.y + box.height > 0 && box.x < info.viewport.width && box.y < info.viewport.height;
      assert.ok(onScreen, `the focused skip link is off screen: ${JSON.stringify(box)} in ${JSON.stringify(info.viewport)}`);
      const outline = info.outlineStyle !== 'none' && info.outlineWidth !== '0px';
      const shadow = info.boxShadow !== 'none';
      assert.ok(
        outline || shadow,
        `the focused skip link shows no focus indicator (outline-style ${info.outlineStyle}, outline-width ${info.outlineWidth}, box-shadow ${info.boxShadow})`,
      );

      await page.keyboard.press('Enter');
      const where = async () =>
        page.evaluate(() => {
          const main = document.getElementById('main');
          const active = document.activeElement;
          return {
            inMain: !!main && !!active && (active === main || main.contains(active)),
            hash: location.hash,
            active: active ? active.outerHTML.slice(0, 120) : null,
          };
        });
      let state = await where();
      for (let i = 0; i < 20 && !state.inMain && state.hash !== '#main'; i++) {
        await page.waitForTimeout(100);
        state = await where();
      }
      assert.ok(
        state.inMain || state.hash === '#main',
        `Enter on the skip link did not move to #main (hash ${JSON.stringify(state.hash)}, focus on ${state.active})`,
      );
    } finally {
      await page.close();
    }
  });

  test('on a phone (390 px) no page of the sitemap, nor an extra page, is wider than the screen', async () => {
    const phone = await newNoScriptContext(browser, { viewport: { width: PHONE_WIDTH, height: 844 } });
    const offenders = [];
    try {
      const page = await phone.newPage();
      for (const { url } of await pagesToTest()) {
        await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
        const wide = await page.evaluate(() => {
          const width = document.documentElement.scrollWidth;
          if (width <= innerWidth) return null;
          // Name the widest element that sticks out, so the failure says where to look.
          let worst = null;
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > innerWidth + 1 && (!worst || r.right > worst.right)) {
              worst = { right: Math.round(r.right), html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 100) };
            }
          }
          return { width, worst };
        });
        if (wide) offenders.push(`${label(url)}: ${wide.width} px wide; ${JSON.stringify(wide.worst)}`);
      }
    } finally {
      await phone.close();
    }
    assert.deepEqual(offenders, [], `pages wider than a ${PHONE_WIDTH} px screen`);
  });

  test('no page of the sitemap contains a <script> element', async () => {
    const offenders = [];
    const page = await noScript.newPage();
    try {
      for (const url of await sitemapUrls()) {
        await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
        const scripts = await page
          .locator('script')
          .evaluateAll((els) => els.map((el) => el.outerHTML.replace(/\s+/g, ' ').slice(0, 120)));
        if (scripts.length > 0) offenders.push(`${label(url)}: ${scripts.join(' | ')}`);
      }
    } finally {
      await page.close();
    }
    assert.deepEqual(offenders, [], 'pages with <script> elements (the portal must work without JavaScript)');
  });
});

function sameBase(url, baseUrl) {
  return url === baseUrl || url.startsWith(`${baseUrl}/`) || url.startsWith(`${baseUrl}?`);
}

function decodeXml(text) {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
