#!/usr/bin/env bash
# Window figures for BENCHMARKS.md (issue #6): release binary size, cold start to an
# interactive window under Xvfb (spawn → the UI's first call into the core), and resident
# memory of the whole process tree (app + WebKit processes) idle after a search.
# Two set-ups per run:
#   app      — the window against a demo org in its own process (as Salesforce is remote):
#              what the app itself costs;
#   --demo   — `workstation --demo`, the demo org inside the app's process.
# The search is typed into the window with xdotool; the demo org's /__demo/stats proves it ran.
set -euo pipefail
cd "$(dirname "$0")/.."
WORKSTATION_SKIP_DRIVER=1 bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/apt.sh
command -v xdotool >/dev/null || apt_install xdotool
# WORKSTATION_BENCH_BIN measures a release binary built elsewhere (a CI checkout's) instead.
BIN=${WORKSTATION_BENCH_BIN:-target/release/workstation}
[[ -n ${WORKSTATION_BENCH_BIN:-} ]] || cargo build --release --quiet
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
searches() { curl -s "$1/__demo/stats" | sed -E 's/.*"search_requests":([0-9]+).*/\1/'; }
measure() { # MODE: app | demo
  local mode=$1 data org_pid= url
  data=$(mktemp -d)
  if [[ $mode == app ]]; then
    # From a copy: the same file would share its code pages with the app and lower the app's PSS.
    cp "$BIN" "$data/demo-org"
    "$data/demo-org" demo-org --token bench-token >"$data/org.out" 2>&1 & org_pid=$!
    until grep -q listening "$data/org.out" 2>/dev/null; do sleep 0.01; done
    url=$(sed -nE 's/^demo org listening on (http[^ ]+).*/\1/p' "$data/org.out")
    export SF_INSTANCE_URL=$url SF_ACCESS_TOKEN=bench-token
    set -- 
  else
    unset SF_INSTANCE_URL SF_ACCESS_TOKEN
    set -- --demo
  fi
  local start; start=$(date +%s%N)
  WORKSTATION_DATA_DIR=$data "$BIN" "$@" >/dev/null 2>&1 & app=$!
  # --demo keeps its throw-away profile in demo/ of the data folder.
  local log=$data/logs/workstation.log
  [[ $mode == demo ]] && log=$data/demo/logs/workstation.log
  until grep -q "window interactive" "$log" 2>/dev/null; do
    sleep 0.005
    if (( $(date +%s%N) - start > 20000000000 )); then echo "no interactive window within 20 s"; kill $app; exit 1; fi
  done
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  [[ $mode == demo ]] && url=$(sed -nE 's/.*demo org listening on (http[^ ]+).*/\1/p' "$log" | head -1)
  sleep 1
  xdotool type --delay 60 "acme"
  sleep 5
  local n; n=$(searches "$url")
  (( n > 0 )) || { echo "the typed search did not reach the demo org"; exit 1; }
  rss=$(FIELD=VmRSS SRC=status tree_kb $app); pss=$(FIELD=Pss SRC=smaps_rollup tree_kb $app)
  printf '  %-7s cold start %5d ms; idle after a search (%d SOSL request(s)): PSS %d MB, RSS %d MB (shared pages counted per process)\n' \
    "$mode" "$ms" "$n" $(( pss / 1024 )) $(( rss / 1024 ))
  kill $app; wait $app 2>/dev/null || true
  [[ -n $org_pid ]] && { kill $org_pid; wait $org_pid 2>/dev/null || true; }
  rm -rf "$data"
}
for i in $(seq "$RUNS"); do
  echo "run $i:"
  measure app
  measure demo
done
INNER
