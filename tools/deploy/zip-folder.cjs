#!/usr/bin/env node
// Zips a folder's contents (files at the zip's root), as App Service's zip deploy expects.
// Usage: node tools/deploy/zip-folder.cjs <folder> <out.zip>
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createZip } = require('../manifest/zip.cjs');

const [folder, out] = process.argv.slice(2);
if (!folder || !out) {
  console.error('usage: node tools/deploy/zip-folder.cjs <folder> <out.zip>');
  process.exit(2);
}

function* files(dir, prefix = '') {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* files(path.join(dir, entry.name), name);
    else if (entry.isFile()) yield { name, data: fs.readFileSync(path.join(dir, entry.name)) };
  }
}

const entries = [...files(folder)];
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out, createZip(entries));
console.log(`${out}: ${entries.length} files`);
