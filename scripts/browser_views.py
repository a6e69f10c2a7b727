"""Browser checks of issue 19's parts of the page, called by scripts/browser_test.py on its running page: the result
views (pairs, documents, failures, quality), an edited pair file checked again by step 3, per-task controls reset on
a task change, the task list among 200 tasks, a cancelled run, and a delete with the records."""
import json
import os
import re
import time
import urllib.request

from table_lock import TableLock
from webdriver_client import WebDriverError

CJK_RENDERED = """
const draw = (ch) => { const c = document.createElement('canvas'); c.width = 40; c.height = 40;
  const x = c.getContext('2d'); x.font = '24px ' + getComputedStyle(document.body).fontFamily;
  x.fillText(ch, 4, 30); return c.toDataURL(); };
return draw('难') !== draw('度') && draw('难') !== draw('\\uE000');
"""

OVERLAPS = """
const items = [...document.querySelectorAll(arguments[0])].map(e => [e, e.getBoundingClientRect()])
  .filter(([, r]) => r.width > 0 && r.height > 0);
let n = 0, first = '';
for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
  const a = items[i][1], b = items[j][1];
  if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
    if (!n) first = `${items[i][0].textContent.slice(0, 40)} ${JSON.stringify(a)} / ${items[j][0].textContent.slice(0, 40)} ${JSON.stringify(b)}`;
    n++;
  }
}
return [items.length, n, first];
"""


class IssueViews:
    """The checks; `t` is browser_test's PageTest, the helpers are its check/wait_for/say."""

    def __init__(self, t, base, secrets, check, wait_for, say):
        self.t, self.b, self.base = t, t.b, base
        self.secrets = secrets
        self.check, self.wait_for, self.say = check, wait_for, say

    def api(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + "/api/v0" + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)["data"]

    def rows(self):
        return self.b.js("return [...document.querySelectorAll('#pairs-body tr[data-index]')]"
                         ".map(r => [...r.cells].map(c => c.innerText))")

    def tab(self, view):
        self.b.click(f"#results-tabs [data-view='{view}']")
        self.wait_for(f"the {view} view", lambda: not self.b.js(f"return document.getElementById('view-{view}').hidden"))

    def both_widths(self, name, selector):
        """Screenshots of the element `selector` at 1280 and at 400 px (phone), nothing wider than the screen."""
        b = self.b
        for width, mobile, prefix in ((1280, False, "desktop"), (400, True, "narrow")):
            b.viewport(width, 800, mobile=mobile)
            b.js("document.querySelector(arguments[0]).scrollIntoView()", selector)
            time.sleep(0.3)
            overflow = b.js("return [document.documentElement.scrollWidth, window.innerWidth]")
            self.check(overflow[0] <= overflow[1], f"{name} at {width} px: nothing wider than the screen ({overflow[0]})")
            self.t.shot(f"{prefix}-{name}-{width}x800.png")
        b.viewport(1280, 800)

    def quality_matches_api(self, api):
        """The 质量 view's numbers are those of GET …/quality: measures, classes, difficulty, recall, coverage."""
        b, check = self.b, self.check
        shown = b.js("""
            const bars = sel => Object.fromEntries([...document.querySelectorAll(sel + ' .bar')]
              .map(g => [g.dataset.label, Number(g.dataset.value)]));
            const recall = document.querySelector('#quality-charts [data-chart=recall]');
            return {measures: Object.fromEntries([...document.querySelectorAll('#quality-headline .measure')]
                      .map(e => [e.dataset.measure, e.dataset.value])),
                    execution: bars('#quality-charts [data-chart=execution]'),
                    difficulty: bars('#quality-charts [data-chart=difficulty]'),
                    recall5: recall ? recall.dataset.recall5 : null,
                    rows: document.querySelectorAll('#quality-coverage .hm-row').length,
                    unused: [...document.querySelectorAll('#quality-coverage .hm-row')]
                      .reduce((n, g) => n + Number(g.dataset.unused), 0),
                    head: (document.getElementById('quality-coverage-head') || {}).innerText || '',
                    warnings: [...document.querySelectorAll('#quality-warnings .w-group')]
                      .reduce((n, g) => n + Number(g.dataset.count), 0),
                    links: [...document.querySelectorAll('#quality-warnings a[data-file]')].map(a => a.dataset.file)};""")
        measures = {k: v["value"] for k, v in api["measures"].items()}
        def same(api_value, text):
            return text == "" if api_value is None else text not in (None, "") and float(text) == float(api_value)
        check(all(same(measures[k], shown["measures"].get(k)) for k in measures),
              f"the headline shows the API's {len(measures)} measures: {shown['measures']}")
        labels = {"ok": "正常", "empty": "空结果", "degenerate": "结果无区分度", "timeout": "超时", "error": "执行出错"}
        classes = {labels.get(k, k): v for k, v in ((api.get("execution") or {}).get("classes") or {}).items()}
        check(shown["execution"] == classes, f"execution class bars equal the API's: {shown['execution']}")
        difficulty = {{"easy": "简单", "medium": "中等", "hard": "困难"}.get(k, k): v
                      for k, v in api["difficulty"].items() if k != "declared"}
        check(shown["difficulty"] == difficulty, f"difficulty bars equal the API's: {shown['difficulty']}")
        retrieval = api.get("retrieval")
        if retrieval:
            check(float(shown["recall5"]) == retrieval["own_questions"]["recall_at_5"],
                  f"recall@5 shown as the API's {retrieval['own_questions']['recall_at_5']}")
        coverage = api["coverage"]
        unused = coverage["business_columns"] - coverage["used_business_columns"]
        check(shown["rows"] == len(coverage["tables"]) and shown["unused"] == unused
              and f"{coverage['used_business_columns']}/{coverage['business_columns']}" in shown["head"],
              f"the heat map has the API's {len(coverage['tables'])} tables and {unused} unused business columns")
        files = sorted({w["file"] for w in api["warnings"] if w.get("file")})
        check(shown["warnings"] == len(api["warnings"]) and sorted(set(shown["links"])) == files,
              f"{shown['warnings']} warnings listed, linked to {files}")

    def legible(self, selector, where):
        count, overlaps, first = self.b.js(OVERLAPS, selector)
        self.check(count > 0 and overlaps == 0, f"{count} labels of {where}, none overlapping"
                   + (f" (but {overlaps}: {first})" if overlaps else ""))
        self.check(self.b.js(CJK_RENDERED), f"Chinese glyphs rendered with a CJK font ({where})")

    # -- result views -----------------------------------------------------------------------------------------------
    def results(self, pair_count):
        b, check = self.b, self.check
        self.wait_for("the pairs table", lambda: len(self.rows()) == min(pair_count, 100), timeout=30)
        loaded = b.js("return Number(document.getElementById('results-card').dataset.loadedMs)")
        self.say(f"timing - the run's {pair_count} pairs shown {loaded} ms after the page asked for the files")
        rows = self.rows()
        check(all(r[1].strip() and "SELECT" in r[1].upper() for r in rows), "every row shows a question and its SQL")
        check(all(r[5].split("\n")[0] in ("通过", "修复后通过", "未通过", "未验证") for r in rows),
              "every row has a validation state")
        check(any(r[5].startswith("通过") for r in rows) and any(r[6].startswith("正常") for r in rows),
              "rows carry the report's validation and execution class (通过 / 正常)")
        count = b.js("return document.getElementById('pairs-count').innerText")
        check(f"共 {pair_count} 个问答对" in count, f"the pair count matches the file: {count}")
        needle = rows[0][1].split("\n")[0][:6]
        b.type("#pairs-search", needle)
        self.wait_for("search narrows the pairs", lambda: 0 < len(self.rows()) <= len(rows) and all(
            needle.lower() in " ".join(r).lower() for r in self.rows()))
        b.type("#pairs-search", "zzz-没有这个问题")
        self.wait_for("an empty search", lambda: "没有符合筛选条件" in self.t.text_of("pairs-body"))
        b.type("#pairs-search", "")
        b.click("#pairs-state option[value='problem']")
        self.wait_for("only pairs needing a look", lambda: b.js(
            "return [...document.querySelectorAll('#pairs-body tr[data-index]')].every(r => r.dataset.problem === '1')"))
        b.click("#pairs-state option[value='']")
        self.say("ok - the pairs table searches and filters")
        self.both_widths("pairs", "#results-card")
        self.tab("docs")
        self.wait_for("a DDL shown", lambda: "CREATE TABLE" in self.t.text_of("docs-ddl").upper())
        self.wait_for("its document rendered", lambda: b.js("return !!document.querySelector('#docs-md h3, #docs-md li')"))
        check(b.js("return document.querySelectorAll('#docs-table option').length") == 8, "8 tables have documents")
        self.t.shot("desktop-docs-1280x800.png")
        self.tab("failures")
        self.wait_for("the failures summary", lambda: "条 SQL" in self.t.text_of("failures-count"))
        self.tab("quality")
        self.wait_for("quality bars", lambda: b.js("return document.querySelectorAll('#quality-charts .bar').length") >= 2)
        source = self.t.text_of("quality-source")
        check("质量报告" in source, f"the quality view says where its numbers come from: {source}")
        self.quality_matches_api(self.api("GET", f"/data_pipeline/tasks/{self.t.task_id}/quality")["quality"])
        self.legible("#quality-charts text, #quality-charts figcaption, #quality-headline .measure, "
                     "#quality-coverage .hm-label", "the quality charts")
        self.both_widths("quality", "#view-quality")
        b.viewport(400, 800, mobile=True)
        self.legible("#quality-charts text, #quality-charts figcaption, #quality-headline .measure, "
                     "#quality-coverage .hm-label", "the quality charts at 400 px")
        b.viewport(1280, 800)
        self.tab("pairs")

    def file_list(self, pair_name):
        """Sizes as people write them, the key files marked, a download that says when it is done."""
        b, check = self.b, self.check
        sizes = b.js("return [...document.querySelectorAll('#files-body .f-size')].map(e => e.innerText)")
        check(sizes and all(re.fullmatch(r"\d+ B|\d+\.\d [KMGT]B", x) for x in sizes),
              f"file sizes read like 559 B / 102.5 KB: {sizes[:4]}")
        tag = b.js("const r = document.querySelector('#files-body tr[data-file=\"' + arguments[0] + '\"] .tag');"
                   "return r ? r.innerText : ''", pair_name)
        check(tag == "问答对", "the pair file is marked as a key file")
        try:  # the test keeps no downloaded file: the page's fetch and its message are what is checked
            b.cdp("Browser.setDownloadBehavior", {"behavior": "deny"})
        except WebDriverError:
            pass
        b.click(f"#files-body tr[data-file='{pair_name}'] a")
        self.t.wait_message("files-msg", f"已下载 {pair_name}", "ok")
        self.say(f"ok - a download says so: {self.t.text_of('files-msg')}")

    def edit_and_recheck(self, out_dir, pair_name):
        """An edited pair file (one question reworded, one SQL made hostile) uploaded; step 3 offered and run."""
        b, check = self.b, self.check
        pairs = b.js("const a = document.querySelector('#files-body tr[data-file=\"' + arguments[0] + '\"] a');"
                     "return fetch(a.href).then(r => r.json())", pair_name)
        pairs[0]["question"] = pairs[0]["question"] + "（已编辑）"
        pairs[1]["sql"] = "DELETE FROM bss_company"
        path = os.path.join(out_dir, pair_name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(pairs, f, ensure_ascii=False, indent=2)
        b.type("#upload-file", path, clear=False)
        b.click("#upload-submit")
        self.t.wait_message("upload-msg", "文件上传成功", "ok")
        os.remove(path)
        steps = self.wait_for("the offer to re-run steps", lambda: b.js(
            "return [...document.querySelectorAll('#rerun-offer:not([hidden]) button')].map(e => e.dataset.step)"))
        check(steps == ["sql_validation", "training_load"], f"after uploading a pair file the page offers {steps}")
        b.js("document.getElementById('run-card').scrollIntoView()")
        self.t.shot("desktop-rerun-offer-1280x800.png")
        b.js("document.getElementById('action-msg').textContent = ''")   # the first run's end message goes
        b.click("#rerun-offer button[data-step='sql_validation']")
        self.wait_for("step 3 run again", lambda: b.js(
            "return /执行结束/.test(document.getElementById('action-msg').innerText)"), timeout=120)
        self.tab("failures")
        hostile = self.wait_for("the hostile SQL among the failures", lambda: b.js(
            "return [...document.querySelectorAll('#failures-list .failure')].find("
            "e => e.innerText.includes('DELETE FROM bss_company'))?.dataset.kind"), timeout=30)
        check(hostile == "invalid", "the hostile SQL is refused by step 3 and listed with its reason")
        self.t.shot("desktop-upload-rejected-1280x800.png")
        self.tab("pairs")
        b.type("#pairs-search", "（已编辑）")
        edited = self.wait_for("the edited pair", lambda: self.rows())
        check(len(edited) == 1 and edited[0][5].startswith("通过"), "the edited question passed the same checks")
        self.t.shot("desktop-upload-accepted-1280x800.png")
        b.type("#pairs-search", "")

    def save_edit(self, question=None, sql=None):
        """Edits the first shown pair in place and waits for step 3's check of the stored file."""
        b = self.b
        self.tab("pairs")
        b.click("#pairs-body tr[data-index] .edit")
        if question is not None:
            b.type("#pairs-body .edit-question", question)
        if sql is not None:
            b.type("#pairs-body .edit-sql", sql)
        b.js("document.getElementById('action-msg').textContent = ''")
        b.click("#pairs-body .edit-save")
        self.t.wait_message("results-msg", "已保存", "ok")
        self.wait_for("step 3 checked the edit", lambda: b.js(
            "return /执行结束/.test(document.getElementById('action-msg').innerText)"), timeout=120)

    def edit_in_place(self):
        """A hostile SQL typed into a pair is refused by step 3; a reworded question passes."""
        b, check = self.b, self.check
        self.save_edit(sql="DROP TABLE bss_company")
        self.tab("failures")
        kind = self.wait_for("the edited hostile SQL among the failures", lambda: b.js(
            "return [...document.querySelectorAll('#failures-list .failure')].find("
            "e => e.innerText.includes('DROP TABLE bss_company'))?.dataset.kind"), timeout=30)
        check(kind == "invalid", "an in-place edit with a hostile SQL is refused by the same checks as a run")
        self.both_widths("edit-rejected", "#results-card")
        self.tab("pairs")
        first = self.rows()[0][1].split("\n")[0]
        self.save_edit(question=first + "（页面内编辑）")
        b.type("#pairs-search", "（页面内编辑）")
        edited = self.wait_for("the pair edited in place", lambda: self.rows(), timeout=30)
        check(len(edited) == 1 and edited[0][5].startswith("通过"), "an in-place edit of a question is kept and checked")
        self.both_widths("edit-accepted", "#results-card")
        b.type("#pairs-search", "")

    # -- the list among many tasks -----------------------------------------------------------------------------------
    def list_scales(self, task_id):
        b, check = self.b, self.check
        started = time.time()
        for i in range(200):
            self.api("POST", "/data_pipeline/tasks", {"task_name": f"批量任务 {i:03d}"})
        self.say(f"200 tasks created through the API in {time.time() - started:.1f}s")
        b.click("#list-refresh")
        total = self.wait_for("the list with ≥ 200 tasks", lambda: (lambda m: int(m.group(1)) >= 200 and m.group(0))(
            re.search(r"共 (\d+) 个任务 · 第 1/\d+ 页", self.t.text_of("list-total")) or re.search("(0)", "0")))
        check(b.js("return document.querySelectorAll('#task-list .task-item').length") == 20,
              f"the list shows a page of 20: {total}")
        b.type("#list-search", "批量任务 1")
        self.wait_for("100 matches in 5 pages", lambda: "共 100 个任务 · 第 1/5 页" in self.t.text_of("list-total"))
        b.click("#list-next")
        self.wait_for("page 2", lambda: "第 2/5 页" in self.t.text_of("list-total"))
        names = b.js("return [...document.querySelectorAll('#task-list .t-name')].map(e => e.innerText)")
        check(len(names) == 20 and all(n.startswith("批量任务 1") for n in names), "page 2 holds 20 matching tasks")
        self.both_widths("list-search", "#list-card")
        b.type("#list-search", task_id)
        self.wait_for("the task found by its id", lambda: b.js(
            "return !!document.querySelector('#task-list [data-task-id=\"' + arguments[0] + '\"]')", task_id))
        check(b.js("return document.querySelectorAll('#task-list .task-item').length") <= 3, "an id search finds it alone")
        b.click("#list-status option[value='completed']")
        self.wait_for("status filter with the search", lambda: "共 1 个任务" in self.t.text_of("list-total"))
        b.click("#list-status option[value='']")
        b.type("#list-search", "")
        self.say("ok - search by name and by id, status filter, pages with totals")

    # -- a cancelled run, controls that do not follow, a delete with records ------------------------------------------
    def cancel_and_delete(self, main_id, locked_table):
        b, check = self.b, self.check
        created = self.api("POST", "/data_pipeline/tasks",
                           {"task_name": "浏览器测试：取消", "db_connection": self.secrets["business_url"]})
        victim = created["task_id"]
        self.api("POST", f"/data_pipeline/tasks/{victim}/table-list", {"tables": [locked_table, "bss_company"]})
        b.js("location.hash = '#' + arguments[0]", victim)
        self.wait_for("the task to cancel shown", lambda: b.js(
            "const d = document.getElementById('detail'); return !d.hidden && d.dataset.taskId === arguments[0]", victim))
        lock = TableLock(self.secrets["admin_url"], locked_table)
        try:
            b.click("#exec-submit")
            self.wait_for("its step 1 running", lambda: b.js(
                "return !!document.querySelector('#stepbar .step.s-running')"), timeout=10)
            b.click("#cancel-btn")
            self.t.wait_message("action-msg", "已发送取消请求", "ok", timeout=10)
        finally:
            lock.release()
        self.wait_for("the run shown cancelled", lambda: b.js(
            "return document.getElementById('detail').dataset.cancelled === '1'"), timeout=60)
        states = self.t.step_states()
        check(self.t.text_of("d-status") == "已取消", "the badge says 已取消, not 失败")
        stopped = "cancelled" in states.values() or "之间停止" in self.t.text_of("d-error")
        check(stopped and states["training_load"] == "not_run", f"the steps show where it stopped: {states}")
        check("执行已取消" in self.t.text_of("d-error"), "the notice says where the run stopped")
        self.wait_for("the cancel in the log", lambda: "已取消" in self.t.text_of("logs-view"), timeout=20)
        levels = b.js("return [...document.querySelectorAll('#logs-view .log-line')].map(e => e.dataset.level)")
        check("ERROR" not in levels and "WARNING" in levels, "a cancel is a WARNING in the log, not an ERROR")
        b.type("#list-search", victim)
        badge = self.wait_for("the cancelled task in the list", lambda: b.js(
            "const e = document.querySelector('#task-list [data-task-id=\"' + arguments[0] + '\"]');"
            "return e && e.dataset.cancelled === '1' ? e.querySelector('.badge').innerText : null", victim))
        check(badge == "已取消", "the task list marks the cancelled task 已取消 (the list item's cancelled flag)")
        b.type("#list-search", "")
        status = self.api("GET", f"/data_pipeline/tasks/{victim}")
        check(status["cancelled"] is True and status["status"] == "failed",
              "the API says cancelled: true, and status failed as the predecessor's clients read it")
        self.both_widths("cancelled", "#run-card")
        # Per-task controls: set on this task, gone on the next.
        b.click("#exec-mode option[value='step']")
        b.click("#delete-records")
        b.js("document.getElementById('tables-fold').open = true")
        b.type("#tables-schema", "ods")
        b.js("location.hash = '#' + arguments[0]", main_id)
        self.wait_for("the main task shown", lambda: b.js(
            "const d = document.getElementById('detail'); return !d.hidden && d.dataset.taskId === arguments[0]", main_id))
        reset = b.js("const t = id => document.getElementById(id); return [t('exec-mode').value, t('exec-step').disabled,"
                     " t('delete-records').checked, t('tables-schema').value]")
        check(reset == ["complete", True, False, ""], f"execute mode, delete box and schema reset on a task change: {reset}")
        b.js("location.hash = '#' + arguments[0]", victim)
        self.wait_for("the cancelled task again", lambda: b.js(
            "return document.getElementById('detail').dataset.taskId === arguments[0]", victim))
        b.click("#delete-records")
        b.click("#delete-btn")
        b.accept_alert()
        self.t.wait_message("detail-msg", "已删除（含数据库记录）", "ok")
        check(not b.js("return document.getElementById('detail-empty').hidden"), "after a delete with records the page "
              "says so and offers to pick a task (not blank)")
