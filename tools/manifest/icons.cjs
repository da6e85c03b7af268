#!/usr/bin/env node
// Renders the Teams app icons from their SVG sources in headless Chromium:
//   manifest/icons/color.svg   -> manifest/color.png   (192x192, full colour)
//   manifest/icons/outline.svg -> manifest/outline.png (32x32, white on transparent)
//
// Usage: node tools/manifest/icons.cjs [--preview DIR]
//   --preview DIR  also writes enlargements (at least 256 px) on a dark background to DIR, for eyeballing.
// Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH) and the repo's node_modules.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const repoRoot = path.resolve(__dirname, '..', '..');
const manifestDir = path.join(repoRoot, 'manifest');

const ICONS = [
  { source: 'icons/color.svg', output: 'color.png', size: 192 },
  { source: 'icons/outline.svg', output: 'outline.png', size: 32 },
];

const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function pageFor(svg, background) {
  return `<!doctype html><html><head><style>
    html, body { margin: 0; padding: 0; background: ${background}; }
    svg { display: block; }
  </style></head><body>${svg}</body></html>`;
}

async function render(browser, svg, size, scale, background) {
  const context = await browser.newContext({
    viewport: { width: size, height: size },
    deviceScaleFactor: scale,
  });
  try {
    const page = await context.newPage();
    await page.setContent(pageFor(svg, background));
    return await page.screenshot({
      type: 'png',
      omitBackground: background === 'transparent',
      clip: { x: 0, y: 0, width: size, height: size },
    });
  } finally {
    await context.close();
  }
}

async function main() {
  const previewIndex = process.argv.indexOf('--preview');
  const previewDir = previewIndex > 0 ? process.argv[previewIndex + 1] : undefined;
  if (previewIndex > 0 && !previewDir) throw new Error('--preview needs a folder');

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: LAUNCH_ARGS,
  });
  try {
    for (const icon of ICONS) {
      const svg = fs.readFileSync(path.join(manifestDir, icon.source), 'utf8');
      const png = await render(browser, svg, icon.size, 1, 'transparent');
      fs.writeFileSync(path.join(manifestDir, icon.output), png);
      console.log(`wrote manifest/${icon.output} (${icon.size}x${icon.size})`);
      if (previewDir) {
        fs.mkdirSync(previewDir, { recursive: true });
        const scale = Math.max(2, Math.round(256 / icon.size));
        const big = await render(browser, svg, icon.size, scale, '#292929');
        const file = path.join(previewDir, `preview-${icon.output}`);
        fs.writeFileSync(file, big);
        console.log(`wrote ${file}`);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
