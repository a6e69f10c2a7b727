#!/usr/bin/env bash
# Private dp-pipeline stack: a PostgreSQL cluster, dp-fcgi and a non-root nginx, all under one directory.
#
#   scripts/stack.sh up                 start whatever is not running (idempotent); print the base URL
#   scripts/stack.sh down               stop exactly what 'up' started (pid files; never by process name)
#   scripts/stack.sh status             print each component; exit 0 if all run, 3 otherwise
#   scripts/stack.sh pg start|stop|restart
#   scripts/stack.sh restart-fcgi       start a new dp-fcgi on the same socket, then SIGTERM the old one
#   scripts/stack.sh env                print 'export DP_TEST_*=...' lines for scripts/test.sh to eval.
#                                       They INCLUDE THE REAL DATABASE PASSWORD: never paste them into logs.
#
# Environment (later runs reuse the ports and binary that 'up' recorded in VAR/stack.conf):
#   DP_VAR_DIR     state directory (default <repo>/var): pg/ nginx/ fcgi/ tasks/ secrets/
#   DP_HTTP_PORT   nginx port on 127.0.0.1 (default 8084)
#   DP_PG_PORT     PostgreSQL port on 127.0.0.1 (default 25432; the unix socket is in VAR/pg/run)
#   DP_FCGI_BIN    dp-fcgi binary (default: the release build's bin path)
#   DP_PG_FAST=1   initialise a throw-away cluster (fsync off); scripts/test.sh sets it
#   other DP_* variables (DP_FCGI_THREADS, DP_LOG_LEVEL, DP_LLM_PROVIDER, ...) are copied into dp-fcgi's env file.
#
# Run as root, PostgreSQL runs as the 'postgres' OS user (initdb refuses root), so that user must be able to
# traverse every parent of VAR: the script checks and stops with the command to fix it; it never loosens
# permissions of directories it did not create. scripts/test.sh uses a 0711 directory under /tmp.
set -euo pipefail
umask 022

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SELF="$ROOT/scripts/stack.sh"

log() { printf 'stack: %s\n' "$*"; }
warn() { printf 'stack: warning: %s\n' "$*" >&2; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,22s/^# \{0,1\}//p' "$SELF"; }

# ---------------------------------------------------------------------------------------------------------------
# Configuration and paths

VAR="$(realpath -m -- "${DP_VAR_DIR:-$ROOT/var}")"
[[ "$VAR" =~ ^[A-Za-z0-9_./+-]+$ ]] || die "DP_VAR_DIR must be a plain path (letters, digits, _ . / + -): $VAR"
STACK_CONF="$VAR/stack.conf"

PG_DIR="$VAR/pg"
PG_DATA="$PG_DIR/data"
PG_RUN="$PG_DIR/run"
PG_LOG="$PG_DIR/postgresql.log"
NGINX_DIR="$VAR/nginx"
NGINX_CONF="$NGINX_DIR/nginx.conf"
NGINX_PID="$NGINX_DIR/nginx.pid"
NGINX_ERROR_LOG="$NGINX_DIR/error.log"
FCGI_DIR="$VAR/fcgi"
FCGI_SOCKET="$FCGI_DIR/dp-fcgi.sock"
FCGI_PID="$FCGI_DIR/dp-fcgi.pid"
FCGI_LOG="$FCGI_DIR/dp-fcgi.log"
TASKS_DIR="$VAR/tasks"
SECRETS_DIR="$VAR/secrets"
PW_FILE="$SECRETS_DIR/dp_password"
# AES-256-GCM key that seals connection passwords in the state database (DP_SECRET_KEY_FILE, 0600).
KEY_FILE="$SECRETS_DIR/secret.key"
ENV_FILE="$SECRETS_DIR/dp-fcgi.env"
WWW_DIR="$ROOT/nginx/www"

# Values recorded by 'up' (non-secret); precedence: environment > VAR/stack.conf > default.
saved() {
    [[ -f "$STACK_CONF" ]] || return 0
    local key value
    while IFS='=' read -r key value; do
        if [[ "$key" == "$1" ]]; then printf '%s' "$value"; return 0; fi
    done < "$STACK_CONF"
}
HTTP_PORT="${DP_HTTP_PORT:-$(saved HTTP_PORT)}"; HTTP_PORT="${HTTP_PORT:-8084}"
PG_PORT="${DP_PG_PORT:-$(saved PG_PORT)}"; PG_PORT="${PG_PORT:-25432}"
FCGI_BIN="${DP_FCGI_BIN:-$(saved FCGI_BIN)}"
for port in "$HTTP_PORT" "$PG_PORT"; do
    if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then die "not a port number: $port"; fi
done

IS_ROOT=0
[[ "$(id -u)" == 0 ]] && IS_ROOT=1

# Debian keeps the server binaries off PATH, in /usr/lib/postgresql/<major>/bin; take the newest.
find_pg_bindir() {
    if [[ -n "${DP_PG_BINDIR:-}" ]]; then printf '%s' "$DP_PG_BINDIR"; return; fi
    local initdb
    initdb="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2> /dev/null | sort -V | tail -n 1)"
    [[ -n "$initdb" ]] || initdb="$(command -v initdb || true)"
    printf '%s' "${initdb%/initdb}"
}
PG_BIN="$(find_pg_bindir)"
require_pg() {
    [[ -n "$PG_BIN" && -x "$PG_BIN/pg_ctl" ]] \
        || die "PostgreSQL server binaries not found (run scripts/setup.sh, or set DP_PG_BINDIR)"
}

# ---------------------------------------------------------------------------------------------------------------
# Processes

# Close every descriptor above 2 that this shell inherited, so daemons never hold a caller's pipe (a CI log) open.
close_inherited_fds() {
    local fd
    for fd in /proc/self/fd/*; do
        fd="${fd##*/}"
        if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

# Kernel start time of a pid (field 22 of /proc/PID/stat): with the pid it identifies a process across pid reuse.
proc_starttime() {
    local stat fields
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    read -ra fields <<< "${stat##*) }"
    [[ "${fields[0]}" != Z && "${fields[0]}" != X ]] || return 1
    printf '%s' "${fields[19]}"
}

# pidfile_alive FILE: true if FILE names a live process; sets PID. dp-fcgi's pid file also holds the start time.
pidfile_alive() {
    PID=""
    [[ -f "$1" ]] || return 1
    local pid start now
    read -r pid start < "$1" || true
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    now="$(proc_starttime "$pid")" || return 1
    [[ -z "$start" || "$start" == "$now" ]] || return 1
    PID="$pid"
}

# wait_gone PID SECONDS: wait until the process has exited; false on timeout.
wait_gone() {
    local deadline=$((SECONDS + $2))
    while proc_starttime "$1" > /dev/null; do
        (( SECONDS < deadline )) || return 1
        sleep 0.1
    done
}

port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

tail_log() {
    local file="$1"
    if [[ -f "$file" ]]; then
        printf -- '--- last lines of %s ---\n' "$file" >&2
        tail -n "${2:-30}" "$file" >&2 || true
        printf -- '---\n' >&2
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# PostgreSQL: scripts/stack-postgres.sh

# shellcheck source=scripts/stack-postgres.sh
source "$ROOT/scripts/stack-postgres.sh"

# ---------------------------------------------------------------------------------------------------------------
# dp-fcgi

resolve_fcgi_bin() {
    if [[ -z "$FCGI_BIN" ]]; then
        command -v swift > /dev/null || PATH="/opt/swift/usr/bin:$PATH"
        FCGI_BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/dp-fcgi"
    fi
    [[ -x "$FCGI_BIN" ]] || die "dp-fcgi binary not found or not executable: $FCGI_BIN
       (build it with scripts/setup.sh, or set DP_FCGI_BIN)"
}

# Variables that configure this script, not dp-fcgi: never copied into dp-fcgi's env file.
is_script_variable() {
    case "$1" in
        DP_VAR_DIR | DP_HTTP_PORT | DP_PG_PORT | DP_PG_BINDIR | DP_PG_FAST | DP_FCGI_BIN | DP_BUILD_CONFIG | \
            DP_KEEP_TEST_VAR | DP_ENV_FILE | DP_TEST_*) return 0 ;;
    esac
    return 1
}

# VAR/secrets/dp-fcgi.env (0600, systemd EnvironmentFile format): dp-fcgi's whole configuration.
write_fcgi_env_file() {
    ensure_secrets
    local password worker name value tmp="$ENV_FILE.tmp"
    password="$(< "$PW_FILE")"
    worker="$(dirname "$FCGI_BIN")/dp-worker"
    declare -A written=()
    (
        umask 077
        emit() {
            [[ "$2" != *$'\n'* ]] || die "$1 contains a newline"
            printf '%s=%s\n' "$1" "$2"
            written[$1]=1
        }
        echo "# Written by scripts/stack.sh: dp-fcgi's configuration. Holds the database password (mode 0600)."
        emit DP_STATE_DATABASE_URL "$(state_url "$password")"
        emit DP_BUSINESS_DATABASE_URL "${DP_BUSINESS_DATABASE_URL:-$(business_url "$password")}"
        emit DP_TASKS_DIR "$TASKS_DIR"
        emit DP_SECRET_KEY_FILE "${DP_SECRET_KEY_FILE:-$KEY_FILE}"
        emit DP_FCGI_SOCKET "$FCGI_SOCKET"
        emit DP_FCGI_SOCKET_MODE "${DP_FCGI_SOCKET_MODE:-0660}"
        emit DP_FCGI_THREADS "${DP_FCGI_THREADS:-8}"
        emit DP_MAX_UPLOAD_MB "${DP_MAX_UPLOAD_MB:-10}"
        emit DP_ACCEL_REDIRECT_PREFIX "${DP_ACCEL_REDIRECT_PREFIX:-/_task_files/}"
        emit DP_LOG_LEVEL "${DP_LOG_LEVEL:-info}"
        if [[ -z "${DP_WORKER_BIN:-}" && -x "$worker" ]]; then emit DP_WORKER_BIN "$worker"; fi
        while IFS= read -r name; do
            [[ "$name" == DP_* && -z "${written[$name]:-}" ]] || continue
            is_script_variable "$name" && continue
            value="${!name}"
            emit "$name" "$value"
        done < <(compgen -e)
    ) > "$tmp"
    chmod 0600 "$tmp"
    mv "$tmp" "$ENV_FILE"
    log "wrote dp-fcgi configuration $ENV_FILE (0600)"
}

fcgi_running() { pidfile_alive "$FCGI_PID"; }

# Start one dp-fcgi, detached, configured only through DP_ENV_FILE; wait until it has bound a NEW socket.
# Sets NEW_PID.
spawn_fcgi() {
    local old_inode new_inode timeout="${DP_FCGI_START_TIMEOUT:-60}"
    old_inode="$(stat -c %i "$FCGI_SOCKET" 2> /dev/null || true)"
    mkdir -p "$FCGI_DIR" "$TASKS_DIR"
    log "starting dp-fcgi $FCGI_BIN (socket $FCGI_SOCKET, log $FCGI_LOG)"
    # A clean environment: the env file is the single source of configuration and the password is never in argv.
    # setsid: its own session, so signals to our process group never reach it. The subshell is not a process
    # group leader, so setsid execs in place and $! is dp-fcgi's pid.
    (
        cd "$VAR"
        close_inherited_fds
        exec env -i PATH="$PATH" HOME="${HOME:-/}" LANG=C.UTF-8 DP_ENV_FILE="$ENV_FILE" \
            setsid "$FCGI_BIN" < /dev/null >> "$FCGI_LOG" 2>&1
    ) &
    NEW_PID=$!
    local start
    start="$(proc_starttime "$NEW_PID" || true)"
    # Recorded at once (as .new until it serves), so 'down' finds it even if this script is interrupted.
    printf '%s %s\n' "$NEW_PID" "$start" > "$FCGI_PID.new"
    local deadline=$((SECONDS + timeout))
    while :; do
        if ! proc_starttime "$NEW_PID" > /dev/null; then
            rm -f "$FCGI_PID.new"
            tail_log "$FCGI_LOG"
            die "dp-fcgi exited during start (see $FCGI_LOG)"
        fi
        new_inode="$(stat -c %i "$FCGI_SOCKET" 2> /dev/null || true)"
        if [[ -S "$FCGI_SOCKET" && "$new_inode" != "$old_inode" ]]; then break; fi
        if (( SECONDS >= deadline )); then
            terminate_fcgi "$NEW_PID" 5
            rm -f "$FCGI_PID.new"
            tail_log "$FCGI_LOG"
            die "dp-fcgi did not create $FCGI_SOCKET within ${timeout}s (DP_FCGI_START_TIMEOUT)"
        fi
        sleep 0.1
    done
    mv "$FCGI_PID.new" "$FCGI_PID"
    log "dp-fcgi running (pid $NEW_PID)"
}

# terminate_fcgi PID [SECONDS]: SIGTERM (dp-fcgi finishes in-flight requests, at most fastcgi_read_timeout),
# then SIGKILL.
terminate_fcgi() {
    local pid="$1" timeout="${2:-${DP_FCGI_STOP_TIMEOUT:-70}}"
    log "stopping dp-fcgi pid $pid (SIGTERM)"
    kill -TERM "$pid" 2> /dev/null || return 0
    if ! wait_gone "$pid" "$timeout"; then
        warn "dp-fcgi pid $pid still running after ${timeout}s: SIGKILL"
        kill -KILL "$pid" 2> /dev/null || true
        wait_gone "$pid" 5 || warn "dp-fcgi pid $pid did not exit"
    fi
}

fcgi_start() {
    if fcgi_running; then
        log "dp-fcgi already running (pid $PID)"
        return 0
    fi
    resolve_fcgi_bin
    write_fcgi_env_file
    spawn_fcgi
}

fcgi_stop() {
    # One that was still starting when its 'up' or 'restart-fcgi' was interrupted.
    if pidfile_alive "$FCGI_PID.new"; then terminate_fcgi "$PID" 5; fi
    rm -f "$FCGI_PID.new"
    if fcgi_running; then
        terminate_fcgi "$PID"
    else
        log "dp-fcgi not running"
    fi
    rm -f "$FCGI_PID"
    # Nothing of ours listens any more: a socket left behind (after SIGKILL) is stale.
    [[ -S "$FCGI_SOCKET" ]] && rm -f "$FCGI_SOCKET"
    return 0
}

fcgi_restart() {
    if ! fcgi_running; then
        log "dp-fcgi not running: starting it"
        fcgi_start
        return 0
    fi
    local old_pid="$PID"
    resolve_fcgi_bin
    [[ -f "$ENV_FILE" ]] || write_fcgi_env_file
    # The new instance binds the same path (replacing the old socket's directory entry) before the old one stops;
    # dp-fcgi unlinks the path on exit only if it is still its own inode, so no request is refused.
    spawn_fcgi
    terminate_fcgi "$old_pid"
    log "dp-fcgi restarted: pid $old_pid -> $NEW_PID"
}

# ---------------------------------------------------------------------------------------------------------------
# nginx

nginx_running() {
    pidfile_alive "$NGINX_PID" || return 1
    # The pid must be an nginx master, not a recycled pid.
    [[ "$(tr '\0' ' ' < "/proc/$PID/cmdline" 2> /dev/null)" == "nginx: master process"* ]]
}

nginx_args() { printf '%s\n' -c "$NGINX_CONF" -p "$NGINX_DIR/" -e "$NGINX_ERROR_LOG"; }

nginx_start() {
    if nginx_running; then
        log "nginx already running (pid $PID, port $HTTP_PORT)"
        return 0
    fi
    command -v nginx > /dev/null || PATH="$PATH:/usr/sbin"
    command -v nginx > /dev/null || die "nginx not installed (run scripts/setup.sh)"
    if port_in_use "$HTTP_PORT"; then
        die "port $HTTP_PORT (DP_HTTP_PORT) is already in use by another process"
    fi
    mkdir -p "$NGINX_DIR/tmp" "$TASKS_DIR"
    "$ROOT/scripts/render-nginx.sh" local "$NGINX_DIR" "127.0.0.1:$HTTP_PORT" "$FCGI_SOCKET" "$TASKS_DIR/" \
        "$WWW_DIR" "$IS_ROOT" > "$NGINX_CONF.tmp"
    mv "$NGINX_CONF.tmp" "$NGINX_CONF"
    log "rendered $NGINX_CONF"
    local args
    mapfile -t args < <(nginx_args)
    nginx -t -q "${args[@]}" || die "nginx rejects $NGINX_CONF"
    log "starting nginx on http://127.0.0.1:$HTTP_PORT (error log $NGINX_ERROR_LOG)"
    (close_inherited_fds && exec nginx "${args[@]}" < /dev/null) || {
        tail_log "$NGINX_ERROR_LOG"
        die "nginx did not start"
    }
    local deadline=$((SECONDS + 10))
    until nginx_running; do
        if (( SECONDS >= deadline )); then
            tail_log "$NGINX_ERROR_LOG"
            die "nginx did not write $NGINX_PID"
        fi
        sleep 0.1
    done
    log "nginx running (pid $PID)"
}

nginx_stop() {
    if ! nginx_running; then
        log "nginx not running"
        return 0
    fi
    local pid="$PID"
    log "stopping nginx pid $pid (graceful quit)"
    kill -QUIT "$pid"
    if ! wait_gone "$pid" 15; then
        warn "nginx pid $pid still running after 15s: fast shutdown"
        kill -TERM "$pid" 2> /dev/null || true
        wait_gone "$pid" 5 || { kill -KILL "$pid" 2> /dev/null || true; }
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# Commands

save_conf() {
    mkdir -p "$VAR"
    printf 'HTTP_PORT=%s\nPG_PORT=%s\nFCGI_BIN=%s\n' "$HTTP_PORT" "$PG_PORT" "$FCGI_BIN" > "$STACK_CONF"
}

cmd_up() {
    mkdir -p "$VAR" "$TASKS_DIR"
    log "state directory $VAR"
    pg_start
    fcgi_start
    save_conf
    nginx_start
    echo ""
    echo "base URL: http://127.0.0.1:$HTTP_PORT"
    echo "state database URL: $(state_url '***')  (password: $PW_FILE; dp-fcgi config: $ENV_FILE)"
    echo "admin database URL: $(admin_url)"
    echo "logs: $FCGI_LOG $NGINX_ERROR_LOG $PG_LOG"
}

cmd_down() {
    log "stopping the stack in $VAR"
    local rc=0
    nginx_stop || rc=1
    fcgi_stop || rc=1
    if [[ -f "$PG_DATA/PG_VERSION" ]]; then pg_stop || rc=1; else log "postgresql not initialised"; fi
    return "$rc"
}

cmd_status() {
    local all=0
    if [[ -f "$PG_DATA/PG_VERSION" ]] && pg_running; then
        echo "postgresql running  127.0.0.1:$PG_PORT  $PG_RUN"
    else
        echo "postgresql stopped"; all=3
    fi
    if fcgi_running; then echo "dp-fcgi    running  pid $PID  $FCGI_SOCKET"; else echo "dp-fcgi    stopped"; all=3; fi
    if nginx_running; then
        echo "nginx      running  pid $PID  http://127.0.0.1:$HTTP_PORT"
    else
        echo "nginx      stopped"; all=3
    fi
    return "$all"
}

cmd_env() {
    [[ -s "$PW_FILE" ]] || die "no password in $PW_FILE: run '$0 up' first"
    local password
    password="$(< "$PW_FILE")"
    printf 'export DP_VAR_DIR=%q\n' "$VAR"
    printf 'export DP_TEST_ADMIN_DATABASE_URL=%q\n' "$(admin_url)"
    printf 'export DP_TEST_BASE_URL=%q\n' "http://127.0.0.1:$HTTP_PORT"
    printf 'export DP_TEST_STATE_DATABASE_URL=%q\n' "$(state_url "$password")"
    printf 'export DP_TEST_BUSINESS_DATABASE_URL=%q\n' "$(business_url "$password")"
    printf 'export DP_TEST_TASKS_DIR=%q\n' "$TASKS_DIR"
    printf 'export DP_TEST_STACK_SCRIPT=%q\n' "$SELF"
    printf 'export DP_TEST_PG_CTL_RESTART=%q\n' "DP_VAR_DIR=$(printf '%q' "$VAR") $(printf '%q' "$SELF") pg restart"
    printf 'export DP_TEST_FCGI_LOG=%q\n' "$FCGI_LOG"
}

case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    restart-fcgi) fcgi_restart ;;
    pg)
        case "${2:-}" in
            start) pg_start ;;
            stop) pg_stop ;;
            restart) pg_stop; pg_start ;;
            *) usage >&2; exit 2 ;;
        esac
        ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
esac
