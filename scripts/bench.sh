#!/usr/bin/env bash
# Benchmarks, separate from the tests: they print medians measured in one run, never assert timings.
#
#   scripts/bench.sh ddl     step 1 (ddl_generation) on 300 tables in 3 schemas with the built-in provider:
#                            wall time per run (median of DP_BENCH_RUNS, default 3) and SQL statements per table;
#                            then the drift report of the last run's task (GET …/drift), median wall time
#   scripts/bench.sh refresh  a complete run on a copy of the same 300 tables, 3 tables altered and 1 added, then
#                            execution_mode refresh: wall time of both and what the refresh redid
#   scripts/bench.sh pipeline  a complete run on the same 300 tables with the built-in providers: wall time per
#                            step, the quality report's build time, validation throughput (EXPLAINs/s), load
#                            throughput (items/s); then the store
#                            is filled to 10,000 items and /training_data/search latency is measured (p50/p99)
#   scripts/bench.sh search  /training_data/search through nginx at 10,000 and 100,000 items (the bench stack's store
#                            is emptied first): p50/p99 of 2,000 sequential manager-style questions and the
#                            responder's RSS at each size; then the first search after loading 100 new items into
#                            the 100k store, before (index rebuilt in full) and after (updated from the change log)
#   scripts/bench.sh llm     a complete run on the sample database with the OpenAI-compatible providers pointed at
#                            the fake server (300 ms per call): wall time, calls, and wall / (calls × 300 ms)
#   scripts/bench.sh gate    the SQL gate (PostgreSQL's parser through libpg_query): statements/s of the verdict,
#                            the references and the shape on 400 pair-like statements (medians of 5 rounds), and the
#                            line count of Sources/PipelineCore/SQL before the parser replaced the hand-written lexer
#                            and now; no stack needed
#   scripts/bench.sh cluster  tasks per minute with 1 host and with 3 (simulated in namespaces, DP_MAX_WORKERS=1, the
#                            fake model at 2000 ms per call; scripts/cluster_test.sh bench) and their ratio (goal ≥ 2.5×);
#                            its own temporary stack (DP_BENCH_CLUSTER_HTTP_PORT, …_STACK_HTTP_PORT, …_PG_PORT)
#   scripts/bench.sh api     status polls (pending and running task), task list (the newest 10 of 50 with every
#                            free-text field at its limit, one with a 100,000-character context), logs (50,000-line
#                            log) and nginx's own `return 200`
#                            (the ceiling) with `wrk -t2 -c32 -d10s`, 2 alternating rounds; req/s, p50, p99,
#                            non-2xx and each route's ratio to the ceiling; responder RSS after the runs and with
#                            500 connections held open
#   scripts/bench.sh quality  a complete run on each sample database (deploy/sample/<db>.sql: highway_db, retail_db;
#                            a missing one is skipped; the bench stack's training-data store is truncated first, so
#                            retrieval sees this run's items only) with the built-in providers, then every measure of
#                            QUALITY.md with its goal and ok/FAIL, computed apart from the service
#                            (scripts/quality_measures.py: the pair file, semantic_model.json, the .ddl files, each
#                            pair's SQL run read-only, search on deploy/sample/questions/<db>.json); the offending
#                            pairs of each failed measure, step wall times, and VAR/quality-<db>.json
#                            (DP_BENCH_QUESTIONS_DIR: another directory of labelled <db>.json files)
#
# It builds release, starts (or reuses) a private stack in DP_BENCH_VAR_DIR (default /var/tmp/dp-bench) on
# ports DP_BENCH_HTTP_PORT/DP_BENCH_PG_PORT (18784/25434) and leaves it running; `DP_VAR_DIR=/var/tmp/dp-bench
# scripts/stack.sh down` stops it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
command -v swift > /dev/null || export PATH="/opt/swift/usr/bin:$PATH"
export DP_VAR_DIR="${DP_BENCH_VAR_DIR:-/var/tmp/dp-bench}"
export DP_HTTP_PORT="${DP_BENCH_HTTP_PORT:-18784}"
export DP_PG_PORT="${DP_BENCH_PG_PORT:-25434}"
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
    # A reused stack keeps the nginx configuration it was started with (perhaps by another checkout): restart it
    # when this checkout's templates render a different one. The arguments are those stack.sh renders with.
    local conf var wanted
    var="$(realpath -m -- "$DP_VAR_DIR")"
    conf="$var/nginx/nginx.conf"
    if [[ -f "$conf" ]]; then
        wanted="$("$ROOT/scripts/render-nginx.sh" local "$var/nginx" "127.0.0.1:$DP_HTTP_PORT" "$var/fcgi/dp-fcgi.sock" \
            "$var/tasks/" "$ROOT/nginx/www" "$([[ $(id -u) == 0 ]] && echo 1 || echo 0)")"
        if [[ "$wanted" != "$(< "$conf")" ]]; then
            log "the running nginx has another configuration than this checkout's: restarting the stack"
            "$ROOT/scripts/stack.sh" down > /dev/null
        fi
    fi
    "$ROOT/scripts/stack.sh" up > /dev/null
    # A reused stack may still run an older responder: swap in the one just built.
    "$ROOT/scripts/stack.sh" restart-fcgi > /dev/null
    eval "$("$ROOT/scripts/stack.sh" env)"
    BASE="$DP_TEST_BASE_URL/api/v0"
}

# Polls a task's status until it is no longer in progress; prints the final status.
wait_finished() {
    local status
    while true; do
        status="$(curl -sf "$BASE/data_pipeline/tasks/$1" | json 'd["data"]["status"]')"
        [[ "$status" != in_progress ]] && break
        sleep 0.05
    done
    printf '%s\n' "$status"
}

# psql on the private cluster as the superuser.
admin_psql() { psql -v ON_ERROR_STOP=1 -q -X "$DP_TEST_ADMIN_DATABASE_URL" "$@"; }

# 300 tables (3 schemas × 100), 13 columns each, a foreign key chain per schema, 2,000 rows each, analyzed. Every
# table but t_1 also has an undeclared `t_1_id` whose values are t_1's ids: relationship inference has 297 columns
# to confirm, each against the t_1 of all three schemas (891 candidates), and must pick the one of its own schema.
# Created by the admin over the socket, read by the service as the role `dp` over TCP (FIXTURE_URL, which holds the
# password: it only travels on stdin): the business connection policy refuses the admin's socket and any superuser
# session on the state database's cluster (issue 20).
create_ddl_fixture() {
    local db=bench_ddl_v3 url
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
          updated_at timestamptz, is_active boolean DEFAULT true, remark text, tags text[] %s)$f$,
          s, 't_' || i, CASE WHEN i > 1 THEN format('REFERENCES %I.%I (id)', s, 't_' || (i - 1)) ELSE '' END,
          CASE WHEN i > 1 THEN ', t_1_id bigint' ELSE '' END);
      EXECUTE format($f$INSERT INTO %I.%I (id, parent_id, code, name, status, amount, qty, remark)
          SELECT g, %s, 'C' || g, 'name ' || g, (ARRAY['new','paid','closed'])[1 + g %% 3], g * 1.5, g %% 17, 'r'
          FROM generate_series(1, 2000) g$f$, s, 't_' || i, CASE WHEN i > 1 THEN 'g' ELSE 'NULL' END);
      IF i > 1 THEN
        EXECUTE format('UPDATE %I.%I SET t_1_id = 1 + (id * 7) %% 2000', s, 't_' || i);
      END IF;
    END LOOP;
  END LOOP;
END $$;
GRANT USAGE ON SCHEMA sales, ops, hr TO dp;
GRANT SELECT ON ALL TABLES IN SCHEMA sales, ops, hr TO dp;
ANALYZE;
SQL
    fi
    FIXTURE_URL="${DP_TEST_BUSINESS_DATABASE_URL%/*}/$db"
}

# POST of a task whose db_connection is FIXTURE_URL; prints the task id. The body goes on stdin, never in argv.
create_fixture_task() {
    python3 -c 'import json, sys; print(json.dumps({"task_name": sys.argv[1], "db_connection": sys.stdin.read().strip()}))' "$1" \
        <<< "$FIXTURE_URL" | curl -sf -X POST "$BASE/data_pipeline/tasks" -H 'Content-Type: application/json' --data-binary @- \
        | json 'd["data"]["task_id"]'
}

bench_ddl() {
    start_stack
    create_ddl_fixture
    local tables id started ended status result walls=() statements=""
    tables="$(for s in sales ops hr; do for i in $(seq 1 100); do printf '%s.t_%s,' "$s" "$i"; done; done)"
    for run in $(seq 1 "$RUNS"); do
        id="$(create_fixture_task "bench ddl $run")"
        curl -sf -X POST "$BASE/data_pipeline/tasks/$id/table-list" -H 'Content-Type: application/json' \
            -d "{\"tables\":\"${tables%,}\"}" > /dev/null
        started=$(date +%s.%N)
        curl -sf -X POST "$BASE/data_pipeline/tasks/$id/execute" -H 'Content-Type: application/json' \
            -d '{"execution_mode":"step","step_name":"ddl_generation"}' > /dev/null
        status="$(wait_finished "$id")"
        ended=$(date +%s.%N)
        result="$(curl -sf "$BASE/data_pipeline/tasks/$id" | json 'json.dumps(d["data"]["result"]["ddl_generation"])')"
        [[ "$status" == partial_completed ]] || die "run $run ended $status: $result"
        walls+=("$(python3 -c "print(round($ended - $started, 3))")")
        statements="$(echo "$result" | json 'd["sql_statements"]')"
        log "run $run: $(echo "$result" | json '"%d tables, step %.2fs, %d SQL statements, %d relationships (%d inferred)" % (d["processed_successfully"], d["duration"], d["sql_statements"], d["semantic_relationships"], d["semantic_relationships_inferred"])')"
    done
    # Drift of the last run's task against the unchanged database (issue 18): the catalog, statistics and values of
    # all 300 tables compared with their documents; wall time per request, median of DP_BENCH_RUNS.
    local drifts=() drift
    for run in $(seq 1 "$RUNS"); do
        started=$(date +%s.%N)
        drift="$(curl -sf "$BASE/data_pipeline/tasks/$id/drift")" || die "drift request failed"
        ended=$(date +%s.%N)
        drifts+=("$(python3 -c "print(round($ended - $started, 3))")")
        log "drift $run: $(echo "$drift" | json '"%d tables compared, drifted %s, %d changes, %d ms in the responder %s" % (d["data"]["summary"]["tables_compared"], d["data"]["summary"]["drifted"], len(d["data"]["changes"]), d["data"]["summary"]["duration_ms"], d["data"]["summary"]["phases_ms"])')"
    done
    python3 - "$statements" "${drifts[*]}" "${walls[@]}" <<'PY'
import statistics, sys
statements = int(sys.argv[1]); drifts = [float(w) for w in sys.argv[2].split()]; walls = [float(w) for w in sys.argv[3:]]
print()
print("ddl_generation, 300 tables in 3 schemas, built-in provider")
print(f"  wall time (execute → finished), median of {len(walls)}: {statistics.median(walls):.2f} s   runs: {walls}")
print(f"  SQL statements: {statements} in total, {statements / 300:.2f} per table (catalog and statistics: 4 set-based queries for all tables; relationship inference included)")
print(f"  drift report (GET …/drift, 300 tables, unchanged database), median of {len(drifts)}: {statistics.median(drifts):.3f} s (goal < 2 s)   runs: {drifts}")
PY
}

# ---------------------------------------------------------------------------------------------------------------
# api (scripts/bench-api.sh)

# shellcheck source=scripts/bench-api.sh
source "$ROOT/scripts/bench-api.sh"

# ---------------------------------------------------------------------------------------------------------------
# pipeline

bench_pipeline() {
    start_stack
    create_ddl_fixture
    local tables id started ended status
    tables="$(for s in sales ops hr; do for i in $(seq 1 100); do printf '%s.t_%s,' "$s" "$i"; done; done)"
    id="$(create_fixture_task "bench pipeline")"
    curl -sf -X POST "$BASE/data_pipeline/tasks/$id/table-list" -H 'Content-Type: application/json' \
        -d "{\"tables\":\"${tables%,}\"}" > /dev/null
    log "complete run of task $id on 300 tables"
    started=$(date +%s.%N)
    curl -sf -X POST "$BASE/data_pipeline/tasks/$id/execute" -H 'Content-Type: application/json' \
        -d '{"execution_mode":"complete"}' > /dev/null
    status="$(wait_finished "$id")"
    ended=$(date +%s.%N)
    [[ "$status" == completed ]] || die "the run ended $status: $(curl -sf "$BASE/data_pipeline/tasks/$id")"
    curl -sf "$BASE/data_pipeline/tasks/$id" > "$DP_VAR_DIR/bench-pipeline-status.json"
    # The quality report the run wrote at its end (issue 15: under 2 s for 300 tables): its own build time.
    curl -sf "$BASE/data_pipeline/tasks/$id/quality" | python3 -c 'import json, sys
d = json.load(sys.stdin)["data"]
ms, pairs, warnings = d.get("duration_ms"), d["shapes"]["pairs"], len(d["warnings"])
print(f"quality report of 300 tables: {ms} ms to build ({pairs} pairs, {warnings} warnings)")' \
        || log "warning: no quality report"

    log "filling the training-data store to 10,000 items through /training_data/create"
    python3 "$ROOT/scripts/bench_search.py" fill "$BASE"
    log "search latency: 2,000 sequential /training_data/search requests (keep-alive) after 200 warm-up"
    python3 "$ROOT/scripts/bench_search.py" report "$BASE" "$DP_VAR_DIR/bench-pipeline-status.json" "$started" "$ended"
}

# ---------------------------------------------------------------------------------------------------------------
# search

bench_search() {
    start_stack
    log "search: emptying the bench store, filling it to 10,000 items (/training_data/create), then 100,000 (SQL)"
    python3 "$ROOT/scripts/bench_search.py" scale "$BASE" "$DP_TEST_STATE_DATABASE_URL" "$DP_VAR_DIR/fcgi/dp-fcgi.pid"
}

# ---------------------------------------------------------------------------------------------------------------
# llm

# A complete run on the sample database with DP_LLM_PROVIDER=openai and DP_EMBEDDING_PROVIDER=openai pointed at the
# fake OpenAI-compatible server answering every call after a fixed 300 ms. The predecessor called the model one
# table and one theme at a time (ratio ≈ 1.0); the ratio printed is wall time / (calls × 300 ms).
bench_llm() {
    log "building release"
    DP_BUILD_CONFIG=release "$ROOT/scripts/setup.sh" > /dev/null
    local bin fake_log fake_pid port id
    bin="$(cd "$ROOT" && swift build -c release --show-bin-path)"
    (cd "$ROOT" && swift build -c release --product dp-fake-openai > /dev/null)
    export DP_VAR_DIR="${DP_BENCH_LLM_VAR_DIR:-/var/tmp/dp-bench-llm}"
    export DP_HTTP_PORT="${DP_BENCH_LLM_HTTP_PORT:-18794}" DP_PG_PORT="${DP_BENCH_LLM_PG_PORT:-25435}"
    mkdir -p "$DP_VAR_DIR" && chmod 711 "$DP_VAR_DIR"
    fake_log="$DP_VAR_DIR/fake-openai.log"
    "$bin/dp-fake-openai" --latency-ms 300 > "$fake_log" 2>&1 &
    fake_pid=$!
    for _ in $(seq 1 100); do grep -q '^listening on ' "$fake_log" 2> /dev/null && break; sleep 0.05; done
    port="$(sed -n 's/^listening on //p' "$fake_log" | head -1)"
    [[ -n "$port" ]] || die "dp-fake-openai did not start: $(cat "$fake_log")"
    python3 "$ROOT/scripts/bench_llm.py" script "http://127.0.0.1:$port"

    export DP_FCGI_BIN="$bin/dp-fcgi" DP_LLM_PROVIDER=openai DP_EMBEDDING_PROVIDER=openai
    export DP_LLM_BASE_URL="http://127.0.0.1:$port/v1" DP_LLM_MODEL=fake-chat DP_LLM_API_KEY=bench-not-a-secret
    export DP_EMBEDDING_BASE_URL="http://127.0.0.1:$port/v1" DP_EMBEDDING_MODEL=fake-embedding
    "$ROOT/scripts/stack.sh" down > /dev/null 2>&1 || true
    "$ROOT/scripts/stack.sh" up > /dev/null
    eval "$("$ROOT/scripts/stack.sh" env)"
    "$ROOT/deploy/sample/load.sh" "$DP_TEST_ADMIN_DATABASE_URL" highway_db dp > /dev/null
    log "complete run on highway_db, every model call answered after 300 ms (defaults: DP_LLM_MAX_CONCURRENCY 8)"
    python3 "$ROOT/scripts/bench_llm.py" run "$DP_TEST_BASE_URL/api/v0" "http://127.0.0.1:$port" <<JSON || true
{"business_url": "${DP_TEST_BUSINESS_DATABASE_URL%/*}/highway_db"}
JSON
    log "stopping the llm bench stack and the fake server"
    "$ROOT/scripts/stack.sh" down > /dev/null
    kill "$fake_pid" 2> /dev/null || true
    wait "$fake_pid" 2> /dev/null || true
}

# Tasks per minute with one host and with three (scripts/cluster_test.sh bench: namespaces, nginx upstream, one
# PostgreSQL, DP_MAX_WORKERS=1, the fake model at 2000 ms per call). Its own temporary stack, stopped at the end.
bench_cluster() {
    log "building release"
    DP_BUILD_CONFIG=release "$ROOT/scripts/setup.sh" > /dev/null
    local bin
    bin="$(cd "$ROOT" && swift build -c release --show-bin-path)"
    (cd "$ROOT" && swift build -c release --product dp-fake-openai > /dev/null)
    DP_FCGI_BIN="$bin/dp-fcgi" DP_FAKE_OPENAI_BIN="$bin/dp-fake-openai" \
        DP_CLUSTER_HTTP_PORT="${DP_BENCH_CLUSTER_HTTP_PORT:-}" DP_CLUSTER_STACK_HTTP_PORT="${DP_BENCH_CLUSTER_STACK_HTTP_PORT:-}" \
        DP_CLUSTER_PG_PORT="${DP_BENCH_CLUSTER_PG_PORT:-}" "$ROOT/scripts/cluster_test.sh" bench
}

bench_gate() {
    log "building dp-gate-bench (release)"
    (cd "$ROOT" && swift build -c release --product dp-gate-bench > /dev/null)
    local bin before_commit before_lines now_lines
    bin="$(cd "$ROOT" && swift build -c release --show-bin-path)/dp-gate-bench"
    "$bin" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print("bench: gate: %d statements (%d refused, %d bytes on average)" % (d["statements"], d["refused"], d["average_bytes"]))
for key, label in (("gate_per_s", "verdict"), ("references_per_s", "references"), ("shape_per_s", "shape")):
    print("bench:   %-11s %9s statements/s" % (label, format(d[key], ",")))'
    # The commit that removed the hand-written lexer; its parent holds the code the parser replaced.
    before_commit="$(git -C "$ROOT" log --format=%H -1 --diff-filter=D -- Sources/PipelineCore/SQL/SQLLexer.swift 2> /dev/null || true)"
    now_lines="$(cat "$ROOT"/Sources/PipelineCore/SQL/*.swift | wc -l)"
    if [[ -n "$before_commit" ]]; then
        before_lines="$(git -C "$ROOT" ls-tree -r --name-only "$before_commit^" -- Sources/PipelineCore/SQL \
            | while read -r file; do git -C "$ROOT" show "$before_commit^:$file"; done | wc -l)"
        log "Sources/PipelineCore/SQL: $before_lines lines before the parser (${before_commit:0:7}^), $now_lines now (+ Sources/PgQuery: $(cat "$ROOT"/Sources/PgQuery/*.swift | wc -l))"
    else
        log "Sources/PipelineCore/SQL: $now_lines lines (no history of the hand-written lexer in this clone)"
    fi
}

# refresh: bench_refresh
# shellcheck source=scripts/bench-refresh.sh
source "$ROOT/scripts/bench-refresh.sh"

# quality: load_sample, bench_quality
# shellcheck source=scripts/bench-quality.sh
source "$ROOT/scripts/bench-quality.sh"

case "${1:-}" in
    gate) bench_gate ;;
    ddl) bench_ddl ;;
    llm) bench_llm ;;
    pipeline) bench_pipeline ;;
    refresh) bench_refresh ;;
    api) bench_api ;;
    quality) bench_quality ;;
    search) bench_search ;;
    cluster) bench_cluster ;;
    *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
