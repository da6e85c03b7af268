#!/usr/bin/env node
// Validates the Teams app manifest and its icons.
//
// Usage: node tools/manifest/validate.cjs [manifestPath]   (default: manifest/manifest.json)
// The ${{TEAMS_APP_ID}}, ${{BOT_ID}} and ${{BOT_DOMAIN}} placeholders are replaced by sample
// values, then the manifest is checked against the official JSON schema of its manifestVersion
// (shipped offline in @microsoft/app-manifest), and the icons it names are checked: colour icon
// exactly 192x192, outline icon exactly 32x32, white only on a transparent background.
// Prints every problem and exits 1 if there is any, 0 otherwise.
//
// As a module it is also what package.cjs validates with.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

let AppManifestUtils;
let PNG;
try {
  ({ AppManifestUtils } = require('@microsoft/app-manifest'));
  ({ PNG } = require('pngjs'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    console.error(`${err.message.split('\n')[0]}\nnode_modules is missing or incomplete: run npm ci at the repo root.`);
    process.exit(1);
  }
  throw err;
}

const repoRoot = path.resolve(__dirname, '..', '..');
const defaultManifestPath = path.join(repoRoot, 'manifest', 'manifest.json');

// Sample values for checking the template; package.cjs passes the real ones.
const SAMPLE_VALUES = Object.freeze({
  TEAMS_APP_ID: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  BOT_ID: '0b9e8d7c-6a5f-4e3d-9c2b-1a0f9e8d7c6b',
  BOT_DOMAIN: 'bot.example.org',
});

const ICON_RULES = Object.freeze({
  color: { size: 192 },
  outline: { size: 32, whiteOnTransparent: true },
});

// Least channel value that still counts as white for a visible outline-icon pixel.
const WHITE_MIN = 230;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Replaces ${{NAME}} placeholders; names without a value are left as they are (and reported by validate). */
function substitutePlaceholders(text, values) {
  return text.replace(PLACEHOLDER, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole);
}

function schemaPathFor(manifestVersion) {
  const pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(pkgDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

function loadSchema(manifestVersion) {
  const file = schemaPathFor(manifestVersion);
  if (!fs.existsSync(file)) return undefined;
  // The shipped schemas contain \a and \v escapes that JSON.parse rejects; the package itself
  // cleans them the same way before use.
  const raw = fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(raw);
}

async function schemaErrors(manifest) {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string' || !/^(\d+\.\d+|devPreview)$/.test(version)) {
    return [`manifestVersion must be a version string such as "1.30", found ${JSON.stringify(version)}`];
  }
  const schema = loadSchema(version === 'devPreview' ? 'DevPreview' : version);
  if (!schema) {
    return [`no official schema is shipped for manifestVersion ${version} (looked for ${schemaPathFor(version)})`];
  }
  const errors = [];
  const expectedSchemaUrl = new RegExp(`/json-schemas/teams/v${version.replace('.', '\\.')}/MicrosoftTeams\\.schema\\.json$`, 'i');
  if (typeof manifest.$schema !== 'string' || !expectedSchemaUrl.test(manifest.$schema)) {
    errors.push(`$schema should be the v${version} MicrosoftTeams.schema.json URL, found ${JSON.stringify(manifest.$schema)}`);
  }
  // Passing the schema keeps the package from downloading it.
  const found = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  return errors.concat(found.map((e) => `schema v${version}: ${e.trim()}`));
}

function iconErrors(manifest, baseDir) {
  const icons = manifest.icons && typeof manifest.icons === 'object' ? manifest.icons : {};
  const errors = [];
  for (const [kind, rule] of Object.entries(ICON_RULES)) {
    const name = icons[kind];
    if (typeof name !== 'string' || name === '') continue; // the schema reports a missing icon
    const label = `icons.${kind} (${name})`;
    if (name !== path.basename(name)) {
      errors.push(`${label}: must be a file name at the package root, without folders`);
      continue;
    }
    const file = path.join(baseDir, name);
    if (!fs.existsSync(file)) {
      errors.push(`${label}: file not found at ${file}`);
      continue;
    }
    let png;
    try {
      png = PNG.sync.read(fs.readFileSync(file));
    } catch (err) {
      errors.push(`${label}: not a readable PNG (${err.message})`);
      continue;
    }
    if (png.width !== rule.size || png.height !== rule.size) {
      errors.push(`${label}: must be exactly ${rule.size}x${rule.size} pixels, found ${png.width}x${png.height}`);
    }
    if (rule.whiteOnTransparent) errors.push(...outlineErrors(label, png));
  }
  return errors;
}

function outlineErrors(label, png) {
  let transparent = 0;
  let visible = 0;
  let notWhite = 0;
  let firstNotWhite;
  const { data, width } = png;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] === 0) {
      transparent++;
      continue;
    }
    visible++;
    if (Math.min(data[i], data[i + 1], data[i + 2]) < WHITE_MIN) {
      notWhite++;
      if (firstNotWhite === undefined) {
        const p = i / 4;
        firstNotWhite = `(${p % width}, ${Math.floor(p / width)}) rgba(${data[i]}, ${data[i + 1]}, ${data[i + 2]}, ${data[i + 3]})`;
      }
    }
  }
  const errors = [];
  if (transparent === 0) errors.push(`${label}: needs a transparent background, but no pixel is fully transparent`);
  if (visible === 0) errors.push(`${label}: is fully transparent, so it shows nothing`);
  if (notWhite > 0) errors.push(`${label}: must be white only, but ${notWhite} visible pixel(s) are not white, first at ${firstNotWhite}`);
  return errors;
}

/**
 * Checks a manifest object (placeholders already substituted) and the icons it names in baseDir.
 * Returns a list of problems; empty means valid.
 */
async function validateManifest(manifest, baseDir) {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return ['the manifest must be a JSON object'];
  }
  const errors = [];
  const leftover = JSON.stringify(manifest).match(PLACEHOLDER);
  if (leftover) errors.push(`placeholders without a value: ${[...new Set(leftover)].join(', ')}`);
  errors.push(...await schemaErrors(manifest));
  errors.push(...iconErrors(manifest, baseDir));
  return errors;
}

/** Reads a manifest template, substitutes values, parses and validates it. */
async function validateManifestFile(manifestPath, values = SAMPLE_VALUES) {
  let text;
  try {
    text = fs.readFileSync(manifestPath, 'utf8');
  } catch (err) {
    return { manifest: undefined, errors: [`cannot read ${manifestPath}: ${err.message}`] };
  }
  let manifest;
  try {
    manifest = JSON.parse(substitutePlaceholders(text.replace(/^\uFEFF/, ''), values));
  } catch (err) {
    return { manifest: undefined, errors: [`${manifestPath} is not valid JSON: ${err.message}`] };
  }
  const errors = await validateManifest(manifest, path.dirname(manifestPath));
  return { manifest, errors };
}

async function main() {
  const manifestPath = path.resolve(process.argv[2] || defaultManifestPath);
  const { manifest, errors } = await validateManifestFile(manifestPath);
  if (errors.length > 0) {
    console.error(`${manifestPath}: ${errors.length} problem(s)`);
    for (const e of errors) console.error(`  - ${e}`);
    process.exit(1);
  }
  console.log(`${manifestPath}: valid (manifestVersion ${manifest.manifestVersion}, icons checked, sample placeholder values)`);
}

module.exports = { SAMPLE_VALUES, substitutePlaceholders, validateManifest, validateManifestFile, defaultManifestPath };

if (require.main === module) {
  main().catch((err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  });
}
