#!/usr/bin/env bash
# The one test command of Học DVC (README, .ci/run). On a fresh Debian machine it installs
# or starts what the suites need — the wasm target, Chromium and chromedriver, PostgreSQL —
# then runs formatting and lint checks, the content check, unit tests, API tests and browser
# journeys on SQLite and PostgreSQL. It never skips a suite: a missing tool is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

step "Toolchain: wasm32 target (rust-toolchain.toml names it; RUSTUP_AUTO_INSTALL=0 may not)"
rustup target add wasm32-unknown-unknown

step "System packages: libpq (PostgreSQL client library), Chromium and chromedriver"
missing=()
dpkg -s libpq-dev >/dev/null 2>&1 || missing+=(libpq-dev)
command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi

step "PostgreSQL at 127.0.0.1:5432"
pg_url="${HOCDVC_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432}"
if ! pg_isready -q -d "$pg_url/postgres"; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql
    # Local test server only: trust connections from this machine, as the CI image does.
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' | as_root tee "$hba.new" >/dev/null
      as_root sh -c "cat '$hba' >> '$hba.new' && mv '$hba.new' '$hba'"
    done
  fi
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start || true
  for _ in $(seq 1 60); do pg_isready -q -d "$pg_url/postgres" && break; sleep 1; done
  pg_isready -d "$pg_url/postgres"
fi

step "Formatting"
cargo fmt --all -- --check

step "Lints (server, tests, and the UI for wasm32)"
cargo clippy --workspace --exclude hocdvc-frontend --all-targets --locked -- -D warnings
cargo clippy -p hocdvc-frontend --target wasm32-unknown-unknown --locked -- -D warnings

step "Build the hocdvc binary (command-line tests run it)"
cargo build -p hocdvc --bin hocdvc --locked

step "Curriculum: every module, lesson and question in question-bank/ is valid"
target/debug/hocdvc content check --dir question-bank

step "Tests: unit, API and browser journeys on SQLite and PostgreSQL"
cargo test --workspace --exclude hocdvc-frontend --locked

step "Tests: the UI's pure logic (autosave merge, retries, number parsing) on the host"
cargo test -p hocdvc-frontend --locked
