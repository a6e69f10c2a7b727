// The task list (sidebar) and the create-task form.
import { call } from "./api.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";
import { showDatabaseError } from "./dberror.js";
import { shortTime, stepSummaryLabel, taskStatusLabel } from "./format.js";

const PAGE = 20;

const pad = (text, length) => text.padEnd(length, "0");

/**
 * The creation-time window of the tasks whose id starts with `prefix` (ids are `task_` + the creation time
 * YYYYMMDD_HHMMSS, server time): the task query route filters by name and time, so an id prefix becomes a window.
 * null when the text is not an id prefix with at least the day.
 */
export function idWindow(prefix) {
    const m = /^task_(\d{4})(\d{2})(\d{2})(?:_(\d{0,6}))?$/.exec(prefix);
    if (!m) return null;
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    const time = (m[4] || "").slice(0, Math.floor((m[4] || "").length / 2) * 2);   // whole hours, minutes, seconds
    if (!time) return { from: day, to: day };
    const start = pad(time, 6);
    const end = time + "595959".slice(time.length);
    const clock = (t) => `${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
    return { from: `${day} ${clock(start)}`, to: `${day} ${clock(end)}.999999` };
}

/** The list of tasks (search, status filter, pages); `onSelect(taskId)` when one is clicked. */
export function createTaskList({ onSelect }) {
    const list = byId("task-list");
    const msg = byId("list-msg");
    const total = byId("list-total");
    const status = byId("list-status");
    const search = byId("list-search");
    const prev = byId("list-prev");
    const next = byId("list-next");
    let tasks = [];
    let selected = null;
    let page = 1;
    let pages = 0;
    let generation = 0;

    function row(task) {
        const current = task.task_id === selected;
        return h("li", {},
            h("button", {
                type: "button",
                class: current ? "task-item selected" : "task-item",
                data: { taskId: task.task_id, status: task.status, cancelled: task.cancelled ? "1" : "0" },
                "aria-current": current ? "true" : null,
                onclick: () => onSelect(task.task_id),
            },
            h("span", { class: "t-name" }, task.task_name || task.task_id),
            task.cancelled ? h("span", { class: "badge s-cancelled" }, "已取消")
                : h("span", { class: `badge s-${task.status}` }, taskStatusLabel(task.status)),
            h("span", { class: "t-id mono" }, task.task_id),
            h("span", { class: "t-meta" },
                `步骤：${stepSummaryLabel(task.step_status)} · 数据库：${task.db_name || "默认"}`),
            h("span", { class: "t-time" }, `创建于 ${shortTime(task.created_at)}`),
            task.directory_exists === false ? h("span", { class: "tag" }, "目录已删除") : null));
    }

    function render() {
        replace(list, tasks.length ? tasks.map(row) : h("li", { class: "empty" }, "没有符合条件的任务"));
    }

    /** The query body: name keyword, or for a task id (prefix) its creation window. */
    function body() {
        const text = search.value.trim();
        const query = { page, page_size: PAGE };
        if (status.value) query.status = status.value;
        const window = idWindow(text);
        if (window) {
            query.created_from = window.from;
            query.created_to = window.to;
        } else if (text) {
            query.task_name = text;
        }
        return query;
    }

    async function refresh() {
        const gen = ++generation;
        try {
            const data = await call("POST", "/data_pipeline/tasks/query", body());
            if (gen !== generation) return;
            tasks = Array.isArray(data.tasks) ? data.tasks : [];
            const p = data.pagination || {};
            const count = Number(p.total) || 0;
            pages = Number(p.total_pages) || 0;
            if (page > 1 && page > pages) {         // the last page emptied (e.g. after a delete): step back
                page = Math.max(1, pages);
                refresh();
                return;
            }
            render();
            setText(total, count ? `共 ${count} 个任务 · 第 ${page}/${pages} 页` : "共 0 个任务");
            prev.disabled = page <= 1;
            next.disabled = page >= pages;
            showMessage(msg, "", "");
        } catch (error) {
            if (gen === generation) showError(msg, error);
        }
    }

    const fromFirst = () => { page = 1; refresh(); };
    status.addEventListener("change", fromFirst);
    byId("list-search-form").addEventListener("submit", (event) => { event.preventDefault(); fromFirst(); });
    let typing = null;
    search.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(fromFirst, 300); });
    prev.addEventListener("click", () => { page = Math.max(1, page - 1); refresh(); });
    next.addEventListener("click", () => { page += 1; refresh(); });
    byId("list-refresh").addEventListener("click", refresh);

    return {
        refresh,
        setSelected(taskId) {
            selected = taskId;
            render();
        },
    };
}

/** The create form; `onCreated(taskId)` after a 201 (the page forgets the connection: the service keeps it). */
export function createTaskForm({ onCreated }) {
    const form = byId("create-form");
    const msg = byId("create-msg");
    const button = byId("create-submit");

    // 测试连接: lists the schemas of the typed connection (or the service's default) before anything is created.
    const test = byId("create-test");
    test.addEventListener("click", async () => {
        const connection = form.elements.db_connection.value.trim();
        test.disabled = true;
        showMessage(msg, "busy", "正在测试连接…");
        try {
            const data = await call("POST", "/database/tables", connection ? { db_connection: connection } : {});
            const schemas = Array.isArray(data.available_schemas) ? data.available_schemas : [];
            const list = schemas.slice(0, 6).map((s) => `${s.name}（${s.table_count} 个表）`).join("、");
            const database = data.db_connection_info ? data.db_connection_info.database : "";
            showMessage(msg, "ok", `连接成功：数据库 ${database}，${schemas.length} 个模式${list ? `：${list}` : ""}`
                + (schemas.length > 6 ? " 等" : ""));
        } catch (error) {
            showDatabaseError(msg, error);
        } finally {
            test.disabled = false;
        }
    });

    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const body = {};
        const fields = ["task_name", "db_connection", "db_name", "business_context"];
        for (const name of fields) {
            const value = form.elements[name].value.trim();
            if (value) body[name] = value;
        }
        button.disabled = true;
        showMessage(msg, "busy", "正在创建任务…");
        try {
            const data = await call("POST", "/data_pipeline/tasks", body);
            showMessage(msg, "ok", `${data.response}（${data.task_id}）`);
            form.reset();
            onCreated(data.task_id);
        } catch (error) {
            showError(msg, error);
        } finally {
            button.disabled = false;
        }
    });
}
