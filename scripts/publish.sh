#!/usr/bin/env bash
# Builds what Azure runs, from the outputs of the infra/ deployment (README, "Deploy to Azure"):
#   BOT_ID=<botAppId> BOT_DOMAIN=<botDomain> ./scripts/publish.sh [out-dir]
# writes <out-dir>/bot.zip (dotnet publish -c Release -r linux-x64, ReadyToRun, for `az webapp deploy --type zip`) and
# <out-dir>/appPackage.zip (the Teams app package with the real app id and domain filled in).
# out-dir defaults to publish/ (git-ignored). The published app is also left in <out-dir>/app.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${1:-publish}"
command -v dotnet >/dev/null || { echo "publish: dotnet (the .NET 10 SDK) is not on PATH." >&2; exit 1; }
command -v node >/dev/null || { echo "publish: node (Node.js 20 or later) is not on PATH." >&2; exit 1; }
[[ -n "${BOT_ID:-}" && -n "${BOT_DOMAIN:-}" ]] || {
  echo "publish: set BOT_ID and BOT_DOMAIN (the botAppId and botDomain outputs of the infra/ deployment)." >&2; exit 1; }

rm -rf "$OUT/app"
# App Service runs the bot on Linux x64 (infra/modules/web.bicep); ReadyToRun code starts faster than JIT-compiled
# code (issue 14's cold start) at the price of a larger zip.
dotnet publish bot/TeamsPolicyBot/TeamsPolicyBot.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$OUT/app" --nologo -v quiet
node tools/deploy/zip-folder.cjs "$OUT/app" "$OUT/bot.zip"
node tools/manifest/package.cjs --out "$OUT/appPackage.zip"
echo "publish: $OUT/bot.zip (az webapp deploy --type zip) and $OUT/appPackage.zip (Teams admin centre)"
