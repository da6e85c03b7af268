#!/usr/bin/env node
'use strict';
// Uses the Agents Playground's own page the way a person does: headless Chromium (Debian's), the personal chat,
// clicking the cards' buttons and typing into the rendered inputs. Each step waits for the bot's next card and
// saves a screenshot. Prints one JSON line per step ({"step","screenshot","saw","references"}: the text it waited
// for and the SMA-/INC-/HSR- references on the newest card); on a failed step it prints
// {"failed": step, "error"} and exits 1 (the screenshot of the failure is saved too).
// Usage: node playground-page.cjs <playground url> <screenshot folder>
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [url, outDir] = process.argv.slice(2);
if (!url || !outDir) {
  console.error('usage: node playground-page.cjs <playground url> <screenshot folder>');
  process.exit(2);
}

const STEP_TIMEOUT = 20000;
let page;
let stepNumber = 0;

/**
 * The newest card in the conversation: the bot's answer, or the card a click replaced in place. Not a yearly audit card:
 * in a test run accounts approved by other tests fall due for audit within seconds, and one may arrive in the chat mid-form.
 */
const card = () => page.locator('.ac-adaptiveCard').filter({ hasNotText: /Yearly audit: / }).last();

/** How many leaf elements in the page show text matching `pattern` (a card replaced in place counts too). */
const countText = (pattern) => page.evaluate(
  (source) => [...document.querySelectorAll('*')].filter((e) => e.childElementCount === 0 && new RegExp(source).test(e.textContent)).length,
  pattern.source);

/** Does `act`, then waits until more elements show `answer` than before it. */
async function andWaitFor(answer, act) {
  const before = await countText(answer);
  await act();
  await page.waitForFunction(
    ({ source, n }) => [...document.querySelectorAll('*')].filter((e) => e.childElementCount === 0 && new RegExp(source).test(e.textContent)).length > n,
    { source: answer.source, n: before }, { timeout: STEP_TIMEOUT });
  // Let the card finish rendering before the screenshot.
  await page.waitForTimeout(300);
}

async function step(name, answer, act) {
  stepNumber += 1;
  const file = path.join(outDir, `${String(stepNumber).padStart(2, '0')}-${name}.png`);
  try {
    await andWaitFor(answer, act);
    const saw = (await page.getByText(answer).last().textContent()).trim();
    const references = [...new Set((await card().textContent()).match(/\b(SMA|INC|HSR)-\d{4}-\d{4}\b/g) ?? [])];
    await card().scrollIntoViewIfNeeded();
    await page.screenshot({ path: file });
    console.log(JSON.stringify({ step: name, screenshot: file, saw, references }));
  } catch (error) {
    await page.screenshot({ path: file }).catch(() => {});
    console.log(JSON.stringify({ failed: name, screenshot: file, error: error.message.split('\n')[0] }));
    error.reported = true;
    throw error;
  }
}

// What a person does with the rendered inputs of the newest card.
const click = (title) => card().getByRole('button', { name: title, exact: true }).click();
const type = (label, text) => card().getByRole('textbox', { name: label }).first().fill(text);
const tick = (label) => card().getByRole('checkbox', { name: label }).check();
const pick = (label) => card().getByRole('radio', { name: label }).check();
async function choose(label, option) {
  await card().getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function say(text, answer) {
  const box = page.locator('[contenteditable=true][role=textbox]').last();
  await andWaitFor(answer, async () => { await box.fill(text); await box.press('Enter'); });
}

async function requestAnAccount() {
  await step('welcome-request-account', /^Request an official account$/, () => click('Request an official account'));
  await choose('Platform', 'Instagram');
  await type('Account name or handle', '@LSHTM_PageTest');
  await choose('Which part of the university?', 'Department');
  await type('Its name', 'Department of Page Tests');
  await type('What is the account for?', 'Sharing our research on vector-borne disease with the public.');
  await type('Who is it for?', 'Researchers, funders and the public.');
  await type("How does it support your unit's strategic aims?", 'It raises the profile of our research.');
  await type('What will you post?', 'Paper summaries, events and field photos.');
  await choose('How often will you post?', 'Every week');
  await type('How will you know it is working?', 'Followers and visits to our papers.');
  await type('Who will run it, and how much time do they have?', 'Our communications officer, 3 hours a week.');
  await type('How are posts signed off before they go out?', 'The head of department approves each post.');
  await type('Or their work email', 'jordan.patel@contoso.example');
  await tick('I have read the social media policy');
  await tick('We will use strong, unique passwords');
  await tick('I will take social media training');
  await step('account-request-sent', /^Your request is with Comms$/, () => click('Send request to Comms'));
  await step('my-requests-from-card', /^My requests$/, () => click('My requests'));
  await step('back-to-menu', /how can I help\?/, () => click('Back to the menu'));
}

async function reportAnIncident() {
  await step('welcome-report-incident', /^Report a social media incident$/, () => click('Report an incident'));
  await type('What happened', 'A fake account is posting as our department and asking for donations.');
  await type('Link(s) to the content', 'https://x.com/fake_lshtm_dept/status/1');
  await choose('Platform', 'X (Twitter)');
  await pick('Someone outside the university');
  await pick("Content that could damage the university's or a colleague's reputation");
  await card().getByLabel('When did you notice it').fill(new Date().toISOString().slice(0, 10));
  await pick('Yes, it is still up');
  await pick('Normal');
  await step('incident-reported', /^Report INC-\d{4}-\d{4} sent to Comms$/, () => click('Send report to Comms'));
}

async function askForSupport() {
  await say('help', /how can I help\?/);
  await step('welcome-get-support', /^You are not alone$/, () => click('Get support with harassment'));
  // A click on an Action.Execute button replaces its card in place: wait for what only the new card says.
  await step('support-form', /^What may your line manager see\?/, () => click("It's happening to me"));
  await type('What is happening', 'Accounts reply to every post about my vaccine research with threats.');
  await card().getByRole('combobox', { name: 'Where is it happening? (optional, choose all that apply)' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'X (Twitter)', exact: true }).click();
  await page.keyboard.press('Escape');
  await pick('This month');
  await pick('Yes, it is still happening');
  await pick('Yes, my research');
  await tick('Wellbeing support');
  await pick('Only that I asked for support, and how to support me');
  await step('support-check', /^Who will be told$/, () => click('Check before sending'));
  await step('support-sent', /^Your request is with us$/, () => click('Send my request'));
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // The page asks a CDN for fonts and animations; nothing outside loopback is reachable here.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
    await step('opened', /how can I help\?/, () => page.goto(url, { waitUntil: 'domcontentloaded' }));
    await requestAnAccount();
    await reportAnIncident();
    await askForSupport();
  } finally {
    await browser.close();
  }
})().catch((error) => {
  // A failed step has said so already; anything else (an input not found) says what it was doing.
  if (!error.reported) console.log(JSON.stringify({ failed: `after step ${stepNumber}`, error: error.message.split('\n').slice(0, 3).join(' ') }));
  process.exit(1);
});
