#!/usr/bin/env node
'use strict';
// Opens the Comms workspace in headless Chromium (Debian's) the way someone does on the local run: "Sign in as" the
// first person offered, waits for the queue, the trends' charts and the register, opens a chart's table, filters the register, and looks at the page wide,
// 320px narrow and in the dark theme. Each view is screenshot and checked with axe-core (injected from node_modules).
// Prints one JSON line per view: {"view","screenshot","queueRows","registerRows","range","states","overflow",
// "charts":[{title,drawn,tableRows}],"waits","violations":[{id,impact,help,nodes}]}
// (serious and critical violations only); on a failure {"failed","error"} and exit 1.
// Usage: node workspace-page.cjs <workspace url> <screenshot folder>
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [url, outDir] = process.argv.slice(2);
if (!url || !outDir) {
  console.error('usage: node workspace-page.cjs <workspace url> <screenshot folder>');
  process.exit(2);
}

const axeSource = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

async function look(page, view) {
  const screenshot = path.join(outDir, `${view}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const violations = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  const queueRows = await page.locator('#queue-rows tr').count();
  const registerRows = await page.locator('#register-rows tr').count();
  const range = (await page.locator('#register-range').textContent()).trim();
  const states = await page.locator('#queue-rows .badge').allTextContents();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  // Each trend chart: its title, whether Chart.js drew on its canvas (some pixel not transparent), and its table's rows.
  const charts = await page.locator('#trends-charts figure').evaluateAll((figures) => figures.map((figure) => {
    const canvas = figure.querySelector('canvas');
    const pixels = canvas && canvas.width > 0 && canvas.height > 0 ? canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data : [];
    let drawn = false;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) { drawn = true; break; }
    return { title: figure.querySelector('h3').textContent, drawn, tableRows: figure.querySelectorAll('details table tbody tr').length };
  }));
  const waits = await page.locator('#waits li').allTextContents();
  console.log(JSON.stringify({ view, screenshot, queueRows, registerRows, range, states, overflow, charts, waits, violations }));
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Sign in as' }).waitFor({ timeout: 20000 });
    await page.locator('#sign-in-people button').first().click();
    await page.locator('#queue-rows tr').first().waitFor({ timeout: 20000 });
    await page.locator('#register-rows tr').first().waitFor({ timeout: 20000 });
    await page.locator('#trends-charts canvas').first().waitFor({ timeout: 20000 });
    await look(page, 'wide');

    // The numbers behind a chart, open: the table is what a screen reader reads, so axe checks it open too.
    await page.locator('#trends-charts summary').first().click();
    await look(page, 'table-open');

    await page.getByLabel('Status').selectOption({ label: 'Closed' });
    await page.getByRole('button', { name: 'Show accounts' }).click();
    await page.getByText('No accounts match.').first().waitFor({ timeout: 10000 });
    await look(page, 'filtered');
    await page.getByLabel('Status').selectOption({ label: 'Any status' });
    await page.getByRole('button', { name: 'Show accounts' }).click();
    await page.locator('#register-rows tr').first().waitFor({ timeout: 10000 });

    await page.setViewportSize({ width: 320, height: 800 });
    await look(page, 'narrow-320px');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await look(page, 'dark');
  } catch (error) {
    console.log(JSON.stringify({ failed: true, error: error.message.split('\n')[0] }));
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
