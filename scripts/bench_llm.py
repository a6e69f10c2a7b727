#!/usr/bin/env python3
"""Helpers of `scripts/bench.sh llm` (standard library only).

    bench_llm.py script <fake root>                       answers of every prompt kind for the sample database
    bench_llm.py run <api base> <fake root> < {"business_url": …}   complete run, then the figures
"""
import http.client
import json
import sys
import time
import urllib.parse

TABLES = ["bss_company", "bss_service_area", "bss_branch", "bss_section_route", "bss_section_route_area_link",
          "bss_service_area_mapper", "bss_business_day_data", "bss_car_day_count"]
LATENCY = 0.3


def request(base, method, path, body=None):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    conn.request(method, url.path + path, payload, {"Content-Type": "application/json"} if payload else {})
    return json.loads(conn.getresponse().read() or b"null")


def reply(text):
    return {"action": "reply", "text": text}


def script(fake):
    themes = {"themes": [
        {"topic_name": "服务区营收", "description": "各服务区营业额与订单", "related_tables": ["bss_business_day_data", "bss_service_area"],
         "biz_entities": ["服务区", "档口"], "biz_metrics": ["营业额", "订单数"]},
        {"topic_name": "车流分析", "description": "服务区车流量构成与趋势", "related_tables": ["bss_car_day_count", "bss_service_area"],
         "biz_entities": ["服务区", "车辆类型"], "biz_metrics": ["车流量"]},
        {"topic_name": "档口经营", "description": "档口分布与经营", "related_tables": ["bss_branch", "bss_service_area"],
         "biz_entities": ["档口", "服务区"], "biz_metrics": ["档口数"]},
        {"topic_name": "公司管理", "description": "公司与服务区", "related_tables": ["bss_company", "bss_service_area"],
         "biz_entities": ["公司", "服务区"], "biz_metrics": ["服务区数"]},
        {"topic_name": "路段分布", "description": "路段与服务区", "related_tables": ["bss_section_route", "bss_section_route_area_link", "bss_service_area"],
         "biz_entities": ["路段", "服务区"], "biz_metrics": ["服务区数"]}]}
    pairs = {"pairs": [{"question": "一共有多少个服务区？", "sql": "SELECT COUNT(*) AS 服务区数量 FROM bss_service_area WHERE delete_ts IS NULL;", "difficulty": "easy"}]}
    standing = {
        "table_comments": reply(json.dumps({"table_comment": "模型生成的表注释，基准测试", "columns": {}}, ensure_ascii=False)),
        "themes": reply(json.dumps(themes, ensure_ascii=False)),
        "question_pairs": reply(json.dumps(pairs, ensure_ascii=False)),
        "sql_repair": reply('{"repaired_sqls": []}'),
        "database_summary": reply("=== 数据库业务范围 ===\n当前数据库存储的是高速公路服务区的相关数据，包含以下业务数据：\n核心业务实体：\n- 服务区：服务区信息\n关键业务指标：\n- 营业额：每日营业额\n"),
    }
    request(fake, "POST", "/_control/reset", {})
    request(fake, "POST", "/_control/script", {"standing": standing, "embedding_dimension": 256})
    # After the reset (which clears it): every model call is answered after LATENCY.
    request(fake, "POST", "/_control/latency", {"milliseconds": int(LATENCY * 1000)})


def run(base, fake):
    secret = json.load(sys.stdin)["business_url"]
    task = request(base, "POST", "/data_pipeline/tasks", {"task_name": "bench llm", "db_connection": secret,
                                                           "business_context": "高速公路服务区管理系统"})["data"]["task_id"]
    request(base, "POST", f"/data_pipeline/tasks/{task}/table-list", {"tables": TABLES})
    before = len(request(fake, "GET", "/_control/requests")["requests"])
    started = time.time()
    request(base, "POST", f"/data_pipeline/tasks/{task}/execute", {"execution_mode": "complete"})
    while True:
        status = request(base, "GET", f"/data_pipeline/tasks/{task}")["data"]
        if status["status"] not in ("pending", "in_progress"):
            break
        time.sleep(0.05)
    wall = time.time() - started
    calls = request(fake, "GET", "/_control/requests")["requests"][before:]
    chat = sum(1 for c in calls if c["path"].endswith("/chat/completions"))
    embeddings = sum(1 for c in calls if c["path"].endswith("/embeddings"))
    total = chat + embeddings
    print()
    print(f"complete run on highway_db ({len(TABLES)} tables), OpenAI-compatible providers, fake model at 300 ms per call")
    print(f"  status: {status['status']}   wall time execute → finished: {wall:.2f} s")
    print(f"  model calls: {total} ({chat} chat completions, {embeddings} embedding batches); sequential cost {total * LATENCY:.1f} s")
    print(f"  ratio wall / (calls × 300 ms): {wall / (total * LATENCY):.2f}   (the predecessor's one-at-a-time design ≈ 1.0)")
    for step in status.get("steps", []):
        print(f"    {step['step_name']:<16} {step['step_status']}")
    if status["status"] != "completed":
        sys.exit(f"bench: the run ended {status['status']}: {status.get('error_message')}")


if __name__ == "__main__":
    if sys.argv[1] == "script":
        script(sys.argv[2])
    else:
        run(sys.argv[2], sys.argv[3])
