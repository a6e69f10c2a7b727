"""The 300-table part of scripts/browser_test.py: a business database of 300 tables in 3 schemas (made once per
stack, as the admin over the socket), a complete run on all of them started through the API while the other checks
go on, then the page's timings — the run's pairs shown, the quality report rendered — with the report's numbers
checked against GET …/quality, and the table picker's schema choice on that database."""
import subprocess
import threading
import time
import urllib.parse
import urllib.request

DATABASE = "browser_wide_db"
SCHEMAS = ["sales", "ops", "hr"]
# 300 tables (3 schemas × 100), a foreign key chain per schema, 200 rows each (scripts/bench.sh has the same shape
# with 2,000 rows): enough for every template, small enough to make in a few seconds.
FIXTURE_SQL = """
DO $$
DECLARE s text; i int;
BEGIN
  FOREACH s IN ARRAY ARRAY['sales', 'ops', 'hr'] LOOP
    EXECUTE format('CREATE SCHEMA %I', s);
    FOR i IN 1..100 LOOP
      EXECUTE format($f$CREATE TABLE %I.%I (
          id bigint PRIMARY KEY, parent_id bigint %s, code varchar(20) NOT NULL, name varchar(100),
          status varchar(10), amount numeric(12,2), qty integer, created_at timestamp DEFAULT now(),
          is_active boolean DEFAULT true, remark text)$f$,
          s, 't_' || i, CASE WHEN i > 1 THEN format('REFERENCES %I.%I (id)', s, 't_' || (i - 1)) ELSE '' END);
      EXECUTE format($f$INSERT INTO %I.%I (id, parent_id, code, name, status, amount, qty, created_at, remark)
          SELECT g, %s, 'C' || g, 'name ' || g, (ARRAY['new','paid','closed'])[1 + g %% 3], g * 1.5, g %% 17,
                 timestamp '2024-01-01' + g * interval '1 day', 'r'
          FROM generate_series(1, 200) g$f$, s, 't_' || i, CASE WHEN i > 1 THEN 'g' ELSE 'NULL' END);
    END LOOP;
  END LOOP;
END $$;
ANALYZE;
"""


def psql(url, sql):
    # The admin URL is a socket connection without password (scripts/test.sh), so argv may carry it.
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url], input=sql, text=True, check=True,
                   stdout=subprocess.DEVNULL)


def with_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


class WideRun:
    """Makes the database, starts the run (`start`), and checks the page on it (`check_page`)."""

    def __init__(self, t, views, secrets, check, wait_for, say):
        self.t, self.b, self.views = t, t.b, views
        self.secrets = secrets
        self.check, self.wait_for, self.say = check, wait_for, say
        self.task_id = None
        self.started = None
        self.progress = set()       # (step, done, total) as the status route reported them during the run
        self.final = None
        self.watcher = None

    def make_database(self):
        admin = with_database(self.secrets["admin_url"], "postgres")
        exists = subprocess.run(["psql", "-X", "-At", admin, "-c",
                                 f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
                                capture_output=True, text=True, check=True).stdout.strip()
        if exists == "1":
            return
        began = time.time()
        psql(admin, f"CREATE DATABASE {DATABASE}\n")
        role = urllib.parse.urlsplit(self.secrets["business_url"]).username
        psql(with_database(self.secrets["admin_url"], DATABASE), FIXTURE_SQL
             + f"GRANT USAGE ON SCHEMA {', '.join(SCHEMAS)} TO {role};\n"
             + f"GRANT SELECT ON ALL TABLES IN SCHEMA {', '.join(SCHEMAS)} TO {role};\n")
        self.say(f"{DATABASE}: 300 tables in 3 schemas made in {time.time() - began:.1f}s")

    def start(self):
        """Creates the task (its connection sent once, never shown again), lists 300 tables, starts the run."""
        self.make_database()
        url = with_database(self.secrets["business_url"], DATABASE)
        created = self.views.api("POST", "/data_pipeline/tasks",
                                 {"task_name": "浏览器测试：300 个表", "db_connection": url})
        self.task_id = created["task_id"]
        names = [f"{s}.t_{i}" for s in SCHEMAS for i in range(1, 101)]
        self.views.api("POST", f"/data_pipeline/tasks/{self.task_id}/table-list", {"tables": names})
        self.views.api("POST", f"/data_pipeline/tasks/{self.task_id}/execute", {"execution_mode": "complete"})
        self.started = time.time()
        self.watcher = threading.Thread(target=self.watch, daemon=True)
        self.watcher.start()
        self.say(f"300-table run started: {self.task_id}")

    def watch(self, timeout=900):
        """Polls the status route twice a second until the run ends, keeping every progress it reports."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                status = self.views.api("GET", f"/data_pipeline/tasks/{self.task_id}")
            except OSError:
                time.sleep(0.5)
                continue
            if status.get("progress"):
                p = status["progress"]
                self.progress.add((p["step"], p["done"], p["total"]))
            if status["status"] not in ("in_progress", "pending"):
                self.final = status
                return
            time.sleep(0.5)

    def wait_finished(self, timeout=900):
        self.wait_for("the 300-table run to end", lambda: not self.watcher.is_alive(), timeout=timeout, interval=1)
        status = self.final
        if status is None:
            raise OSError("the 300-table run did not end in time")
        tables = sorted(d for step, d, total in self.progress if step == "ddl_generation" and total == 300)
        self.check(len(tables) >= 2, f"progress moved table by table through step 1 of 300 tables: {tables}")
        self.check(status["status"] == "completed", f"the 300-table run completed ({status['status']}) "
                   f"in about {time.time() - self.started:.0f}s")
        return status

    def check_page(self):
        b, check = self.b, self.check
        self.wait_finished()
        b.viewport(1280, 800)
        b.js("document.getElementById('results-card').scrollIntoView()")
        began = time.time()
        b.js("location.hash = '#' + arguments[0]", self.task_id)
        # The pairs shown: the first page of the table (up to 100 rows), with the file's total above it.
        self.wait_for("the 300-table run's pairs", lambda: b.js(
            "const m = /共 (\\d+) 个问答对/.exec(document.getElementById('pairs-count').innerText);"
            "const rows = document.querySelectorAll('#pairs-body tr[data-index]').length;"
            "return document.getElementById('detail').dataset.taskId === arguments[0]"
            " && !!m && rows > 0 && rows === Math.min(100, Number(m[1]))", self.task_id),
            timeout=60, interval=0.05)
        shown = time.time() - began
        loaded = b.js("return Number(document.getElementById('results-card').dataset.loadedMs)")
        count = self.t.text_of("pairs-count")
        self.say(f"timing - 300-table run: its pairs shown {shown * 1000:.0f} ms after the task was selected "
                 f"(page: files read and joined in {loaded} ms; {count})")
        check(shown < 10, f"the 300-table run's pairs appear within 10 s ({shown:.2f} s)")
        began = time.time()
        self.views.tab("quality")
        api = self.views.api("GET", f"/data_pipeline/tasks/{self.task_id}/quality")["quality"]
        tables = len(api["coverage"]["tables"])
        self.wait_for("the heat map of 300 tables", lambda: b.js(
            "return document.querySelectorAll('#quality-coverage .hm-row').length") == tables, timeout=30,
            interval=0.05)
        drawn = time.time() - began
        render = b.js("return Number(document.getElementById('view-quality').dataset.renderMs)")
        self.say(f"timing - 300-table quality report: drawn {render} ms (the view's own work), "
                 f"{drawn * 1000:.0f} ms from the tab click to the heat map on screen (incl. WebDriver round trips)")
        check(render < 2000, f"the report of a 300-table run renders in under 2 s ({render} ms)")
        self.views.quality_matches_api(api)
        # Apart: rows scrolled out of the heat map's box keep their layout boxes (clipped, not removed).
        self.views.legible("#quality-coverage .hm-label, #quality-coverage .hm-count", "the 300-table heat map")
        self.views.legible("#quality-warnings summary", "the 300-table run's warnings")
        self.views.both_widths("quality-300", "#quality-coverage")
        self.views.tab("pairs")

    def schema_picker(self):
        """The table picker on this task: no connection typed, the task's own database, its schemas to tick."""
        b, check = self.b, self.check
        b.js("document.getElementById('tables-fold').open = true")
        check(b.js("return document.getElementById('tables-conn').value") == "", "no connection typed for the picker")
        b.click("#tables-load")
        self.t.wait_message("tables-msg", "使用任务保存的连接", "ok")
        offered = self.wait_for("the schemas offered", lambda: b.js(
            "return [...document.querySelectorAll('#tables-schemas input')].map(e => e.value)"))
        check(set(SCHEMAS) <= set(offered) and "public" in offered, f"the database's schemas are offered: {offered}")
        b.click("#tables-schemas input[value='ops']")
        self.wait_for("100 tables of ops listed", lambda: b.js(
            "return [...document.querySelectorAll('#tables-list input')].filter(e => e.value.startsWith('ops.')).length"
        ) == 100, timeout=30)
        check("ops" in b.js("return document.getElementById('tables-schema').value").split(","),
              "ticking a schema re-reads its tables")
        self.say("ok - the picker lists the task's own database with its stored connection and offers its schemas")
