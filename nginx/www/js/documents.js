// The per-table documents of the selected task: pick a table, see its `.ddl` and its `_detail.md` (rendered)
// side by side (one above the other on a narrow screen). Files are read through the download route on demand.
import { fetchFileText } from "./api.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

export function createDocumentsView() {
    const el = {
        filter: byId("docs-filter"), table: byId("docs-table"), ddl: byId("docs-ddl"), md: byId("docs-md"),
        msg: byId("docs-msg"), count: byId("docs-count"),
    };
    let taskId = null;
    let bases = [];
    let hasMd = new Set();
    let generation = 0;

    function renderOptions() {
        const needle = el.filter.value.trim().toLowerCase();
        const hits = bases.filter((b) => !needle || b.toLowerCase().includes(needle));
        const current = el.table.value;
        replace(el.table, hits.map((b) => h("option", { value: b }, b)));
        if (hits.includes(current)) el.table.value = current;
        setText(el.count, bases.length ? `${hits.length} / ${bases.length} 个表` : "");
        if (el.table.value !== current || !el.ddl.textContent) load();
    }

    async function load() {
        const base = el.table.value;
        const gen = ++generation;
        setText(el.ddl, "");
        replace(el.md);
        if (!taskId || !base) {
            showMessage(el.msg, "", bases.length ? "" : "任务目录中还没有表文档（DDL/MD 生成后出现）");
            return;
        }
        showMessage(el.msg, "", "");
        try {
            const [ddl, md] = await Promise.all([
                fetchFileText(taskId, `${base}.ddl`),
                hasMd.has(base) ? fetchFileText(taskId, `${base}_detail.md`) : Promise.resolve(null),
            ]);
            if (gen !== generation) return;
            setText(el.ddl, ddl);
            replace(el.md, md === null ? h("p", { class: "empty" }, "该表没有 MD 文档") : renderMarkdown(md));
        } catch (error) {
            if (gen === generation) showError(el.msg, error);
        }
    }

    el.filter.addEventListener("input", renderOptions);
    el.table.addEventListener("change", load);

    return {
        /** Shows the documents of `ddlBases` (names without `.ddl`); `mdBases` those that have a `_detail.md`. */
        set(id, ddlBases, mdBases) {
            taskId = id;
            bases = ddlBases;
            hasMd = mdBases;
            setText(el.ddl, "");
            renderOptions();
        },
        clear() {
            generation += 1;
            taskId = null;
            bases = [];
            el.filter.value = "";
            replace(el.table);
            setText(el.ddl, "");
            replace(el.md);
            setText(el.count, "");
            showMessage(el.msg, "", "");
        },
    };
}
