#!/usr/bin/env node
'use strict';
// Prints what the official templating library makes of a template and its data: the reference the C# engine must match.
const { ACData, readJson, fail } = require('./common.cjs');

const [templateFile, dataFile] = process.argv.slice(2);
if (!templateFile || !dataFile) {
  fail('usage: node tools/cards/expand.cjs <template.json> <data.json>');
}

const expanded = new (ACData().Template)(readJson(templateFile)).expand({ $root: readJson(dataFile) });
process.stdout.write(`${JSON.stringify(expanded, null, 2)}\n`);
