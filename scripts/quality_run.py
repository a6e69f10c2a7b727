"""The API side of scripts/quality_measures.py (standard library only): a complete run of a task on one database,
and the retrieval measure through `POST /api/v0/training_data/search`."""
import datetime
import http.client
import json
import os
import sys
import time
import urllib.parse

import quality_measures
import quality_sql

STEPS = ["ddl_generation", "qa_generation", "sql_validation", "training_load"]
CONTEXTS = {"highway_db": "高速公路服务区管理系统"}


def call(base, method, path, body=None):
    api = urllib.parse.urlparse(base.rstrip("/") + "/api/v0")
    conn = http.client.HTTPConnection(api.hostname, api.port, timeout=60)
    payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    conn.request(method, api.path + path, payload, {"Content-Type": "application/json"} if payload else {})
    response = conn.getresponse()
    raw = response.read()
    try:
        answer = json.loads(raw)
    except ValueError:
        sys.exit(f"quality: error: {method} {path} answered {response.status} without JSON")
    if response.status >= 400:
        sys.exit(f"quality: error: {method} {path} → {response.status}: {answer.get('data', {}).get('response')}")
    return answer["data"]


def load_questions(path):
    if not path or path == "-" or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        labelled = json.load(f)
    if labelled.get("database") not in (None, os.path.basename(path)[:-len(".json")]):
        print(f"quality: warning: {path} labels questions of {labelled['database']}")
    return labelled["questions"]


def is_hit(item, tables, measures):
    """A question–SQL pair whose SQL reads one of `tables` and, when `measures` is not empty, mentions one."""
    if item.get("training_data_type") != "sql":
        return False
    sql = item.get("content") or ""
    analysis = quality_sql.Analysis(sql)
    if not {t.lower() for t in tables} & set(analysis.tables):
        return False
    if not measures:
        return True
    mentioned = {t.value for t in analysis.tokens if t.kind == "ident"}
    return bool({m.lower() for m in measures} & mentioned)


def retrieval(base, db, questions_file, task_id=None):
    """(hits, asked, misses, task-only summary) for the labelled questions; misses list the top 5 of each miss."""
    questions = load_questions(questions_file)
    if not questions:
        return 0, 0, [f"no labelled questions ({questions_file})"], None
    hits, task_hits, misses = 0, 0, []
    for q in questions:
        body = {"question": q["question"], "top_k": 5, "db_name": db}
        results = call(base, "POST", "/training_data/search", body)["results"]
        if any(is_hit(r, q["tables"], q.get("measures") or []) for r in results[:5]):
            hits += 1
        else:
            top = "; ".join(f"[{r.get('training_data_type')}] "
                            + " ".join((r.get('question') or r.get('content', '')).split())[:50] for r in results[:5])
            misses.append(f"{q['question']} (tables {q['tables']}, measures {q.get('measures') or []}) → top 5: {top}")
        if task_id:
            scoped = call(base, "POST", "/training_data/search", dict(body, task_id=task_id))["results"]
            task_hits += any(is_hit(r, q["tables"], q.get("measures") or []) for r in scoped[:5])
    return hits, len(questions), misses, (f"{task_hits}/{len(questions)}" if task_id else None)


def own_question_recall(base, db, pair_file):
    """(found first, pairs, misses): each pair's own question, searched within `db`, must find that pair first."""
    pairs = [p for p in json.load(open(pair_file, encoding="utf-8")) if p.get("question") and p.get("sql")]
    first, misses = 0, []
    for pair in pairs:
        body = {"question": pair["question"], "top_k": 1, "db_name": db}
        results = call(base, "POST", "/training_data/search", body)["results"]
        if results and results[0].get("question") == pair["question"] and results[0].get("content") == pair["sql"]:
            first += 1
        else:
            top = results[0].get("question") or f"[{results[0].get('training_data_type')}]" if results else "-"
            misses.append(f"{pair['question']} → {top}")
    return first, len(pairs), misses


def seconds(step):
    if step.get("started_at") and step.get("completed_at"):
        took = datetime.datetime.fromisoformat(step["completed_at"]) - datetime.datetime.fromisoformat(step["started_at"])
        return round(took.total_seconds(), 2)
    return None


def run(base, db, tasks_dir, tables_file, questions_file, out, business_url):
    tables = [line.strip() for line in open(tables_file, encoding="utf-8")
              if line.strip() and not line.lstrip().startswith("#")]
    questions = load_questions(questions_file)
    context = CONTEXTS.get(db, "数据库管理系统")
    if questions:
        context = json.load(open(questions_file, encoding="utf-8")).get("business_context", context)
    task = call(base, "POST", "/data_pipeline/tasks", {
        "task_name": f"bench quality {db}", "db_connection": business_url, "business_context": context})
    task_id = task["task_id"]
    call(base, "POST", f"/data_pipeline/tasks/{task_id}/table-list", {"tables": tables})
    print(f"quality: {db}: task {task_id}, {len(tables)} tables, complete run with the built-in providers", flush=True)
    started = time.time()
    # The training-data store is emptied first (the bench's own stack): retrieval by db_name then sees this run's
    # items only, not those an older generator left from an earlier bench run.
    call(base, "POST", f"/data_pipeline/tasks/{task_id}/execute",
         {"execution_mode": "complete", "truncate_vector_tables": True})
    shown = {}
    while True:
        status = call(base, "GET", f"/data_pipeline/tasks/{task_id}")
        for step in STEPS:
            state = status["step_status"].get(step)
            if state != shown.get(step) and state in ("completed", "failed", "skipped"):
                print(f"quality: {db}:   {step:<16} {state} after {time.time() - started:6.1f} s", flush=True)
            shown[step] = state
        if status["status"] not in ("pending", "in_progress"):
            break
        if time.time() - started > 3600:
            sys.exit(f"quality: error: task {task_id} still running after an hour")
        time.sleep(0.5)
    wall = round(time.time() - started, 2)
    if status["status"] != "completed":
        print(f"quality: {db}: the run ended {status['status']}: {status.get('error_message')} "
              f"(log: GET {base}/api/v0/data_pipeline/tasks/{task_id}/logs); measuring what it left")
    result = status.get("result") or {}
    steps = {}
    for step in status.get("steps", []):
        name = step.get("step_name")
        steps[name] = {"wall_s": seconds(step), "duration_s": (result.get(name) or {}).get("duration"),
                       "status": step.get("step_status")}
    print(f"quality: {db}: wall time execute → {status['status']}: {wall:.2f} s")
    for name in STEPS:
        s = steps.get(name, {})
        duration = s.get("duration_s")
        print(f"quality: {db}:   {name:<16} {s.get('wall_s') if s.get('wall_s') is not None else '-':>8} s "
              f"(step's own duration {duration if duration is not None else '-'} s)")
    target = quality_measures.psql_target(business_url)
    hits = retrieval(base, db, questions_file, task_id) if questions else None
    extra = {"task_id": task_id, "task_status": status["status"], "wall_s": wall, "steps": steps,
             "retrieval_task_only": hits[3] if hits else None}
    measured = quality_measures.measure(os.path.join(tasks_dir, task_id), target, hits[:3] if hits else None)
    if not questions:
        print(f"quality: {db}: no labelled questions at {questions_file}: retrieval not measured")
    quality_measures.report(db, measured, extra, out)
    if hits and hits[3]:
        print(f"  retrieval over this task's items only (task_id filter): {hits[3]}")
    pair_files = sorted(f for f in os.listdir(os.path.join(tasks_dir, task_id)) if f.endswith("_pair.json"))
    if pair_files:
        first, total, misses = own_question_recall(base, db, os.path.join(tasks_dir, task_id, pair_files[-1]))
        print(f"  recall@1 of the pairs' own questions (goal ≥ 0.95): {first}/{total} = {first / max(total, 1):.3f}")
        for miss in misses[:5]:
            print(f"    - {miss}")
