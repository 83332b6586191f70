#!/usr/bin/env bash
# Fuzz every untrusted input of Mace with afl-fuzz and SharpFuzz (docs/reliability.md, "Fuzzing").
#
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 60 seconds each, every target
#
# Publishes fuzz/Mace.Fuzzing, instruments the Mace assemblies in the published copy with
# `dotnet sharpfuzz` (the tool in .config/dotnet-tools.json), then runs afl-fuzz on each target for
# SECONDS from the committed corpus (fuzz/corpus/TARGET). Crashing inputs are copied to
# fuzz/findings/TARGET/; replay one with `dotnet artifacts/fuzz/mace-fuzz.dll TARGET FILE`.
# Prints one line per target (executions, paths, crashes) and ends with "N passed, N failed";
# exits 1 when any target crashed. Needs afl-fuzz (Debian: apt-get install afl++).
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(frame message compiler counterexample tracelog)
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "fuzz/run.sh: error: SECONDS must be a whole number of seconds, not '$seconds'" >&2
  exit 2
fi
if ! command -v afl-fuzz > /dev/null; then
  echo "fuzz/run.sh: error: afl-fuzz is not installed (Debian: apt-get install afl++)" >&2
  exit 2
fi

out=artifacts/fuzz
rm -rf "$out" && mkdir -p "$out"
dotnet tool restore > /dev/null || { echo "fuzz/run.sh: error: dotnet tool restore failed" >&2; exit 2; }
dotnet publish fuzz/Mace.Fuzzing -c Release -o "$out/bin" --nologo -v q > "$out/publish.log" 2>&1 \
  || { cat "$out/publish.log"; echo "fuzz/run.sh: error: publish failed" >&2; exit 2; }
for assembly in Mace.Runtime Mace.Compiler Mace.Checking Mace.Services; do
  dotnet sharpfuzz "$out/bin/$assembly.dll" > /dev/null || { echo "fuzz/run.sh: error: cannot instrument $assembly.dll" >&2; exit 2; }
done

# The harness is a managed program started by `dotnet`: AFL cannot see instrumentation in that binary,
# and these machines neither write core files nor pin CPU frequency.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1

passed=0
failed=0
for target in "${targets[@]}"; do
  if [ ! -d "fuzz/corpus/$target" ]; then
    echo "fuzz/run.sh: error: no corpus for target '$target' (targets: frame message compiler counterexample tracelog)" >&2
    failed=$((failed + 1))
    continue
  fi
  afl-fuzz -V "$seconds" -t 10000 -m none -i "fuzz/corpus/$target" -o "$out/$target" -- dotnet "$out/bin/mace-fuzz.dll" "$target" > "$out/$target.log" 2>&1
  status=$?
  stats="$out/$target/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    tail -20 "$out/$target.log"
    echo "$target: afl-fuzz did not start (exit $status); see $out/$target.log"
    failed=$((failed + 1))
    continue
  fi
  execs=$(awk -F': *' '$1 ~ /^execs_done/ {print $2}' "$stats")
  paths=$(awk -F': *' '$1 ~ /^corpus_count/ {print $2}' "$stats")
  crashes=$(find "$out/$target/default/crashes" -type f -name 'id:*' 2> /dev/null | wc -l)
  hangs=$(find "$out/$target/default/hangs" -type f -name 'id:*' 2> /dev/null | wc -l)
  echo "$target: ${seconds}s, ${execs} executions, ${paths} corpus entries, ${crashes} crashes, ${hangs} hangs"
  if [ "$crashes" -gt 0 ]; then
    mkdir -p "fuzz/findings/$target"
    cp "$out/$target/default/crashes/"id:* "fuzz/findings/$target/"
    echo "$target: crashing inputs copied to fuzz/findings/$target/"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
