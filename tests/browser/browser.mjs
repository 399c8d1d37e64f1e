// Launches Debian's Chromium through playwright-core (which never downloads a
// browser) and runs axe-core in pages.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { PASSWORD } from './server.mjs';

const require = createRequire(import.meta.url);

/** axe-core's browser bundle, injected into pages under test. */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** The WCAG levels the portal promises: 2.0 and 2.1, A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

function inCI() {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * Why the browser tests cannot run here, or null when Chromium is present.
 * Under CI a missing Chromium is an error, never a skip.
 */
export function chromiumSkipReason() {
  const exe = chromiumPath();
  if (existsSync(exe)) return null;
  const reason =
    `Chromium not found at ${exe} (install Debian's chromium: apt-get install -y chromium, ` +
    'or set CHROMIUM_PATH)';
  if (inCI()) throw new Error(`Chromium is required in CI: ${reason}`);
  return `browser tests skipped: ${reason}`;
}

/** One headless Chromium for a whole test file. */
export async function launchBrowser() {
  const exe = chromiumPath();
  if (!existsSync(exe)) {
    // chromiumSkipReason() throws under CI and skips elsewhere; reaching here means it was not asked.
    throw new Error(`Chromium is required: not found at ${exe} (set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
}

/** A context that sees the portal as a visitor without JavaScript does. */
export function newNoScriptContext(browser, options = {}) {
  return browser.newContext({ javaScriptEnabled: false, ...options });
}

/**
 * A context where axe-core can be injected: the portal's Content-Security-Policy
 * forbids every script, so it is bypassed here (and only here).
 */
export function newAxeContext(browser, options = {}) {
  return browser.newContext({ javaScriptEnabled: true, bypassCSP: true, ...options });
}

/**
 * Injects axe-core into a loaded page and runs the WCAG 2.0/2.1 A and AA rules.
 * @returns {Promise<{ violations: Array<{ id: string, impact: string|null, help: string, helpUrl: string,
 *   nodes: Array<{ target: unknown[], html: string, failureSummary: string }> }>, passes: number, version: string }>}
 */
export async function runAxe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      version: window.axe.version,
      passes: result.passes.length,
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary ?? '' })),
      })),
    };
  }, AXE_TAGS);
}

/** Signs in through the form (the tests' accounts share one password) and waits for the workspace home it lands on. */
export async function signIn(page, baseUrl, email, password = PASSWORD) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]:has-text("Sign in")');
  await page.waitForURL(`${baseUrl}/workspace`);
}

/**
 * Loads `url` in the axe context as the account signed in to `signedIn` (its cookies copied over) and fails
 * on any WCAG 2.0/2.1 A or AA violation.
 */
export async function assertAccessible(withAxe, signedIn, url) {
  await withAxe.clearCookies();
  await withAxe.addCookies(await signedIn.cookies());
  const page = await withAxe.newPage();
  try {
    await page.goto(url);
    const result = await runAxe(page);
    assert.ok(result.passes > 0, `axe found nothing to check on ${url}`);
    assert.equal(result.violations.length, 0, `axe-core violations on ${url}:\n${formatViolations(result.violations)}`);
  } finally {
    await page.close();
  }
}

/** A violation list as a developer needs it: rule, help, and the first three offending nodes. */
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`);
    lines.push(`    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 3)) {
      lines.push(`    - target: ${JSON.stringify(n.target)}`);
      lines.push(`      html:   ${oneLine(n.html, 300)}`);
    }
    if (v.nodes.length > 3) lines.push(`    … and ${v.nodes.length - 3} more`);
  }
  return lines.join('\n');
}

function oneLine(text, max) {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** A context without script and one for axe, both `width` px wide: one visitor on one screen size. */
export async function contextsAt(browser, width) {
  const viewport = { width, height: 900 };
  return { noScript: await newNoScriptContext(browser, { viewport }), withAxe: await newAxeContext(browser, { viewport }) };
}

/** Fails when the loaded page is wider than a `width` px screen (it would scroll sideways). */
export async function assertFitsScreen(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${page.url()} is ${scrollWidth} px wide on a ${width} px screen`);
}
