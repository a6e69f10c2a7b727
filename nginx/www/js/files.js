// The task directory: list (GET …/files) with the key files marked, download links (…/files/{name}), upload
// (multipart `file` + `overwrite_mode`); `onUploaded(name)` after an upload stored a file.
import { call, downloadWithToken, fileURL, seg } from "./api.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";
import { fileSize, shortTime } from "./format.js";

const TYPE_LABELS = {
    ddl: "DDL", sql: "SQL", markdown: "文档", json: "JSON", text: "文本", log: "日志", other: "其他",
};

/** What a key file is, or "" for the others. */
function keyLabel(name) {
    if (/_pairs?\.json$/.test(name)) return "问答对";
    if (/^sql_validation_.*_report\.json$/.test(name)) return "验证报告";
    if (name === "quality_report.json") return "质量报告";
    if (name === "semantic_model.json") return "语义模型";
    if (name.endsWith(".ddl") || name.endsWith("_detail.md")) return "表文档";
    return "";
}

export function createFileView({ onUploaded = () => {} } = {}) {
    const el = {
        card: byId("files-card"), body: byId("files-body"), total: byId("files-total"), msg: byId("files-msg"),
        form: byId("upload-form"), file: byId("upload-file"), mode: byId("upload-mode"),
        submit: byId("upload-submit"), uploadMsg: byId("upload-msg"),
    };
    let taskId = null;
    let generation = 0;

    function row(file) {
        const name = file.file_name;
        // Fetched, then saved: the same path with or without a token, and the page says when it is done.
        const link = h("a", {
            href: fileURL(taskId, name), download: name, class: "mono",
            onclick: (event) => {
                event.preventDefault();
                showMessage(el.msg, "busy", `正在下载 ${name}…`);
                downloadWithToken(fileURL(taskId, name), name)
                    .then(() => showMessage(el.msg, "ok", `已下载 ${name}`))
                    .catch((error) => showError(el.msg, error));
            },
        }, name);
        const key = keyLabel(name);
        return h("tr", { data: { file: name, key: key ? "1" : "0" } },
            h("td", { class: "f-name" }, link, key ? h("span", { class: "tag key" }, key) : null),
            h("td", { class: "f-type" }, TYPE_LABELS[file.file_type] || file.file_type || ""),
            h("td", { class: "f-size" }, fileSize(file.file_size) || file.file_size_formatted || ""),
            h("td", { class: "f-time" }, shortTime(file.modified_at)));
    }

    async function refresh() {
        if (!taskId) return;
        const gen = generation;
        try {
            const data = await call("GET", `/data_pipeline/tasks/${seg(taskId)}/files`);
            if (gen !== generation) return;
            const files = Array.isArray(data.files) ? data.files : [];
            replace(el.body, files.length ? files.map(row)
                : h("tr", {}, h("td", { colSpan: 4, class: "empty" }, "目录中暂无文件")));
            const info = data.directory_info || {};
            const total = fileSize(info.total_size) || info.total_size_formatted || "0 B";
            setText(el.total, info.exists === false ? "任务目录不存在"
                : `${info.total_files ?? files.length} 个文件，共 ${total}`);
            showMessage(el.msg, "", "");
        } catch (error) {
            if (gen === generation) showError(el.msg, error);
        }
    }

    el.form.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (!taskId) return;
        const file = el.file.files && el.file.files[0];
        if (!file) {
            showMessage(el.uploadMsg, "error", "请先选择要上传的文件");
            return;
        }
        const form = new FormData();
        form.append("overwrite_mode", el.mode.value);
        form.append("file", file, file.name);
        const gen = generation;
        el.submit.disabled = true;
        showMessage(el.uploadMsg, "busy", "正在上传…");
        try {
            const data = await call("POST", `/data_pipeline/tasks/${seg(taskId)}/files`, form);
            if (gen !== generation) return;
            const backup = data.backup_info && data.backup_info.backup_filename;
            showMessage(el.uploadMsg, "ok", backup ? `${data.response}（原文件已备份为 ${backup}）` : data.response);
            el.form.reset();
            await refresh();
            if (gen === generation && !data.skipped) onUploaded(file.name);
        } catch (error) {
            if (gen === generation) showError(el.uploadMsg, error);
        } finally {
            el.submit.disabled = false;
        }
    });

    const fileName = byId("upload-name");
    const showFileName = () => {
        const file = el.file.files && el.file.files[0];
        setText(fileName, file ? file.name : "未选择文件（.ddl .md .txt .json .sql .csv）");
    };
    el.file.addEventListener("change", showFileName);
    el.form.addEventListener("reset", () => setTimeout(showFileName));
    byId("files-refresh").addEventListener("click", refresh);

    return {
        refresh,
        show(id) {
            generation += 1;
            taskId = id;
            el.card.hidden = !id;
            replace(el.body);
            setText(el.total, "");
            showMessage(el.msg, "", "");
            showMessage(el.uploadMsg, "", "");
            if (id) refresh();
        },
    };
}
