// The selected task: header, step bar, progress, elapsed time, result summary, and the execute / cancel / delete
// actions. While the task is in_progress its status is polled every 2 s; polling stops once it is not.
import { call, seg } from "./api.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";
import {
    STEPS, duration, serverMillis, shortTime, stepLabel, stepStatusLabel, taskStatusLabel,
} from "./format.js";

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
    };
    let taskId = null;
    let task = null;
    let generation = 0;          // bumped on every task switch: answers for an older selection are dropped
    let pollTimer = null;
    let tickTimer = null;
    let clock = null;            // { server: ms of the answer's timestamp, local: performance.now() at receipt }
    let watching = false;        // this page started (or saw) a run and reports its end once

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
                showMessage(el.action, good ? "ok" : "error", `执行结束：${taskStatusLabel(task.status)}`);
                onFinished(task);
            }
        }
    }

    function renderElapsed() {
        if (!task) return;
        const started = serverMillis(task.started_at);
        let seconds = NaN;
        if (task.status === "in_progress" && clock) {
            seconds = (clock.server - started + (performance.now() - clock.local)) / 1000;
        } else if (task.completed_at) {
            seconds = (serverMillis(task.completed_at) - started) / 1000;
        }
        setText(el.elapsed, Number.isFinite(seconds) ? duration(Math.max(0, seconds)) : "—");
    }

    function stepItem(step, index) {
        const row = (task.steps || []).find((s) => s.step_name === step.name) || {};
        const status = row.step_status || (task.step_status || {})[step.name] || "pending";
        const took = row.started_at && row.completed_at
            ? duration((serverMillis(row.completed_at) - serverMillis(row.started_at)) / 1000) : "";
        const progress = task.progress && task.progress.step === step.name ? task.progress : null;
        return h("li", { class: `step s-${status}`, data: { step: step.name, status } },
            h("span", { class: "step-no" }, String(index + 1)),
            h("span", { class: "step-text" },
                h("span", { class: "step-label" }, step.label),
                h("span", { class: "step-status" }, stepStatusLabel(status),
                    progress ? ` ${progress.done}/${progress.total}` : "", took ? ` · ${took}` : ""),
                row.error_message ? h("span", { class: "step-error" }, row.error_message) : null));
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
        el.body.dataset.taskId = task.task_id;
        el.body.dataset.status = task.status;
        setText(el.name, task.task_name || task.task_id);
        setText(el.status, taskStatusLabel(task.status));
        el.status.className = `badge s-${task.status}`;
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
        showMessage(el.error, "error", task.error_message || "");
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

    el.execForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (!taskId) return;
        const body = { execution_mode: el.mode.value };
        if (body.execution_mode === "step") body.step_name = el.step.value;
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
    });

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
            if (!failed) onDeleted(id, rows);
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
            showMessage(el.msg, "", "");
            showMessage(el.action, "", "");
            el.body.hidden = true;
            el.empty.hidden = Boolean(id);
            if (id) load(generation);
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
