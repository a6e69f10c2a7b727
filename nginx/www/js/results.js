// The results card of the selected task: finds the key files in the task directory (GET …/files), reads them through
// the download route and hands them to the views behind the tabs (pairs, documents, failures, quality).
// An edited pair is written back through the upload route (backup mode: the previous file is kept as `_bakN`), and
// `onEdited()` then has step 3 check the file again — the same gate, EXPLAIN and execution check as a run.
import { call, fetchFileText, seg } from "./api.js";
import { byId, setText, showError, showMessage } from "./dom.js";
import { createDocumentsView } from "./documents.js";
import { createFailuresView } from "./failures.js";
import { createPairsView } from "./pairs.js";
import { createQualityView } from "./quality.js";
import { joinPairs, keyFiles, parseJSON, reportDetails } from "./report.js";

export function createResultsView({ onEdited }) {
    const el = {
        card: byId("results-card"), source: byId("results-source"), msg: byId("results-msg"),
        tabs: [...document.querySelectorAll("#results-tabs [role=tab]")],
    };
    const pairs = createPairsView({ onSave: save });
    const docs = createDocumentsView();
    const fails = createFailuresView();
    const quality = createQualityView();
    let taskId = null;
    let generation = 0;
    let pairFile = null;             // { name, items }: the pair file as read, edits are applied to it

    function selectTab(view) {
        for (const tab of el.tabs) {
            const on = tab.dataset.view === view;
            tab.setAttribute("aria-selected", on ? "true" : "false");
            byId(`view-${tab.dataset.view}`).hidden = !on;
        }
    }

    async function refresh() {
        if (!taskId) return;
        const gen = ++generation;
        const started = performance.now();
        showMessage(el.msg, "busy", "正在读取结果文件…");
        try {
            const listing = await call("GET", `/data_pipeline/tasks/${seg(taskId)}/files`);
            if (gen !== generation) return;
            const files = Array.isArray(listing.files) ? listing.files : [];
            const key = keyFiles(files);
            // The quality report (large for hundreds of tables) is read alongside but does not hold up the pairs.
            const qualityAnswer = key.quality
                ? call("GET", `/data_pipeline/tasks/${seg(taskId)}/quality`).then((d) => d.quality).catch(() => null)
                : Promise.resolve(null);
            const [pairText, reportText] = await Promise.all([
                key.pair ? fetchFileText(taskId, key.pair) : null,
                key.report ? fetchFileText(taskId, key.report) : null,
            ]);
            if (gen !== generation) return;
            const report = reportText === null ? null : parseJSON(reportText);
            const details = report ? reportDetails(report) : null;
            const pairList = pairText === null ? [] : parseJSON(pairText);
            pairFile = key.pair && Array.isArray(pairList) ? { name: key.pair, items: pairList } : null;
            fails.set(details, key.report);
            docs.set(taskId, key.ddl, key.md);
            const rows = joinPairs(Array.isArray(pairList) ? pairList : [], details || []);
            pairs.set(rows);
            const parts = [
                key.pair ? `问答对文件 ${key.pair}` : "尚无问答对文件",
                key.report ? `验证报告 ${key.report}` : "尚无验证报告",
            ];
            setText(el.source, parts.join(" · "));
            el.card.dataset.loadedMs = String(Math.round(performance.now() - started));
            showMessage(el.msg, "", listing.directory_info && listing.directory_info.exists === false
                ? "任务目录已删除，没有结果可显示" : "");
            const qualityReport = await qualityAnswer;
            if (gen !== generation) return;
            quality.set(taskId, qualityReport, rows, key.ddl, details);
        } catch (error) {
            if (gen === generation) showError(el.msg, error);
        }
    }

    async function save(index, question, sql) {
        if (!taskId || !pairFile || !pairFile.items[index]) return;
        if (!question || !sql) {
            showMessage(el.msg, "error", "问题和 SQL 都不能为空");
            return;
        }
        const items = pairFile.items.map((p, i) => (i === index ? { ...p, question, sql } : p));
        const form = new FormData();
        form.append("overwrite_mode", "backup");
        form.append("file", new Blob([JSON.stringify(items, null, 2) + "\n"], { type: "application/json" }), pairFile.name);
        const gen = generation;
        showMessage(el.msg, "busy", "正在保存…");
        try {
            const data = await call("POST", `/data_pipeline/tasks/${seg(taskId)}/files`, form);
            if (gen !== generation) return;
            const backup = data.backup_info && data.backup_info.backup_filename;
            pairFile.items = items;
            showMessage(el.msg, "ok", `第 ${index + 1} 个问答对已保存${backup ? `（原文件备份为 ${backup}）` : ""}，` +
                "正在重新运行 SQL 验证：未通过的会列在「验证失败」中并移出问答对文件");
            onEdited();
        } catch (error) {
            if (gen === generation) showError(el.msg, error);
        }
    }

    for (const tab of el.tabs) tab.addEventListener("click", () => selectTab(tab.dataset.view));
    byId("results-refresh").addEventListener("click", refresh);

    return {
        refresh,
        show(id) {
            generation += 1;
            taskId = id;
            el.card.hidden = !id;
            pairs.clear();
            docs.clear();
            fails.clear();
            quality.clear();
            setText(el.source, "");
            showMessage(el.msg, "", "");
            pairFile = null;
            if (id) refresh();
        },
    };
}
