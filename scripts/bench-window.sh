#!/usr/bin/env bash
# Window figures for BENCHMARKS.md (issue #6): release binary size, cold start to an
# interactive window under Xvfb (spawn → the UI's first call into the core), and resident
# memory of the whole process tree (app + WebKit processes) once idle against the demo org.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --quiet
BIN=target/release/workstation
printf 'release binary: %s MB\n' "$(du -m "$BIN" | cut -f1)"
runs=${1:-5}
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -s "$BIN" "$runs" <<'INNER'
set -euo pipefail
BIN=$1; RUNS=$2
tree_kb() { # FIELD from SRC, summed over the process and all its descendants
  local total=0 pids="$1" next p
  while [[ -n "$pids" ]]; do
    next=""
    for p in $pids; do
      total=$(( total + $(awk "/^${FIELD}:/ {print \$2}" /proc/$p/${SRC} 2>/dev/null || echo 0) ))
      next="$next $(cat /proc/$p/task/*/children 2>/dev/null || true)"
    done
    pids=$(echo $next)
  done
  echo $total
}
for i in $(seq "$RUNS"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  WORKSTATION_DATA_DIR=$data "$BIN" --demo >/dev/null 2>&1 & app=$!
  until grep -q "window interactive" "$data/logs/workstation.log" 2>/dev/null; do
    sleep 0.01
    if (( $(date +%s%N) - start > 20000000000 )); then echo "no interactive window within 20 s"; kill $app; exit 1; fi
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  rss=$(FIELD=VmRSS SRC=status tree_kb $app); pss=$(FIELD=Pss SRC=smaps_rollup tree_kb $app)
  echo "run $i: cold start to interactive window ${ms} ms; idle memory of the process tree: RSS $(( rss / 1024 )) MB (shared pages counted per process), PSS $(( pss / 1024 )) MB"
  kill $app; wait $app 2>/dev/null || true
  rm -rf "$data"
done
INNER
