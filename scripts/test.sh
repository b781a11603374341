#!/usr/bin/env bash
# Sets up what is missing, then runs every test: the core's unit tests, the integration
# tests against the demo org over loopback, the credential-store tests against a real
# Secret Service (GNOME Keyring on a private D-Bus), and the real-window suite (the app
# driven through tauri-driver + WebKitWebDriver under Xvfb). Screenshots land in
# test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p test-artifacts
# Each platform's own credential store: without keyring's native feature for a target, keyring 3
# keeps tokens in memory there (gone at exit). cargo tree needs no toolchain for these targets.
keyring="native on linux, macos and windows"
for pair in x86_64-unknown-linux-gnu:sync-secret-service aarch64-apple-darwin:apple-native \
            x86_64-pc-windows-msvc:windows-native; do
  target=${pair%%:*} feature=${pair#*:}
  tree=$(cargo tree --quiet --target "$target" -e features -i keyring 2>&1) || true
  if ! grep -q "keyring feature \"$feature\"" <<<"$tree"; then
    keyring="MISSING: $target lacks keyring feature $feature"
  fi
done
echo "keyring: $keyring"
[[ $keyring != MISSING* ]]
# Supply chain: licences, bans, sources and RustSec's advisories (deny.toml, scripts/deny.sh).
bash scripts/deny.sh
cargo build --quiet
# Short fuzz runs of the SOSL escaping, callback, policy and response parsers (stable
# toolchain, no sanitizer); longer ones on demand: bash scripts/fuzz.sh 600
bash scripts/fuzz.sh 10
# Benchmarks are built (not timed) so they keep compiling.
cargo test --quiet --benches --no-run

# One private session bus, one unlocked keyring, one virtual screen for all tests.
export XDG_DATA_HOME="$(mktemp -d)"
log=$(mktemp)
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  set -euo pipefail
  eval "$(printf "workstation-ci\n" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
  export WORKSTATION_REQUIRE_KEYRING=1
  cargo test --workspace -- --test-threads=2
' 2>&1 | tee "$log"
# Windows (cross-built; the core's and the CLI's tests and the command line's journey under
# Wine) and macOS (type-checked): its `test result:` lines are counted below, its journey as
# one test, and a failure before them (a build) as one failed test.
set +e
bash scripts/test-windows.sh 2>&1 | tee -a "$log"
windows=${PIPESTATUS[0]}
set -e
# The .deb from the Tauri bundler, installed on this machine, launched and looked at.
# Its output is kept in test-artifacts/package/; the last lines are shown if it fails.
mkdir -p test-artifacts/package
if bash scripts/package.sh --smoke >test-artifacts/package/smoke.log 2>&1; then
  smoke=passed
else
  smoke=failed; tail -40 test-artifacts/package/smoke.log
fi
grep -E "^package" test-artifacts/package/smoke.log || true
# One closing line for the whole run (the package smoke test counts as one test).
awk -v smoke="$smoke" -v windows="$windows" '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     /^windows journey: passed/ { p++; journey = 1 } /^windows journey: failed/ { f++; journey = 1 }
     END { if (smoke == "passed") p++; else f++; if (windows != 0 && !journey) f++
           printf "tests: %d passed, %d failed\n", p, f; exit (f > 0) }' "$log"
