// Takes the README's screenshot: opens the running Agents Playground (./scripts/run-local.sh)
// in headless Chromium, says "help" in the personal chat and captures the page once the bot's
// welcome card is shown. Usage: node tools/docs/playground-screenshot.cjs [url] [out.png]
const { chromium } = require('playwright-core');

const url = process.argv[2] || 'http://127.0.0.1:56150';
const out = process.argv[3] || 'docs/welcome-card-playground.png';

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
    const greetings = page.getByText('how can I help?');
    await greetings.first().waitFor({ timeout: 30000 });
    const before = await greetings.count();
    await box.fill('help');
    await box.press('Enter');
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('*')].filter((e) => e.childElementCount === 0 && /how can I help\?/.test(e.textContent)).length > n,
      before, { timeout: 30000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: out });
    console.log(`saved ${out}`);
  } finally {
    await browser.close();
  }
})().catch((error) => { console.error(error.message); process.exit(1); });
