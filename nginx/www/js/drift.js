// "检查变更": the selected task's drift report (GET …/drift) — what changed in the business database since its
// documents, and which loaded pairs no longer run — with an offer to refresh (execute, execution_mode "refresh"),
// which redoes only the changed tables. Separate from the detail view on purpose: two hooks in app.js and one
// button and one box in index.html are all it needs.
import { call, seg } from "./api.js";
import { byId, h, replace, showError, showMessage } from "./dom.js";

/** Changes listed at most; the rest are counted. */
const SHOWN = 30;

export function createDriftView({ onRefreshStarted }) {
    const button = byId("drift-btn");
    const box = byId("drift-report");
    let taskId = null;
    let generation = 0;

    function clear() {
        replace(box);
        showMessage(box, "", "");
    }

    function render(data) {
        const changes = data.changes || [];
        const broken = data.broken_pairs || [];
        const drifted = data.summary && data.summary.drifted;
        const lines = changes.slice(0, SHOWN).map((change) => h("li", {}, change.message));
        if (changes.length > SHOWN) lines.push(h("li", {}, `另有 ${changes.length - SHOWN} 项变更未列出`));
        for (const pair of broken.slice(0, SHOWN)) {
            lines.push(h("li", {}, `失效问题对：${pair.question || pair.sql}（${pair.reason || "校验失败"}）`));
        }
        if (broken.length > SHOWN) lines.push(h("li", {}, `另有 ${broken.length - SHOWN} 个失效问题对未列出`));
        replace(box,
            h("span", {}, data.response || ""),
            lines.length ? h("ul", { class: "drift-list" }, lines) : null,
            drifted ? h("button", { type: "button", id: "refresh-btn", onclick: refresh },
                "增量刷新（只重做变更的表）") : null);
        box.dataset.kind = "ok";
        box.hidden = false;
    }

    async function check() {
        if (!taskId) return;
        const gen = ++generation;
        button.disabled = true;
        showMessage(box, "busy", "正在检查业务数据库的变更…");
        try {
            const data = await call("GET", `/data_pipeline/tasks/${seg(taskId)}/drift`);
            if (gen === generation) render(data);
        } catch (error) {
            if (gen === generation) showError(box, error);
        } finally {
            if (gen === generation) button.disabled = false;
        }
    }

    async function refresh() {
        if (!taskId) return;
        const gen = generation;
        try {
            const data = await call("POST", `/data_pipeline/tasks/${seg(taskId)}/execute`, { execution_mode: "refresh" });
            if (gen !== generation) return;
            clear();
            showMessage(box, "ok", data.response);
            onRefreshStarted();
        } catch (error) {
            if (gen === generation) showError(box, error);
        }
    }

    button.addEventListener("click", check);

    return {
        /** The task shown (null: none): an earlier task's report is not left on screen. */
        show(id) {
            generation += 1;
            taskId = id;
            button.disabled = !id;
            clear();
        },
    };
}
