// dp-pipeline web page: wires the parts together. Plain ES modules, no build step, no request but the API's.
// The selected task is kept in the address (#task_…), so a page can be bookmarked or reloaded.
import { call, setApiToken, apiToken } from "./js/api.js";
import { byId, setText } from "./js/dom.js";
import { createTaskDetail } from "./js/detail.js";
import { createDriftView } from "./js/drift.js";
import { createFileView } from "./js/files.js";
import { createLogView } from "./js/logs.js";
import { createResultsView } from "./js/results.js";
import { stepsAfterUpload } from "./js/rerun.js";
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
const results = createResultsView({
    onEdited() {
        files.refresh();
        detail.runStep("sql_validation");
    },
});
const files = createFileView({
    onUploaded(name) {
        results.refresh();
        detail.offerRerun(`已上传 ${name}`, stepsAfterUpload(name));
    },
});
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
        results.refresh();
        list.refresh();
    },
    // Everything that showed the task's directory is read again at once: nothing keeps showing deleted files.
    onDeleted(taskId, rowsDeleted) {
        list.refresh();
        if (rowsDeleted) {
            select(null);
            detail.notice(`任务 ${taskId} 已删除（含数据库记录）`);
        } else {
            tables.show(taskId);
            files.refresh();
            results.refresh();
            logs.refresh();
            detail.reload();
        }
    },
    onMissing() {
        tables.show(null);
        logs.show(null);
        files.show(null);
        results.show(null);
    },
});
const drift = createDriftView({
    onRefreshStarted() {
        detail.reload();
    },
});
createTaskForm({
    onCreated(taskId) {
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
    drift.show(taskId);
    tables.show(taskId);
    results.show(taskId);
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
