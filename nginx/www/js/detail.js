// The selected task: header, step bar, progress, elapsed time, result summary, and the execute / cancel / delete
// actions. While the task is in_progress its status is polled every 2 s; polling stops once it is not.
// A cancelled run: the API says `cancelled: true` (status stays `failed` with error_message `已取消` for older
// clients); it is shown as 已取消, with the step where it stopped, not as a failure.
import { call, seg } from "./api.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";
import {
    STEPS, duration, serverMillis, shortTime, stepLabel, stepStatusLabel, taskStatusLabel,
} from "./format.js";

const CANCELLED = "已取消";

/** True for a run stopped by 取消执行: the API's `cancelled` flag (or, from an older service, its wording). */
export function isCancelled(task) {
    if (!task) return false;
    if (typeof task.cancelled === "boolean") return task.cancelled;
    return task.status === "failed" && task.error_message === CANCELLED;
}

const POLL_MS = 2000;

/**
 * `onStatus(task)` after every status answer, `onFinished(task)` when a run this page watched has ended,
 * `onDeleted(taskId, rowsDeleted)` after a delete, `onMissing()` when the task answers 404.
 */
export function createTaskDetail({ onStatus, onFinished, onDeleted, onMissing }) {
    const el = {
        empty: byId("detail-empty"), body: byId("detail"), msg: byId("detail-msg"),
        name: byId("d-name"), status: byId("d-status"), id: byId("d-id"), db: byId("d-db"), conn: byId("d-conn"),
        context: byId("d-context"), created: byId("d-created"), started: byId("d-started"),
        completed: byId("d-completed"), elapsed: byId("d-elapsed"), stepbar: byId("stepbar"),
        progress: byId("progress"), progressBar: byId("progress-bar"), progressText: byId("progress-text"),
        error: byId("d-error"), summary: byId("d-summary"), action: byId("action-msg"),
        mode: byId("exec-mode"), step: byId("exec-step"), execForm: byId("exec-form"), exec: byId("exec-submit"),
        cancel: byId("cancel-btn"), remove: byId("delete-btn"), removeRows: byId("delete-records"),
        run: byId("run-card"), rerun: byId("rerun-offer"),
    };
    let taskId = null;
    let task = null;
    let generation = 0;          // bumped on every task switch: answers for an older selection are dropped
    let pollTimer = null;
    let tickTimer = null;
    let clock = null;            // { server: ms of the answer's timestamp, local: performance.now() at receipt }
    let watching = false;        // this page started (or saw) a run and reports its end once
    let shownElapsed = { run: "", seconds: 0 };   // the largest elapsed time shown for this run: it never goes back

    replace(el.step, STEPS.map((s) => h("option", { value: s.name }, s.label)));
    el.mode.addEventListener("change", () => { el.step.disabled = el.mode.value !== "step"; });

    function stopTimers() {
        clearTimeout(pollTimer);
        clearInterval(tickTimer);
        pollTimer = null;
        tickTimer = null;
    }

    async function load(gen) {
        let data;
        try {
            data = await call("GET", `/data_pipeline/tasks/${seg(taskId)}`);
        } catch (error) {
            if (gen !== generation) return;
            showError(el.msg, error);
            if (error.status === 404) {
                stopTimers();
                el.body.hidden = true;
                el.run.hidden = true;
                onMissing();
            } else if (task && task.status === "in_progress") {
                clearTimeout(pollTimer);
                pollTimer = setTimeout(() => load(gen), POLL_MS);   // a passing failure: keep watching
            }
            return;
        }
        if (gen !== generation) return;
        showMessage(el.msg, "", "");
        task = data;
        clock = { server: serverMillis(data.timestamp), local: performance.now() };
        render();
        onStatus(task);
        clearTimeout(pollTimer);
        if (task.status === "in_progress") {
            watching = true;
            pollTimer = setTimeout(() => load(gen), POLL_MS);
            if (!tickTimer) tickTimer = setInterval(renderElapsed, 1000);
        } else {
            stopTimers();
            if (watching) {
                watching = false;
                const good = task.status === "completed" || task.status === "partial_completed";
                const label = isCancelled(task) ? CANCELLED : taskStatusLabel(task.status);
                showMessage(el.action, good || isCancelled(task) ? "ok" : "error", `执行结束：${label}`);
                onFinished(task);
            }
        }
    }

    function renderElapsed() {
        if (!task) return;
        const started = serverMillis(task.started_at);
        let seconds = NaN;
        if (task.status === "in_progress" && clock) {
            // Between polls the clock runs on locally, at most one poll interval past the last answer.
            const local = Math.min(performance.now() - clock.local, POLL_MS + 1000);
            seconds = (clock.server - started + local) / 1000;
        } else if (task.completed_at) {
            seconds = (serverMillis(task.completed_at) - started) / 1000;
        }
        if (!Number.isFinite(seconds)) {
            setText(el.elapsed, "—");
            return;
        }
        // The end of a run may be learnt up to one poll late, after the local clock went past it: the figure then
        // stays where it was rather than jumping back (the steps' own durations below are exact).
        const run = `${task.task_id}|${task.started_at}`;
        if (shownElapsed.run !== run) shownElapsed = { run, seconds: 0 };
        shownElapsed.seconds = Math.max(shownElapsed.seconds, seconds);
        setText(el.elapsed, duration(Math.max(0, shownElapsed.seconds)));
    }

    function stepItem(step, index) {
        const row = (task.steps || []).find((s) => s.step_name === step.name) || {};
        let status = row.step_status || (task.step_status || {})[step.name] || "pending";
        if (isCancelled(task) && status === "failed" && row.error_message === CANCELLED) status = "cancelled";
        else if (isCancelled(task) && status === "pending") status = "not_run";
        const took = row.started_at && row.completed_at
            ? duration((serverMillis(row.completed_at) - serverMillis(row.started_at)) / 1000) : "";
        const progress = task.progress && task.progress.step === step.name ? task.progress : null;
        return h("li", { class: `step s-${status}`, data: { step: step.name, status } },
            h("span", { class: "step-no" }, String(index + 1)),
            h("span", { class: "step-text" },
                h("span", { class: "step-label" }, step.label),
                h("span", { class: "step-status" }, stepStatusLabel(status),
                    progress ? ` ${progress.done}/${progress.total}` : "", took ? ` · ${took}` : ""),
                row.error_message && status !== "cancelled"
                    ? h("span", { class: "step-error" }, row.error_message) : null));
    }

    function summaryItems(result) {
        if (!result || typeof result !== "object") return [];
        const items = [];
        const ddl = result.ddl_generation;
        if (ddl) items.push(`DDL/MD：${ddl.processed_successfully ?? "?"}/${ddl.total_tables ?? "?"} 个表，生成 ${ddl.files_generated ?? 0} 个文件`);
        const qa = result.qa_generation;
        if (qa) items.push(`问答对：${qa.total_questions ?? 0} 个问题，${qa.successful_themes ?? 0}/${qa.total_themes ?? 0} 个主题`);
        const sql = result.sql_validation;
        if (sql) {
            const repaired = sql.repair_stats ? sql.repair_stats.successful ?? 0 : 0;
            items.push(`SQL 验证：有效 ${sql.valid_sql_count ?? 0}/${sql.original_sql_count ?? 0}，修复 ${repaired}`);
        }
        const load = result.training_load;
        if (load) items.push(`训练数据：加载 ${load.items_loaded ?? 0} 条（新增 ${load.items_new ?? 0}）`);
        return items;
    }

    function render() {
        el.empty.hidden = true;
        el.body.hidden = false;
        el.run.hidden = false;
        el.body.dataset.taskId = task.task_id;
        el.body.dataset.status = task.status;
        setText(el.name, task.task_name || task.task_id);
        const cancelled = isCancelled(task);
        setText(el.status, cancelled ? CANCELLED : taskStatusLabel(task.status));
        el.status.className = `badge s-${cancelled ? "cancelled" : task.status}`;
        el.body.dataset.cancelled = cancelled ? "1" : "0";
        const params = task.parameters || {};
        setText(el.id, task.task_id);
        setText(el.db, params.db_name || dbFromURL(params.db_connection) || "默认业务数据库");
        setText(el.conn, params.db_connection || "服务默认连接");
        setText(el.context, params.business_context || "—");
        setText(el.created, shortTime(task.created_at));
        setText(el.started, shortTime(task.started_at));
        setText(el.completed, shortTime(task.completed_at));
        renderElapsed();
        replace(el.stepbar, STEPS.map(stepItem));
        const progress = task.progress;
        el.progress.hidden = !progress;
        if (progress) {
            el.progressBar.max = Math.max(1, progress.total);
            el.progressBar.value = Math.min(progress.done, progress.total);
            setText(el.progressText, `${stepLabel(progress.step)}：${progress.done} / ${progress.total}`);
        }
        if (cancelled) {
            const stopped = (task.steps || []).find((s) => s.error_message === CANCELLED);
            showMessage(el.error, "cancelled", stopped
                ? `执行已取消：在「${stepLabel(stopped.step_name)}」步骤停止，之后的步骤未执行`
                : "执行已取消：在两个步骤之间停止，之后的步骤未执行");
        } else {
            showMessage(el.error, "error", task.error_message || "");
        }
        const items = summaryItems(task.result);
        replace(el.summary, items.map((text) => h("li", {}, text)));
        el.summary.hidden = items.length === 0;
        const running = task.status === "in_progress";
        el.exec.disabled = running;
        el.cancel.disabled = !running;
        el.remove.disabled = running;
    }

    function dbFromURL(url) {
        const m = /^[a-z]+:\/\/[^/]*\/([^?#]+)/i.exec(url || "");
        return m ? decodeURIComponent(m[1]) : "";
    }

    el.execForm.addEventListener("submit", (event) => {
        event.preventDefault();
        execute(el.mode.value === "step" ? el.step.value : null);
    });

    /** Starts a complete run (`step` null) or one step. */
    async function execute(step) {
        if (!taskId) return;
        const body = step ? { execution_mode: "step", step_name: step } : { execution_mode: "complete" };
        showMessage(el.rerun, "", "");
        const gen = generation;
        el.exec.disabled = true;
        showMessage(el.action, "busy", "正在启动执行…");
        try {
            const data = await call("POST", `/data_pipeline/tasks/${seg(taskId)}/execute`, body);
            if (gen !== generation) return;
            showMessage(el.action, "ok", data.response);
            watching = true;
            stopTimers();
            await load(gen);
        } catch (error) {
            if (gen === generation) {
                showError(el.action, error);
                el.exec.disabled = Boolean(task && task.status === "in_progress");
            }
        }
    }

    el.cancel.addEventListener("click", async () => {
        if (!taskId) return;
        const gen = generation;
        try {
            const data = await call("POST", `/data_pipeline/tasks/${seg(taskId)}/cancel`, {});
            if (gen === generation) showMessage(el.action, "ok", data.response);
        } catch (error) {
            if (gen === generation) showError(el.action, error);
        }
    });

    el.remove.addEventListener("click", async () => {
        if (!taskId) return;
        const rows = el.removeRows.checked;
        const question = `确定删除任务 ${taskId} 吗？任务目录及其中的所有文件将被删除` +
            (rows ? "，数据库中的任务记录也会删除。" : "（任务记录保留）。");
        if (!window.confirm(question)) return;
        const id = taskId;
        try {
            const data = await call("DELETE", "/data_pipeline/tasks",
                { task_ids: [id], confirm: true, delete_database_records: rows });
            const failed = data.summary && data.summary.failed > 0;
            showMessage(el.action, failed ? "error" : "ok", data.response);
            if (!failed) {
                showMessage(el.rerun, "", "");
                onDeleted(id, rows);
            }
        } catch (error) {
            showError(el.action, error);
        }
    });

    return {
        /** Shows a task (null: none) and starts polling it if it runs. */
        show(id) {
            generation += 1;
            stopTimers();
            taskId = id;
            task = null;
            watching = false;
            // The controls belong to the task shown: a new one starts from the safe defaults.
            el.mode.value = "complete";
            el.step.value = STEPS[0].name;
            el.step.disabled = true;
            el.removeRows.checked = false;
            showMessage(el.msg, "", "");
            showMessage(el.action, "", "");
            showMessage(el.rerun, "", "");
            el.body.hidden = true;
            el.run.hidden = true;
            el.empty.hidden = Boolean(id);
            if (id) load(generation);
        },
        /** A message where the detail would be (e.g. after the shown task was deleted with its record). */
        notice(text) {
            showMessage(el.msg, "ok", text);
        },
        /** After `what` changed (e.g. an upload), offers to run `steps` again, one button each. */
        offerRerun(what, steps) {
            if (!taskId || !steps.length) return;
            const busy = task && task.status === "in_progress";
            replace(el.rerun, h("span", {}, `${what}，可重新运行：`), steps.map((step) => h("button", {
                type: "button", class: "rerun-step", data: { step }, disabled: busy,
                onclick: () => execute(step),
            }, stepLabel(step))));
            el.rerun.dataset.kind = "ok";
            el.rerun.hidden = false;
        },
        /** Runs one step of the shown task (as 单步执行 would). */
        runStep(step) {
            execute(step);
        },
        /** Reloads the shown task's status. */
        reload() {
            if (taskId) load(generation);
        },
        get task() { return task; },
        /** The shown task's business database name, or null (none shown, or the service's default database). */
        get database() {
            if (!task) return null;
            const params = task.parameters || {};
            return task.db_name || params.db_name || dbFromURL(params.db_connection) || null;
        },
    };
}
