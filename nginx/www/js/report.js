// Reading step outputs for the result views: the pair file (a JSON array of {question, sql, theme, tables,
// difficulty, …}) joined with the newest sql_validation_<ts>_report.json (docs/execution-check.md). Pure functions:
// no DOM, no requests. Anything unexpected in a file is skipped, never thrown at the user.

/** Execution classes of step 3's execution check → Chinese labels. */
export const EXEC_LABELS = { ok: "正常", empty: "空结果", degenerate: "结果无区分度", timeout: "超时", error: "执行出错" };

export const DIFFICULTY_LABELS = { easy: "简单", medium: "中等", hard: "困难" };

const text = (v) => (typeof v === "string" ? v : "");
const key = (question, sql) => `${text(question).trim()}\u0000${text(sql).trim()}`;

/** The key files among a file list (`files` of GET …/files): the newest pair file and validation report. */
export function keyFiles(files) {
    const names = files.map((f) => f.file_name).filter((n) => typeof n === "string");
    const newest = (list) => list.sort().at(-1) || null;     // names carry a sortable YYYYMMDD_HHMMSS stamp
    return {
        pair: newest(names.filter((n) => /_pairs?\.json$/.test(n))),
        report: newest(names.filter((n) => /^sql_validation_.*_report\.json$/.test(n))),
        quality: names.includes("quality_report.json") ? "quality_report.json" : null,
        ddl: names.filter((n) => n.endsWith(".ddl")).map((n) => n.slice(0, -4)).sort(),
        md: new Set(names.filter((n) => n.endsWith("_detail.md")).map((n) => n.slice(0, -10))),
    };
}

/** Parses JSON text; null when it is not JSON. */
export function parseJSON(body) {
    try { return JSON.parse(body); } catch { return null; }
}

/** The report's detailed results (an array of objects), or [] for anything else. */
export function reportDetails(report) {
    const list = report && Array.isArray(report.detailed_results) ? report.detailed_results : [];
    return list.filter((d) => d && typeof d === "object");
}

/**
 * The pair file's pairs, each with what the report says about it: `validation` ∈ ok | repaired | invalid | none and
 * `execution` = {cls, reason, replaced} or null. A pair matches a detail by question and SQL (or repaired SQL); a
 * pair that replaced a filtered one matches its `replaced_by`.
 */
export function joinPairs(pairs, details) {
    const byKey = new Map();
    for (const d of details) {
        byKey.set(key(d.question, d.sql), { d, how: "original" });
        if (d.repaired_sql) byKey.set(key(d.question, d.repaired_sql), { d, how: "repaired" });
        const by = d.execution && d.execution.replaced_by;
        if (by) byKey.set(key(by.question, by.sql), { d, how: "replacement" });
    }
    const rows = [];
    (Array.isArray(pairs) ? pairs : []).forEach((p, index) => {
        if (!p || typeof p !== "object") return;
        const match = byKey.get(key(p.question, p.sql));
        const row = {
            index, question: text(p.question), sql: text(p.sql), theme: text(p.theme),
            difficulty: text(p.difficulty), tables: Array.isArray(p.tables) ? p.tables.filter((t) => typeof t === "string") : [],
            validation: "none", error: "", execution: null,
        };
        if (match && match.how === "replacement") {
            row.validation = "ok";
            row.execution = { cls: "ok", reason: "", replaced: text(match.d.question) };
        } else if (match) {
            const d = match.d;
            row.validation = d.valid ? "ok" : d.repair_successful ? "repaired" : "invalid";
            row.error = row.validation === "invalid" ? text(d.error_message) : "";
            if (d.execution && typeof d.execution === "object") {
                row.execution = { cls: text(d.execution.class), reason: text(d.execution.reason), replaced: "" };
            }
        }
        rows.push(row);
    });
    return rows;
}

/** True when the pair needs a look: not validated, invalid, or its execution class is not ok. */
export function isProblem(row) {
    return row.validation === "none" || row.validation === "invalid" || (row.execution && row.execution.cls !== "ok");
}

/** The report's failures: SQL that failed validation, or that ran but was not `ok`. */
export function failures(details) {
    return details.filter((d) => (!d.valid && !d.repair_successful)
        || (d.execution && typeof d.execution === "object" && d.execution.class && d.execution.class !== "ok"));
}
