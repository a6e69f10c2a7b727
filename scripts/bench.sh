#!/usr/bin/env bash
# Benchmarks, separate from the tests: they print medians measured in one run, never assert timings.
#
#   scripts/bench.sh ddl     step 1 (ddl_generation) on 300 tables in 3 schemas with the built-in provider:
#                            wall time per run (median of DP_BENCH_RUNS, default 3) and SQL statements per table
#
# It builds release, starts (or reuses) a private stack in DP_BENCH_VAR_DIR (default /var/tmp/dp-bench) on
# ports DP_BENCH_HTTP_PORT/DP_BENCH_PG_PORT (18784/54389) and leaves it running; `DP_VAR_DIR=/var/tmp/dp-bench
# scripts/stack.sh down` stops it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
command -v swift > /dev/null || export PATH="/opt/swift/usr/bin:$PATH"
export DP_VAR_DIR="${DP_BENCH_VAR_DIR:-/var/tmp/dp-bench}"
export DP_HTTP_PORT="${DP_BENCH_HTTP_PORT:-18784}"
export DP_PG_PORT="${DP_BENCH_PG_PORT:-54389}"
RUNS="${DP_BENCH_RUNS:-3}"

log() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
json() { python3 -c "import sys, json; d = json.load(sys.stdin); print($1)"; }

start_stack() {
    log "building release"
    DP_BUILD_CONFIG=release "$ROOT/scripts/setup.sh" > /dev/null
    DP_FCGI_BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/dp-fcgi"
    export DP_FCGI_BIN
    mkdir -p "$DP_VAR_DIR" && chmod 711 "$DP_VAR_DIR"
    "$ROOT/scripts/stack.sh" up > /dev/null
    eval "$("$ROOT/scripts/stack.sh" env)"
    BASE="$DP_TEST_BASE_URL/api/v0"
}

# psql on the private cluster as the superuser.
admin_psql() { psql -v ON_ERROR_STOP=1 -q -X "$DP_TEST_ADMIN_DATABASE_URL" "$@"; }

# 300 tables (3 schemas × 100), 12 columns each, a foreign key chain per schema, 2,000 rows each, analyzed.
create_ddl_fixture() {
    local db=bench_ddl url
    url="${DP_TEST_ADMIN_DATABASE_URL/\/postgres\?/\/$db?}"
    if ! admin_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
        log "creating $db (300 tables)"
        admin_psql -c "CREATE DATABASE $db"
        psql -v ON_ERROR_STOP=1 -q -X "$url" <<'SQL'
DO $$
DECLARE s text; i int;
BEGIN
  FOREACH s IN ARRAY ARRAY['sales', 'ops', 'hr'] LOOP
    EXECUTE format('CREATE SCHEMA %I', s);
    FOR i IN 1..100 LOOP
      EXECUTE format($f$CREATE TABLE %I.%I (
          id bigint PRIMARY KEY, parent_id bigint %s, code varchar(20) NOT NULL, name varchar(100),
          status varchar(10), amount numeric(12,2), qty integer, created_at timestamp DEFAULT now(),
          updated_at timestamptz, is_active boolean DEFAULT true, remark text, tags text[])$f$,
          s, 't_' || i, CASE WHEN i > 1 THEN format('REFERENCES %I.%I (id)', s, 't_' || (i - 1)) ELSE '' END);
      EXECUTE format($f$INSERT INTO %I.%I (id, parent_id, code, name, status, amount, qty, remark)
          SELECT g, %s, 'C' || g, 'name ' || g, (ARRAY['new','paid','closed'])[1 + g %% 3], g * 1.5, g %% 17, 'r'
          FROM generate_series(1, 2000) g$f$, s, 't_' || i, CASE WHEN i > 1 THEN 'g' ELSE 'NULL' END);
    END LOOP;
  END LOOP;
END $$;
ANALYZE;
SQL
    fi
    FIXTURE_URL="$url"
}

bench_ddl() {
    start_stack
    create_ddl_fixture
    local tables id started ended status result walls=() statements=""
    tables="$(for s in sales ops hr; do for i in $(seq 1 100); do printf '%s.t_%s,' "$s" "$i"; done; done)"
    for run in $(seq 1 "$RUNS"); do
        id="$(curl -sf -X POST "$BASE/data_pipeline/tasks" -H 'Content-Type: application/json' \
            -d "{\"task_name\":\"bench ddl $run\",\"db_connection\":\"$FIXTURE_URL\"}" | json 'd["data"]["task_id"]')"
        curl -sf -X POST "$BASE/data_pipeline/tasks/$id/table-list" -H 'Content-Type: application/json' \
            -d "{\"tables\":\"${tables%,}\"}" > /dev/null
        started=$(date +%s.%N)
        curl -sf -X POST "$BASE/data_pipeline/tasks/$id/execute" -H 'Content-Type: application/json' \
            -d '{"execution_mode":"step","step_name":"ddl_generation"}' > /dev/null
        while true; do
            status="$(curl -sf "$BASE/data_pipeline/tasks/$id" | json 'd["data"]["status"]')"
            [[ "$status" != in_progress ]] && break
            sleep 0.05
        done
        ended=$(date +%s.%N)
        result="$(curl -sf "$BASE/data_pipeline/tasks/$id" | json 'json.dumps(d["data"]["result"]["ddl_generation"])')"
        [[ "$status" == partial_completed ]] || die "run $run ended $status: $result"
        walls+=("$(python3 -c "print(round($ended - $started, 3))")")
        statements="$(echo "$result" | json 'd["sql_statements"]')"
        log "run $run: $(echo "$result" | json '"%d tables, step %.2fs, %d SQL statements" % (d["processed_successfully"], d["duration"], d["sql_statements"])')"
    done
    python3 - "$statements" "${walls[@]}" <<'PY'
import statistics, sys
statements = int(sys.argv[1]); walls = [float(w) for w in sys.argv[2:]]
print()
print("ddl_generation, 300 tables in 3 schemas, built-in provider")
print(f"  wall time (execute → finished), median of {len(walls)}: {statistics.median(walls):.2f} s   runs: {walls}")
print(f"  SQL statements: {statements} in total, {statements / 300:.1f} per table (catalog: 3 set-based queries for all tables)")
PY
}

case "${1:-}" in
    ddl) bench_ddl ;;
    *) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac
