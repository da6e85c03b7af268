#!/usr/bin/env node
// Builds the Teams app package to upload to Teams (or the Teams admin centre).
//
// Usage: BOT_ID=<Microsoft app id> BOT_DOMAIN=<public host name> [TEAMS_APP_ID=<guid>] \
//          node tools/manifest/package.cjs [--out path/to/appPackage.zip]
//   BOT_ID        the bot's Microsoft app id (MicrosoftAppId is accepted instead)
//   BOT_DOMAIN    the host name the bot is served from, e.g. policybot.example.ac.uk (no https://)
//   TEAMS_APP_ID  the Teams app id; defaults to BOT_ID
// Substitutes them into manifest/manifest.json, validates the result and its icons (with
// validate.cjs), and writes manifest/build/appPackage.zip holding manifest.json, color.png and
// outline.png at its root. Exits 1, writing nothing, on any problem.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { validateManifestFile, defaultManifestPath } = require('./validate.cjs');
const { createZip } = require('./zip.cjs');

const defaultOut = path.join(path.dirname(defaultManifestPath), 'build', 'appPackage.zip');

function fail(message) {
  console.error(message);
  process.exit(1);
}

function readEnv(env) {
  const botId = env.BOT_ID || env.MicrosoftAppId;
  if (!botId) fail('BOT_ID is not set: set it to the bot\'s Microsoft app id (MicrosoftAppId).');
  const botDomain = env.BOT_DOMAIN;
  if (!botDomain) fail('BOT_DOMAIN is not set: set it to the bot\'s public host name, e.g. policybot.example.ac.uk.');
  if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(botDomain)) {
    fail(`BOT_DOMAIN must be a host name only (no https://, port or path), found ${JSON.stringify(botDomain)}.`);
  }
  return { TEAMS_APP_ID: env.TEAMS_APP_ID || botId, BOT_ID: botId, BOT_DOMAIN: botDomain };
}

function parseOut(argv) {
  const i = argv.indexOf('--out');
  if (i < 0) return defaultOut;
  if (!argv[i + 1]) fail('--out needs a file path');
  return path.resolve(argv[i + 1]);
}

async function main() {
  const values = readEnv(process.env);
  const out = parseOut(process.argv.slice(2));
  const manifestDir = path.dirname(defaultManifestPath);

  const { manifest, errors } = await validateManifestFile(defaultManifestPath, values);
  if (errors.length > 0) {
    fail(`The manifest is not valid with these values:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }

  const entries = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') }];
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    entries.push({ name: icon, data: fs.readFileSync(path.join(manifestDir, icon)) });
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, createZip(entries));
  console.log(`wrote ${out} (${entries.map((e) => e.name).join(', ')}) for app ${values.TEAMS_APP_ID}, bot ${values.BOT_ID} at ${values.BOT_DOMAIN}`);
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
