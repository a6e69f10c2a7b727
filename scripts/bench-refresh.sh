# Refresh part of scripts/bench.sh, sourced by it (not run alone): `bench.sh refresh`. Uses bench.sh's configuration
# and helpers (log, die, json, admin_psql, start_stack, create_ddl_fixture, create_fixture_task, wait_finished).
# shellcheck shell=bash

# Runs one execution of task $1 with mode $2; prints the wall time in seconds (the run must complete).
timed_run() {
    local started ended status
    started=$(date +%s.%N)
    curl -sf -X POST "$BASE/data_pipeline/tasks/$1/execute" -H 'Content-Type: application/json' \
        -d "{\"execution_mode\":\"$2\"}" > /dev/null || die "execute $2 refused"
    status="$(wait_finished "$1")"
    ended=$(date +%s.%N)
    [[ "$status" == completed ]] || die "the $2 run ended $status: $(curl -sf "$BASE/data_pipeline/tasks/$1" | head -c 3000)"
    python3 -c "print(round($ended - $started, 2))"
}

# A complete run on a copy of the 300-table fixture, then 3 tables altered and one added, then a refresh: wall times
# of both, and what the refresh redid (issue 18). The copy is dropped afterwards; the fixture stays as it was.
bench_refresh() {
    start_stack
    create_ddl_fixture
    local copy="bench_refresh_$$" source_url tables id complete refresh
    admin_psql -c "CREATE DATABASE $copy TEMPLATE bench_ddl_v3"
    # shellcheck disable=SC2064
    trap "admin_psql -c 'DROP DATABASE IF EXISTS $copy WITH (FORCE)' > /dev/null 2>&1 || true" EXIT
    source_url="$FIXTURE_URL"
    FIXTURE_URL="${source_url%/*}/$copy"
    tables="$(for s in sales ops hr; do for i in $(seq 1 100); do printf '%s.t_%s,' "$s" "$i"; done; done)"
    id="$(create_fixture_task "bench refresh")"
    curl -sf -X POST "$BASE/data_pipeline/tasks/$id/table-list" -H 'Content-Type: application/json' \
        -d "{\"tables\":\"${tables%,}\"}" > /dev/null
    log "complete run of task $id on 300 tables (copy $copy)"
    complete="$(timed_run "$id" complete)"
    log "altering 3 tables (a column added, one dropped, one retyped) and adding one"
    psql -v ON_ERROR_STOP=1 -q -X "${DP_TEST_ADMIN_DATABASE_URL/\/postgres\?/\/$copy?}" <<'SQL'
ALTER TABLE sales.t_5 ADD COLUMN note text;
ALTER TABLE ops.t_7 DROP COLUMN remark;
ALTER TABLE hr.t_9 ALTER COLUMN qty TYPE bigint;
CREATE TABLE sales.t_new (id bigint PRIMARY KEY, amount numeric(12,2));
GRANT SELECT ON sales.t_new TO dp;
SQL
    refresh="$(timed_run "$id" refresh)"
    curl -sf "$BASE/data_pipeline/tasks/$id" > "$DP_VAR_DIR/bench-refresh-status.json"
    python3 - "$complete" "$refresh" "$DP_VAR_DIR/bench-refresh-status.json" <<'PY'
import json, sys
complete, refresh = float(sys.argv[1]), float(sys.argv[2])
result = json.load(open(sys.argv[3]))["data"]["result"]
r = result["refresh"]
print()
print("refresh, 300 tables in 3 schemas, built-in provider")
print(f"  complete run: {complete:.2f} s   refresh after 3 tables altered and 1 added: {refresh:.2f} s ({refresh / complete:.0%})")
print(f"  tables: {len(r['tables_changed'])} changed, {len(r['tables_added'])} added, {r['tables_unchanged']} untouched; "
      f"files rewritten {len(r['files_rewritten'])}")
print(f"  pairs: kept {r['pairs_kept']}, dropped {len(r['pairs_dropped'])}, added {r['pairs_added']}; "
      f"themes regenerated {len(r['themes_regenerated'])}")
steps = {name: result[name].get("duration") for name in ("ddl_generation", "qa_generation", "sql_validation", "training_load")
         if name in result}
print(f"  refresh step durations (s): {steps}")
PY
}
