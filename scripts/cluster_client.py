#!/usr/bin/env python3
"""The workload and the checks of scripts/cluster_test.sh (standard library only).

    cluster_client.py test <api base> <fake root> <worker binary> <host>=<namespace init pid>... < {"business_url": …}
    cluster_client.py bench <api base> <fake root> <executions> <label> < {"business_url": …}

Phase 1: 9 step executions (ddl_generation, the fake model at a fixed latency) submitted at once through nginx to
three hosts with DP_MAX_WORKERS=1, plus a 10th that is cancelled while queued. A sampler reads /proc every 20 ms and
attributes each running dp-worker process to its host by its PID namespace: no host may ever run two, every host
must run some, all 9 must complete.
Phase 2: one execution per host with a slower model; while they run, host 3's whole namespace is killed (SIGKILL of
its init). Its task must be failed within the timeout with a message naming the host, the other two must complete,
and a poll loop through nginx counts every non-2xx answer from the kill on.
Exits non-zero on any failed check; prints the figures either way.
"""
import http.client
import json
import os
import signal
import sys
import threading
import time
import urllib.parse

TABLES = ["bss_company", "bss_service_area", "bss_branch", "bss_section_route", "bss_section_route_area_link",
          "bss_service_area_mapper", "bss_business_day_data", "bss_car_day_count"]
FAILURES = []


def check(condition, what):
    print(f"  {'ok  ' if condition else 'FAIL'} {what}")
    if not condition:
        FAILURES.append(what)


def request(base, method, path, body=None, timeout=60):
    """(HTTP status, parsed body or None)."""
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        payload = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        conn.request(method, url.path + path, payload, {"Content-Type": "application/json"} if payload else {})
        response = conn.getresponse()
        raw = response.read()
        try:
            return response.status, json.loads(raw or b"null")
        except ValueError:
            return response.status, None
    finally:
        conn.close()


class WorkerSampler(threading.Thread):
    """Which host runs which dp-worker, from /proc: a process belongs to the host whose PID namespace it is in."""

    def __init__(self, worker_binary, hosts):
        super().__init__(daemon=True)
        self.worker_name = os.path.basename(worker_binary)
        self.namespaces = {}
        for host, pid in hosts.items():
            self.namespaces[os.readlink(f"/proc/{pid}/ns/pid")] = host
        self.lock = threading.Lock()
        self.max_at_once = {host: 0 for host in hosts}
        self.tasks_by_host = {host: set() for host in hosts}
        self.running = {}
        self.stopped = False

    def run(self):
        while not self.stopped:
            current = {host: set() for host in self.max_at_once}
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/cmdline", "rb") as handle:
                        argv = handle.read().split(b"\0")
                    namespace = os.readlink(f"/proc/{entry}/ns/pid")
                except OSError:
                    continue
                if not argv or os.path.basename(argv[0].decode(errors="replace")) != self.worker_name:
                    continue
                host = self.namespaces.get(namespace)
                if host is None:
                    continue
                words = [word.decode(errors="replace") for word in argv]
                task = words[words.index("--task-id") + 1] if "--task-id" in words else "?"
                current[host].add(task)
            with self.lock:
                for host, tasks in current.items():
                    self.max_at_once[host] = max(self.max_at_once[host], len(tasks))
                    self.tasks_by_host[host] |= tasks
                self.running = current
            time.sleep(0.02)

    def snapshot(self):
        with self.lock:
            return dict(self.max_at_once), {h: set(t) for h, t in self.tasks_by_host.items()}, dict(self.running)


def create_task(base, business_url, name):
    status, body = request(base, "POST", "/data_pipeline/tasks", {
        "task_name": name, "db_connection": business_url, "business_context": "高速公路服务区管理系统"})
    assert status == 201, (status, body)
    task = body["data"]["task_id"]
    status, body = request(base, "POST", f"/data_pipeline/tasks/{task}/table-list", {"tables": TABLES})
    assert status == 200, (status, body)
    return task


def execute_all(base, tasks):
    """POST execute for every task at once; returns {task: (status, body)}."""
    answers = {}
    barrier = threading.Barrier(len(tasks))

    def one(task):
        barrier.wait()
        answers[task] = request(base, "POST", f"/data_pipeline/tasks/{task}/execute",
                                {"execution_mode": "step", "step_name": "ddl_generation"})

    threads = [threading.Thread(target=one, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def wait_finished(base, tasks, timeout):
    deadline = time.time() + timeout
    final = {}
    while time.time() < deadline and len(final) < len(tasks):
        for task in tasks:
            if task in final:
                continue
            status, body = request(base, "GET", f"/data_pipeline/tasks/{task}")
            if status == 200 and body["data"]["status"] not in ("pending", "in_progress"):
                final[task] = body["data"]
        time.sleep(0.2)
    return final


def ddl_completed(data):
    return data is not None and data["step_status"].get("ddl_generation") == "completed"


def phase_one(base, fake, business_url, sampler):
    print("phase 1: 9 executions at once, DP_MAX_WORKERS=1 on each of 3 hosts, the fake model at 1000 ms per call")
    request(fake, "POST", "/_control/latency", {"milliseconds": 1000})
    tasks = [create_task(base, business_url, f"cluster {n}") for n in range(1, 10)]
    extra = create_task(base, business_url, "cluster queued then cancelled")
    started = time.time()
    answers = execute_all(base, tasks)
    check(all(status == 202 for status, _ in answers.values()),
          f"every execute answered 202 ({sorted(status for status, _ in answers.values())})")
    queued_answers = sum(1 for _, body in answers.values() if body and body["data"].get("queue"))
    print(f"  {queued_answers} of 9 executes answered queued (with a queue object), {9 - queued_answers} started at once")
    check(queued_answers >= 6, "at most one start per host at once: at least 6 of 9 answered queued")

    # The 10th waits behind the others: its status shows its place; a cancel takes it out of the queue.
    status, body = request(base, "POST", f"/data_pipeline/tasks/{extra}/execute",
                           {"execution_mode": "step", "step_name": "ddl_generation"})
    check(status == 202 and body["data"].get("queue", {}).get("position", 0) >= 1,
          f"a 10th execute is queued: {status} {body and body['data'].get('queue')}")
    status, body = request(base, "GET", f"/data_pipeline/tasks/{extra}")
    place = body["data"].get("queue") if status == 200 else None
    check(body["data"]["status"] == "in_progress" and place is not None and place["position"] >= 1,
          f"its status: in_progress with queue {place}")
    status, body = request(base, "POST", f"/data_pipeline/tasks/{extra}/cancel")
    check(status == 200 and body["data"]["signal_sent"] is False, f"cancel of the queued execution: {status} {body and body['data'].get('response')}")
    status, body = request(base, "GET", f"/data_pipeline/tasks/{extra}")
    check(body["data"]["status"] == "failed" and body["data"]["error_message"] == "已取消" and "queue" not in body["data"],
          f"the cancelled one is failed '已取消' and out of the queue ({body['data']['status']}, {body['data']['error_message']})")

    final = wait_finished(base, tasks, timeout=180)
    wall = time.time() - started
    check(len(final) == 9 and all(ddl_completed(final.get(task)) for task in tasks),
          f"all 9 executions completed ({sum(1 for t in tasks if ddl_completed(final.get(t)))} of 9) in {wall:.1f} s")
    time.sleep(0.2)
    max_at_once, tasks_by_host, _ = sampler.snapshot()
    for host in sorted(max_at_once):
        print(f"  {host}: ran {len(tasks_by_host[host] & set(tasks))} of the 9, at most {max_at_once[host]} worker process(es) at once")
    check(all(count <= 1 for count in max_at_once.values()), "no host ever ran more than one worker process")
    check(all(tasks_by_host[host] & set(tasks) for host in tasks_by_host), "every host ran some")
    ran = set().union(*tasks_by_host.values())
    check(extra not in ran, "the cancelled execution never started a worker")


def phase_two(base, fake, business_url, sampler, hosts, timeout_seconds):
    print(f"phase 2: one execution per host, the fake model at 4000 ms per call; host 3's namespace is killed mid-run")
    request(fake, "POST", "/_control/latency", {"milliseconds": 4000})
    tasks = [create_task(base, business_url, f"cluster kill {n}") for n in range(1, 4)]
    execute_all(base, tasks)
    victim_host = sorted(hosts)[-1]
    deadline = time.time() + 30
    victim = None
    while time.time() < deadline and victim is None:
        _, _, running = sampler.snapshot()
        if running.get(victim_host) and all(running.get(host) for host in hosts):
            victim = next(iter(running[victim_host]))
        time.sleep(0.05)
    check(victim is not None, f"each host runs one of the three ({victim_host} runs {victim})")
    if victim is None:
        return
    others = [task for task in tasks if task != victim]

    answers = {"total": 0, "non_2xx": 0, "errors": 0}
    stop = threading.Event()

    def poll_loop():
        while not stop.is_set():
            for task in tasks:
                try:
                    status, _ = request(base, "GET", f"/data_pipeline/tasks/{task}", timeout=10)
                    answers["total"] += 1
                    if not 200 <= status < 300:
                        answers["non_2xx"] += 1
                except OSError:
                    answers["errors"] += 1
            time.sleep(0.02)

    pollers = [threading.Thread(target=poll_loop, daemon=True) for _ in range(4)]
    for poller in pollers:
        poller.start()
    time.sleep(0.5)
    killed_at = time.time()
    os.kill(hosts[victim_host], signal.SIGKILL)
    failed_after = None
    victim_data = None
    while time.time() - killed_at < timeout_seconds + 30:
        status, body = request(base, "GET", f"/data_pipeline/tasks/{victim}")
        if status == 200 and body["data"]["status"] == "failed":
            failed_after = time.time() - killed_at
            victim_data = body["data"]
            break
        time.sleep(0.1)
    final = wait_finished(base, others, timeout=120)
    stop.set()
    for poller in pollers:
        poller.join()
    message = victim_data["error_message"] if victim_data else None
    print(f"  killed {victim_host} (namespace init pid {hosts[victim_host]}) while it ran {victim}")
    print(f"  its task failed {failed_after:.1f} s after the kill" if failed_after is not None else "  its task did not fail")
    print(f"  poll loop through nginx from the kill on: {answers['total']} answers, {answers['non_2xx']} non-2xx, "
          f"{answers['errors']} connection errors")
    check(failed_after is not None and failed_after <= timeout_seconds + 3,
          f"the lost host's task failed within the timeout ({timeout_seconds} s + the 2 s sweep)")
    check(message is not None and victim_host in message, f"the message names the host: {message}")
    check(all(ddl_completed(final.get(task)) for task in others), "the other two executions completed undisturbed")
    check(answers["non_2xx"] == 0 and answers["errors"] == 0, "no failed poll answer during the kill")


def bench(base, fake, count, label):
    """`count` step executions at once, the model at 2000 ms per call; prints tasks per minute (stdout: the figure)."""
    business_url = json.load(sys.stdin)["business_url"]
    request(fake, "POST", "/_control/latency", {"milliseconds": 2000})
    tasks = [create_task(base, business_url, f"cluster bench {n}") for n in range(count)]
    started = time.time()
    answers = execute_all(base, tasks)
    assert all(status == 202 for status, _ in answers.values()), answers
    final = wait_finished(base, tasks, timeout=600)
    wall = time.time() - started
    completed = sum(1 for task in tasks if ddl_completed(final.get(task)))
    assert completed == count, f"{completed} of {count} completed"
    per_minute = count / wall * 60
    print(f"cluster bench, {label}: {count} executions in {wall:.1f} s = {per_minute:.1f} tasks/min", file=sys.stderr)
    print(f"{per_minute:.3f}")


def main():
    if sys.argv[1] == "bench":
        bench(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
        return
    base, fake, worker_binary = sys.argv[2:5]
    hosts = {}
    for argument in sys.argv[5:]:
        name, pid = argument.split("=")
        hosts[name] = int(pid)
    business_url = json.load(sys.stdin)["business_url"]
    timeout_seconds = int(os.environ.get("DP_WORKER_TIMEOUT_S", "5"))
    sampler = WorkerSampler(worker_binary, hosts)
    sampler.start()
    phase_one(base, fake, business_url, sampler)
    phase_two(base, fake, business_url, sampler, hosts, timeout_seconds)
    sampler.stopped = True
    if FAILURES:
        print(f"cluster test: {len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("cluster test: all checks passed")


if __name__ == "__main__":
    main()
