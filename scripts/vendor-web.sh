#!/usr/bin/env bash
# Copies the browser scripts the workspace tab uses from node_modules (pinned in package.json) into
# bot/TeamsPolicyBot/wwwroot/lib/, where the app serves them: the tab loads nothing from a CDN.
# Run after changing one of these packages' versions in package.json (and npm ci), then commit
# wwwroot/lib. tests/.../Workspace/VendoredScriptsTests.cs checks the copies match node_modules.
#
#   ./scripts/vendor-web.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIB="$ROOT/bot/TeamsPolicyBot/wwwroot/lib"

# package  file in the package  folder under wwwroot/lib
VENDORED=(
  "@microsoft/teams-js dist/umd/MicrosoftTeams.min.js teams-js"
  "chart.js dist/chart.umd.min.js chart-js"
)

for entry in "${VENDORED[@]}"; do
  read -r package file folder <<<"$entry"
  source="$ROOT/node_modules/$package/$file"
  [[ -f "$source" ]] || { echo "vendor-web: $source is missing: run npm ci first." >&2; exit 1; }
  version="$(node -p "require('$ROOT/node_modules/$package/package.json').version")"
  mkdir -p "$LIB/$folder"
  cp "$source" "$LIB/$folder/$(basename "$file")"
  # Which version the copy is, for the test and for whoever reads the folder.
  printf '%s@%s\n' "$package" "$version" >"$LIB/$folder/VERSION"
  echo "vendor-web: $package@$version -> wwwroot/lib/$folder/$(basename "$file")"
done
