// The 质量 view: the task's quality report (GET …/quality, docs/quality-report.md) as pictures — the headline
// figures, difficulty and execution classes as bars, the retrieval self-test's recall as percentage bars, column
// coverage as a table × column heat map, and the warnings as a list with links to the files concerned. Without a
// report (an older task) the bars are computed from the pair file and the validation report, and the view says so.
// Everything is inline SVG or plain elements: no library, no request but the API's.
import { downloadWithToken, fileURL } from "./api.js";
import { barChart } from "./bars.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";
import { coverageHeatMap, HEATMAP_LEGEND } from "./heatmap.js";
import { DIFFICULTY_LABELS, EXEC_LABELS } from "./report.js";

const numbersOf = (v) => (v && typeof v === "object" && !Array.isArray(v)
    && Object.values(v).length && Object.values(v).every((n) => typeof n === "number") ? v : null);

const WARNINGS_SHOWN = 50;

const percent = (v) => `${Math.round(v * 1000) / 10}%`;

function counted(values) {
    const out = {};
    for (const v of values) out[v] = (out[v] || 0) + 1;
    return out;
}

/** A count map (from the report or computed) → bar items in a fixed order, unknown keys last. */
function items(counts, labels) {
    const keys = [...Object.keys(labels).filter((k) => k in counts), ...Object.keys(counts).filter((k) => !(k in labels))];
    return keys.map((k) => ({ label: labels[k] || k, value: counts[k], cls: `c-${k}` }));
}

const MEASURE_LABELS = {
    pairs: "问答对数", executes: "可执行", empty: "空结果", degenerate: "无区分度", "shape variety": "SQL 形态多样性",
    "multi-table": "多表查询", "time-scoped": "带时间范围", "count-only": "仅计数", wording: "措辞问题",
    additivity: "不可加度量误用", coverage: "业务列覆盖", comments: "注释问题",
};

const WARNING_LABELS = {
    fact_table_without_question: "事实表没有问题", measure_never_used: "度量从未使用",
    low_confidence_relationship: "低置信度关系", pair_repaired_by_model: "模型修复过的问答对",
    filtered_pair_not_replaced: "被过滤且未补上的问答对", measure_failed: "指标未达标",
    stale_retrieval_test: "检索自测已过期",
};

/** A measure's `detail` ("24/31 columns", "0 of 118 comments") with its English unit said in Chinese. */
function chineseDetail(detail) {
    return String(detail || "")
        .replace(/(\d+) of (\d+) comments/, "$1/$2 条注释")
        .replace(/ columns\b/, " 列").replace(/ shapes\b/, " 种形态").replace(/ pairs\b/, " 对")
        .replace(/ questions\b/, " 个问题").replace(/ not checked\b/, " 未检查");
}

/** The share measures are shown as percentages, the count measures as numbers. */
function measureValue(name, m) {
    if (m.value === null || m.value === undefined) return "—";
    return ["pairs", "wording", "additivity", "comments"].includes(name) ? String(m.value) : percent(m.value);
}

export function createQualityView() {
    const el = {
        source: byId("quality-source"), headline: byId("quality-headline"), charts: byId("quality-charts"),
        coverage: byId("quality-coverage"), warnings: byId("quality-warnings"), msg: byId("quality-msg"),
    };
    let taskId = null;

    function chart(title, counts, labels, options, data) {
        const body = counts && Object.keys(counts).length ? barChart(title, items(counts, labels), options)
            : h("p", { class: "empty" }, "没有数据");
        return h("figure", { class: "chart", data: data || {} }, h("figcaption", {}, title), body);
    }

    function recallChart(retrieval) {
        if (!retrieval || typeof retrieval !== "object") {
            return h("figure", { class: "chart", data: { chart: "recall" } }, h("figcaption", {}, "检索自测召回率"),
                h("p", { class: "empty" }, "尚未运行（训练数据加载后才有）"));
        }
        const bars = [];
        for (const [key, label] of [["own_questions", "原问题"], ["paraphrases", "改写问题"]]) {
            const part = retrieval[key];
            if (!part || typeof part !== "object") continue;
            for (const k of [1, 5]) {
                const value = part[`recall_at_${k}`];
                if (typeof value === "number") {
                    bars.push({ label: `${label} @${k}`, value, cls: value >= 0.9 ? "c-ok" : value >= 0.7 ? "c-medium" : "c-error" });
                }
            }
        }
        const at5 = retrieval.own_questions && retrieval.own_questions.recall_at_5;
        return h("figure", { class: "chart", data: { chart: "recall", recall5: typeof at5 === "number" ? at5 : "" } },
            h("figcaption", {}, `检索自测召回率（${retrieval.sampled ?? retrieval.pairs ?? "?"} 个问题）`),
            bars.length ? barChart("检索自测召回率", bars, { max: 1, format: percent }) : h("p", { class: "empty" }, "没有数据"));
    }

    function headline(report) {
        const m = report.measures && typeof report.measures === "object" ? report.measures : {};
        // The order of docs/quality-report.md (volume, execution, variety, coverage), unknown measures last.
        const names = [...Object.keys(MEASURE_LABELS).filter((k) => k in m), ...Object.keys(m).filter((k) => !(k in MEASURE_LABELS))];
        const cells = names.map((name) => [name, m[name]]).filter(([, v]) => v && typeof v === "object").map(([name, v]) =>
            h("li", { class: `measure ${v.ok === false ? "bad" : v.ok ? "good" : ""}`, data: { measure: name, value: v.value ?? "" } },
                h("span", { class: "m-name" }, MEASURE_LABELS[name] || name),
                h("strong", { class: "m-value" }, measureValue(name, v)),
                h("span", { class: "m-goal" }, `目标 ${v.goal || "—"} · ${chineseDetail(v.detail)}`)));
        return cells.length ? h("ul", { class: "measures" }, cells) : null;
    }

    function fileLink(name) {
        return h("a", {
            href: fileURL(taskId, name), download: name, class: "mono", data: { file: name },
            onclick: (event) => {
                event.preventDefault();
                showMessage(el.msg, "busy", `正在下载 ${name}…`);
                downloadWithToken(fileURL(taskId, name), name)
                    .then(() => showMessage(el.msg, "ok", `已下载 ${name}`))
                    .catch((error) => showError(el.msg, error));
            },
        }, name);
    }

    /**
     * One fold per kind of warning, with its count and the files concerned; the first WARNINGS_SHOWN of a kind are
     * listed (a 300-table run has hundreds of "measure never used": the count and the file say what to do).
     */
    function warningList(warnings) {
        if (!warnings.length) return h("p", { class: "empty" }, "没有需要处理的警告");
        const kinds = new Map();
        for (const w of warnings) {
            const kind = w.kind || "other";
            if (!kinds.has(kind)) kinds.set(kind, []);
            kinds.get(kind).push(w);
        }
        return h("div", { class: "warnings" }, [...kinds].map(([kind, list]) => {
            const files = [...new Set(list.map((w) => w.file).filter(Boolean))];
            const more = list.length - WARNINGS_SHOWN;
            return h("details", { class: "w-group", data: { kind, count: list.length }, open: kinds.size === 1 && list.length <= 10 },
                h("summary", {}, h("span", { class: "tag" }, WARNING_LABELS[kind] || kind), ` ${list.length} 条`,
                    files.length ? h("span", { class: "w-file" }, " · 文件：", files.map((f, i) => [i ? "、" : "", fileLink(f)])) : null),
                h("ul", {}, list.slice(0, WARNINGS_SHOWN).map((w) => h("li", {}, w.message || ""))),
                more > 0 ? h("p", { class: "muted small" }, `另有 ${more} 条未列出`) : null);
        }));
    }

    function coverageTable(rows) {
        return h("div", { class: "table-wrap" }, h("table", { class: "files coverage" },
            h("thead", {}, h("tr", {}, h("th", {}, "表"), h("th", {}, "问答对数"))),
            h("tbody", {}, rows.map(([table, n]) => h("tr", { data: { uncovered: n === 0 ? "1" : "0" } },
                h("td", { class: "mono f-name" }, table), h("td", { class: n === 0 ? "warn" : "" }, String(n)))))));
    }

    function heatMap(coverage) {
        const tables = coverage.tables.slice()
            .sort((a, b) => String(a.table).localeCompare(String(b.table), undefined, { numeric: true }));
        const head = typeof coverage.business_columns === "number"
            ? `业务列 ${coverage.used_business_columns}/${coverage.business_columns} 被问答对用到`
                + `（${percent(coverage.used_business_columns / Math.max(1, coverage.business_columns))}），${tables.length} 个表`
            : `${tables.length} 个表`;
        return [
            h("p", { class: "muted small", id: "quality-coverage-head" }, head),
            h("div", { class: "hm-legend" }, HEATMAP_LEGEND.map(([cls, text]) =>
                h("span", { class: "hm-key" }, h("i", { class: `swatch ${cls}` }), text))),
            h("div", { class: "heatmap-box" }, coverageHeatMap(tables)),
        ];
    }

    return {
        /**
         * `report`: the quality report (GET …/quality) or null; `rows`: joined pairs; `tables`: the documented
         * tables; `details`: the validation report's detailed results (all checked pairs) or null.
         */
        set(id, report, rows, tables, details) {
            const started = performance.now();
            taskId = id;
            const q = report && typeof report === "object" ? report : null;
            const r = q || {};
            const difficultyCounts = numbersOf(r.difficulty) && { ...r.difficulty };
            if (difficultyCounts) delete difficultyCounts.declared;
            const difficulty = difficultyCounts || counted(rows.map((x) => x.difficulty || "unknown"));
            const execution = numbersOf(r.execution && r.execution.classes) || (q ? null : counted((details || [])
                .filter((d) => d.execution && typeof d.execution === "object").map((d) => String(d.execution.class))));
            const used = counted(rows.flatMap((x) => x.tables.map((t) => t.replace(/^public\./, ""))));
            const all = [...new Set([...tables.map((t) => t.replace(/^public\./, "")), ...Object.keys(used)])];
            const coverageRows = all.map((t) => [t, used[t] || 0]).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
            setText(el.source, q ? `来源：质量报告（${r.written_after || "?"} 之后生成，${r.generated_at || ""}）`
                : "任务还没有质量报告，以下数字由问答对文件和验证报告计算");
            replace(el.headline, q ? headline(r) : null);
            replace(el.charts,
                chart("难度分布", difficulty, { ...DIFFICULTY_LABELS, unknown: "未标注" }, {}, { chart: "difficulty" }),
                chart("执行检查分类（验证过的全部 SQL）", execution, EXEC_LABELS, {}, { chart: "execution" }),
                q ? recallChart(r.retrieval) : null);
            const coverage = r.coverage && Array.isArray(r.coverage.tables) ? r.coverage : null;
            replace(el.coverage, coverage ? heatMap(coverage)
                : all.length ? coverageTable(coverageRows) : h("p", { class: "empty" }, "暂无表"));
            replace(el.warnings, warningList(q && Array.isArray(r.warnings) ? r.warnings : []));
            byId("view-quality").dataset.renderMs = String(Math.round(performance.now() - started));
        },
        clear() {
            setText(el.source, "");
            replace(el.headline);
            replace(el.charts);
            replace(el.coverage);
            replace(el.warnings);
            showMessage(el.msg, "", "");
        },
    };
}
