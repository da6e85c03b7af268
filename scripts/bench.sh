#!/usr/bin/env bash
# The performance benchmark (issue 14): builds Release, starts one Azurite (in memory), then runs
# the load generator (bench/LoadTest) with its loopback fake connector and a counting table proxy
# against the baseline server (bench/Baseline, a bare minimal API doing the same work) and the bot,
# alternately, in fresh processes. Prints one table of medians with each figure's ratio to the
# baseline and writes the JSON result file under test-output/bench/.
# Options: --rounds N (3) --seconds S (20) --warmup S (5) --concurrency N (32) --out FILE
#   --scenario turns|my-requests|approve|fanout (turns) --requests N (approve: 100) --notices N (fanout: 1000)
#   (the README's "Performance benchmark" says what each scenario measures and checks)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT_DIR="$ROOT/test-output/bench"
mkdir -p "$OUT_DIR"

# The servers are published as Azure runs them (scripts/publish.sh: Release, linux-x64, ReadyToRun),
# both the same way, so cold start compares like with like.
PUBLISH_DIR="$OUT_DIR/publish"
echo "== Publishing Release, ReadyToRun (bot, baseline); building the load generator" >&2
for project in bot/TeamsPolicyBot/TeamsPolicyBot.csproj bench/Baseline/Baseline.csproj; do
  name="$(basename "$(dirname "$project")")"
  dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$PUBLISH_DIR/$name" --nologo -v quiet >"$OUT_DIR/build.log" 2>&1 || { cat "$OUT_DIR/build.log" >&2; exit 1; }
done
dotnet build bench/LoadTest/LoadTest.csproj -c Release --nologo -v quiet >"$OUT_DIR/build.log" 2>&1 || { cat "$OUT_DIR/build.log" >&2; exit 1; }

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$port" --inMemoryPersistence \
  --disableTelemetry --silent >"$OUT_DIR/azurite.log" 2>&1 &
AZURITE_PID=$!
trap 'kill -INT "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "successfully started" "$OUT_DIR/azurite.log" 2>/dev/null && break; sleep 0.1; done
grep -q "successfully started" "$OUT_DIR/azurite.log" || { cat "$OUT_DIR/azurite.log" >&2; exit 1; }

# The bot's settings as the local run uses them (the Playground's users and channels), and a directory for its start-up
# JIT profile that outlives each process, as a server's local disk does (Hosting:JitProfile, docs/benchmarks.md).
mapfile -t BOT_SETTINGS < <(node scripts/playground-ids.cjs)
BOT_SETTINGS+=("--Hosting:JitProfile:Directory=$OUT_DIR/jit-profile")
echo "== Benchmark (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
dotnet bench/LoadTest/bin/Release/net10.0/TeamsPolicyBot.Bench.LoadTest.dll --azurite-port "$port" \
  --bot-dll "$PUBLISH_DIR/TeamsPolicyBot/TeamsPolicyBot.dll" \
  --baseline-dll "$PUBLISH_DIR/Baseline/TeamsPolicyBot.Bench.Baseline.dll" "$@" -- "${BOT_SETTINGS[@]}"
