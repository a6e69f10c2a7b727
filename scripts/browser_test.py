#!/usr/bin/env python3
"""Browser test of the web page (nginx/www), run by scripts/test.sh against its private stack: headless Chromium
driven over WebDriver (scripts/webdriver_client.py), the whole workflow done through the page as a user would.

    browser_test.py <base url> <output dir>   < {"business_url": "postgresql://…/highway_db",
                                                 "admin_url": "postgresql://postgres@/highway_db?host=…&port=…"}

The business database URL holds the stack's password, so it arrives on stdin (never argv), is typed into the page's
password field, and must never appear in the page's text or markup. The admin URL (a socket connection without
password) holds a table lock for a moment (scripts/table_lock.py) so that the run is seen in its running state.
Screenshots go to <output dir>; the paths are printed. Exit status 0 when every check passed, 1 otherwise.
chromedriver and Chromium are stopped at the end, and the script fails if any of their processes is left.
"""
import json
import os
import re
import sys
import time
import traceback
import urllib.parse

from browser_scale import WideRun
from browser_views import IssueViews
from table_lock import TableLock
from webdriver_client import Browser, WebDriverError

BASE, OUT = sys.argv[1].rstrip("/"), sys.argv[2]
SECRETS = json.load(sys.stdin)
BUSINESS_URL = SECRETS["business_url"]
ADMIN_URL = SECRETS["admin_url"]
PASSWORD = urllib.parse.urlsplit(BUSINESS_URL).password or ""
STEPS = ["ddl_generation", "qa_generation", "sql_validation", "training_load"]
RUN_TIMEOUT_S = int(os.environ.get("DP_TEST_BROWSER_RUN_TIMEOUT_S", "300"))
# Step 1 samples each table with a 5 s statement_timeout: the lock is let go before a sample has waited this long.
LOCK_WAIT_MAX_S = 3.5
LOCKED_TABLE = "public.bss_business_day_data"


class CheckFailed(Exception):
    """A check of the page failed; the message says which."""


def say(text):
    print(f"browser: {text}", flush=True)


def masked(text):
    return text.replace(PASSWORD, "***") if PASSWORD else text


def wait_for(description, probe, timeout=30, interval=0.2):
    """Polls `probe()` until it returns something truthy; fails with `description` after `timeout` seconds."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(interval)
    raise CheckFailed(f"timed out after {timeout}s waiting for: {description} (last: {masked(repr(last))[:300]})")


def check(condition, description):
    if not condition:
        raise CheckFailed(description)
    say(f"ok - {description}")


class PageTest:
    def __init__(self, browser):
        self.b = browser
        self.shots = []
        self.task_id = None
        self.progress_seen = set()
        self.elapsed_seen = []

    def sample_progress(self):
        """Records the progress text and the elapsed seconds shown now."""
        shown = self.b.js("const t = id => document.getElementById(id);"
                          "return [t('progress').hidden ? '' : t('progress-text').innerText, t('d-elapsed').innerText]")
        if shown[0]:
            self.progress_seen.add(shown[0])
        m = re.fullmatch(r"(?:(\d+) 分 )?(\d+(?:\.\d)?) 秒", shown[1])
        if m:
            self.elapsed_seen.append(int(m.group(1) or 0) * 60 + float(m.group(2)))

    # -- helpers on the page --------------------------------------------------------------------------------------
    def text_of(self, element_id):
        return self.b.js("const e = document.getElementById(arguments[0]); return e ? e.innerText : ''", element_id)

    def message(self, element_id):
        """(kind, text) of a message line."""
        return tuple(self.b.js(
            "const e = document.getElementById(arguments[0]);"
            "return e && !e.hidden ? [e.dataset.kind || '', e.textContent] : ['', '']", element_id))

    def wait_message(self, element_id, needle, kind, timeout=30):
        def probe():
            got_kind, got_text = self.message(element_id)
            return (got_kind, got_text) if needle in got_text and got_kind == kind else None
        return wait_for(f"#{element_id} shows {kind} '{needle}'", probe, timeout)

    def step_states(self):
        return dict(self.b.js(
            "return [...document.querySelectorAll('#stepbar .step')].map(e => [e.dataset.step, e.dataset.status])"))

    def shot(self, name, full=False):
        path = os.path.join(OUT, name)
        if full:
            self.b.full_page_screenshot(path)
        else:
            self.b.screenshot(path)
        self.shots.append(path)
        return path

    def assert_no_secret(self, where):
        if not PASSWORD:
            return
        page = self.b.js("return document.body.innerText + '\\n' + document.documentElement.outerHTML")
        check(PASSWORD not in page, f"the password appears nowhere in the page text or markup ({where})")
        values = self.b.js(
            "return [...document.querySelectorAll('input:not([type=password]), textarea')].map(e => e.value)")
        check(all(PASSWORD not in v for v in values), f"no visible form field holds the password ({where})")

    def assert_no_stack_trace(self):
        text = self.b.js("return document.body.innerText")
        for marker in ("Traceback", "TypeError", "ReferenceError", "at Object.", ".swift:", "Fatal error"):
            check(marker not in text, f"the page shows no stack trace or exception text ('{marker}')")

    def watch_running_run(self):
        """Clicks execute with one sample table locked and checks the live view while step 1 waits for it."""
        b = self.b
        lock = TableLock(ADMIN_URL, LOCKED_TABLE)
        if not lock.held:
            raise CheckFailed(f"could not lock {LOCKED_TABLE} in the sample database")
        try:
            b.click("#exec-submit")
            deadline = time.time() + 30
            while not b.js("return document.getElementById('detail').dataset.status === 'in_progress'"
                           " && !!document.querySelector('#stepbar .step.s-running')"):
                if lock.waited_seconds() > LOCK_WAIT_MAX_S or time.time() > deadline:
                    raise CheckFailed("the page did not show a running step while step 1 was held")
                time.sleep(0.1)
            self.shot("desktop-running-1280x800.png")
            view = b.js(
                "const t = id => document.getElementById(id);"
                "return {exec: t('exec-submit').disabled, cancel: t('cancel-btn').disabled,"
                " badge: t('d-status').innerText, msg: t('action-msg').innerText, elapsed: t('d-elapsed').innerText,"
                " progress: t('progress').hidden ? '' : t('progress-text').innerText}")
            # The elapsed time moves on between polls (a 1 s timer), and the bar shows the tables done so far (the
            # worker writes progress as units finish), as long as the lock may still be held.
            ticked = False
            while not (ticked and self.progress_seen) and lock.waited_seconds() < LOCK_WAIT_MAX_S:
                ticked = ticked or self.text_of("d-elapsed") != view["elapsed"]
                self.sample_progress()
                time.sleep(0.1)
        finally:
            lock.release()
        check("任务执行已启动" in view["msg"], "execute answered 任务执行已启动")
        check(view["badge"] == "执行中", "while running the status badge says 执行中")
        check(view["exec"] and not view["cancel"], "while running, execute is disabled and cancel enabled")
        check(ticked, f"the elapsed time moves on while the task runs (from {view['elapsed']})")
        check(any(re.search(r"：\d+ / 8$", p) for p in self.progress_seen),
              f"a progress bar with counts of tables while step 1 runs: {sorted(self.progress_seen)}")

    # -- the scenario ----------------------------------------------------------------------------------------------
    def run(self):
        b = self.b
        b.viewport(1280, 800)
        b.get(BASE + "/")
        wait_for("the page title", lambda: "训练数据管道" in b.js("return document.title"))
        wait_for("the health badge says the service is up",
                 lambda: b.js("return document.getElementById('health').dataset.state") == "ok")
        say("ok - page loaded, /health answered")

        # Test a connection before creating: a wrong one is said in Chinese (the driver's line folded away), the
        # right one lists the database's schemas.
        b.type("#create-form input[name=db_connection]", "postgresql://nobody:secret@127.0.0.1:1/nowhere")
        b.click("#create-test")
        self.wait_message("create-msg", "无法连接数据库服务器", "error")
        check(b.js("return !!document.querySelector('#create-msg details.driver-detail')")
              and "Connection refused" not in b.js("return document.getElementById('create-msg').innerText"),
              "a refused connection is said in Chinese, the driver's line folded under 驱动信息")
        b.type("#create-form input[name=db_connection]", BUSINESS_URL)
        b.click("#create-test")
        self.wait_message("create-msg", "连接成功：数据库 highway_db", "ok")
        say(f"ok - 测试连接 before creating: {self.text_of('create-msg')}")

        # Create a task through the form, connection typed into the password field.
        b.type("#create-form input[name=task_name]", "浏览器测试：服务区数据")
        check(b.js("return document.querySelector('#create-form input[name=db_connection]').type") == "password",
              "the connection field is a password field")
        b.type("#create-form textarea[name=business_context]", "高速公路服务区管理系统")
        b.click("#create-submit")
        self.wait_message("create-msg", "任务创建成功", "ok")
        self.task_id = wait_for("the new task shown in the detail panel",
                                lambda: b.js("const d = document.getElementById('detail');"
                                             "return d.hidden ? null : d.dataset.taskId"))
        check(re.fullmatch(r"task_\d{8}_\d{6}(_\d+)?", self.task_id) is not None, f"task created: {self.task_id}")
        check(b.js("return location.hash") == "#" + self.task_id, "the address names the selected task")
        wait_for("the new task in the task list",
                 lambda: b.js("return !!document.querySelector('#task-list [data-task-id=\"' + arguments[0] + '\"]')",
                              self.task_id))
        check("***@" in self.text_of("d-conn"), "the detail shows the connection with the password masked")
        check(b.js("return document.querySelector('#create-form input[name=db_connection]').value") == "",
              "the create form forgot the connection string")
        self.assert_no_secret("after creating the task")

        # An API error shows its Chinese response text: execute before a table list exists.
        b.click("#exec-submit")
        self.wait_message("action-msg", "表清单文件不存在，请先提交表清单", "error")
        say("ok - execute without a table list shows the API's text 表清单文件不存在，请先提交表清单")

        # Tables, after a reload (the page keeps no connection): read with the task's stored connection, filter,
        # check, uncheck one, paste it instead.
        b.get(BASE + "/#" + self.task_id)
        wait_for("the task shown after a reload", lambda: b.js(
            "return !document.getElementById('tables-card').hidden && document.getElementById('tables-load')"
            " && document.getElementById('detail').dataset.taskId === arguments[0]", self.task_id))
        check(b.js("return document.getElementById('tables-conn').value") == "",
              "after a reload no connection is typed into the table picker")
        b.click("#tables-load")
        self.wait_message("tables-msg", "获取表列表成功：数据库 highway_db（使用任务保存的连接）", "ok")
        wait_for("the schemas offered", lambda: b.js(
            "return [...document.querySelectorAll('#tables-schemas input:checked')].map(e => e.value).join()") == "public")
        say("ok - the picker reads the task's own database with its stored connection; its schemas are offered")
        views_early = IssueViews(self, BASE, SECRETS, check, wait_for, say)
        views_early.both_widths("table-picker", "#tables-card")
        self.assert_no_secret("after listing tables with the stored connection")
        listed = wait_for("the table checkboxes", lambda: b.js(
            "return [...document.querySelectorAll('#tables-list input')].map(e => e.value)"))
        check("public.bss_company" in listed and len(listed) >= 10, f"{len(listed)} tables listed from highway_db")
        b.type("#tables-filter", "bss_")
        visible = b.js("return [...document.querySelectorAll('#tables-list li')].filter(li => !li.hidden).length")
        check(visible == 8, f"the filter 'bss_' leaves 8 of {len(listed)} tables")
        b.click("#tables-all")
        b.click("#tables-list input[value='public.bss_car_day_count']")
        checked = b.js("return [...document.querySelectorAll('#tables-list input:checked')].map(e => e.value)")
        check(len(checked) == 7, "7 tables checked after unchecking one")
        b.type("#tables-paste", "bss_car_day_count")
        b.click("#tables-submit")
        self.wait_message("tables-msg", "表清单已成功创建，包含 8 个表", "ok")
        wait_for("the stored list shown", lambda: "已提交 8 个表" in self.text_of("tables-current"))
        say("ok - 7 picked + 1 pasted = 8 tables submitted")

        # Run the complete workflow (one table locked for a moment: the page shows the run while it runs).
        check(b.js("return document.getElementById('exec-mode').value") == "complete", "complete mode is the default")
        self.watch_running_run()
        deadline = time.time() + RUN_TIMEOUT_S
        while True:
            self.sample_progress()
            states = self.step_states()
            status = b.js("return document.getElementById('detail').dataset.status")
            if status not in ("in_progress", "pending") and all(states.get(s) == "completed" for s in STEPS):
                break
            if status == "failed" or "failed" in states.values():
                raise CheckFailed(f"the run failed: {states}; {masked(self.text_of('d-error'))}")
            if time.time() > deadline:
                raise CheckFailed(f"the run did not finish within {RUN_TIMEOUT_S}s: {status} {states}")
            time.sleep(0.25)
        check(True, "the step bar shows all four steps completed: " + ", ".join(f"{s}={states[s]}" for s in STEPS))
        check(self.text_of("d-status") == "已完成", "the status badge says 已完成")
        check(b.js("return document.querySelectorAll('#stepbar .step.s-completed').length") == 4,
              "four step boxes carry the completed colour class")
        elapsed = self.text_of("d-elapsed")
        check(elapsed.endswith("秒") or elapsed.endswith("分"), f"elapsed time shown: {elapsed}")
        self.sample_progress()
        seen = self.elapsed_seen
        check(len(seen) >= 3 and all(a <= b for a, b in zip(seen, seen[1:])),
              f"the elapsed time never went backwards ({len(seen)} readings, {seen[0]}…{seen[-1]} s)")
        views = IssueViews(self, BASE, SECRETS, check, wait_for, say)
        wide = WideRun(self, views, SECRETS, check, wait_for, say)
        wide.start()
        summary = self.text_of("d-summary")
        check("SQL 验证" in summary and "训练数据" in summary, "the result summary lists the steps' counts")
        wait_for("the task list shows the task completed", lambda: b.js(
            "const e = document.querySelector('#task-list [data-task-id=\"' + arguments[0] + '\"]');"
            "return e && e.dataset.status === 'completed'", self.task_id), timeout=10)

        # 检查变更 (issue 18): the drift report is shown (the sample's two unlisted tables, created after the listed
        # ones, count as added), with the refresh offer when something changed.
        b.click("#drift-btn")
        _, report = self.wait_message("drift-report", "检查完成", "ok")
        if "已发生变更" in report:
            check(b.js("return !!document.getElementById('refresh-btn')"), "a drifted report offers 增量刷新")
        say("ok - 检查变更 shows the drift report: " + report[:60])

        # Polling stops once the task is no longer in_progress.
        def status_requests():
            return b.js("return performance.getEntriesByType('resource')"
                        ".filter(e => e.name.endsWith('/data_pipeline/tasks/' + arguments[0])).length", self.task_id)
        before = status_requests()
        time.sleep(4.5)
        check(status_requests() == before, f"no status poll after completion ({before} status requests in all)")

        # Files: the pair file and the DDL files, downloadable.
        names = wait_for("the pair file in the file list", lambda: (lambda n: n if any(
            x.endswith("_pair.json") for x in n) else None)(b.js(
                "return [...document.querySelectorAll('#files-body tr[data-file]')].map(e => e.dataset.file)")))
        ddl = [n for n in names if n.endswith(".ddl")]
        pair = next(n for n in names if n.endswith("_pair.json"))
        check(len(ddl) == 8, f"the file list holds the pair file {pair} and 8 .ddl files")
        download = b.js(
            "const a = document.querySelector('#files-body tr[data-file=\"' + arguments[0] + '\"] a');"
            "return fetch(a.href).then(async r => [r.status, (await r.json()).length])", pair)
        check(download[0] == 200 and download[1] > 0, f"the pair file downloads through its link ({download[1]} pairs)")
        views.file_list(pair)
        views.results(download[1])

        # Upload, twice in backup mode: the second keeps the first as _bak1.
        note = os.path.join(OUT, "browser_note.md")
        with open(note, "w", encoding="utf-8") as f:
            f.write("# 浏览器测试上传的说明\n")
        b.type("#upload-file", note, clear=False)
        b.click("#upload-submit")
        self.wait_message("upload-msg", "文件上传成功", "ok")
        b.type("#upload-file", note, clear=False)
        b.click("#upload-submit")
        self.wait_message("upload-msg", "原文件已备份为 browser_note.md_bak1", "ok")
        wait_for("both uploads in the file list", lambda: b.js(
            "return !!document.querySelector('#files-body tr[data-file=\"browser_note.md_bak1\"]')"))
        os.remove(note)
        say("ok - upload in backup mode keeps the old file as browser_note.md_bak1")

        # Logs: entries, the level filter, auto-scroll.
        wait_for("log lines", lambda: "完整工作流执行完成" in self.text_of("logs-view"))
        scrolled = b.js("const v = document.getElementById('logs-view');"
                        "return v.scrollHeight <= v.clientHeight || v.scrollTop + v.clientHeight >= v.scrollHeight - 8")
        check(scrolled, "the log view is scrolled to the newest entry")
        b.click("#logs-level option[value='WARNING']")
        wait_for("only WARNING lines", lambda: b.js(
            "const l = [...document.querySelectorAll('#logs-view .log-line')];"
            "return (l.length > 0 && l.every(e => e.dataset.level === 'WARNING'))"
            " || !!document.querySelector('#logs-view .empty')"))
        b.click("#logs-level option[value='']")
        wait_for("all levels again", lambda: "完整工作流执行完成" in self.text_of("logs-view"))
        say("ok - log shows entries and filters by level")
        views.edit_and_recheck(OUT, pair)
        views.edit_in_place()
        self.assert_no_secret("after the run")

        # Screenshots at 1280×800: the top of the page, and the whole page.
        b.js("window.scrollTo(0, 0)")
        time.sleep(0.3)
        self.shot("desktop-1280x800.png")

        # Training-data search.
        b.type("#search-question", "各服务区的营业额是多少")
        b.type("#search-topk", "5")
        b.click("#search-submit")
        self.wait_message("search-msg", "找到", "ok")
        results = b.js("return [...document.querySelectorAll('#search-results .result')].map(e => e.innerText)")
        check(1 <= len(results) <= 5 and "相似度" in results[0], f"search shows {len(results)} matches with a score")
        check(any("SELECT" in r.upper() and "问答 SQL" in r for r in results), "a question–SQL match shows its SQL")
        scope = b.js("return document.getElementById('search-msg').innerText")
        check("数据库 " in scope, f"the search is limited to the selected task's database: {scope}")
        self.shot("desktop-full-1280.png", full=True)

        # More API errors: an empty question, and a task that does not exist.
        b.type("#search-question", "")
        b.click("#search-submit")
        self.wait_message("search-msg", "缺少必需参数：question", "error")
        say("ok - an empty search shows the API's text 缺少必需参数：question")
        b.get(BASE + "/#task_19990101_000000")
        self.wait_message("detail-msg", "任务不存在: task_19990101_000000", "error")
        check(b.js("return document.getElementById('detail').hidden"), "an unknown task hides the detail panel")
        say("ok - an unknown task shows the API's text 任务不存在: task_19990101_000000")
        self.assert_no_stack_trace()

        # Delete: a second task, created without a connection, removed with its directory.
        b.type("#create-form input[name=task_name]", "浏览器测试：待删除")
        b.click("#create-submit")
        self.wait_message("create-msg", "任务创建成功", "ok")
        doomed = wait_for("the second task selected", lambda: b.js(
            "const d = document.getElementById('detail'); const id = d.dataset.taskId;"
            "return !d.hidden && id !== arguments[0] ? id : null", self.task_id))
        b.click("#delete-btn")
        prompt = b.alert_text()
        check(doomed in prompt, "delete asks for confirmation naming the task")
        b.accept_alert()
        self.wait_message("action-msg", "目录删除成功", "ok")
        wait_for("the list marks the directory deleted", lambda: "目录已删除" in b.js(
            "const e = document.querySelector('#task-list [data-task-id=\"' + arguments[0] + '\"]');"
            "return e ? e.innerText : ''", doomed))
        say(f"ok - task {doomed} deleted through the page")
        views.list_scales(self.task_id)
        views.cancel_and_delete(self.task_id, LOCKED_TABLE)
        wide.check_page()
        wide.schema_picker()
        views.both_widths("table-picker-schemas", "#tables-card")

        # Narrow screen: the finished task again at 400 px.
        b.viewport(400, 800, mobile=True)
        b.get(BASE + "/#" + self.task_id)
        wait_for("the finished task shown", lambda: b.js(
            "const d = document.getElementById('detail'); return !d.hidden && d.dataset.status === 'completed'"))
        wait_for("its files listed", lambda: b.js("return document.querySelectorAll('#files-body tr[data-file]').length"))
        overflow = b.js("return [document.documentElement.scrollWidth, window.innerWidth]")
        check(overflow[0] <= overflow[1], f"nothing wider than the 400 px screen (scrollWidth {overflow[0]})")
        columns = b.js("return getComputedStyle(document.querySelector('.layout')).gridTemplateColumns.split(' ').length")
        check(columns == 1, "one column on a narrow screen")
        b.js("document.getElementById('detail-card').scrollIntoView()")
        time.sleep(0.3)
        self.shot("narrow-400x800.png")
        self.shot("narrow-full-400.png", full=True)
        wait_for("the pairs at 400 px", lambda: b.js("return document.querySelectorAll('#pairs-body tr[data-index]').length"))
        b.js("document.getElementById('results-card').scrollIntoView()")
        time.sleep(0.3)
        self.shot("narrow-pairs-400x800.png")
        views.legible("#results-tabs [role=tab], #stepbar .step-label, #stepbar .step-status, .pager > *",
                      "the tabs, step bar and list pager at 400 px")
        views.tab("quality")
        views.legible("#quality-charts text, #quality-charts figcaption", "the quality charts at 400 px")
        overflow = b.js("return [document.documentElement.scrollWidth, window.innerWidth]")
        check(overflow[0] <= overflow[1], f"the result views fit the 400 px screen (scrollWidth {overflow[0]})")
        self.shot("narrow-quality-400x800.png")
        self.assert_no_secret("at the end")


def main():
    os.makedirs(OUT, exist_ok=True)
    log_path = os.path.join(OUT, "chromedriver.log")
    if os.path.exists(log_path):
        os.remove(log_path)
    failed = False
    browser = None
    test = None
    try:
        browser = Browser(log_path)
        test = PageTest(browser)
        test.run()
        problems = [e for e in browser.console_log() if e.get("level") == "SEVERE"
                    and "Failed to load resource" not in e.get("message", "")]
        # The 4xx answers the test provoked are logged by Chromium as failed loads; anything else is a script error.
        check(not problems, "no script error in the browser console"
              + ("" if not problems else ": " + masked(problems[0].get("message", ""))))
    except (CheckFailed, WebDriverError, OSError, KeyError, TypeError, ValueError) as error:
        failed = True
        say(f"FAILED - {masked(str(error))}")
        if not isinstance(error, (CheckFailed, WebDriverError)):
            traceback.print_exc()
        if test is not None:
            try:
                say("screenshot of the failure: " + test.shot("failure.png"))
                say("page text: " + masked(browser.js("return document.body.innerText"))[:1500])
            except (WebDriverError, OSError):
                pass
    finally:
        if browser is not None:
            killed, left = browser.stop()
            if left:
                failed = True
                say(f"FAILED - processes of chromedriver's session still running: {left}")
            else:
                say("chromedriver and Chromium stopped" + (f" (signalled {killed})" if killed else ""))
        # chromedriver's log holds the typed commands, the connection string among them: it is not kept.
        if os.path.exists(log_path):
            if failed:
                with open(log_path, encoding="utf-8", errors="replace") as f:
                    tail = f.readlines()[-20:]
                print(masked("".join(tail)), end="")
            os.remove(log_path)
    if test is not None:
        for path in test.shots:
            say(f"screenshot {path}")
    say("FAILED" if failed else "all checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
