// Takes the README's screenshots: opens the running Agents Playground (./scripts/run-local.sh)
// in headless Chromium, says "help" in the personal chat and captures the page once the bot's
// welcome card is shown, then says "get support" and captures the support card.
// Usage: node tools/docs/playground-screenshot.cjs [url] [out-dir]
const path = require('path');
const { chromium } = require('playwright-core');

const url = process.argv[2] || 'http://127.0.0.1:56150';
const outDir = process.argv[3] || 'docs';

/** Says `text` and waits until one more leaf element than before matches `answer`. */
async function sayAndWait(page, box, text, answer) {
  const count = (pattern) => page.evaluate(
    (source) => [...document.querySelectorAll('*')].filter((e) => e.childElementCount === 0 && new RegExp(source).test(e.textContent)).length,
    pattern.source);
  const before = await count(answer);
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction(
    ({ source, n }) => [...document.querySelectorAll('*')].filter((e) => e.childElementCount === 0 && new RegExp(source).test(e.textContent)).length > n,
    { source: answer.source, n: before }, { timeout: 30000 });
  await page.waitForTimeout(500);
}

async function capture(page, name) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file });
  console.log(`saved ${file}`);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The page asks a CDN for fonts; nothing outside loopback is reachable here.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const box = page.getByRole('textbox').last();
    await box.waitFor({ timeout: 30000 });
    // Opening the chat installs the bot, which greets first; "help" then brings the named greeting.
    await page.getByText('how can I help?').first().waitFor({ timeout: 30000 });
    await sayAndWait(page, box, 'help', /how can I help\?/);
    await capture(page, 'welcome-card-playground.png');
    await sayAndWait(page, box, 'get support', /^You are not alone$/);
    // The card is taller than the page: show it from its top, where the person starts reading.
    await page.getByText('Social Media Desk · Support').last().evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await capture(page, 'support-card-playground.png');
  } finally {
    await browser.close();
  }
})().catch((error) => { console.error(error.message); process.exit(1); });
