#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what is missing (pinned npm tools, Debian's
# Chromium), then the xunit suite, which starts its own servers (Azurite, the bot, the Agents
# Playground, headless Chromium) and stops them when it ends. Prints one closing line with totals.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

command -v dotnet >/dev/null || { echo "dotnet (the .NET 10 SDK) is not on PATH." >&2; exit 1; }
command -v node >/dev/null || { echo "node (Node.js 20 or later) is not on PATH." >&2; exit 1; }

# npm ci only when the installed tree is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing pinned npm tools (npm ci)"
  npm ci --no-audit --no-fund
fi

if [ ! -x /usr/bin/chromium ]; then
  say "Installing Chromium (Debian package) for card and page screenshots"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

say "Building"
dotnet build TeamsPolicyBot.sln --nologo -v quiet

say "Checking the code style (.editorconfig) with dotnet format"
dotnet format TeamsPolicyBot.sln --verify-no-changes --no-restore -v quiet

say "Running tests (unit, integration on Azurite, cards, manifest, end-to-end through the Agents Playground)"
mkdir -p test-output
# Dozens of test hosts start in one process; each would watch appsettings.json for changes with its own inotify
# instance, and Linux allows 128 per user (a busy machine ran out). Tests never edit settings files at run time.
export DOTNET_hostBuilder__reloadConfigOnChange=false
set +e
dotnet test TeamsPolicyBot.sln --no-build --nologo --logger "trx;LogFileName=results.trx" --results-directory test-output/results 2>&1 | tee test-output/dotnet-test.log
status=${PIPESTATUS[0]}
set -e

# One closing line with the totals, from dotnet test's own summary lines (one per test assembly).
node -e '
  const log = require("fs").readFileSync("test-output/dotnet-test.log", "utf8");
  let passed = 0, failed = 0, skipped = 0, seen = false;
  for (const m of log.matchAll(/Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)/g)) {
    failed += +m[1]; passed += +m[2]; skipped += +m[3]; seen = true;
  }
  if (!seen) { console.log("0 passed, 1 failed: no test summary found (see test-output/dotnet-test.log)"); process.exit(1); }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
'
exit "$status"
