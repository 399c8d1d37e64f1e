// The editors' workspace in a browser without JavaScript: sign in, edit a project with a preview, see the
// revision; an admin sees the audit entry. axe-core checks every workspace page on the way.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser } from './server.mjs';
import {
  chromiumSkipReason,
  launchBrowser,
  newNoScriptContext,
  newAxeContext,
  assertAccessible as assertAccessibleAs,
  signIn as signInAt,
} from './browser.mjs';

const skip = chromiumSkipReason();

if (skip) test('workspace in a browser', { skip }, () => {});
else describe('workspace in a browser', () => {
  let server;
  let browser;
  let noScript;
  let withAxe;

  before(async () => {
    server = await startServer();
    addUser(server.dataDir, 'editor@example.eu', 'editor');
    addUser(server.dataDir, 'admin@example.eu', 'admin');
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
  const signIn = (page, email) => signInAt(page, server.baseUrl, email);

  test('an editor signs in, edits a project with a preview, and sees the revision; an admin sees the audit entry', async () => {
    const page = await noScript.newPage();
    await assertAccessible(`${server.baseUrl}/sign-in`);
    await signIn(page, 'editor@example.eu');
    assert.match(await page.textContent('main'), /Editor \(EU ATC office\)/);
    await assertAccessible(`${server.baseUrl}/account`);

    await page.goto(`${server.baseUrl}/projects/glomig`);
    await page.click('a:has-text("Edit this project")');
    assert.equal(new URL(page.url()).pathname, '/workspace/projects/glomig/edit');
    await assertAccessible(page.url());
    await page.fill('#f-title', 'Global Migration (edited in a browser)');
    await page.fill('#f-budget_eur', '260000');
    await page.click('button[value=preview]');
    assert.match(await page.textContent('#preview-heading'), /Preview/);
    assert.match(await page.textContent('.preview'), /€260,000/);

    // A mistake is shown at its field, and nothing is saved.
    await page.fill('#f-budget_eur', 'a lot');
    await page.click('button[value=save]');
    assert.match(await page.textContent('#f-budget_eur-error'), /amount|euro|decimal/i);
    await page.fill('#f-budget_eur', '260000');
    await page.click('button[value=save]');
    assert.equal(new URL(page.url()).pathname, '/workspace/projects/glomig/revisions');
    const revisions = await page.textContent('main');
    assert.match(revisions, /Edited/);
    assert.match(revisions, /editor@example\.eu/);
    await assertAccessible(page.url());

    await page.goto(`${server.baseUrl}/projects/glomig`);
    assert.match(await page.textContent('h1'), /Global Migration \(edited in a browser\)/);

    // Sign out, then the admin reads the audit log.
    await page.goto(`${server.baseUrl}/account`);
    await page.click('button:has-text("Sign out on every device")');
    // A destructive action asks first, without script.
    assert.match(await page.textContent('h1'), /Sign out on every device\?/);
    await page.click('button:has-text("Yes, sign out everywhere")');
    await page.goto(`${server.baseUrl}/workspace/projects/glomig/edit`);
    assert.equal(new URL(page.url()).pathname, '/sign-in', 'signed out: the workspace asks to sign in');
    await signIn(page, 'admin@example.eu');
    await page.goto(`${server.baseUrl}/workspace/audit?object=glomig`);
    const audit = await page.textContent('main');
    assert.match(audit, /editor@example\.eu/);
    assert.match(audit, /update/);
    assert.match(audit, /project glomig/);
    await assertAccessible(page.url());
    await page.goto(`${server.baseUrl}/workspace/accounts`);
    assert.match(await page.textContent('main'), /editor@example\.eu/);
    await assertAccessible(page.url());
    await assertAccessible(`${server.baseUrl}/account`);
    await page.goto(`${server.baseUrl}/account`);
    await page.click('button:has-text("Create a token")');
    assert.match(await page.textContent('#new-token'), /^rpt_[0-9a-f]{64}$/);
    await page.close();
  });

  test('a late Civil Society application is refused with the reason', async () => {
    await noScript.clearCookies();
    const page = await noScript.newPage();
    await page.goto(`${server.baseUrl}/calls/csp-2018-expression-of-interest`);
    await page.click('a:has-text("Apply as an organisation")');
    await assertAccessible(page.url());
    assert.match(await page.textContent('main'), /deadline of this call has passed/);
    await page.fill('#a-organisation_name', 'Tallinn Anti-Trafficking NGO');
    await page.fill('#a-contact_email', 'info@ngo.ee');
    await page.selectOption('#a-member_state', 'EE');
    await page.fill('#a-motivation', 'We support victims of trafficking in Estonia.');
    await page.click('button:has-text("Send the application")');
    assert.match(await page.textContent('h1'), /Application refused/);
    assert.match(await page.textContent('#apply-outcome'), /deadline, 25 April 2018, has passed/);
    await page.close();
  });

  test('an editor sees the Platform applications and the geographical balance', async () => {
    await noScript.clearCookies();
    const page = await noScript.newPage();
    await signIn(page, 'editor@example.eu');
    await page.goto(`${server.baseUrl}/workspace/platform`);
    assert.match(await page.textContent('main'), /Geographical balance/);
    await assertAccessible(page.url());
    await page.close();
  });

  test('an editor opens a Civil Society Platform call with eligibility and errata; organisations apply to it', async () => {
    await noScript.clearCookies();
    const page = await noScript.newPage();
    await signIn(page, 'editor@example.eu');
    // Signed in, the editor lands on the workspace's home and opens the calls from its menu.
    await page.click('ul.workspace-home a:text-is("Calls")');
    assert.equal(new URL(page.url()).pathname, '/workspace/calls');
    await assertAccessible(page.url());
    await page.click('a:has-text("New call")');
    await assertAccessible(page.url());
    await page.fill('#f-slug', 'csp-2030');
    await page.selectOption('#f-kind', 'expression_of_interest');
    await page.fill('#f-title', 'Call for expression of interest: EU Civil Society Platform 2030');
    await page.fill('#f-deadline', '31 March 2030');
    for (const code of ['DK', 'EE', 'MT']) await page.check(`input[name=eligible_member_states][value=${code}]`);
    await page.fill('#f-summary', 'Organisations with their legal seat in Denmark, Estonia or Malta may apply.');

    // A deadline the portal cannot read is shown at its field; the ticked boxes stay ticked.
    await page.click('button[value=preview]');
    assert.match(await page.textContent('#f-deadline-error'), /YYYY-MM-DDTHH:MM/);
    assert.ok(await page.isChecked('input[name=eligible_member_states][value=EE]'));
    await page.fill('#f-deadline', '2030-03-31T17:00');
    await page.click('button[value=preview]');
    assert.match(await page.textContent('.preview'), /Estonia/);
    await page.click('button[value=save]');
    assert.equal(new URL(page.url()).pathname, '/workspace/calls/csp-2030/edit');
    assert.match(await page.textContent('main'), /Draft: not shown to the public/);
    await page.click('button:has-text("Publish")');
    await page.fill('#f-errata', 'Organisations based in Cyprus may also apply.');
    await page.check('input[name=eligible_member_states][value=CY]');
    await page.click('button[value=save]');
    assert.equal(new URL(page.url()).pathname, '/workspace/calls/csp-2030/revisions');
    const revisions = await page.textContent('main');
    for (const action of [/Created/, /Published/, /Edited/]) assert.match(revisions, action);
    await assertAccessible(page.url());

    await noScript.clearCookies();
    await page.goto(`${server.baseUrl}/calls/csp-2030`);
    assert.match(await page.textContent('main'), /Organisations based in Cyprus may also apply\./);
    await page.click('a:has-text("Apply as an organisation")');
    await page.fill('#a-organisation_name', 'Nicosia Shelter Network');
    await page.fill('#a-contact_email', 'office@shelter.cy');
    await page.selectOption('#a-member_state', 'CY');
    await page.fill('#a-motivation', 'We run shelters for victims of trafficking in Cyprus.');
    await page.click('button:has-text("Send the application")');
    assert.match(await page.textContent('h1'), /Application received/);
    await page.goto(`${server.baseUrl}/calls/csp-2030/apply`);
    await page.fill('#a-organisation_name', 'Berlin Counselling Centre');
    await page.fill('#a-contact_email', 'office@beratung.de');
    await page.selectOption('#a-member_state', 'DE');
    await page.fill('#a-motivation', 'We counsel victims of trafficking in Berlin.');
    await page.click('button:has-text("Send the application")');
    assert.match(await page.textContent('#apply-outcome'), /Germany are not eligible/);
    await page.close();
  });

  test('every editing list and form passes axe', async () => {
    await noScript.clearCookies();
    const page = await noScript.newPage();
    await signIn(page, 'editor@example.eu');
    for (const path of [
      '/workspace/projects', '/workspace/projects/new', '/workspace/news', '/workspace/news/new',
      '/workspace/instruments', '/workspace/instruments/new', '/workspace/instruments/directive-2011-36-eu/edit',
      '/workspace/news/joint-statement-2018-signed/edit', '/workspace/member-states/de/edit',
      '/workspace/member-states/de/revisions', '/workspace/calls/csp-2018-expression-of-interest/revisions',
    ]) {
      const response = await page.goto(`${server.baseUrl}${path}`);
      assert.equal(response.status(), 200, path);
      await assertAccessible(page.url());
    }
    await page.close();
  });

  test('an editor records a meeting and attendance', async () => {
    await noScript.clearCookies();
    const page = await noScript.newPage();
    await signIn(page, 'editor@example.eu');
    await page.goto(`${server.baseUrl}/workspace/meetings`);
    await assertAccessible(page.url());
    await page.fill('#m-slug', 'nrem-2018-06');
    await page.fill('#m-title', 'Meeting of the EU Network of NREMs');
    await page.fill('#m-date', '2018-06-13');
    await page.selectOption('#m-presidency', 'BG');
    await page.fill('#m-agenda', 'Signing of the Joint Statement of ten EU agencies.');
    await page.click('button:has-text("Save")');
    assert.equal(new URL(page.url()).pathname, '/workspace/meetings/nrem-2018-06');
    assert.match(await page.textContent('main'), /Bulgaria Presidency \(2018 H1\)/);
    await page.click('button:has-text("Present Germany")');
    assert.match(await page.textContent('main'), /Yes/);
    await page.fill('#minutes', 'The network welcomed the Joint Statement.\n\nNext meeting: December 2018.');
    await page.click('button:has-text("Save the minutes")');
    assert.match(await page.textContent('main'), /Next meeting: December 2018\./);
    await assertAccessible(page.url());
    await page.close();
  });

  test('an editor records progress on a commitment and the report shows it', async () => {
    await noScript.clearCookies();
    const page = await noScript.newPage();
    await signIn(page, 'editor@example.eu');
    await page.goto(`${server.baseUrl}/workspace/commitments`);
    await assertAccessible(page.url());
    const card = page.locator('#c-com2017-progress-report');
    await card.locator('summary').click();
    await card.locator('textarea[name=text]').fill('Progress report adopted.');
    await card.locator('select[name=status]').selectOption('done');
    await card.locator('button[type=submit]').click();
    assert.match(await page.textContent('#c-com2017-progress-report'), /Progress report adopted\./);
    // An editor enters a commitment that the Joint Statement states; the owners' boxes are ticked in the form.
    await page.click('summary:has-text("Enter a commitment or action")');
    await page.fill('#f-slug', 'js2018-joint-training');
    await page.selectOption('#f-instrument', 'joint-statement-2018');
    await page.fill('#f-title', 'Joint training on the identification of victims');
    await page.check('input[name=owners][value=europol]');
    await page.check('input[name=owners][value=cepol]');
    await page.click('button:has-text("Enter the commitment")');
    assert.match(await page.textContent('#c-js2018-joint-training'), /Joint training on the identification of victims/);
    await assertAccessible(page.url());
    await page.goto(`${server.baseUrl}/workspace/commitments/report`);
    const report = await page.textContent('main');
    assert.match(report, /Progress report adopted\./);
    assert.match(report, /Not recorded/);
    await assertAccessible(page.url());
    await page.close();
  });
});
