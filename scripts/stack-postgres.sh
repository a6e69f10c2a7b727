# PostgreSQL part of scripts/stack.sh, sourced by it (not run alone): the private cluster (init, client
# authentication, start, stop), the role and databases, the secrets and the URLs. Uses stack.sh's configuration
# (PG_*, VAR, PW_FILE, KEY_FILE, ...) and helpers (log, die, pidfile_alive, ...); kept apart so that each script
# stays under lint's size limit.
# shellcheck shell=bash

# Run a command as the cluster's OS user: 'postgres' when we are root, else ourselves.
as_pg() {
    if (( IS_ROOT )); then
        (cd / && close_inherited_fds && exec runuser -u postgres -- "$@")
    else
        (cd / && close_inherited_fds && exec "$@")
    fi
}

pg_running() { require_pg && [[ -f "$PG_DATA/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status > /dev/null 2>&1; }

check_postgres_can_reach_var() {
    (( IS_ROOT )) || return 0
    id postgres > /dev/null 2>&1 || die "OS user 'postgres' missing (run scripts/setup.sh to install postgresql)"
    if ! runuser -u postgres -- test -x "$VAR"; then
        # Name the directories on the path that others may not traverse (owner and group aside: a hint, not a proof).
        local dir="$VAR" blocked=()
        while [[ "$dir" != / ]]; do
            if (( (8#$(stat -c %a "$dir") & 1) == 0 )) && [[ "$(stat -c %U "$dir")" != postgres ]]; then
                blocked=("$dir" "${blocked[@]}")
            fi
            dir="$(dirname "$dir")"
        done
        die "the 'postgres' user cannot traverse ${blocked[*]:-the path to $VAR}, so it cannot run a cluster in
       $PG_DIR. Either allow traversal: chmod o+x ${blocked[*]:-<directory>}
       or use a state directory elsewhere, e.g.: DP_VAR_DIR=/var/tmp/dp-pipeline $0 up"
    fi
}

pg_init() {
    require_pg
    [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
    check_postgres_can_reach_var
    mkdir -p "$PG_DIR" "$PG_RUN"
    (( IS_ROOT )) && chown postgres:postgres "$PG_DIR" "$PG_RUN"
    log "initdb: new cluster in $PG_DATA"
    if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 > "$PG_DIR/initdb.log" 2>&1; then
        tail_log "$PG_DIR/initdb.log"
        die "initdb failed"
    fi
    {
        echo ""
        echo "# added by scripts/stack.sh (port, listen address and socket directory are given at start)"
        echo "max_connections = 200"
        echo "log_line_prefix = '%m [%p] %q%u@%d '"
        if [[ "${DP_PG_FAST:-0}" == 1 ]]; then
            echo "# DP_PG_FAST=1: throw-away test cluster, durability traded for speed"
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } | as_pg tee -a "$PG_DATA/postgresql.conf" > /dev/null
}

# Client authentication, rewritten at every start (a cluster made by an older stack.sh trusted its socket for
# every role): the superuser only through the socket, for this OS user (and 'postgres') by peer authentication;
# every other role, socket or TCP, by password (scram). A URL naming the socket as 'postgres' gets nothing.
pg_write_hba() {
    local me
    me="$(id -un)"
    {
        echo "# Written by scripts/stack.sh at every start."
        echo "local  all  postgres                 peer map=dp_admin"
        echo "local  all  all                      scram-sha-256"
        echo "host   all  all       127.0.0.1/32   scram-sha-256"
        echo "host   all  all       ::1/128        scram-sha-256"
    } | as_pg tee "$PG_DATA/pg_hba.conf" > /dev/null
    {
        echo "# Written by scripts/stack.sh: OS users that may connect as the 'postgres' role over the socket."
        echo "dp_admin  postgres  postgres"
        [[ "$me" == postgres ]] || echo "dp_admin  $me  postgres"
    } | as_pg tee "$PG_DATA/pg_ident.conf" > /dev/null
}

pg_start() {
    pg_init
    check_postgres_can_reach_var
    pg_write_hba
    if pg_running; then
        log "postgresql already running (port $PG_PORT); authentication rules reloaded"
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" reload > /dev/null
    else
        if port_in_use "$PG_PORT"; then
            die "port $PG_PORT (DP_PG_PORT) is already in use by another process"
        fi
        log "starting postgresql on 127.0.0.1:$PG_PORT and $PG_RUN (log $PG_LOG)"
        # setsid: the postmaster gets its own session, like nginx and dp-fcgi (a Ctrl-C meant for the caller,
        # or a signal to its process group, does not reach it); 'down' stops it.
        if ! as_pg setsid "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
                -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_RUN" \
                start > /dev/null; then
            tail_log "$PG_LOG"
            die "postgresql did not start"
        fi
    fi
    pg_ensure_databases
}

pg_stop() {
    if pg_running; then
        log "stopping postgresql (pg_ctl stop -m fast)"
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop > /dev/null
    else
        log "postgresql not running"
    fi
}

psql_admin() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$PG_PORT" -U postgres -d postgres
}

# Role 'dp' (password from VAR/secrets/dp_password, created once), databases dp_state and dp_business. Idempotent.
pg_ensure_databases() {
    ensure_secrets
    local password
    password="$(< "$PW_FILE")"
    # The password travels on stdin, never in argv.
    psql_admin > /dev/null <<SQL
SELECT 'CREATE ROLE dp LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dp')\gexec
ALTER ROLE dp WITH LOGIN PASSWORD '$password';
SELECT 'CREATE DATABASE dp_state OWNER dp' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'dp_state')\gexec
SELECT 'CREATE DATABASE dp_business OWNER dp' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'dp_business')\gexec
SQL
    log "postgresql: role dp, databases dp_state and dp_business present"
}

ensure_secrets() {
    mkdir -p "$SECRETS_DIR"
    chmod 0700 "$SECRETS_DIR"
    if [[ ! -s "$PW_FILE" ]]; then
        log "generating the dp role's password into $PW_FILE"
        (umask 077 && head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-32 > "$PW_FILE")
    fi
    chmod 0600 "$PW_FILE"
    if [[ ! -s "$KEY_FILE" ]]; then
        log "generating the connection-password key into $KEY_FILE"
        (umask 077 && head -c 32 /dev/urandom | base64 > "$KEY_FILE")
    fi
    chmod 0600 "$KEY_FILE"
}

state_url() { printf 'postgresql://dp:%s@127.0.0.1:%s/dp_state' "${1:-$(< "$PW_FILE")}" "$PG_PORT"; }
business_url() { printf 'postgresql://dp:%s@127.0.0.1:%s/dp_business' "${1:-$(< "$PW_FILE")}" "$PG_PORT"; }
admin_url() { printf 'postgresql://postgres@/postgres?host=%s&port=%s' "$PG_RUN" "$PG_PORT"; }
