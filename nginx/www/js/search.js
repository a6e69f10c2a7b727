// Training-data search (POST /training_data/search): the best items for a question, as an NL2SQL app sees them,
// within the selected task's business database when a task is selected (`database()` gives its name or null).
import { call } from "./api.js";
import { byId, h, replace, showError, showMessage } from "./dom.js";

const TYPE_LABELS = { sql: "问答 SQL", ddl: "DDL", documentation: "文档", error_sql: "错误 SQL" };

export function createSearch({ database = () => null } = {}) {
    const el = {
        form: byId("search-form"), question: byId("search-question"), topK: byId("search-topk"),
        submit: byId("search-submit"), msg: byId("search-msg"), results: byId("search-results"),
    };

    function result(item) {
        const score = Number(item.score);
        return h("li", { class: "result", data: { type: item.training_data_type || "" } },
            h("div", { class: "result-head" },
                h("span", { class: "score" }, Number.isFinite(score) ? `相似度 ${score.toFixed(3)}` : ""),
                h("span", { class: `tag t-${item.training_data_type}` },
                    TYPE_LABELS[item.training_data_type] || item.training_data_type || ""),
                item.tables && item.tables.length ? h("span", { class: "muted small" }, item.tables.join("，")) : null),
            item.question ? h("p", { class: "result-question" }, item.question) : null,
            h("pre", { class: "result-content" }, item.content || ""));
    }

    el.form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const topK = Number.parseInt(el.topK.value, 10);
        // The question is sent even when empty: the API's message says what is missing.
        const body = { question: el.question.value.trim(), top_k: Number.isFinite(topK) ? topK : 5 };
        const dbName = database();
        if (dbName) body.db_name = dbName;
        const scope = dbName ? `，数据库 ${dbName}` : "";
        el.submit.disabled = true;
        showMessage(el.msg, "busy", "正在检索…");
        try {
            const data = await call("POST", "/training_data/search", body);
            const results = Array.isArray(data.results) ? data.results : [];
            replace(el.results, results.map(result));
            showMessage(el.msg, "ok", results.length
                ? `${data.response}：找到 ${results.length} 条（向量模型 ${data.embedding_model || "未知"}${scope}）`
                : `训练库中没有匹配的数据${scope ? `（${scope.slice(1)}）` : ""}，请先完整执行一个任务`);
        } catch (error) {
            replace(el.results);
            showError(el.msg, error);
        } finally {
            el.submit.disabled = false;
        }
    });
}
