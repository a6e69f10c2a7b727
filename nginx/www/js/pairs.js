// The question–SQL pairs of the selected task as a table: theme, difficulty, tables, validation and execution class
// (with the reason when not ok). Searchable (question, SQL, tables, theme) and filterable; rows are shown a page at
// a time so that a file of thousands of pairs stays quick. A pair can be edited in place: `onSave(index, question,
// sql)` gets the edit (results.js stores the file and has step 3 check it like any other pair).
import { byId, h, replace, setText } from "./dom.js";
import { DIFFICULTY_LABELS, EXEC_LABELS, isProblem } from "./report.js";

const PAGE = 100;
const VALIDATION = { ok: "通过", repaired: "修复后通过", invalid: "未通过", none: "未验证" };

export function createPairsView({ onSave }) {
    const el = {
        search: byId("pairs-search"), theme: byId("pairs-theme"), difficulty: byId("pairs-difficulty"),
        state: byId("pairs-state"), count: byId("pairs-count"), body: byId("pairs-body"), more: byId("pairs-more"),
    };
    let rows = [];
    let shown = PAGE;

    function matches(row) {
        const needle = el.search.value.trim().toLowerCase();
        if (needle && ![row.question, row.sql, row.theme, row.tables.join(" ")]
            .some((t) => t.toLowerCase().includes(needle))) return false;
        if (el.theme.value && row.theme !== el.theme.value) return false;
        if (el.difficulty.value && row.difficulty !== el.difficulty.value) return false;
        const state = el.state.value;
        if (state === "problem") return isProblem(row);
        if (state === "invalid") return row.validation === "invalid";
        if (state === "none") return row.validation === "none";
        if (state) return Boolean(row.execution && row.execution.cls === state);
        return true;
    }

    function cell(label, cls, ...children) {
        return h("td", { class: cls, data: { label } }, ...children);
    }

    function editor(row, tr) {
        const question = h("textarea", { class: "edit-question", rows: 2, value: row.question, "aria-label": "问题" });
        const sql = h("textarea", { class: "edit-sql mono", rows: 6, value: row.sql, spellcheck: false, "aria-label": "SQL" });
        const cell = tr.querySelector(".p-main");
        const shown = [...cell.childNodes];
        const close = () => replace(cell, shown);
        replace(cell, question, sql, h("div", { class: "edit-actions" },
            h("button", {
                type: "button", class: "primary edit-save",
                onclick: () => onSave(row.index, question.value.trim(), sql.value.trim()),
            }, "保存并重新验证"),
            h("button", { type: "button", class: "edit-cancel", onclick: close }, "取消")));
        question.focus();
    }

    function tr(row) {
        const ex = row.execution;
        const exText = ex ? (EXEC_LABELS[ex.cls] || ex.cls) : "—";
        const exNote = ex && ex.replaced ? `替换了：${ex.replaced}` : ex && ex.cls !== "ok" ? ex.reason : "";
        const line = h("tr", { data: { index: row.index, problem: isProblem(row) ? "1" : "0" } },
            cell("#", "p-no", String(row.index + 1),
                h("button", { type: "button", class: "edit", title: "编辑问题或 SQL", onclick: () => editor(row, line) }, "编辑")),
            cell("问题与 SQL", "p-main",
                h("div", { class: "p-question" }, row.question || "（无问题）"),
                h("pre", { class: "p-sql" }, row.sql)),
            cell("主题", "p-theme", row.theme || "—"),
            cell("难度", "p-diff", DIFFICULTY_LABELS[row.difficulty] || row.difficulty || "—"),
            cell("表", "p-tables mono", row.tables.join("\n") || "—"),
            cell("验证", `p-valid v-${row.validation}`, VALIDATION[row.validation],
                row.error ? h("div", { class: "p-reason" }, row.error) : null),
            cell("执行", `p-exec x-${ex ? ex.cls : "none"}`, exText,
                exNote ? h("div", { class: "p-reason" }, exNote) : null));
        return line;
    }

    function render() {
        const hits = rows.filter(matches);
        replace(el.body, hits.length ? hits.slice(0, shown).map(tr)
            : h("tr", {}, h("td", { colSpan: 7, class: "empty" }, rows.length ? "没有符合筛选条件的问答对" : "暂无问答对")));
        const problems = rows.filter(isProblem).length;
        setText(el.count, `共 ${rows.length} 个问答对，需关注 ${problems} 个；筛选出 ${hits.length} 个` +
            (hits.length > shown ? `，显示前 ${shown} 个` : ""));
        el.more.hidden = hits.length <= shown;
    }

    function options(select, first, values, labels = {}) {
        const current = select.value;
        replace(select, h("option", { value: "" }, first),
            values.map((v) => h("option", { value: v }, labels[v] || v)));
        select.value = values.includes(current) ? current : "";
    }

    const again = () => { shown = PAGE; render(); };
    el.search.addEventListener("input", again);
    for (const select of [el.theme, el.difficulty, el.state]) select.addEventListener("change", again);
    el.more.addEventListener("click", () => { shown += PAGE; render(); });

    return {
        /** Shows the joined rows (report.js joinPairs). */
        set(list) {
            rows = list;
            shown = PAGE;
            options(el.theme, "全部主题", [...new Set(rows.map((r) => r.theme).filter(Boolean))].sort());
            options(el.difficulty, "全部难度", [...new Set(rows.map((r) => r.difficulty).filter(Boolean))],
                DIFFICULTY_LABELS);
            render();
        },
        clear() {
            rows = [];
            el.search.value = "";
            el.state.value = "";
            options(el.theme, "全部主题", []);
            options(el.difficulty, "全部难度", []);
            replace(el.body);
            setText(el.count, "");
            el.more.hidden = true;
        },
    };
}
