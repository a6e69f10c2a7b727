#!/usr/bin/env bash
# The main job on the embedded default: from a fresh clone to a finished run on the sample database.
#
#   scripts/run.sh
#
# Installs what is missing and builds release (scripts/setup.sh), brings the stack up (scripts/stack.sh: PostgreSQL,
# dp-fcgi, nginx on 127.0.0.1:8084 by default), loads the sample business database highway_db (deploy/sample), then
# drives the public API like a user: create a task, submit the table list, execute a complete run, follow it with a
# progress line per step, and print a report (tables documented, pairs generated/valid/repaired, items loaded, three
# example question→SQL pairs, one search, where the files are). The stack keeps running; `scripts/stack.sh down`
# stops everything. Safe to re-run: every run is a new task; the sample is reloaded identically.
#
# Environment: DP_VAR_DIR, DP_HTTP_PORT, DP_PG_PORT as for scripts/stack.sh; DP_RUN_SAMPLE_DB (default highway_db).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SAMPLE_DB="${DP_RUN_SAMPLE_DB:-highway_db}"
[[ "$SAMPLE_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "run: DP_RUN_SAMPLE_DB must be a plain lower-case name" >&2; exit 2; }

log() { printf '\nrun: == %s\n' "$*"; }
die() { printf 'run: error: %s\n' "$*" >&2; exit 1; }

log "packages and release build (scripts/setup.sh)"
"$ROOT/scripts/setup.sh"
command -v swift > /dev/null || export PATH="/opt/swift/usr/bin:$PATH"

log "stack (scripts/stack.sh up)"
"$ROOT/scripts/stack.sh" up
# The stack's URLs; they contain the generated password, so they stay in this shell's variables (never argv, never
# printed): the request that names the business database is sent on stdin.
eval "$("$ROOT/scripts/stack.sh" env)"

log "sample business database $SAMPLE_DB (deploy/sample/load.sh)"
"$ROOT/deploy/sample/load.sh" "$DP_TEST_ADMIN_DATABASE_URL" "$SAMPLE_DB" dp

log "complete run through the API at $DP_TEST_BASE_URL"
python3 "$ROOT/scripts/run_client.py" "$DP_TEST_BASE_URL" "$SAMPLE_DB" "$DP_TEST_TASKS_DIR" <<JSON
{"business_url": "${DP_TEST_BUSINESS_DATABASE_URL%/*}/$SAMPLE_DB"}
JSON
