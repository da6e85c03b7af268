'use strict';
// Shared by the card scripts: the official libraries, loaded the one way that works in Node, and JSON file input.
const fs = require('fs');
const path = require('path');

// A plain require('adaptivecards') fails in Node; the UMD bundle does not.
const AC = () => require('adaptivecards/dist/adaptivecards.js');
const ACData = () => require('adaptivecards-templating');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${e.message}`);
  }
}

// Cards come as file arguments, or as a JSON array of cards on stdin when there are none.
function readCards(files) {
  if (files.length > 0) {
    return files.map((file) => ({ name: path.basename(file, '.json'), card: readJson(file) }));
  }
  const cards = JSON.parse(fs.readFileSync(0, 'utf8'));
  return cards.map((card, i) => ({ name: `card-${i}`, card }));
}

function fail(usage) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

module.exports = { AC, ACData, readJson, readCards, fail };
