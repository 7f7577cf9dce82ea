// The operator console in a real browser (Debian's Chromium, driven by playwright-core), against a running ledger
// whose transfer TRANSFER_ID waits in MANUAL_REVIEW with its debit taken and its credit never seen.
//
//   node console.test.mjs <ledger base URL> <transfer id> <screenshot directory>
//
// ConsoleInTheBrowserTest sets the scenario up and runs this; it can also be run by hand against any ledger on its
// embedded default (demo users). The tests run in order and build on each other: admin proposes a refund, cannot
// approve it himself, an auditor sees it without controls, admin2 approves it, and the source has its money back.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {chromium} from 'playwright-core';

const [baseUrl, transferId, screenshotDir] = process.argv.slice(2);
if (!baseUrl || !transferId || !screenshotDir) {
  console.error('usage: node console.test.mjs <ledger base URL> <transfer id> <screenshot directory>');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const PATIENCE_MS = 20_000;

let browser;

before(async () => {
  await mkdir(screenshotDir, {recursive: true});
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox']});
});

after(async () => {
  await browser?.close();
});

/** A fresh browser context (its own cookies) logged in as `user`; answers the page and the console's response. */
async function loggedInAs(user) {
  const context = await browser.newContext({baseURL: baseUrl, viewport: {width: 1360, height: 900}});
  const page = await context.newPage();
  page.setDefaultTimeout(PATIENCE_MS);
  page.on('console', message => {
    if (message.type() === 'error') {
      console.log(`[browser ${user}] ${message.text()}`);
    }
  });
  await page.goto('/console/login');
  await page.fill('#username', user);
  await page.fill('#password', 'demo');
  const [response] = await Promise.all([
    page.waitForResponse(answer => new URL(answer.url()).pathname === '/console/' && answer.request().isNavigationRequest()),
    page.click('#login button[type=submit]')
  ]);
  if (response.ok()) {
    await page.waitForSelector('body[data-ready=true]'); // the console knows who is logged in
  }
  return {context, page, response};
}

async function openQueue(page) {
  await page.click('#tabs a[data-section=reviews]');
  const card = page.locator(`article.review[data-transfer-id="${transferId}"]`);
  await card.waitFor();
  return card;
}

async function screenshot(page, name) {
  const file = path.join(screenshotDir, name + '.png');
  await page.screenshot({path: file, fullPage: true});
  console.log('screenshot ' + file);
}

async function logOut(page) {
  await page.click('#logout');
  await page.waitForURL(/\/console\/login\?logout$/);
  assert.match(await page.textContent('#message'), /logged out/);
}

test('a customer who logs in gets a 403 page and no console', async () => {
  const {context, page, response} = await loggedInAs('alice');
  assert.equal(response.status(), 403);
  assert.match(await page.textContent('#reason'), /alice is CUSTOMER/);
  assert.equal(await page.locator('#review-list').count(), 0, 'none of the console is on the page');
  await screenshot(page, '01-customer-gets-403');
  await context.close();
});

test('an admin sees the transfer in the queue with its evidence and proposes a refund', async () => {
  const {context, page, response} = await loggedInAs('admin');
  assert.equal(response.status(), 200);
  assert.equal(await page.textContent('#who'), 'admin');
  const card = await openQueue(page);
  const debit = card.locator('.evidence tr[data-leg=DEBIT]');
  const credit = card.locator('.evidence tr[data-leg=CREDIT]');
  assert.match(await debit.textContent(), /TAKEN/, 'the debit was taken');
  assert.match(await credit.textContent(), /NEVER_SEEN/, 'the credit was never seen');
  assert.match(await card.locator('.review-facts').textContent(), /STEP_TIMED_OUT/);
  await screenshot(page, '02-queue-with-evidence');

  await card.locator('form.propose select[name=action]').selectOption('refund');
  await card.locator('form.propose input[name=reason]').fill('The destination never answered; give the money back');
  await card.locator('form.propose button').click();
  await card.locator('.pending').waitFor();
  assert.match(await card.locator('.review-outcome').textContent(), /Proposed refund/);
  assert.match(await card.locator('.pending-facts').textContent(), /admin/);
  assert.equal(await card.locator('form.propose').isVisible(), false, 'one open proposal at a time');

  // Four eyes: the API refuses the proposer's own approval, and the console says what the API said.
  await card.locator('form.approve button').click();
  const refusal = card.locator('.review-refusal');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /^FOUR_EYES_REQUIRED: /);
  await screenshot(page, '03-four-eyes-required');
  await logOut(page);
  await context.close();
});

test('an auditor sees the queue and the proposal, but no control to propose or approve', async () => {
  const {context, page} = await loggedInAs('auditor');
  const card = await openQueue(page);
  await card.locator('.pending').waitFor();
  assert.match(await page.textContent('#review-mode'), /Read-only/);
  assert.equal(await card.locator('form.propose').isVisible(), false);
  assert.equal(await card.locator('form.approve').isVisible(), false);
  assert.equal(await card.getByRole('button').count(), 0, 'no button at all on the entry');
  assert.equal(await page.locator('#tabs a[data-section=operations]').isVisible(), true, 'the books are the auditor\'s');
  await screenshot(page, '04-auditor-reads-only');
  await context.close();
});

test('a second admin approves the refund, and the transfer ends REFUNDED', async () => {
  const {context, page} = await loggedInAs('admin2');
  const card = await openQueue(page);
  await card.locator('form.approve input[name=reason]').fill('Checked with the destination bank: nothing arrived');
  await card.locator('form.approve button').click();
  const outcome = card.locator('.review-outcome');
  await outcome.filter({hasText: 'The transfer is now'}).waitFor();
  assert.match(await outcome.textContent(), /refund APPLIED, approved by admin2\. The transfer is now REFUNDED\./);
  await screenshot(page, '05-refund-approved');

  await page.click('#tabs a[data-section=transfers]');
  await page.fill('#transfer-open input[name=transferId]', transferId);
  await page.click('#transfer-open button');
  await page.locator('#transfer-detail').waitFor();
  assert.match(await page.textContent('#transfer-facts'), /REFUNDED/);
  const steps = await page.locator('#transfer-steps li .step').allTextContents();
  assert.ok(steps.includes('TransferRequested'), steps.join(', '));
  await screenshot(page, '06-transfer-timeline');

  // The source's history: its balance after the refund is what it was before the debit.
  await page.locator('#transfer-facts a.account').first().click();
  await page.locator('#history-result').waitFor();
  const rows = await page.locator('#history-events tbody tr').evaluateAll(trs => trs.map(tr =>
      [...tr.querySelectorAll('td')].map(td => td.textContent)));
  const ofTheTransfer = rows.map((row, index) => ({row, index})).filter(({row}) => row[4] === transferId);
  assert.ok(ofTheTransfer.length >= 2, 'the debit and its refund: ' + JSON.stringify(rows));
  const refund = ofTheTransfer.map(({row}) => row).find(row => row[2] === 'AccountDebitRefunded');
  assert.ok(refund, 'the refund is in the history: ' + JSON.stringify(rows));
  assert.match(refund[5], /refund by admin, approved by admin2/, 'the refund says which resolution sent it');
  const before = rows[ofTheTransfer[0].index - 1][6];
  const last = rows[rows.length - 1][6];
  assert.equal(last, before, 'the balance after the refund is the balance before the debit');
  assert.match(await page.textContent('#history-last-balance'), new RegExp(before.replace('.', '\\.')));
  await screenshot(page, '07-source-history-restored');
  await context.close();
});
