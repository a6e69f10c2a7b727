#!/usr/bin/env python3
"""The API client of scripts/run.sh (standard library only): create a task on the sample database, run it completely,
show progress, print a report ending with the quality report's headline figures. The business database URL (with its password) arrives on stdin, never in argv.

    run_client.py <base url> <sample db name> <tasks dir>   < {"business_url": "..."}

The table list is deploy/sample/<db>.tables (one name per line); the search example is the first labelled question of
deploy/sample/questions/<db>.json when there is one.
"""
import datetime
import http.client
import json
import pathlib
import sys
import time
import urllib.parse

BASE, SAMPLE_DB, TASKS_DIR = sys.argv[1], sys.argv[2], sys.argv[3]
SECRET = json.load(sys.stdin)["business_url"]
API = urllib.parse.urlparse(BASE + "/api/v0")
STEPS = ["ddl_generation", "qa_generation", "sql_validation", "training_load"]
SAMPLE_DIR = pathlib.Path(__file__).resolve().parent.parent / "deploy" / "sample"
TABLE_FILE = SAMPLE_DIR / f"{SAMPLE_DB}.tables"
if not TABLE_FILE.is_file():
    sys.exit(f"run: error: no table list {TABLE_FILE} (one table name per line)")
TABLES = [line.strip() for line in TABLE_FILE.read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.lstrip().startswith("#")]
CONTEXTS = {"highway_db": "高速公路服务区管理系统", "retail_db": "连锁便利店与超市经营管理系统"}
BUSINESS_CONTEXT = CONTEXTS.get(SAMPLE_DB, "业务数据库")


def example_question():
    labelled = SAMPLE_DIR / "questions" / f"{SAMPLE_DB}.json"
    try:
        return json.loads(labelled.read_text(encoding="utf-8"))["questions"][0]["question"]
    except (OSError, ValueError, KeyError, IndexError):
        return "哪个服务区的支付总金额最高？" if SAMPLE_DB == "highway_db" else "销售额最高的是哪个？"


def call(method, path, body=None):
    conn = http.client.HTTPConnection(API.hostname, API.port, timeout=30)
    payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    conn.request(method, API.path + path, payload, {"Content-Type": "application/json"} if payload else {})
    response = conn.getresponse()
    raw = response.read()
    try:
        answer = json.loads(raw)
    except ValueError:
        sys.exit(f"run: error: {method} {path} answered {response.status} without JSON")
    if not answer.get("success") and response.status >= 400:
        sys.exit(f"run: error: {method} {path} → {response.status}: {answer.get('data', {}).get('response')}")
    return answer["data"]


def download(task_id, name):
    conn = http.client.HTTPConnection(API.hostname, API.port, timeout=30)
    conn.request("GET", f"{API.path}/data_pipeline/tasks/{task_id}/files/{urllib.parse.quote(name)}")
    return conn.getresponse().read()


def step_seconds(status, name):
    """How long a finished step took, from its row's start and end times."""
    for step in status.get("steps", []):
        if step.get("step_name") == name and step.get("started_at") and step.get("completed_at"):
            took = datetime.datetime.fromisoformat(step["completed_at"]) - datetime.datetime.fromisoformat(step["started_at"])
            return f"{took.total_seconds():6.2f} s"
    return ""


def follow(task_id):
    """One line per step, rewritten in place while it runs; returns the final status."""
    started, shown = time.time(), {}
    while True:
        status = call("GET", f"/data_pipeline/tasks/{task_id}")
        progress = status.get("progress") or {}
        for step in STEPS:
            state = status["step_status"].get(step, "pending")
            if shown.get(step) in ("completed", "failed", "skipped"):
                continue
            if state == "running":
                count = f" {progress.get('done', 0)}/{progress.get('total', '?')}" if progress.get("step") == step else ""
                line = f"  {step:<16} running{count:<12} {time.time() - started:6.1f} s"
                print(f"\r{line:<64}", end="", flush=True)
                shown[step] = "running"
            elif state in ("completed", "failed", "skipped") and shown.get(step) in (None, "running"):
                line = f"  {step:<16} {state:<19} {step_seconds(status, step)}"
                print(f"\r{line:<64}")
                shown[step] = state
        if status["status"] not in ("pending", "in_progress"):
            return status
        time.sleep(0.5)


def quality_report(task_id):
    """quality_report.json of the run (docs/quality-report.md), through the files API, else from the task directory."""
    for read in (lambda: download(task_id, "quality_report.json"),
                 lambda: (pathlib.Path(TASKS_DIR) / task_id / "quality_report.json").read_bytes()):
        try:
            report = json.loads(read())
        except (OSError, ValueError):
            continue
        if isinstance(report, dict) and "measures" in report:  # not an error envelope
            return report
    return None


def quality_lines(report):
    """The headline figures: coverage, execution classes, retrieval recall@5, failed measures and warnings."""
    if report is None:
        return ["  质量报告:      没有 quality_report.json"]
    measures = report.get("measures", {})
    coverage = measures.get("coverage", {})
    lines = [f"  质量报告:      quality_report.json（{len(report.get('warnings', []))} 条警告）",
             f"    覆盖率:      {coverage.get('value', 0) * 100:.1f} %（{coverage.get('detail', '-')}，目标 {coverage.get('goal', '')}）"]
    execution = report.get("execution")
    if execution:
        classes = "，".join(f"{name} {count}" for name, count in execution["classes"].items() if count or name == "ok")
        lines.append(f"    执行检查:    {classes}；移出 {len(execution['filtered'])}，替换 {execution['replaced']}")
    retrieval = report.get("retrieval")
    if retrieval:
        own, para = retrieval["own_questions"], retrieval["paraphrases"]
        lines.append(f"    检索自测:    原问题 recall@5 {own['recall_at_5'] * 100:.1f} %（{own['questions']} 个），"
                     f"改写问题 recall@5 {para['recall_at_5'] * 100:.1f} %（{para['questions']} 个）")
    failed = [name for name, m in measures.items() if m.get("ok") is False]
    lines.append(f"    未达标指标:  {', '.join(failed) if failed else '无'}")
    return lines


def main():
    task = call("POST", "/data_pipeline/tasks", {
        "task_name": f"{SAMPLE_DB} 示例运行", "db_connection": SECRET, "business_context": BUSINESS_CONTEXT})
    task_id = task["task_id"]
    print(f"  task {task_id}")
    call("POST", f"/data_pipeline/tasks/{task_id}/table-list", {"tables": TABLES})
    call("POST", f"/data_pipeline/tasks/{task_id}/execute", {"execution_mode": "complete"})
    status = follow(task_id)
    if status["status"] != "completed":
        sys.exit(f"run: error: the run ended {status['status']}: {status.get('error_message')} "
                 f"(log: GET {BASE}/api/v0/data_pipeline/tasks/{task_id}/logs)")
    result = status["result"]
    ddl, qa, sql, load = (result[s] for s in STEPS)
    files = call("GET", f"/data_pipeline/tasks/{task_id}/files")["files"]
    pair_file = next(f["file_name"] for f in files if f["file_name"].endswith("_pair.json"))
    pairs = json.loads(download(task_id, pair_file))
    example = example_question()
    hits = call("POST", "/training_data/search", {"question": example, "top_k": 3, "types": ["sql"]})["results"]

    print("\n" + "=" * 72)
    print(f"完成: 任务 {task_id}（{SAMPLE_DB}）")
    print(f"  表文档:        {ddl['processed_successfully']} 个表（DDL + Markdown）")
    print(f"  问答对:        生成 {qa['total_questions']} 个（{qa['total_themes']} 个主题）；验证有效 {sql['valid_sql_count']}，"
          f"无效 {sql['invalid_sql_count']}，修复 {sql['repair_stats']['successful']}")
    print(f"  训练数据:      本任务加载 {load['items_loaded']} 条（新增 {load['items_new']}），训练库共 {load['store_totals']['total']} 条")
    print("  示例问答对:")
    for pair in pairs[:3]:
        print(f"    问: {pair['question']}\n    SQL: {pair['sql']}")
    print(f"  检索示例:      “{example}”")
    for hit in hits:
        print(f"    {hit['score']:.3f}  {hit.get('question') or hit['content'][:60]}")
    print(f"  文件:          {TASKS_DIR}/{task_id}/  （或 GET {BASE}/api/v0/data_pipeline/tasks/{task_id}/files）")
    print(f"  网页:          {BASE}/#{task_id}")
    print(f"  API:           {BASE}/api/v0   （服务保持运行；scripts/stack.sh down 停止）")
    for line in quality_lines(quality_report(task_id)):
        print(line)
    print("=" * 72)


if __name__ == "__main__":
    main()
