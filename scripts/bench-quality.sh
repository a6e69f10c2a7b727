# Quality part of scripts/bench.sh, sourced by it (not run alone): `bench.sh quality`. Uses bench.sh's configuration
# (ROOT, DP_VAR_DIR, ...) and helpers (log, die, admin_psql, start_stack); kept apart so that each script stays under
# lint's size limit.
# shellcheck shell=bash

# Loads deploy/sample/<db>.sql into <db>, readable by the role dp: through load.sh when it knows that file (it loads
# highway_db.sql; a load.sh that picks the script by the database's name loads the others), else the same steps here.
load_sample() {
    local db="$1" loader="$ROOT/deploy/sample/load.sh"
    if [[ "$db" == highway_db ]] || grep -Eq '\$\{?db\}?\.sql' "$loader"; then
        "$loader" "$DP_TEST_ADMIN_DATABASE_URL" "$db" dp > /dev/null
        return
    fi
    admin_psql -v db="$db" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db')
\gexec
SELECT format('ALTER DATABASE %I OWNER TO dp', :'db') \gexec
SQL
    local url="${DP_TEST_ADMIN_DATABASE_URL/\/postgres\?/\/$db?}"
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$url" -f "$ROOT/deploy/sample/$db.sql" > /dev/null
    psql -X -q -v ON_ERROR_STOP=1 "$url" <<'SQL'
SELECT format('GRANT CONNECT ON DATABASE %I TO dp', current_database()) \gexec
GRANT USAGE ON SCHEMA public TO dp;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO dp;
SQL
}

bench_quality() {
    python3 "$ROOT/scripts/quality_check.py" || die "the measuring code fails its own checks"
    start_stack
    local questions_dir="${DP_BENCH_QUESTIONS_DIR:-$ROOT/deploy/sample/questions}" db tables questions measured=0
    for db in highway_db retail_db; do
        if [[ ! -f "$ROOT/deploy/sample/$db.sql" ]]; then
            log "quality: $db: skipped, deploy/sample/$db.sql is missing"
            continue
        fi
        tables="$ROOT/deploy/sample/$db.tables"
        if [[ ! -f "$tables" ]]; then
            [[ "$db" == highway_db ]] || { log "quality: $db: skipped, deploy/sample/$db.tables is missing"; continue; }
            # The 8 tables scripts/run.sh documents, read from run_client.py's TABLES.
            tables="$DP_VAR_DIR/quality-$db.tables"
            python3 - "$ROOT/scripts/run_client.py" > "$tables" <<'PY'
import ast, sys
for node in ast.parse(open(sys.argv[1], encoding="utf-8").read()).body:
    if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "TABLES":
        print("\n".join(ast.literal_eval(node.value)))
PY
            log "quality: $db: no deploy/sample/$db.tables, the $(wc -l < "$tables") tables of scripts/run_client.py"
        fi
        questions="$questions_dir/$db.json"
        [[ -f "$questions" ]] || log "quality: $db: no labelled questions ($questions): retrieval is not measured"
        log "quality: $db: loading deploy/sample/$db.sql"
        load_sample "$db"
        # The business URL (role dp over TCP, with the password) only travels on stdin.
        python3 "$ROOT/scripts/quality_measures.py" run "$DP_TEST_BASE_URL" "$db" "$DP_TEST_TASKS_DIR" "$tables" \
            "$questions" "$DP_VAR_DIR/quality-$db.json" <<JSON
{"business_url": "${DP_TEST_BUSINESS_DATABASE_URL%/*}/$db"}
JSON
        measured=$((measured + 1))
    done
    (( measured > 0 )) || die "no sample database to measure"
}

