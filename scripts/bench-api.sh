# The `api` bench of scripts/bench.sh (sourced by it, not run alone): status polls, the task list, logs and nginx's
# own `return 200` with wrk, and the responder's memory. Uses bench.sh's helpers (log, die, json, admin_psql).
# shellcheck shell=bash
# ---------------------------------------------------------------------------------------------------------------
# api

# State like a busy installation: 200 tasks, 5 of them running with live heartbeats and progress, one with a
# 50,000-line log. Running tasks point at a sleeping stand-in process so the dead-pid check sees a live worker.
seed_api_state() {
    local state_psql=(psql -v ON_ERROR_STOP=1 -q -X "$DP_TEST_STATE_DATABASE_URL")
    local count
    count="$("${state_psql[@]}" -tAc "SELECT count(*) FROM data_pipeline_tasks WHERE task_name LIKE 'bench api %'")"
    if (( count < 200 )); then
        log "creating $((200 - count)) tasks"
        for i in $(seq "$count" 199); do
            curl -sf -X POST "$BASE/data_pipeline/tasks" -H 'Content-Type: application/json' \
                -d "{\"task_name\":\"bench api $i\",\"db_name\":\"highway_db\"}" > /dev/null
        done
    fi
    # The newest 10 hold every free-text field at its limit (docs/api.md §2.11), one of them, as a predecessor-era
    # task, a 100,000-character business context written straight into the state database: the list page of 50
    # shows them all, next to 40 ordinary tasks.
    count="$("${state_psql[@]}" -tAc "SELECT count(*) FROM data_pipeline_tasks WHERE task_name LIKE 'bench max %'")"
    if (( count < 10 )); then
        log "creating $((10 - count)) tasks with maximum-size fields"
        local body
        body="$(python3 -c '
import json, sys
print(json.dumps({"task_name": "bench max " + "名" * 245, "business_context": "高速公路服务区经营分析。" * 416 + "营收",
                  "db_name": "d" * 128}, ensure_ascii=False))')"
        for _ in $(seq "$count" 9); do
            curl -sf -X POST "$BASE/data_pipeline/tasks" -H 'Content-Type: application/json' -d "$body" > /dev/null \
                || die "a task with maximum-size fields was refused"
        done
        "${state_psql[@]}" -c "UPDATE data_pipeline_tasks SET parameters = jsonb_set(parameters, '{business_context}',
            to_jsonb(repeat('超长背景', 25000))) WHERE task_id = (SELECT max(task_id) FROM data_pipeline_tasks
            WHERE task_name LIKE 'bench max %')" > /dev/null
    fi
    mapfile -t BENCH_TASKS < <("${state_psql[@]}" -tAc \
        "SELECT task_id FROM data_pipeline_tasks WHERE task_name LIKE 'bench api %' ORDER BY task_id LIMIT 6")
    PENDING_TASK="${BENCH_TASKS[0]}"
    RUNNING_TASK="${BENCH_TASKS[1]}"
    sleep 100000 &
    STAND_IN=$!
    local running="'${BENCH_TASKS[1]}','${BENCH_TASKS[2]}','${BENCH_TASKS[3]}','${BENCH_TASKS[4]}','${BENCH_TASKS[5]}'"
    "${state_psql[@]}" -c "UPDATE data_pipeline_tasks SET status = 'in_progress', execution_id = 'bench_' || task_id,
        execution_mode = 'complete', worker_pid = $STAND_IN, worker_host = '$(hostname)', heartbeat_at = now(),
        started_at = now(), progress = '{\"step\":\"ddl_generation\",\"done\":3,\"total\":10}'
        WHERE task_id IN ($running)" \
        -c "UPDATE data_pipeline_task_steps SET step_status = 'running', started_at = now()
        WHERE task_id IN ($running) AND step_name = 'ddl_generation'"
    # Heartbeats every 5 s, as workers send them (each one invalidates that task in the responders' caches).
    ( while sleep 5; do "${state_psql[@]}" -c "UPDATE data_pipeline_tasks SET heartbeat_at = now()
        WHERE task_id IN ($running)" > /dev/null 2>&1 || exit 0; done ) &
    HEARTBEATS=$!
    LOG_TASK="${BENCH_TASKS[0]}"
    python3 - "$DP_TEST_TASKS_DIR/$LOG_TASK/data_pipeline.log" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as log:
    for i in range(50_000):
        step = ["ddl_generation", "qa_generation", "sql_validation", "training_load"][i % 4]
        level = "ERROR" if i % 97 == 0 else "INFO"
        log.write(f"2026-01-05 10:{i // 3600 % 60:02d}:{i % 60:02d} [{level}] [{step}] 处理表 public.bss_table_{i}: 完成，耗时 {i % 1000} ms\n")
        if i % 50 == 0:
            log.write("  SQL: SELECT 1;\n  detail: a continuation line\n")
PY
}

# A second nginx with only `return 200`, the ceiling every route is compared with.
start_ceiling() {
    local dir="$DP_VAR_DIR/bench-ceiling"
    CEILING_PORT=$((DP_HTTP_PORT + 1))
    mkdir -p "$dir"/{tmp,logs}
    cat > "$dir/nginx.conf" <<CONF
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
$( [[ $(id -u) == 0 ]] && echo "user root;" )
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body; fastcgi_temp_path $dir/tmp/fastcgi; proxy_temp_path $dir/tmp/proxy;
    scgi_temp_path $dir/tmp/scgi; uwsgi_temp_path $dir/tmp/uwsgi;
    server { listen 127.0.0.1:$CEILING_PORT; location / { return 200 '{"ok":true}'; } }
}
CONF
    nginx -c "$dir/nginx.conf" -p "$dir" -e "$dir/logs/error.log"
}

stop_api_helpers() {
    [[ -n "${HEARTBEATS:-}" ]] && kill "$HEARTBEATS" 2> /dev/null || true
    [[ -n "${STAND_IN:-}" ]] && kill "$STAND_IN" 2> /dev/null || true
    [[ -f "$DP_VAR_DIR/bench-ceiling/nginx.pid" ]] && nginx -c "$DP_VAR_DIR/bench-ceiling/nginx.conf" \
        -p "$DP_VAR_DIR/bench-ceiling" -e "$DP_VAR_DIR/bench-ceiling/logs/error.log" -s quit 2> /dev/null || true
}

# wrk one URL; prints "req/s p50_ms p99_ms non2xx".
run_wrk() {
    local out
    out="$(mktemp)"
    wrk -t2 -c"${2:-32}" -d"${3:-10}"s --latency "$1" > "$out"
    python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s+" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
non2xx = int(bad.group(1)) if bad else 0
print(rps, ms("50"), ms("99"), non2xx, "socket-errors" if errors else "")
PY
    rm -f "$out"
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

bench_api() {
    command -v wrk > /dev/null || die "wrk is missing (scripts/setup.sh installs it)"
    start_stack
    trap 'stop_api_helpers; rm -f /tmp/dp-bench-500.$$' EXIT
    seed_api_state
    start_ceiling
    local fcgi_pid
    fcgi_pid="$(awk '{print $1}' "$DP_VAR_DIR/fcgi/dp-fcgi.pid")"
    declare -A URLS=(
        [ceiling]="http://127.0.0.1:$CEILING_PORT/"
        [status_pending]="$BASE/data_pipeline/tasks/$PENDING_TASK"
        [status_running]="$BASE/data_pipeline/tasks/$RUNNING_TASK"
        [list]="$BASE/data_pipeline/tasks?limit=50"
        [logs]="$BASE/data_pipeline/tasks/$LOG_TASK/logs?limit=100"
    )
    local order=(ceiling status_pending status_running list logs)
    for name in "${order[@]}"; do curl -sf -o /dev/null "${URLS[$name]}" || die "$name answers with an error"; done
    declare -A RESULTS=()
    for round in 1 2; do
        # Alternate the order between rounds so drift of the machine does not favour one route.
        local names=("${order[@]}")
        (( round == 2 )) && names=(logs list status_running status_pending ceiling)
        for name in "${names[@]}"; do
            local result
            result="$(run_wrk "${URLS[$name]}")"
            log "round $round: $name: req/s p50_ms p99_ms non-2xx = $result"
            RESULTS[$name]+="$result;"
        done
    done
    local rss_after rss_500 list_bytes rss_logs
    rss_after="$(rss_kb "$fcgi_pid")"
    list_bytes="$(curl -sf "${URLS[list]}" | wc -c)"
    # Fill the log-tail cache: 64 files (its bound) of 50,000 lines, hard links of the bench log under 64 tasks.
    local task
    while read -r task; do
        [[ -e "$DP_TEST_TASKS_DIR/$task/data_pipeline.log" ]] \
            || ln "$DP_TEST_TASKS_DIR/$LOG_TASK/data_pipeline.log" "$DP_TEST_TASKS_DIR/$task/data_pipeline.log"
        curl -sf -o /dev/null "$BASE/data_pipeline/tasks/$task/logs?limit=1000"
    done < <(psql -X -tA "$DP_TEST_STATE_DATABASE_URL" -c \
        "SELECT task_id FROM data_pipeline_tasks WHERE task_name LIKE 'bench api %' ORDER BY task_id LIMIT 64")
    rss_logs="$(rss_kb "$fcgi_pid")"
    log "list page (limit=50): $list_bytes bytes; responder RSS with the log-tail cache full (64 logs × 1,000 entries): $((rss_logs / 1024)) MB"
    run_wrk "${URLS[status_pending]}" 500 10 > /tmp/dp-bench-500.$$ &
    local wrk500=$!
    sleep 5
    rss_500="$(rss_kb "$fcgi_pid")"
    wait "$wrk500"
    local threads
    threads="$(grep -E '^DP_FCGI_THREADS=' "$DP_VAR_DIR/secrets/dp-fcgi.env" | cut -d= -f2)"
    python3 - "$rss_after" "$rss_500" "$(cat /tmp/dp-bench-500.$$)" "$threads" \
        "${RESULTS[ceiling]}" "${RESULTS[status_pending]}" "${RESULTS[status_running]}" "${RESULTS[list]}" "${RESULTS[logs]}" <<'PY'
import statistics, sys
rss_after, rss_500, run500, threads = sys.argv[1:5]
names = ["ceiling", "status_pending", "status_running", "list", "logs"]
runs = {n: [r.split() for r in arg.strip(";").split(";")] for n, arg in zip(names, sys.argv[5:])}
def med(n, i): return statistics.median(float(r[i]) for r in runs[n])
ceiling = med("ceiling", 0)
print()
print(f"API routes, wrk -t2 -c32 -d10s, 2 alternating rounds (medians), release build, {threads} responder threads")
print(f"{'route':<16}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>9}{'ratio':>8}   runs (req/s)")
for n in names:
    bad = sum(int(r[3]) for r in runs[n])
    print(f"{n:<16}{med(n,0):>10.0f}{med(n,1):>9.2f}{med(n,2):>9.2f}{bad:>9}{med(n,0)/ceiling:>8.2f}   {[int(float(r[0])) for r in runs[n]]}")
r500 = run500.split()
print(f"responder RSS after the runs: {int(rss_after)/1024:.1f} MB; during 500 open connections: {int(rss_500)/1024:.1f} MB "
      f"(that run: {r500[0]} req/s, p99 {r500[2]} ms, non-2xx {r500[3]})")
PY
}
