#!/usr/bin/env bash
# Fuzzes the parsers that read untrusted input (issue #7): the SOSL escaping, the OAuth
# callback URL, the administrator's policy file and every Salesforce answer we read.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     default: 20 s for each of the four targets
#
# Runs on the stable toolchain: libFuzzer's coverage instrumentation needs no nightly flag,
# and `--sanitizer none` skips AddressSanitizer (which would need -Zsanitizer; the code under
# test is safe Rust). A failing input is saved under fuzz/artifacts/TARGET/ and the script
# exits non-zero; replay it with `cargo fuzz run --sanitizer none TARGET fuzz/artifacts/TARGET/<file>`.
# The first run builds the core with instrumentation (a few minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(sosl_term callback_url policy salesforce_responses)

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cargo fuzz build --sanitizer none
mkdir -p target/fuzz-logs
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  log="target/fuzz-logs/$target.log"
  echo "== fuzzing $target for ${seconds}s (full output: $log)"
  status=0
  cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 >"$log" 2>&1 || status=$?
  grep -E '^(INFO: Seed|Done [0-9]+ runs|SUMMARY)|panicked at|Test unit written|[Tt]imeout' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz target $target failed (exit $status); the input is in fuzz/artifacts/$target/"
    exit 1
  fi
done
echo "fuzzing done: ${#targets[@]} target(s), ${seconds}s each"
