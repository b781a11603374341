#!/usr/bin/env bash
# Builds the Debian package with the Tauri bundler: target/release/bundle/deb/*.deb.
#   bash scripts/package.sh           build it
#   bash scripts/package.sh --smoke   build it, then install it on this machine (apt-get, as root
#                                     or through sudo), check the desktop entry and the
#                                     workstation:// handler, launch the installed app under
#                                     Xvfb, take a screenshot, and remove the package again.
# WORKSTATION_BUNDLES=deb,appimage adds the AppImage where GitHub is reachable: the bundler
# downloads its AppImage tools from there, which our build machines cannot (README, Packaging).
set -euo pipefail
cd "$(dirname "$0")/.."
WORKSTATION_SKIP_DRIVER=1 WORKSTATION_NEED_NPM=1 bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

# The Tauri CLI from npm (a prebuilt binary), pinned to the tauri crate's version.
TAURI_CLI_VERSION=2.12.5
TAURI=.ci/node_modules/.bin/tauri
if [[ ! -x $TAURI ]] || [[ "$($TAURI --version 2>/dev/null)" != "tauri-cli $TAURI_CLI_VERSION" ]]; then
  echo "package: installing @tauri-apps/cli@$TAURI_CLI_VERSION into .ci/node_modules"
  npm install --prefix .ci --no-audit --no-fund --silent "@tauri-apps/cli@$TAURI_CLI_VERSION"
fi
rm -rf target/release/bundle
"$TAURI" build --bundles "${WORKSTATION_BUNDLES:-deb}"
for built in target/release/bundle/*/*.deb target/release/bundle/*/*.AppImage; do
  if [[ -e $built ]]; then echo "package: $built"; fi
done
DEB=$(ls target/release/bundle/deb/*.deb)
[[ "${1:-}" == --smoke ]] || exit 0

source scripts/apt.sh
OUT=test-artifacts/package
mkdir -p "$OUT"
fail() { echo "package smoke test: FAILED: $*" >&2; exit 1; }

# The package's own metadata and desktop entry, before installing.
dpkg-deb -f "$DEB" Depends | grep -q libwebkit2gtk-4.1-0 || fail "Depends lacks libwebkit2gtk-4.1-0"
entry=$(dpkg-deb --fsys-tarfile "$DEB" | tar -xO usr/share/applications/Workstation.desktop)
grep -qx 'Exec=workstation %u' <<<"$entry" || fail "desktop entry: Exec must pass the URL (%u)"
grep -qx 'MimeType=x-scheme-handler/workstation' <<<"$entry" || fail "desktop entry: workstation:// not registered"

# Install with its dependencies; the checks below need two of its recommendations, named
# here because some machines are set not to install recommendations.
$SUDO apt-get install -y -qq "./$DEB" desktop-file-utils xdg-utils >/dev/null
trap '$SUDO dpkg -r workstation >/dev/null 2>&1 || true' EXIT
desktop-file-validate /usr/share/applications/Workstation.desktop || fail "desktop-file-validate"
[[ -x /usr/bin/workstation ]] || fail "/usr/bin/workstation not installed"
/usr/bin/workstation --version

# Launch the installed app against its demo org, look at it, and hand it a deep link the
# way the desktop does: xdg-open → the desktop entry's Exec → a second instance → the first.
data=$(mktemp -d)
export WORKSTATION_DATA_DIR=$data OUT
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -s <<'INNER'
set -euo pipefail
export XDG_DATA_HOME=$(mktemp -d)
/usr/bin/workstation --demo >"$OUT/app.log" 2>&1 & app=$!
# --demo keeps its throw-away profile in demo/ of the data folder.
log=$WORKSTATION_DATA_DIR/demo/logs/workstation.log
for _ in $(seq 300); do grep -q "window interactive" "$log" 2>/dev/null && break; sleep 0.1; done
grep -q "window interactive" "$log" || { echo "no interactive window within 30 s"; cat "$OUT/app.log"; exit 1; }
sleep 2
import -window root "$OUT/installed-app.png"
[[ $(xdg-mime query default x-scheme-handler/workstation) == *.desktop ]] || { echo "no handler for workstation://"; exit 1; }
# Not an answer the app awaits: it must refuse it without harm and keep running.
xdg-open "workstation://salesforce/connected?code=smoke&state=not-ours" || true
for _ in $(seq 100); do grep -q "callback refused" "$log" && break; sleep 0.1; done
grep "callback refused" "$log" || { echo "the deep link did not reach the app"; exit 1; }
kill -0 $app || { echo "the app died after the deep link"; exit 1; }
kill $app; wait $app 2>/dev/null || true
INNER
echo "package smoke test: passed (screenshot: $OUT/installed-app.png)"
