// The task list (sidebar) and the create-task form.
import { call } from "./api.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";
import { shortTime, stepSummaryLabel, taskStatusLabel } from "./format.js";

const PAGE = 50;

/** The list of tasks; `onSelect(taskId)` when one is clicked. */
export function createTaskList({ onSelect }) {
    const list = byId("task-list");
    const msg = byId("list-msg");
    const total = byId("list-total");
    const status = byId("list-status");
    let tasks = [];
    let selected = null;

    function row(task) {
        const current = task.task_id === selected;
        return h("li", {},
            h("button", {
                type: "button",
                class: current ? "task-item selected" : "task-item",
                data: { taskId: task.task_id, status: task.status },
                "aria-current": current ? "true" : null,
                onclick: () => onSelect(task.task_id),
            },
            h("span", { class: "t-name" }, task.task_name || task.task_id),
            h("span", { class: `badge s-${task.status}` }, taskStatusLabel(task.status)),
            h("span", { class: "t-id mono" }, task.task_id),
            h("span", { class: "t-meta" },
                `步骤：${stepSummaryLabel(task.step_status)} · 数据库：${task.db_name || "默认"}`),
            h("span", { class: "t-time" }, `创建于 ${shortTime(task.created_at)}`),
            task.directory_exists === false ? h("span", { class: "tag" }, "目录已删除") : null));
    }

    function render() {
        replace(list, tasks.length ? tasks.map(row) : h("li", { class: "empty" }, "暂无任务"));
    }

    async function refresh() {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (status.value) query.set("status", status.value);
        try {
            const data = await call("GET", `/data_pipeline/tasks?${query}`);
            tasks = Array.isArray(data.tasks) ? data.tasks : [];
            render();
            const count = Number(data.total) || 0;
            setText(total, count > tasks.length ? `共 ${count} 个任务，显示最新 ${tasks.length} 个` : `共 ${count} 个任务`);
            showMessage(msg, "", "");
        } catch (error) {
            showError(msg, error);
        }
    }

    status.addEventListener("change", refresh);
    byId("list-refresh").addEventListener("click", refresh);

    return {
        refresh,
        setSelected(taskId) {
            selected = taskId;
            render();
        },
    };
}

/** The create form; `onCreated(taskId, connection)` after a 201 (the connection stays in memory for the table picker). */
export function createTaskForm({ onCreated }) {
    const form = byId("create-form");
    const msg = byId("create-msg");
    const button = byId("create-submit");

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
            onCreated(data.task_id, body.db_connection || "");
        } catch (error) {
            showError(msg, error);
        } finally {
            button.disabled = false;
        }
    });
}
