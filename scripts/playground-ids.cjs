#!/usr/bin/env node
// Turns .m365agentsplayground.yml (the local fake tenant) into the bot's settings, so that the
// people and channels the bot is configured with are the ones the Playground shows.
//
//   node scripts/playground-ids.cjs [path/to/.m365agentsplayground.yml] [--json]
//
// Default output: one command-line setting a line ("--Comms:TeamId=19:..."), for the bot's
// argument list (run-local.sh reads them with mapfile). Command-line rather than environment
// variables because Directory:Managers keys are GUIDs, and "Directory__Managers__<guid>" is not
// a name a shell can export.
// --json: the settings plus every id, by role, for the end-to-end tests.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// The Playground's schema allows no extra fields on a user, so roles go by position; the yml's
// comment block says the same.
const roles = ['commsApprover', 'lineManager', 'seniorManager', 'otherStaff', 'caseHandler'];
const commsChannelName = 'Comms approvals';

function main(argv) {
  const json = argv.includes('--json');
  const file = argv.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..', '.m365agentsplayground.yml');
  const config = parseYaml(fs.readFileSync(file, 'utf8'), file);

  const users = config.users ?? [];
  if (users.length !== roles.length) {
    fail(`${file}: the Playground needs exactly ${roles.length} users (found ${users.length}).`);
  }
  const people = Object.fromEntries(roles.map((role, i) => [role, person(users[i])]));
  people.staff = person(config.currentUser);

  const channels = config.team?.channels ?? [];
  const comms = channels.find((c) => c.name === commsChannelName);
  if (!comms) {
    fail(`${file}: the team has no "${commsChannelName}" channel.`);
  }

  const settings = {
    'Comms:TeamId': config.team.id,
    'Comms:ChannelId': comms.id,
    'Comms:ApproverIds:0': people.commsApprover.aadObjectId,
    'Escalation:ContactIds:0': people.seniorManager.aadObjectId,
    'Support:CaseHandlerIds:0': people.caseHandler.aadObjectId,
    [`Directory:Managers:${people.staff.aadObjectId}`]: people.lineManager.aadObjectId,
    [`Directory:Managers:${people.otherStaff.aadObjectId}`]: people.lineManager.aadObjectId,
    // The Playground's page does not open Teams dialogs (task/fetch): the welcome card posts the forms into the chat.
    'Welcome:FormsInDialogs': 'false',
  };
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value !== 'string' || value.length === 0 || /[\r\n]/.test(value)) {
      fail(`${file}: ${key} would be empty or span lines (${JSON.stringify(value)}).`);
    }
  }

  if (json) {
    process.stdout.write(JSON.stringify({
      settings,
      tenantId: String(config.tenantId),
      bot: { id: String(config.bot.id), name: String(config.bot.name) },
      people,
      personalChatId: String(config.personalChat.id),
      groupChatId: String(config.groupChat.id),
      teamId: String(config.team.id),
      generalChannelId: String(config.team.id),
      commsChannelId: String(comms.id),
    }, null, 2) + '\n');
  } else {
    process.stdout.write(Object.entries(settings).map(([k, v]) => `--${k}=${v}\n`).join(''));
  }
}

function person(user) {
  return { id: String(user.id), aadObjectId: String(user.aadObjectId), name: String(user.name), email: String(user.email) };
}

function parseYaml(text, file) {
  let yaml;
  try {
    // Installed with the Playground's dependencies (npm ci); the same parser the Playground uses.
    yaml = require('yaml');
  } catch {
    fail(`The npm package "yaml" is missing: run npm ci in ${path.join(__dirname, '..')}.`);
  }
  try {
    return yaml.parse(text);
  } catch (e) {
    fail(`${file}: not valid YAML: ${e.message}`);
  }
}

function fail(message) {
  process.stderr.write(`playground-ids: ${message}\n`);
  process.exit(1);
}

main(process.argv.slice(2));
