#!/usr/bin/env bash
# Runs the bot on this machine, talking to Microsoft 365 Agents Playground (a local Teams client),
# with Azurite as its table storage. One command, nothing in the cloud:
#
#   ./scripts/run-local.sh
#
# Then open the URL it prints. Ctrl-C stops all three. The fake tenant (people, team, channels)
# is .m365agentsplayground.yml; scripts/playground-ids.cjs turns it into the bot's settings.
#
# Ports (override with environment variables): BOT_PORT=3978, AZURITE_TABLE_PORT=10002,
# PLAYGROUND_PORT=56150. CONFIGURATION=Debug|Release. PLAYGROUND_RECORD=1 makes the Playground
# write every request and response to devTools/events_recording_*.log.
# Logs: .local/run/{azurite,bot,playground}.log; table data persists in .azurite/ (both git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BOT_PORT="${BOT_PORT:-3978}"
AZURITE_TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
CONFIGURATION="${CONFIGURATION:-Debug}"
LOG_DIR="$ROOT/.local/run"
ACCOUNT_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

say() { printf 'run-local: %s\n' "$*"; }
die() { printf 'run-local: error: %s\n' "$*" >&2; exit 1; }

# --- prerequisites --------------------------------------------------------------------------------
command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH: install the .NET 10 SDK (see global.json)."
command -v node >/dev/null 2>&1 || die "node is not on PATH: install Node.js 20 or later."
command -v curl >/dev/null 2>&1 || die "curl is not on PATH: it is used to wait for the services to answer."
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 20 )) || die "Node.js $(node --version) is too old: the Playground and Azurite need 20 or later."

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for spec in "the bot:BOT_PORT" "Azurite:AZURITE_TABLE_PORT" "the Playground:PLAYGROUND_PORT"; do
  name="${spec%%:*}"; variable="${spec##*:}"; port="${!variable}"
  if port_busy "$port"; then
    die "port $port (for $name) is already in use: stop what listens there (ss -ltnp 'sport = :$port') or run with $variable=<another port>."
  fi
done

if [[ ! -f node_modules/@microsoft/m365agentsplayground/cli.js || ! -f node_modules/azurite/dist/src/table/main.js ]]; then
  command -v npm >/dev/null 2>&1 || die "node_modules is missing and npm is not on PATH."
  say "installing the pinned npm tools (npm ci)..."
  npm ci --no-audit --no-fund
fi

mkdir -p "$LOG_DIR"
say "building the bot ($CONFIGURATION)..."
if ! dotnet build bot/TeamsPolicyBot/TeamsPolicyBot.csproj -c "$CONFIGURATION" --nologo >"$LOG_DIR/build.log" 2>&1; then
  grep -E 'error|warn' "$LOG_DIR/build.log" | sort -u | tail -n 40 >&2
  die "the bot does not build (full output: $LOG_DIR/build.log)."
fi
BOT_DLL="bot/TeamsPolicyBot/bin/$CONFIGURATION/net10.0/TeamsPolicyBot.dll"
[[ -f "$BOT_DLL" ]] || die "the build did not produce $BOT_DLL."

# One "--Key=value" a line; command-line settings because the Directory:Managers keys are GUIDs,
# which cannot be exported as environment variable names.
mapfile -t BOT_SETTINGS < <(node scripts/playground-ids.cjs) || die "could not read .m365agentsplayground.yml."
(( ${#BOT_SETTINGS[@]} > 0 )) || die "scripts/playground-ids.cjs printed no settings."

mkdir -p .azurite
: >"$LOG_DIR/azurite.log"; : >"$LOG_DIR/bot.log"; : >"$LOG_DIR/playground.log"

# --- stopping ------------------------------------------------------------------------------------
AZURITE_PID=""; BOT_PID=""; PLAYGROUND_PID=""
stopping=0
cleanup() {
  (( stopping )) && return
  stopping=1
  trap '' INT TERM
  say "stopping..."
  [[ -n "$PLAYGROUND_PID" ]] && kill -TERM "$PLAYGROUND_PID" 2>/dev/null || true
  [[ -n "$BOT_PID" ]] && kill -TERM "$BOT_PID" 2>/dev/null || true
  # SIGINT, once: Azurite then flushes its last writes to .azurite/ (SIGTERM can lose ~5 s of them,
  # and a second SIGINT kills it before the flush).
  [[ -n "$AZURITE_PID" ]] && kill -INT "$AZURITE_PID" 2>/dev/null || true
  for pid in "$PLAYGROUND_PID" "$BOT_PID" "$AZURITE_PID"; do
    [[ -n "$pid" ]] || continue
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  say "stopped."
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Each child runs in its own session (setsid), so Ctrl-C reaches only this script, which then stops
# them in order. Without it the terminal would also SIGINT Azurite directly, and the trap's SIGINT
# would be a second one.
start() { # start <log> <command...>; sets STARTED_PID
  local log="$1"; shift
  setsid "$@" >>"$log" 2>&1 </dev/null &
  STARTED_PID=$!
}

wait_for() { # wait_for <what> <pid> <seconds> <test command...>
  local what="$1" pid="$2" seconds="$3"; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || return 1
    (( SECONDS < deadline )) || { say "$what did not become ready within ${seconds}s."; return 1; }
    sleep 0.2
  done
}

# --- Azurite -------------------------------------------------------------------------------------
say "starting Azurite (tables on 127.0.0.1:$AZURITE_TABLE_PORT, data in .azurite/)..."
start "$LOG_DIR/azurite.log" node node_modules/azurite/dist/src/table/main.js \
  --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" --location .azurite --disableTelemetry --silent
AZURITE_PID=$STARTED_PID
wait_for Azurite "$AZURITE_PID" 30 grep -q "successfully started" "$LOG_DIR/azurite.log" \
  || { tail -n 20 "$LOG_DIR/azurite.log" >&2; die "Azurite did not start (log: $LOG_DIR/azurite.log)."; }

# --- the bot -------------------------------------------------------------------------------------
say "starting the bot on http://127.0.0.1:$BOT_PORT (Development, inbound auth off)..."
# Development and no MicrosoftAppId: the Playground sends no token, so the bot must not ask for one.
# Comms:ServiceUrl is the Playground's connector, so the bot can read the Comms team's roster (and
# show card buttons only to those who may use them) before anything has happened in the team.
# An empty --MicrosoftAppId= on the command line wins over one left in the shell or user secrets.
# --contentRoot: appsettings.json (log levels) is read from the content root, which is otherwise the working directory.
start "$LOG_DIR/bot.log" env ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development \
  dotnet "$BOT_DLL" --contentRoot "$ROOT/$(dirname "$BOT_DLL")" --urls "http://127.0.0.1:$BOT_PORT" --MicrosoftAppId= \
  "--ConnectionStrings:Tables=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$ACCOUNT_KEY;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;" \
  "--Comms:ServiceUrl=http://127.0.0.1:$PLAYGROUND_PORT/_connector" "${BOT_SETTINGS[@]}"
BOT_PID=$STARTED_PID
wait_for "the bot" "$BOT_PID" 60 curl -fs -o /dev/null "http://127.0.0.1:$BOT_PORT/healthz" \
  || { tail -n 30 "$LOG_DIR/bot.log" >&2; die "the bot did not become healthy (log: $LOG_DIR/bot.log)."; }

# --- the Playground ------------------------------------------------------------------------------
say "starting Microsoft 365 Agents Playground..."
playground_args=(-e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT"
  --service-url "http://127.0.0.1:$PLAYGROUND_PORT/_connector" --disable-telemetry)
[[ "${PLAYGROUND_RECORD:-0}" == 1 ]] && playground_args+=(--enable-events-recording)
# It reads .m365agentsplayground.yml from its working directory (the repo root), and says why it
# rejects one only in devTools/m365agentsplayground.log, after it has printed "Listening on".
# (It starts that file afresh each run.)
PLAYGROUND_LOG=devTools/m365agentsplayground.log
playground_failed() {
  tail -n 20 "$LOG_DIR/playground.log" >&2
  if [[ -f "$PLAYGROUND_LOG" ]]; then
    grep -E '^(error|warn)' "$PLAYGROUND_LOG" >&2 || true
  fi
  die "the Playground $1 (logs: $LOG_DIR/playground.log, $PLAYGROUND_LOG)."
}
start "$LOG_DIR/playground.log" env TEAMSAPPTESTER_BROWSER=none APPLICATION_INSIGHTS_NO_STATSBEAT=true \
  node node_modules/@microsoft/m365agentsplayground/cli.js "${playground_args[@]}"
PLAYGROUND_PID=$STARTED_PID
wait_for "the Playground" "$PLAYGROUND_PID" 30 grep -q "Listening on" "$LOG_DIR/playground.log" \
  || playground_failed "did not start"
# If its port was taken after our check it silently picks another, and the serviceUrl would be wrong.
listening="$(grep -o 'Listening on [0-9]*' "$LOG_DIR/playground.log" | head -n 1 | awk '{print $3}')"
[[ "$listening" == "$PLAYGROUND_PORT" ]] \
  || die "the Playground listens on $listening, not $PLAYGROUND_PORT (was the port taken meanwhile?)."
wait_for "the Playground" "$PLAYGROUND_PID" 30 curl -fs -o /dev/null "http://127.0.0.1:$PLAYGROUND_PORT/_debug/ping" \
  || playground_failed "stopped or does not answer /_debug/ping"

cat <<EOF

  Microsoft 365 Agents Playground:  http://127.0.0.1:$PLAYGROUND_PORT
  You are Sam Taylor (member of staff); say "help" in the personal chat with Social Media Desk.
  Bot:      http://127.0.0.1:$BOT_PORT/api/messages   (health: /healthz)
  Comms workspace (the Teams tab): http://127.0.0.1:$BOT_PORT/workspace   ("Sign in as" one of the Comms people)
  Storage:  Azurite tables on 127.0.0.1:$AZURITE_TABLE_PORT, data in .azurite/
  Logs:     tail -f $LOG_DIR/bot.log   (also azurite.log, playground.log)
  Ctrl-C stops everything.

EOF

# Stay up until Ctrl-C or until one of the three dies (then say which and stop the others).
set +e
wait -n "$AZURITE_PID" "$BOT_PID" "$PLAYGROUND_PID"
status=$?
set -e
for spec in "Azurite:$AZURITE_PID:azurite" "the bot:$BOT_PID:bot" "the Playground:$PLAYGROUND_PID:playground"; do
  IFS=: read -r name pid log <<<"$spec"
  if ! kill -0 "$pid" 2>/dev/null; then
    say "$name exited (status $status); last lines of $LOG_DIR/$log.log:"
    tail -n 20 "$LOG_DIR/$log.log" >&2
  fi
done
exit 1
