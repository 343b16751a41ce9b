#!/usr/bin/env bash
# Runs the libFuzzer harnesses of build/fuzz/bin one after another (docs/fuzzing.md):
#   scripts/fuzz.sh SECONDS [NAME...]      (default: every fuzz/*_fuzz.cc)
# Each runs for SECONDS on a fresh copy of its seed corpus fuzz/corpus/NAME (the copy, grown,
# stays in build/fuzz/corpus/NAME), in one process on one core, with its dictionary
# fuzz/NAME.dict if there is one. The log is build/fuzz/logs/NAME.log; a crashing input is
# written to build/fuzz/crashes/NAME-crash-<sha1>. Exits 1 if any harness crashed (or found a
# leak, a timeout or an out-of-memory input), after running them all.
set -uo pipefail

seconds=${1:?usage: scripts/fuzz.sh SECONDS [NAME...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/fuzz
names=("$@")
if ((${#names[@]} == 0)); then
  for src in "$root"/fuzz/*_fuzz.cc; do
    name=$(basename "$src" _fuzz.cc)
    names+=("$name")
  done
fi

mkdir -p "$build/logs" "$build/crashes" "$build/corpus"
failed=()
for name in "${names[@]}"; do
  bin=$build/bin/${name}_fuzz
  [[ -x $bin ]] || { echo "fuzz: $bin is not built (cmake --build --preset fuzz)" >&2; exit 2; }
  corpus=$build/corpus/$name
  rm -rf "$corpus"
  mkdir -p "$corpus"
  [[ -d $root/fuzz/corpus/$name ]] && cp -r "$root/fuzz/corpus/$name/." "$corpus/"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$build/crashes/$name-")
  [[ -f $root/fuzz/$name.dict ]] && args+=(-dict="$root/fuzz/$name.dict")
  log=$build/logs/$name.log
  echo "fuzz: $name for ${seconds}s (seeds: $(find "$corpus" -type f | wc -l))"
  start=$(date +%s)
  "$bin" "${args[@]}" "$corpus" >"$log" 2>&1
  rc=$?
  took=$(($(date +%s) - start))
  # The last status line (#N DONE cov: ft: corp: exec/s: rss:) and the final stats.
  grep -E '^#[0-9]+' "$log" | tail -1 | sed 's/^/  /'
  grep -E '^stat::' "$log" | tr '\n' ' ' | sed 's/^/  /'
  echo
  echo "  corpus: $(find "$corpus" -type f | wc -l) files, $(du -sk "$corpus" | cut -f1) KiB; ${took}s; exit $rc"
  if ((rc != 0)); then
    failed+=("$name")
    grep -E 'ERROR: |runtime error|SUMMARY|Test unit written' "$log" | head -5 | sed 's/^/  /'
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: FAILED: ${failed[*]} (logs in build/fuzz/logs, inputs in build/fuzz/crashes)" >&2
  exit 1
fi
echo "fuzz: ${#names[@]} harness(es) ran ${seconds}s each without a crash"
