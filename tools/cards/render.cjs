#!/usr/bin/env node
'use strict';
// Screenshots expanded cards as the official renderer draws them, in headless Chromium with a Teams-like
// host config, so a person can see a card without Teams. One browser for all cards; no network.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { readCards, fail } = require('./common.cjs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOCAL_ONLY = /^(file|data|about):/;

// Teams renders a small markdown subset (bold, italic, lists, links); the library leaves markdown to the host.
function installMarkdown() {
  const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    const escapes = [];
    let html = escapeHtml(text.replace(/\\([\\`*_{}\[\]()#+\-.!~|=<>])/g, (_, c) => `\u0000${escapes.push(c) - 1}\u0000`));
    html = html
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|\W)_(.+?)_(?=\W|$)/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
      .replace(/\n/g, '<br>')
      .replace(/\u0000(\d+)\u0000/g, (_, i) => escapeHtml(escapes[Number(i)]));
    result.outputHtml = `<p>${html}</p>`;
    result.didProcess = true;
  };
}

async function renderAll(outDir, cards) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'card-render-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => (LOCAL_ONLY.test(route.request().url()) ? route.continue() : route.abort()));
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${fs.readFileSync(path.join(__dirname, 'render.css'), 'utf8')}</style></head><body><div id="surface"></div></body></html>`);
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    await page.evaluate(installMarkdown);
    const hostConfig = JSON.parse(fs.readFileSync(path.join(__dirname, 'teams-light.hostconfig.json'), 'utf8'));
    const written = [];
    for (const { name, card } of cards) {
      const problem = await page.evaluate(({ card, hostConfig }) => {
        const surface = document.getElementById('surface');
        surface.replaceChildren();
        const adaptiveCard = new AdaptiveCards.AdaptiveCard();
        adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
        adaptiveCard.parse(card);
        const element = adaptiveCard.render();
        if (!element) return 'the renderer produced nothing';
        surface.appendChild(element);
        return null;
      }, { card, hostConfig });
      if (problem) throw new Error(`${name}: ${problem}`);
      const file = path.join(outDir, `${name}.png`);
      await page.locator('#surface').screenshot({ path: file });
      written.push(file);
    }
    return written;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const [outDir, ...files] = process.argv.slice(2);
if (!outDir) {
  fail('usage: node tools/cards/render.cjs <outDir> <card.json>...   (or a JSON array of cards on stdin)');
}
fs.mkdirSync(outDir, { recursive: true });
renderAll(outDir, readCards(files)).then(
  (written) => process.stdout.write(`${JSON.stringify({ written }, null, 2)}\n`),
  (error) => { process.stderr.write(`${error.stack || error}\n`); process.exitCode = 1; },
);
