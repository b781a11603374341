#!/usr/bin/env bash
# Supply chain (issue 22 item 3): cargo-deny checks licences, bans and sources against the
# policy in deny.toml, and RustSec's advisories from the dated snapshot committed as
# .ci/advisory-db.tar.gz (GitHub is not reachable where CI runs; see SECURITY.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo deny --version 2>/dev/null | grep -q "^cargo-deny 0.20.2$"; then
  cargo install --quiet cargo-deny --locked --no-default-features --version 0.20.2
fi
# Online once: cargo metadata downloads the crates of every target deny.toml names.
cargo deny check licenses bans sources
# The snapshot, unpacked where cargo-deny looks for RustSec's database (it reads the commit's
# date, so the snapshot's own date is given to it).
db=target/advisory-db/advisory-db-3157b0e258782691
rm -rf "$db" && mkdir -p "$db"
tar -xzf .ci/advisory-db.tar.gz -C "$db"
(
  cd "$db"
  git init -q
  git add -A
  GIT_AUTHOR_DATE=2026-08-21T08:28:40+02:00 GIT_COMMITTER_DATE=2026-08-21T08:28:40+02:00 \
    git -c user.name=rustsec-snapshot -c user.email=snapshot@localhost commit -qm "advisory-db bf5c0d2 (2026-08-21)"
)
cargo deny --offline check advisories
