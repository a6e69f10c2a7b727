#!/usr/bin/env bash
# Three simulated hosts on this one machine (issue 16), run by scripts/test.sh (DP_TEST_CLUSTER=0 skips it):
#   * one PostgreSQL and one shared tasks directory (a private stack, scripts/stack.sh; its own dp-fcgi is stopped);
#   * three dp-fcgi, each in its own PID, mount and UTS namespace (`unshare --pid --fork --mount-proc --uts`) with its
#     own hostname (dp-host-1..3, which is also its host id: DP_HOST_ID is left to its default) and its own socket,
#     DP_MAX_WORKERS=1, DP_WORKER_TIMEOUT_S=5, heartbeats every second;
#   * one nginx whose upstream is deploy/cluster/nginx-upstream.conf.template over the three sockets;
#   * the fake OpenAI-compatible server at a fixed latency.
# Then scripts/cluster_client.py runs the workload and the checks (9 executions, a queued cancel, a host killed
# mid-run) and prints the figures. Everything listens on 127.0.0.1 or unix sockets; everything is stopped at the end.
#
# `scripts/cluster_test.sh bench` (what `scripts/bench.sh cluster` runs): the same setup, no checks: the same 12 step
# executions (fake model at 2000 ms per call) with one host, then with three; tasks per minute of each and the ratio.
#
# Environment: DP_CLUSTER_HTTP_PORT (nginx over the hosts), DP_CLUSTER_STACK_HTTP_PORT (the stack's own nginx, unused),
# DP_CLUSTER_PG_PORT, DP_FCGI_BIN (default: the debug build's dp-fcgi; dp-worker next to it), DP_CLUSTER_KEEP=1 keeps
# the state directory.
set -euo pipefail
umask 022

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
command -v swift > /dev/null || export PATH="/opt/swift/usr/bin:$PATH"
command -v nginx > /dev/null || export PATH="$PATH:/usr/sbin"
HTTP_PORT="${DP_CLUSTER_HTTP_PORT:-18805}"
STACK_HTTP_PORT="${DP_CLUSTER_STACK_HTTP_PORT:-18804}"
PG_PORT="${DP_CLUSTER_PG_PORT:-25436}"
BIN="$(cd "$ROOT" && swift build --show-bin-path)"
FCGI_BIN="${DP_FCGI_BIN:-$BIN/dp-fcgi}"
FAKE_BIN="${DP_FAKE_OPENAI_BIN:-$BIN/dp-fake-openai}"
HOSTS=(dp-host-1 dp-host-2 dp-host-3)

log() { printf 'cluster: %s\n' "$*"; }
die() { printf 'cluster: error: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) == 0 ]] || die "needs root (PID and UTS namespaces, hostnames): run as root or set DP_TEST_CLUSTER=0"
unshare --pid --fork --mount-proc --uts true 2> /dev/null || die "unshare --pid --fork --mount-proc --uts does not work here"
[[ -x "$FCGI_BIN" && -x "$(dirname "$FCGI_BIN")/dp-worker" && -x "$FAKE_BIN" ]] || die "build first (swift build)"

VAR="$(mktemp -d "${TMPDIR:-/tmp}/dp-cluster.XXXXXX")"
chmod 0711 "$VAR"
CLUSTER="$VAR/cluster"
mkdir -p "$CLUSTER/nginx/tmp"
FAKE_PID=""
NGINX_STARTED=0
declare -A INIT_PID=()

# Everything this script started, by pid: the namespaces (SIGKILL of a namespace's init ends every process in it),
# nginx, the fake model, the stack.
cleanup() {
    local rc=$?
    set +e
    for host in "${!INIT_PID[@]}"; do kill -KILL "${INIT_PID[$host]}" 2> /dev/null; done
    for host in "${!INIT_PID[@]}"; do
        for _ in $(seq 1 50); do kill -0 "${INIT_PID[$host]}" 2> /dev/null || break; sleep 0.1; done
    done
    if (( NGINX_STARTED )) && [[ -f "$CLUSTER/nginx/nginx.pid" ]]; then
        kill -QUIT "$(cat "$CLUSTER/nginx/nginx.pid")" 2> /dev/null
    fi
    [[ -n "$FAKE_PID" ]] && kill "$FAKE_PID" 2> /dev/null && wait "$FAKE_PID" 2> /dev/null
    DP_VAR_DIR="$VAR" DP_HTTP_PORT="$STACK_HTTP_PORT" DP_PG_PORT="$PG_PORT" "$ROOT/scripts/stack.sh" down > /dev/null 2>&1 || log "warning: stack down failed"
    if (( rc != 0 )); then
        for host in "${HOSTS[@]}"; do
            [[ -f "$CLUSTER/$host.log" ]] && { log "--- $host.log (last lines)"; tail -n 15 "$CLUSTER/$host.log"; }
        done
    fi
    if [[ "${DP_CLUSTER_KEEP:-0}" == 1 ]]; then log "kept $VAR"; else rm -rf "$VAR"; fi
    exit "$rc"
}
trap cleanup EXIT

log "fake model"
"$FAKE_BIN" > "$CLUSTER/fake-openai.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 1 100); do grep -q '^listening on ' "$CLUSTER/fake-openai.log" 2> /dev/null && break; sleep 0.05; done
FAKE_PORT="$(sed -n 's/^listening on //p' "$CLUSTER/fake-openai.log" | head -1)"
[[ -n "$FAKE_PORT" ]] || die "dp-fake-openai did not start"
FAKE="http://127.0.0.1:$FAKE_PORT"
python3 -B "$ROOT/scripts/bench_llm.py" script "$FAKE"

log "PostgreSQL, the shared tasks directory and the configuration (a private stack; its own responder is stopped)"
export DP_LLM_PROVIDER=openai DP_EMBEDDING_PROVIDER=openai DP_LLM_MODEL=fake-chat DP_LLM_API_KEY=cluster-not-a-secret
export DP_LLM_BASE_URL="$FAKE/v1" DP_EMBEDDING_BASE_URL="$FAKE/v1" DP_EMBEDDING_MODEL=fake-embedding
export DP_MAX_WORKERS=1 DP_WORKER_TIMEOUT_S=5 DP_WORKER_HEARTBEAT_S=1
DP_VAR_DIR="$VAR" DP_HTTP_PORT="$STACK_HTTP_PORT" DP_PG_PORT="$PG_PORT" DP_FCGI_BIN="$FCGI_BIN" DP_PG_FAST=1 \
    "$ROOT/scripts/stack.sh" up > "$CLUSTER/stack.log" 2>&1 || { cat "$CLUSTER/stack.log"; die "stack up failed"; }
# The stack's responder would be a fourth host (this machine's hostname): stop it, by its pid file.
STACK_FCGI_PID="$(awk 'NR == 1 {print $1}' "$VAR/fcgi/dp-fcgi.pid")"
kill -TERM "$STACK_FCGI_PID"
for _ in $(seq 1 100); do kill -0 "$STACK_FCGI_PID" 2> /dev/null || break; sleep 0.1; done
eval "$(DP_VAR_DIR="$VAR" DP_HTTP_PORT="$STACK_HTTP_PORT" DP_PG_PORT="$PG_PORT" "$ROOT/scripts/stack.sh" env)"
"$ROOT/deploy/sample/load.sh" "$DP_TEST_ADMIN_DATABASE_URL" highway_db dp > /dev/null

# start_host NAME: dp-fcgi in a new PID/mount/UTS namespace with hostname NAME, on its own socket; records the
# namespace init's pid (SIGKILL of it ends every process of that "host").
start_host() {
    local host="$1" socket="$CLUSTER/$1.sock" unshare_pid
    # bash is the namespace's init: it reaps the workers re-parented to it; when dp-fcgi ends, the namespace ends.
    DP_ENV_FILE="$VAR/secrets/dp-fcgi.env" DP_FCGI_SOCKET="$socket" \
        setsid unshare --pid --fork --mount-proc --uts bash -c 'hostname "$1"; "$2" & wait $!' _ "$host" "$FCGI_BIN" \
        < /dev/null > "$CLUSTER/$host.log" 2>&1 &
    unshare_pid=$!
    for _ in $(seq 1 50); do
        INIT_PID[$host]="$(awk '{print $1}' "/proc/$unshare_pid/task/$unshare_pid/children" 2> /dev/null)"
        [[ -n "${INIT_PID[$host]}" ]] && break
        sleep 0.05
    done
    [[ -n "${INIT_PID[$host]}" ]] || die "$host: no namespace init"
    for _ in $(seq 1 200); do [[ -S "$socket" ]] && break; sleep 0.05; done
    [[ -S "$socket" ]] || die "$host: dp-fcgi did not create its socket"
    grep -q "host_id=$host" "$CLUSTER/$host.log" || die "$host: dp-fcgi does not report host id $host"
}

# serve_hosts NAME...: nginx on HTTP_PORT with the cluster upstream over these hosts' sockets (started, or reloaded).
serve_hosts() {
    local servers="" host
    for host in "$@"; do servers+="    server unix:$CLUSTER/$host.sock max_fails=1 fail_timeout=10s;"$'\n'; done
    "$ROOT/scripts/render-nginx.sh" local "$CLUSTER/nginx" "127.0.0.1:$HTTP_PORT" "$CLUSTER/$1.sock" \
        "$VAR/tasks/" "$ROOT/nginx/www" 1 > "$CLUSTER/nginx/one-host.conf"
    SERVERS="$servers" python3 -B - "$CLUSTER/nginx/one-host.conf" "$ROOT/deploy/cluster/nginx-upstream.conf.template" \
        > "$CLUSTER/nginx/nginx.conf" <<'PY'
import os, re, sys
conf, template = open(sys.argv[1]).read(), open(sys.argv[2]).read()
upstream = "\n".join(l for l in template.replace("@SERVERS@\n", os.environ["SERVERS"]).splitlines() if not l.startswith("#"))
conf, count = re.subn(r"upstream dp_fcgi \{.*?\n    \}", lambda _: upstream.strip().replace("\n", "\n    "), conf, flags=re.S)
assert count == 1, "no upstream block in the rendered configuration"
print(conf)
PY
    nginx -t -q -c "$CLUSTER/nginx/nginx.conf" -p "$CLUSTER/nginx/" -e "$CLUSTER/nginx/error.log"
    if (( NGINX_STARTED )); then
        kill -HUP "$(cat "$CLUSTER/nginx/nginx.pid")"
        sleep 1
    else
        nginx -c "$CLUSTER/nginx/nginx.conf" -p "$CLUSTER/nginx/" -e "$CLUSTER/nginx/error.log" < /dev/null
        NGINX_STARTED=1
    fi
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$HTTP_PORT/api/v0/health" > /dev/null && break; sleep 0.05; done
}

BASE="http://127.0.0.1:$HTTP_PORT/api/v0"
BUSINESS_JSON="{\"business_url\": \"${DP_TEST_BUSINESS_DATABASE_URL%/*}/highway_db\"}"
if [[ "${1:-test}" == bench ]]; then
    log "bench: one host"
    start_host "${HOSTS[0]}"
    serve_hosts "${HOSTS[0]}"
    one="$(python3 -B "$ROOT/scripts/cluster_client.py" bench "$BASE" "$FAKE" 12 "1 host" <<< "$BUSINESS_JSON")"
    log "bench: three hosts"
    start_host "${HOSTS[1]}"
    start_host "${HOSTS[2]}"
    serve_hosts "${HOSTS[@]}"
    three="$(python3 -B "$ROOT/scripts/cluster_client.py" bench "$BASE" "$FAKE" 12 "3 hosts" <<< "$BUSINESS_JSON")"
    python3 -c 'import sys; one, three = float(sys.argv[1]), float(sys.argv[2]); print(f"cluster bench: 3 hosts / 1 host = {three / one:.2f}x   (goal >= 2.5x)")' "$one" "$three"
    exit 0
fi

log "three hosts, each in its own PID/mount/UTS namespace"
for host in "${HOSTS[@]}"; do start_host "$host"; done
log "nginx on 127.0.0.1:$HTTP_PORT, upstream over the three sockets (deploy/cluster/nginx-upstream.conf.template)"
serve_hosts "${HOSTS[@]}"

log "workload"
hosts_arg=()
for host in "${HOSTS[@]}"; do hosts_arg+=("$host=${INIT_PID[$host]}"); done
DP_WORKER_TIMEOUT_S=5 python3 -B "$ROOT/scripts/cluster_client.py" test "$BASE" "$FAKE" \
    "$(dirname "$FCGI_BIN")/dp-worker" "${hosts_arg[@]}" <<< "$BUSINESS_JSON"
