#!/usr/bin/env bash
# Everything CI checks: packages, debug build, lint, nginx config, then one 'swift test' run (unit, integration
# against a real PostgreSQL, end to end through a real nginx and dp-fcgi) on a private stack in a fresh temporary
# directory, then Schemathesis on every operation of the OpenAPI document (scripts/schemathesis.sh: no 5xx, every
# answer conforms), then the browser test of the web page (scripts/browser_test.py: headless Chromium over WebDriver,
# the whole workflow on the sample database through the page). Leaves nothing running. Exit status: non-zero on any
# failure; that of 'swift test' if it failed, else that of Schemathesis if it failed, else that of the browser test.
#
#   scripts/test.sh [swift test arguments...]      e.g. scripts/test.sh --filter PipelineAPITests
#                                                  (the filter narrows 'swift test'; the browser test always runs)
#
#   DP_TEST_HTTP_PORT (default 18084), DP_TEST_PG_PORT (default 25433)   ports of the test stack
#   DP_TEST_FCGI_BIN     responder to run instead of the debug build's dp-fcgi
#   (exported to the tests: DP_FAKE_OPENAI_BIN, the debug build's dp-fake-openai)
#   DP_TEST_BROWSER=0    skip the browser test (and the Chromium packages it needs)
#   DP_TEST_SCHEMATHESIS=0   skip the Schemathesis run (and its installation into .build/schemathesis-venv)
#   DP_TEST_OUTPUT_DIR   where the browser test saves its screenshots (default .build/test-output/browser)
#   DP_KEEP_TEST_VAR=1   keep the temporary state directory (logs, cluster) for inspection
#   DP_TEST_CLUSTER=0|1  skip / force the cluster test (scripts/cluster_test.sh; default: only in unfiltered runs);
#                        DP_TEST_CLUSTER_HTTP_PORT, DP_TEST_CLUSTER_STACK_HTTP_PORT, DP_TEST_CLUSTER_PG_PORT its ports
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v swift > /dev/null || export PATH="/opt/swift/usr/bin:$PATH"

HTTP_PORT="${DP_TEST_HTTP_PORT:-18084}"
PG_PORT="${DP_TEST_PG_PORT:-25433}"
BROWSER_TEST="${DP_TEST_BROWSER:-1}"
OUTPUT_DIR="${DP_TEST_OUTPUT_DIR:-$ROOT/.build/test-output/browser}"

log() { printf '\ntest: == %s\n' "$*"; }
die() { printf 'test: error: %s\n' "$*" >&2; exit 1; }

# Phase timing.
PHASES=()
phase_start=0
current_phase=""
begin() { end_phase; current_phase="$1"; phase_start=$SECONDS; log "$1"; }
end_phase() {
    if [[ -n "$current_phase" ]]; then PHASES+=("$(printf '%-30s %5ss' "$current_phase" $((SECONDS - phase_start)))"); fi
    current_phase=""
}

TEST_VAR=""
STACK_STARTED=0
TESTS_FAILED=0
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    end_phase
    if [[ -n "$TEST_VAR" ]]; then
        if (( TESTS_FAILED || rc != 0 )); then
            for f in "$TEST_VAR/fcgi/dp-fcgi.log" "$TEST_VAR/nginx/error.log" "$TEST_VAR/pg/postgresql.log"; do
                if [[ -s "$f" ]]; then printf '\n--- last 40 lines of %s ---\n' "$f"; tail -n 40 "$f"; fi
            done
        fi
        if (( STACK_STARTED )); then
            log "stack down"
            DP_VAR_DIR="$TEST_VAR" "$ROOT/scripts/stack.sh" down || { echo "test: stack down failed" >&2; rc=1; }
        fi
        if [[ "${DP_KEEP_TEST_VAR:-0}" == 1 ]]; then
            echo "test: kept $TEST_VAR (DP_KEEP_TEST_VAR=1)"
        else
            rm -rf "$TEST_VAR"
        fi
    fi
    printf '\ntest: timing\n'
    for line in "${PHASES[@]}"; do printf '  %s\n' "$line"; done
    printf '  %-30s %5ss\n' total "$SECONDS"
    if (( rc == 0 )); then echo "test: PASSED"; else echo "test: FAILED (exit $rc)"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

begin "setup (packages, debug build)"
DP_BUILD_CONFIG=debug DP_SETUP_BROWSER="$BROWSER_TEST" "$ROOT/scripts/setup.sh"

begin "build tests"
swift build --build-tests
FCGI_BIN="${DP_TEST_FCGI_BIN:-$(swift build --show-bin-path)/dp-fcgi}"
# The fake OpenAI-compatible server, for tests that run it as a process (FakeOpenAIProcess).
DP_FAKE_OPENAI_BIN="$(swift build --show-bin-path)/dp-fake-openai"
export DP_FAKE_OPENAI_BIN

begin "lint"
"$ROOT/scripts/lint.sh"
"$ROOT/scripts/render-nginx.sh" check

begin "nginx production config"
# nginx -t on the production site, wrapped in a minimal nginx.conf (-t does not bind the port).
NGINX_CHECK="$(mktemp -d)"
cat > "$NGINX_CHECK/nginx.conf" <<CONF
pid $NGINX_CHECK/nginx.pid;
error_log stderr;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $NGINX_CHECK;
    fastcgi_temp_path $NGINX_CHECK;
    proxy_temp_path $NGINX_CHECK;
    scgi_temp_path $NGINX_CHECK;
    uwsgi_temp_path $NGINX_CHECK;
    include $ROOT/nginx/dp-pipeline.conf;
}
CONF
nginx_rc=0
nginx_said="$(PATH="$PATH:/usr/sbin" nginx -t -c "$NGINX_CHECK/nginx.conf" -p "$NGINX_CHECK/" -e stderr 2>&1)" || nginx_rc=$?
rm -rf "$NGINX_CHECK"
(( nginx_rc == 0 )) || die "nginx rejects nginx/dp-pipeline.conf: $nginx_said"
# A warning at every start (e.g. 'duplicate MIME type "text/html"') is a defect too: the site must test clean.
[[ "$nginx_said" != *"[warn]"* ]] || die "nginx warns about nginx/dp-pipeline.conf: $nginx_said"
echo "nginx/dp-pipeline.conf: syntax ok, no warnings"

begin "stack up"
port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }
port_in_use "$HTTP_PORT" && die "port $HTTP_PORT is in use: free it or set DP_TEST_HTTP_PORT"
port_in_use "$PG_PORT" && die "port $PG_PORT is in use: free it or set DP_TEST_PG_PORT"
TEST_VAR="$(mktemp -d "${TMPDIR:-/tmp}/dp-test.XXXXXX")"
# mktemp makes it 0700; PostgreSQL runs as 'postgres' (when we are root) and must traverse it. o+x, not o+r.
chmod 0711 "$TEST_VAR"
STACK_STARTED=1
DP_VAR_DIR="$TEST_VAR" DP_HTTP_PORT="$HTTP_PORT" DP_PG_PORT="$PG_PORT" DP_FCGI_BIN="$FCGI_BIN" DP_PG_FAST=1 \
    "$ROOT/scripts/stack.sh" up
eval "$(DP_VAR_DIR="$TEST_VAR" "$ROOT/scripts/stack.sh" env)"
# The private instance's configuration (the local template around the same server block) must start clean too.
if grep -F '[warn]' "$TEST_VAR/nginx/error.log"; then die "nginx warned at start (above)"; fi
export DP_FCGI_BIN="$FCGI_BIN"

begin "swift test"
test_rc=0
swift test "$@" || test_rc=$?
(( test_rc == 0 )) || TESTS_FAILED=1

# Both run whatever 'swift test' said: every result is reported. The stack is still up.
begin "schemathesis"
schemathesis_rc=0
if [[ "${DP_TEST_SCHEMATHESIS:-1}" == 1 ]]; then
    "$ROOT/scripts/schemathesis.sh" "$DP_TEST_BASE_URL" || schemathesis_rc=$?
    (( schemathesis_rc == 0 )) || TESTS_FAILED=1
else
    echo "DP_TEST_SCHEMATHESIS=0: Schemathesis skipped"
fi

begin "browser test"
browser_rc=0
if [[ "$BROWSER_TEST" == 1 ]]; then
    "$ROOT/deploy/sample/load.sh" "$DP_TEST_ADMIN_DATABASE_URL" highway_db dp > /dev/null
    # Both URLs on stdin: the business one holds the stack's password (never argv). The admin one is a socket
    # connection as postgres, without password.
    python3 -B "$ROOT/scripts/browser_test.py" "$DP_TEST_BASE_URL" "$OUTPUT_DIR" <<JSON || browser_rc=$?
{"business_url": "${DP_TEST_BUSINESS_DATABASE_URL%/*}/highway_db",
 "admin_url": "${DP_TEST_ADMIN_DATABASE_URL/\/postgres\?//highway_db?}"}
JSON
    (( browser_rc == 0 )) || TESTS_FAILED=1
else
    echo "DP_TEST_BROWSER=0: browser test skipped"
fi

# Three simulated hosts in their own namespaces over one PostgreSQL and one nginx upstream (issue 16). It runs in
# full runs; a filtered run (arguments for swift test) skips it unless DP_TEST_CLUSTER=1; DP_TEST_CLUSTER=0 always
# skips it. Its own private stack and ports (DP_TEST_CLUSTER_HTTP_PORT, DP_TEST_CLUSTER_STACK_HTTP_PORT,
# DP_TEST_CLUSTER_PG_PORT; defaults in scripts/cluster_test.sh).
begin "cluster test"
cluster_rc=0
if [[ "${DP_TEST_CLUSTER:-$(( $# == 0 ))}" == 1 ]]; then
    DP_CLUSTER_HTTP_PORT="${DP_TEST_CLUSTER_HTTP_PORT:-}" DP_CLUSTER_STACK_HTTP_PORT="${DP_TEST_CLUSTER_STACK_HTTP_PORT:-}" \
        DP_CLUSTER_PG_PORT="${DP_TEST_CLUSTER_PG_PORT:-}" DP_FCGI_BIN="$FCGI_BIN" \
        "$ROOT/scripts/cluster_test.sh" || cluster_rc=$?
    (( cluster_rc == 0 )) || TESTS_FAILED=1
else
    echo "cluster test skipped (DP_TEST_CLUSTER=0, or a filtered run without DP_TEST_CLUSTER=1)"
fi
end_phase
(( test_rc == 0 )) || exit "$test_rc"
(( schemathesis_rc == 0 )) || exit "$schemathesis_rc"
(( browser_rc == 0 )) || exit "$browser_rc"
exit "$cluster_rc"
