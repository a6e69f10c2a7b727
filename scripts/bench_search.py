#!/usr/bin/env python3
"""Helpers of `scripts/bench.sh pipeline` and `scripts/bench.sh search` (standard library only).

    bench_search.py fill <api base>                         fill the training-data store to 10,000 items
    bench_search.py report <api base> <status.json> <t0> <t1>   print the run's figures and search latency
    bench_search.py scale <api base> <state db url> <dp-fcgi pid file>
        empty the store, fill it to 10,000 items through /training_data/create, measure search (p50/p99 through nginx)
        and the responder's RSS; then to 100,000 (the other 90,000 inserted in SQL, vectors of the first 10,000
        reused) and measure again; then the first search after loading 100 new items, with the index rebuilt in
        full (before the change log) and updated incrementally (after), and p50/p99/RSS once more
"""
import http.client
import json
import subprocess
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


# Manager-style questions in business words: they hit long posting lists (门店, 销售, 金额) and the synonym groups.
SCALE_QUESTIONS = ["上个月哪家门店的营业额最高", "各品类的销量排名", "最近30天每天的订单数走势", "会员消费金额前十名",
                   "各仓库的库存金额是多少", "去年每个月的毛利", "客单价最高的门店", "退款订单有多少笔"]
SCALE_WORDS = ["销售", "订单", "客户", "库存", "支付", "退款", "物流", "门店", "会员", "积分", "商品", "供应商", "仓库",
               "员工", "部门", "金额", "数量", "营收", "成本", "折扣"]

# The 90,000 rows after the first 10,000: each copies the vector of one of them (search cost and memory depend on the
# count, not on the values); questions and SQL follow scale_item's pattern.
SCALE_SQL = """
WITH src AS (SELECT embedding, embedding_model, row_number() OVER (ORDER BY id) - 1 AS k FROM training_items),
     w AS (SELECT ARRAY[%s] AS words),
     gen AS (SELECT g, words[g %% 20 + 1] AS a, words[(g / 20) %% 20 + 1] AS b, words[(g / 400) %% 20 + 1] AS c
             FROM generate_series(10000, 99999) g, w)
INSERT INTO training_items (id, training_data_type, question, content, embedding_model, embedding)
SELECT left(md5('scale' || g), 32) || '-sql', 'sql', format('按%%s统计%%s的%%s合计（样例%%s）', a, b, c, g),
       format('SELECT %%s_name, SUM(amount_%%s) AS %%s FROM t_%%s WHERE code = %%L GROUP BY 1;', a, g %% 37, c, g %% 100, 'C' || g),
       src.embedding_model, src.embedding
FROM gen JOIN src ON src.k = g %% 10000
"""


def psql(url, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql], check=True, stdout=subprocess.DEVNULL)


def rss_mb(pid_file):
    pid = open(pid_file).read().split()[0]
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def scale_item(n):
    w = SCALE_WORDS
    a, b, c = w[n % 20], w[(n // 20) % 20], w[(n // 400) % 20]
    return {"training_data_type": "sql", "question": f"按{a}统计{b}的{c}合计（样例{n}）",
            "sql": f"SELECT {a}_name, SUM(amount_{n % 37}) AS {c} FROM t_{n % 100} WHERE code = 'C{n}' GROUP BY 1;"}


def measure(post, label, pid_file):
    def search(i):
        start = time.perf_counter()
        answer = post("/training_data/search", {"question": SCALE_QUESTIONS[i % len(SCALE_QUESTIONS)], "top_k": 10})
        assert answer["success"], answer
        return (time.perf_counter() - start) * 1000
    first = search(0)  # the snapshot (vectors and lexical index) is built on the first search after a change
    for i in range(200):
        search(i)
    times = sorted(search(i) for i in range(2000))
    total = post("/training_data/query", {"page_size": 1})["data"]["pagination"]["total"]
    print(f"bench: search at {label}: {total} items, top_k 10, HTTP through nginx, one client, 2,000 requests: "
          f"p50 {times[len(times) // 2]:.2f} ms, p99 {times[int(len(times) * 0.99)]:.2f} ms "
          f"(first search, with the snapshot load: {first:.0f} ms); responder RSS {rss_mb(pid_file):.1f} MB", flush=True)


def load_then_search(post, first_item):
    """Loads 100 new items (/training_data/create, 2 × 50) into the store and times the first search after it, which
    brings the responder's index up to date; returns (load ms, first search ms)."""
    start = time.perf_counter()
    for offset in (0, 50):
        answer = post("/training_data/create", {"data": [scale_item(n) for n in range(first_item + offset, first_item + offset + 50)]})
        assert answer["success"], answer
    loaded = time.perf_counter()
    answer = post("/training_data/search", {"question": SCALE_QUESTIONS[0], "top_k": 10})
    assert answer["success"], answer
    return (loaded - start) * 1000, (time.perf_counter() - loaded) * 1000


def refresh_after_load(post, state_url, pid_file):
    """The first search after loading 100 items into the 100k store, three times each way: `before`, the whole
    index rebuilt (forced by raising the change log's floor past the responder's snapshot: what every change cost
    before the log), and `after`, the changed items applied (incremental); medians, then p50/p99 and RSS again."""
    rounds = 3
    full, incremental = [], []
    item = 200000
    for _ in range(rounds):
        psql(state_url, "UPDATE training_store_state SET changes_floor = generation + 1")
        full.append(load_then_search(post, item))
        item += 100
    for _ in range(rounds):
        incremental.append(load_then_search(post, item))
        item += 100

    def median(pairs, k):
        return sorted(p[k] for p in pairs)[len(pairs) // 2]
    print(f"bench: first search after loading 100 new items into the 100k store (median of {rounds}; the load itself "
          f"{median(full + incremental, 0):.0f} ms): before (full rebuild) {median(full, 1):.0f} ms, "
          f"after (incremental) {median(incremental, 1):.0f} ms", flush=True)
    measure(post, "100k after incremental updates", pid_file)


def scale(base, state_url, pid_file):
    post = client(base)
    psql(state_url, "TRUNCATE training_items; UPDATE training_store_state SET embedding_model = NULL, dimension = NULL")
    for start in range(0, 10000, 50):
        answer = post("/training_data/create", {"data": [scale_item(n) for n in range(start, start + 50)]})
        assert answer["success"], answer
    measure(post, "10k", pid_file)
    psql(state_url, SCALE_SQL % ",".join(f"'{w}'" for w in SCALE_WORDS))
    measure(post, "100k", pid_file)
    refresh_after_load(post, state_url, pid_file)


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(sys.argv[2])
    elif sys.argv[1] == "scale":
        scale(*sys.argv[2:5])
    else:
        report(*sys.argv[2:6])
