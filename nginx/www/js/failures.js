// The validation report's failures: each SQL that failed the gate/EXPLAIN (with its error and any repair) or whose
// execution class is not ok (with the reason and what replaced it), with the SQL itself.
import { byId, h, replace, setText } from "./dom.js";
import { EXEC_LABELS, failures } from "./report.js";

export function createFailuresView() {
    const el = { list: byId("failures-list"), count: byId("failures-count") };

    function item(d) {
        const ex = d.execution && typeof d.execution === "object" ? d.execution : null;
        const invalid = !d.valid && !d.repair_successful;
        const kind = invalid ? "验证未通过" : `执行检查：${EXEC_LABELS[ex.class] || ex.class}`;
        const reason = invalid ? d.error_message : ex.reason;
        const by = ex && ex.replaced_by;
        return h("li", { class: "failure", data: { kind: invalid ? "invalid" : ex.class } },
            h("div", { class: "failure-head" },
                h("span", { class: `tag f-${invalid ? "invalid" : ex.class}` }, kind),
                ex && ex.filtered ? h("span", { class: "tag" }, "已移出问答对文件") : null,
                h("span", { class: "failure-q" }, d.question || "（无问题）")),
            reason ? h("p", { class: "p-reason" }, reason) : null,
            h("pre", { class: "p-sql" }, d.sql || ""),
            d.repair_attempted && !d.repair_successful && d.repair_error
                ? h("p", { class: "p-reason" }, `修复失败：${d.repair_error}`) : null,
            by ? h("p", { class: "small" }, `已替换为：${by.question || ""}`) : null,
            by ? h("pre", { class: "p-sql" }, by.sql || "") : null);
    }

    return {
        /** Lists the failures of the report's detailed results (null: no report yet). */
        set(details, reportName) {
            if (!details) {
                setText(el.count, "还没有 SQL 验证报告（SQL 验证步骤完成后出现）");
                replace(el.list);
                return;
            }
            const list = failures(details);
            setText(el.count, `${reportName}：共 ${details.length} 条 SQL，${list.length} 条未通过验证或执行检查`);
            replace(el.list, list.map(item));
        },
        clear() {
            setText(el.count, "");
            replace(el.list);
        },
    };
}
