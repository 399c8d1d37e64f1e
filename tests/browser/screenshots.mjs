// Screenshots of the portal for the README and docs/screenshots/, run by hand (not a test):
//
//   cargo build -p rapporteur && cd tests/browser && RAPPORTEUR_BIN=../../target/debug/rapporteur node screenshots.mjs
//
// Starts a fresh server on the bundled content (server.mjs), signs an editor in for the workspace home, and
// writes full-page PNGs at 1280 px (and the home page at 390 px) to docs/screenshots/. Chromium runs without
// JavaScript, as the portal's visitors may.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, addUser } from './server.mjs';
import { launchBrowser, signIn } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(here, '../../docs/screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The first page the sitemap lists under `prefix`. */
async function firstUnder(baseUrl, file, prefix) {
  const xml = await (await fetch(`${baseUrl}/sitemaps/${file}`)).text();
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  const found = paths.find((p) => p.startsWith(prefix) && p.length > prefix.length);
  if (!found) throw new Error(`the sitemap lists nothing under ${prefix}`);
  return found;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  await mkdir(OUT, { recursive: true });
  addUser(server.dataDir, 'editor@example.eu', 'editor');
  const shots = [
    ['home.png', '/'],
    ['project.png', await firstUnder(server.baseUrl, 'projects-1.xml', '/projects/')],
    ['call.png', await firstUnder(server.baseUrl, 'pages.xml', '/calls/')],
    ['member-state.png', '/member-states/de'],
  ];
  const publicView = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
  const page = await publicView.newPage();
  for (const [file, where] of shots) {
    await page.goto(`${server.baseUrl}${where}`);
    await page.screenshot({ path: path.join(OUT, file), fullPage: true });
    console.log(`${file}: ${where}`);
  }
  const editor = await browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
  const signed = await editor.newPage();
  await signIn(signed, server.baseUrl, 'editor@example.eu');
  await signed.goto(`${server.baseUrl}/workspace`);
  await signed.screenshot({ path: path.join(OUT, 'workspace.png'), fullPage: true });
  console.log('workspace.png: /workspace (signed in as an editor)');
  const onPhone = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, deviceScaleFactor: 2 });
  const small = await onPhone.newPage();
  await small.goto(`${server.baseUrl}/`);
  await small.screenshot({ path: path.join(OUT, 'home-phone.png'), fullPage: false });
  console.log('home-phone.png: / at 390 px');
} finally {
  await browser.close().catch(() => {});
  await server.stop();
}
