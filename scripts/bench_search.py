#!/usr/bin/env python3
"""Helpers of `scripts/bench.sh pipeline` (standard library only).

    bench_search.py fill <api base>                         fill the training-data store to 10,000 items
    bench_search.py report <api base> <status.json> <t0> <t1>   print the run's figures and search latency
"""
import http.client
import json
import sys
import time
import urllib.parse


def client(base):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)

    def post(path, body):
        conn.request("POST", url.path + path, json.dumps(body), {"Content-Type": "application/json"})
        return json.loads(conn.getresponse().read())
    return post


def fill(base, target=10000):
    post = client(base)
    total = post("/training_data/query", {"page_size": 1})["data"]["pagination"]["total"]
    words = ["销售", "订单", "客户", "库存", "支付", "退款", "物流", "门店", "会员", "积分", "商品", "供应商", "仓库", "员工", "部门"]
    n = 0
    while total < target:
        batch = []
        for _ in range(50):
            a, b, c = words[n % 15], words[(n // 15) % 15], words[(n // 225) % 15]
            batch.append({"training_data_type": "sql", "question": f"统计{a}{b}的{c}数量（样例{n}）",
                          "sql": f"SELECT COUNT(*) AS 数量 FROM t_{n % 100} WHERE code = 'C{n}';"})
            n += 1
        answer = post("/training_data/create", {"data": batch})
        assert answer["success"], answer
        total = answer["data"]["current_total_count"]
    print(f"bench: store holds {total} items")


def report(base, status_file, started, ended):
    post = client(base)
    result = json.load(open(status_file))["data"]["result"]
    questions = ["统计各状态的订单数量", "金额最高的10条记录", "按月统计金额合计", "客户数量是多少", "平均数量最高的前5个"]

    def search(question):
        start = time.perf_counter()
        answer = post("/training_data/search", {"question": question, "top_k": 10})
        assert answer["success"], answer
        return (time.perf_counter() - start) * 1000

    for i in range(200):
        search(questions[i % 5] + str(i))
    times = sorted(search(questions[i % 5] + str(i)) for i in range(2000))
    total = post("/training_data/query", {"page_size": 1})["data"]["pagination"]["total"]
    q, v, t = result["qa_generation"], result["sql_validation"], result["training_load"]
    print()
    print("complete run, 300 tables in 3 schemas, built-in providers (release build)")
    print(f"  wall time execute → completed: {float(ended) - float(started):.2f} s")
    for name in ["ddl_generation", "qa_generation", "sql_validation", "training_load"]:
        print(f"    {name:<16} {result[name]['duration']:>7.2f} s")
    print(f"  qa_generation: {q['total_questions']} pairs from {q['total_themes']} themes in {q['table_groups']} table groups")
    print(f"  sql_validation: {v['original_sql_count']} SQL, {v['valid_sql_count']} valid, "
          f"{v['original_sql_count'] / max(v['duration'], 0.001):.0f} EXPLAINs/s (the step's wall time, report files included)")
    print(f"  training_load: {t['items_loaded']} items, {t['items_loaded'] / max(t['duration'], 0.001):.0f} items/s (embed + upsert)")
    print(f"  search over {total} items (top_k 10, HTTP through nginx, one client): "
          f"p50 {times[len(times) // 2]:.2f} ms, p99 {times[int(len(times) * 0.99)]:.2f} ms")


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(sys.argv[2])
    else:
        report(*sys.argv[2:6])
