// dp-pipeline web page: wires the parts together. Plain ES modules, no build step, no request but the API's.
// The selected task is kept in the address (#task_…), so a page can be bookmarked or reloaded.
import { call, setApiToken, apiToken } from "./js/api.js";
import { byId, setText } from "./js/dom.js";
import { createTaskDetail } from "./js/detail.js";
import { createFileView } from "./js/files.js";
import { createLogView } from "./js/logs.js";
import { createSearch } from "./js/search.js";
import { createTablePicker } from "./js/tables.js";
import { createTaskForm, createTaskList } from "./js/tasks.js";

const TASK_HASH = /^#([A-Za-z0-9_]{1,64})$/;

let selected = null;
const listedStatus = new Map();   // task id → status and step states last seen: the list is refreshed on a change

const narrow = window.matchMedia("(max-width: 900px)");

/** On a one-column screen the detail is below the list and the form: bring it into view. */
function revealDetail() {
    if (narrow.matches) byId("detail-card").scrollIntoView({ block: "start" });
}

const list = createTaskList({
    onSelect(taskId) {
        select(taskId);
        revealDetail();
    },
});
const tables = createTablePicker();
const logs = createLogView();
const files = createFileView();
const detail = createTaskDetail({
    onStatus(task) {
        if (task.status === "in_progress") logs.refresh();
        const shown = `${task.status}|${Object.values(task.step_status || {}).join(",")}`;
        if (listedStatus.get(task.task_id) !== shown) {
            listedStatus.set(task.task_id, shown);
            list.refresh();
        }
    },
    onFinished() {
        logs.refresh();
        files.refresh();
        list.refresh();
    },
    onDeleted(taskId, rowsDeleted) {
        tables.forget(taskId);
        list.refresh();
        if (rowsDeleted) select(null); else { files.refresh(); logs.refresh(); }
    },
    onMissing() {
        tables.show(null);
        logs.show(null);
        files.show(null);
    },
});
createTaskForm({
    onCreated(taskId, connection) {
        tables.remember(taskId, connection);
        list.refresh();
        select(taskId);
        revealDetail();
    },
});
createSearch({
    // The selected task's business database: items of other databases may share its table names.
    database: () => detail.database,
});

/** Shows one task in every part of the page (null: none). */
function select(taskId) {
    selected = taskId;
    const hash = taskId ? `#${taskId}` : "";
    if (location.hash !== hash) history.replaceState(null, "", hash || location.pathname + location.search);
    list.setSelected(taskId);
    detail.show(taskId);
    tables.show(taskId);
    logs.show(taskId);
    files.show(taskId);
}

function selectFromHash() {
    const match = TASK_HASH.exec(location.hash);
    const id = match ? match[1] : null;
    if (id !== selected) select(id);
}

async function checkHealth() {
    const health = byId("health");
    try {
        const data = await call("GET", "/health");
        health.dataset.state = "ok";
        setText(health, data.response || "服务运行正常");
    } catch (error) {
        health.dataset.state = "down";
        setText(health, error.userText);
    }
}

const tokenForm = byId("token-form");
const tokenInput = byId("token-input");
tokenInput.placeholder = apiToken() ? "已设置（留空保存即清除）" : "服务要求令牌时填写";
tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    setApiToken(tokenInput.value.trim());
    tokenInput.value = "";
    tokenInput.placeholder = apiToken() ? "已设置（留空保存即清除）" : "服务要求令牌时填写";
    tokenForm.closest("details").open = false;
    list.refresh();
    if (selected) select(selected);
});

window.addEventListener("hashchange", selectFromHash);
checkHealth();
list.refresh();
selectFromHash();
