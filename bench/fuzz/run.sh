#!/usr/bin/env bash
# Coverage-guided fuzzing of SplitDns's parsers with SharpFuzz + AFL++ (both from their registries:
# afl++ from Debian, SharpFuzz from NuGet, the sharpfuzz instrumenter as a dotnet tool).
#
#   bench/fuzz/run.sh [TARGET...]     default: every target (message query zonefile blocklist update)
#
# Environment: FUZZ_SECONDS (per target, default 60), FUZZ_OUT (default /tmp/splitdns-fuzz).
# For each target it prints executions/s, AFL++'s edges found and map coverage, corpus size, and
# the crashes and hangs saved. A crash or hang makes the script exit 1; copy the file it names into
# fuzz/crashes/<target>/ so tests/SplitDns.Server.Tests replays it forever after.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${FUZZ_SECONDS:-60}
out=${FUZZ_OUT:-/tmp/splitdns-fuzz}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(message query zonefile blocklist update)

if ! command -v afl-fuzz >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v sharpfuzz >/dev/null; then
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

# Build once, copy, and instrument only SplitDns's own assemblies (not the harness, not the BCL).
bin="$out/bin"
rm -rf "$bin"
mkdir -p "$out"
dotnet build fuzz/SplitDns.Fuzz -c Release -nologo -v quiet -o "$bin" >/dev/null
for dll in SplitDns.Protocol.dll SplitDns.ZoneStore.dll SplitDns.Blocking.dll; do
  sharpfuzz "$bin/$dll" >/dev/null
done

# AFL++ runs a managed target: its binary check and CPU-governor check do not apply; no UI.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_AFFINITY=1 DOTNET_TieredPGO=0
status=0
printf '%-10s %10s %12s %8s %8s %8s %7s %6s\n' target seconds execs execs/s edges map corpus bugs
for t in "${targets[@]}"; do
  o="$out/$t"
  rm -rf "$o"
  # -t 2000: a run over 2 s is a hang; -m none: the CLR reserves far more than AFL's default.
  afl-fuzz -i "fuzz/corpus/$t" -o "$o" -t 2000 -m none -V "$seconds" -- dotnet "$bin/SplitDns.Fuzz.dll" "$t" \
    >"$o.log" 2>&1 || { echo "afl-fuzz failed for $t; see $o.log" >&2; tail -5 "$o.log" >&2; status=1; continue; }
  stats="$o/default/fuzzer_stats"
  get() { awk -F': ' -v k="$1" '$1 ~ "^"k" *$" { gsub(/ /, "", $2); print $2 }' "$stats"; }
  run=$(( $(get last_update) - $(get start_time) ))
  execs=$(get execs_done)
  crashes=$(get saved_crashes); hangs=$(get saved_hangs)
  printf '%-10s %10s %12s %8s %8s %8s %7s %6s\n' "$t" "$run" "$execs" "$(( execs / (run > 0 ? run : 1) ))" \
    "$(get edges_found)" "$(get bitmap_cvg)" "$(get corpus_count)" "$(( crashes + hangs ))"
  if [ "$(( crashes + hangs ))" -gt 0 ]; then
    status=1
    for f in "$o"/default/crashes/id:* "$o"/default/hangs/id:*; do
      [ -e "$f" ] && echo "  $t: $f" >&2
    done
  fi
done
exit $status
