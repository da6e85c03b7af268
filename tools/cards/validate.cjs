#!/usr/bin/env node
'use strict';
// Checks expanded cards the way Teams will see them (schema 1.5), with the official library, plus what it lets
// through: misspelled or unknown properties (it ignores them silently) and TextBlocks without text.
// Prints a JSON report; exits 1 when any card has an issue.
const { AC, readCards } = require('./common.cjs');

const TEAMS_MAX_VERSION = '1.5';

// Properties the library parses by hand, so they are missing from its schemas.
const EXTRA_PROPERTIES = {
  '*': ['fallback'],
  AdaptiveCard: ['body', 'actions', 'msteams'],
  Container: ['items'],
  Column: ['items'],
  TableCell: ['items'],
  ColumnSet: ['columns'],
  ActionSet: ['actions'],
  ImageSet: ['images'],
  RichTextBlock: ['inlines'],
  Table: ['columns', 'rows'],
  TableRow: ['cells'],
  'Action.ShowCard': ['card'],
};

// Objects without a "type" of their own, known by where they sit.
const UNTYPED_CHILDREN = {
  ColumnSet: { columns: 'Column' },
  FactSet: { facts: 'Fact' },
  'Input.ChoiceSet': { choices: 'Choice' },
  Table: { columns: 'TableColumnDefinition', rows: 'TableRow' },
  TableRow: { cells: 'TableCell' },
  '*': { backgroundImage: 'BackgroundImage' },
};

// Free-form payloads (submit data, Teams extensions) and parts the library checks itself.
const OPAQUE = new Set(['data', 'msteams', 'choices.data', 'refresh', 'authentication', 'requires']);

const UNTYPED_CLASSES = {
  Column: () => new (AC().Column)(),
  Fact: () => new (AC().Fact)(),
  Choice: () => new (AC().Choice)(),
  TableColumnDefinition: () => new (AC().TableColumnDefinition)(),
  TableRow: () => new (AC().TableRow)(),
  TableCell: () => new (AC().TableCell)(),
  BackgroundImage: () => new (AC().BackgroundImage)(),
};

function instanceOf(typeName) {
  const ac = AC();
  if (typeName === 'AdaptiveCard') return new ac.AdaptiveCard();
  if (UNTYPED_CLASSES[typeName]) return UNTYPED_CLASSES[typeName]();
  return ac.GlobalRegistry.elements.createInstance(typeName, ac.Versions.v1_5)
    ?? ac.GlobalRegistry.actions.createInstance(typeName, ac.Versions.v1_5);
}

function knownProperties(typeName, instance) {
  const schema = instance.getSchema();
  const names = new Set([...EXTRA_PROPERTIES['*'], ...(EXTRA_PROPERTIES[typeName] ?? [])]);
  for (let i = 0; i < schema.getCount(); i++) names.add(schema.getItemAt(i).name);
  return names;
}

// Walks the card JSON; reports properties the library would silently ignore and TextBlocks with nothing to say.
function checkObject(json, typeName, where, issues) {
  const instance = instanceOf(typeName);
  if (!instance) return; // An unknown type: the library reports it.
  const known = knownProperties(typeName, instance);
  for (const [key, value] of Object.entries(json)) {
    if (!known.has(key)) {
      issues.push({ severity: 'error', source: 'properties', where, message: `Unknown property "${key}" on ${typeName}.` });
    } else if (!OPAQUE.has(key)) {
      checkChildren(value, childType(typeName, key), `${where}.${key}`, issues);
    }
  }
  if (typeName === 'TextBlock' && (typeof json.text !== 'string' || json.text.trim() === '')) {
    issues.push({ severity: 'error', source: 'properties', where, message: 'TextBlock has no text.' });
  }
}

function childType(parentType, key) {
  return (UNTYPED_CHILDREN[parentType] ?? {})[key] ?? UNTYPED_CHILDREN['*'][key];
}

function checkChildren(value, untypedType, where, issues) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkChildren(item, untypedType, `${where}[${i}]`, issues));
  } else if (value !== null && typeof value === 'object') {
    const typeName = typeof value.type === 'string' ? value.type : untypedType;
    if (typeName) checkObject(value, typeName, where, issues);
  }
}

function versionIssues(card) {
  const version = String(card.version ?? '');
  const [major, minor] = version.split('.').map(Number);
  const [maxMajor, maxMinor] = TEAMS_MAX_VERSION.split('.').map(Number);
  if (!/^\d+\.\d+$/.test(version)) {
    return [{ severity: 'error', source: 'version', where: '$.version', message: `Card version "${version}" is missing or malformed.` }];
  }
  if (major > maxMajor || (major === maxMajor && minor > maxMinor)) {
    return [{ severity: 'error', source: 'version', where: '$.version', message: `Card version ${version} is above ${TEAMS_MAX_VERSION}, the highest Teams renders.` }];
  }
  return [];
}

// Teams' people picker: an Input.ChoiceSet whose "choices.data" queries graph.microsoft.com/users. Teams renders it in
// cards up to 1.5 with no static choices (see the Teams people-picker docs); the library only knows "choices.data"
// from 1.6 and wants a choice. Those two reports, and only for such a picker, are not problems in Teams.
const PEOPLE_PICKER_EVENTS = ['UnsupportedProperty', 'CollectionCantBeEmpty'];

function peoplePickerIds(value, ids = new Set()) {
  if (Array.isArray(value)) {
    value.forEach((item) => peoplePickerIds(item, ids));
  } else if (value !== null && typeof value === 'object') {
    const query = value['choices.data'];
    if (value.type === 'Input.ChoiceSet' && query?.type === 'Data.Query' && String(query.dataset ?? '').startsWith('graph.microsoft.com/users')) {
      ids.add(value.id);
    }
    Object.values(value).forEach((child) => peoplePickerIds(child, ids));
  }
  return ids;
}

function isTeamsPeoplePickerEvent(ac, e, pickers) {
  const name = ac.ValidationEvent[e.event];
  return e.source?.getJsonTypeName?.() === 'Input.ChoiceSet' && pickers.has(e.source.id) && PEOPLE_PICKER_EVENTS.includes(name)
    && (name !== 'UnsupportedProperty' || e.message.includes('"choices.data"'));
}

function libraryIssues(json) {
  const ac = AC();
  const card = new ac.AdaptiveCard();
  card.maxVersion = ac.Versions.v1_5;
  const context = new ac.SerializationContext(ac.Versions.v1_5);
  card.parse(json, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  const pickers = peoplePickerIds(json);
  return events.filter((e) => !isTeamsPeoplePickerEvent(ac, e, pickers)).map((e) => ({
    severity: e.phase === ac.ValidationPhase.Validation ? 'warning' : 'error',
    source: `adaptivecards:${ac.ValidationEvent[e.event]}`,
    where: e.source && e.source.getJsonTypeName ? e.source.getJsonTypeName() : '',
    message: e.message,
  }));
}

function validate(card) {
  const issues = [...versionIssues(card), ...libraryIssues(card)];
  checkObject(card, 'AdaptiveCard', '$', issues);
  if (JSON.stringify(card).includes('${')) {
    issues.push({ severity: 'error', source: 'template', where: '$', message: 'The card still holds an unexpanded ${...} binding.' });
  }
  return issues;
}

const report = readCards(process.argv.slice(2)).map(({ name, card }) => ({ name, issues: validate(card) }));
process.stdout.write(`${JSON.stringify({ ok: report.every((r) => r.issues.length === 0), cards: report }, null, 2)}\n`);
process.exitCode = report.some((r) => r.issues.length > 0) ? 1 : 0;
