// The 质量 view: difficulty and execution classes as bars and table coverage as a table. It reads
// quality_report.json when the task directory has one (issue 15; its format may still change, so only the parts
// recognised are drawn) and otherwise computes the same figures from the pair file and the validation report, and
// says which source it used.
import { barChart } from "./bars.js";
import { byId, h, replace, setText } from "./dom.js";
import { DIFFICULTY_LABELS, EXEC_LABELS } from "./report.js";

const numbersOf = (v) => (v && typeof v === "object" && !Array.isArray(v)
    && Object.values(v).length && Object.values(v).every((n) => typeof n === "number") ? v : null);

function counted(values) {
    const out = {};
    for (const v of values) out[v] = (out[v] || 0) + 1;
    return out;
}

/** A count map (from the report file or computed) → bar items in a fixed order, unknown keys last. */
function items(counts, labels) {
    const keys = [...Object.keys(labels).filter((k) => k in counts), ...Object.keys(counts).filter((k) => !(k in labels))];
    return keys.map((k) => ({ label: labels[k] || k, value: counts[k], cls: `c-${k}` }));
}

export function createQualityView() {
    const el = { source: byId("quality-source"), charts: byId("quality-charts"), coverage: byId("quality-coverage") };

    function chart(title, counts, labels) {
        if (!counts || !Object.keys(counts).length) return h("figure", { class: "chart" }, h("figcaption", {}, title),
            h("p", { class: "empty" }, "没有数据"));
        return h("figure", { class: "chart" }, h("figcaption", {}, title), barChart(title, items(counts, labels)));
    }

    function coverageTable(rows) {
        return h("div", { class: "table-wrap" }, h("table", { class: "files coverage" },
            h("thead", {}, h("tr", {}, h("th", {}, "表"), h("th", {}, "问答对数"))),
            h("tbody", {}, rows.map(([table, n]) => h("tr", { data: { uncovered: n === 0 ? "1" : "0" } },
                h("td", { class: "mono f-name" }, table), h("td", { class: n === 0 ? "warn" : "" }, String(n)))))));
    }

    return {
        /**
         * `report`: parsed quality_report.json or null; `rows`: joined pairs; `tables`: the documented tables;
         * `details`: the validation report's detailed results (all checked pairs, filtered ones included) or null.
         */
        set(report, present, rows, tables, details) {
            const q = report && typeof report === "object" ? report : {};
            const fromFile = {
                difficulty: numbersOf(q.difficulty) || numbersOf(q.difficulty && q.difficulty.counts),
                execution: numbersOf(q.execution_classes) || numbersOf(q.execution && q.execution.classes)
                    || numbersOf(q.execution),
            };
            const difficulty = fromFile.difficulty || counted(rows.map((r) => r.difficulty || "unknown"));
            const execution = fromFile.execution || counted((details || [])
                .filter((d) => d.execution && typeof d.execution === "object").map((d) => String(d.execution.class)));
            const used = counted(rows.flatMap((r) => r.tables.map((t) => t.replace(/^public\./, ""))));
            const all = [...new Set([...tables.map((t) => t.replace(/^public\./, "")), ...Object.keys(used)])];
            const coverage = all.map((t) => [t, used[t] || 0]).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
            const uncovered = coverage.filter(([, n]) => n === 0).length;
            setText(el.source, (present && report ? "来源：quality_report.json"
                : present ? "quality_report.json 无法解析，以下数字由问答对文件和验证报告计算"
                    : "任务目录中没有 quality_report.json，以下数字由问答对文件和验证报告计算")
                + `；${all.length} 个表中 ${uncovered} 个没有问答对`);
            replace(el.charts,
                chart("难度分布", difficulty, { ...DIFFICULTY_LABELS, unknown: "未标注" }),
                chart("执行检查分类（验证过的全部 SQL）", execution, EXEC_LABELS));
            replace(el.coverage, all.length ? coverageTable(coverage) : h("p", { class: "empty" }, "暂无表"));
        },
        clear() {
            setText(el.source, "");
            replace(el.charts);
            replace(el.coverage);
        },
    };
}
