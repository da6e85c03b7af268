#!/usr/bin/env bash
# Deploys Social Media Desk into an Azure resource group, with no secret anywhere (README, "Deploy to Azure"):
#   az group create -n rg-social-media-desk -l uksouth
#   ./scripts/deploy.sh rg-social-media-desk
# Fill in infra/main.bicepparam first. Runs the infra/ deployment, builds the bot and the Teams app package
# with its outputs (scripts/publish.sh), and deploys the zip to the web app. PUBLISH_DIR (default publish/)
# is where the zips are written.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'deploy: %s\n' "$*"; }
die() { printf 'deploy: error: %s\n' "$*" >&2; exit 1; }

GROUP="${1:-}"
[[ -n "$GROUP" ]] || die "usage: ./scripts/deploy.sh <resource group> (create it first: az group create -n <name> -l <region>)."
command -v az >/dev/null 2>&1 || die "the Azure CLI (az) is not on PATH: install it and run az login."
OUT="${PUBLISH_DIR:-publish}"

say "deploying infra/main.bicep with infra/main.bicepparam into $GROUP..."
outputs="$(az deployment group create -g "$GROUP" -f infra/main.bicep -p infra/main.bicepparam --query properties.outputs -o json)" \
  || die "the infrastructure deployment failed (see az's message above)."
output() { node -e 'const o = JSON.parse(process.argv[1]); const v = o[process.argv[2]]; if (!v) process.exit(1); console.log(v.value);' "$outputs" "$1" \
  || die "the deployment has no output named $1."; }
BOT_ID="$(output botAppId)"; BOT_DOMAIN="$(output botDomain)"; WEB_APP="$(output webAppName)"

say "building the bot and the Teams app package for $BOT_DOMAIN..."
BOT_ID="$BOT_ID" BOT_DOMAIN="$BOT_DOMAIN" ./scripts/publish.sh "$OUT"

say "deploying $OUT/bot.zip to the web app $WEB_APP..."
az webapp deploy -g "$GROUP" -n "$WEB_APP" --src-path "$OUT/bot.zip" --type zip || die "the zip deployment failed (see az's message above)."

say "done. The bot answers at $(output messagingEndpoint)."
say "Next: upload $OUT/appPackage.zip in the Teams admin centre (Teams apps > Manage apps > Upload new app) and add the app to the Comms team."
