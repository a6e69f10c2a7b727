// The task's log (GET …/logs?limit=&level=): newest entries, oldest first, with a level filter and auto-scroll.
import { call, seg } from "./api.js";
import { byId, h, replace, showError, showMessage } from "./dom.js";

export function createLogView() {
    const el = {
        card: byId("logs-card"), level: byId("logs-level"), limit: byId("logs-limit"), follow: byId("logs-follow"),
        view: byId("logs-view"), msg: byId("logs-msg"),
    };
    let taskId = null;
    let generation = 0;
    let busy = false;
    let again = false;           // a refresh asked for while one was in flight runs after it

    function line(entry) {
        const level = String(entry.level || "").toUpperCase();
        return h("div", { class: `log-line l-${level.toLowerCase()}`, data: { level } },
            h("span", { class: "log-time" }, entry.timestamp || ""),
            h("span", { class: "log-level" }, level),
            h("span", { class: "log-logger" }, entry.logger || ""),
            h("span", { class: "log-message" }, entry.message || ""));
    }

    async function refresh() {
        if (!taskId) return;
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        const gen = generation;
        const query = new URLSearchParams({ limit: el.limit.value });
        if (el.level.value) query.set("level", el.level.value);
        try {
            const data = await call("GET", `/data_pipeline/tasks/${seg(taskId)}/logs?${query}`);
            if (gen !== generation) return;
            const logs = Array.isArray(data.logs) ? data.logs : [];
            const atBottom = el.view.scrollTop + el.view.clientHeight >= el.view.scrollHeight - 8;
            replace(el.view, logs.length ? logs.map(line) : h("p", { class: "empty" }, "暂无日志"));
            if (el.follow.checked || atBottom) el.view.scrollTop = el.view.scrollHeight;
            showMessage(el.msg, "", "");
        } catch (error) {
            if (gen === generation) showError(el.msg, error);
        } finally {
            busy = false;
            if (again && gen === generation) {
                again = false;
                refresh();
            }
        }
    }

    el.level.addEventListener("change", refresh);
    el.limit.addEventListener("change", refresh);
    el.follow.addEventListener("change", () => {
        if (el.follow.checked) el.view.scrollTop = el.view.scrollHeight;
    });
    byId("logs-refresh").addEventListener("click", refresh);
    // A narrower or wider view re-wraps the lines: with auto-scroll on, the newest entry stays in sight.
    new ResizeObserver(() => {
        if (el.follow.checked) el.view.scrollTop = el.view.scrollHeight;
    }).observe(el.view);

    return {
        refresh,
        show(id) {
            generation += 1;
            taskId = id;
            busy = false;
            again = false;
            el.card.hidden = !id;
            replace(el.view);
            showMessage(el.msg, "", "");
            if (id) refresh();
        },
    };
}
