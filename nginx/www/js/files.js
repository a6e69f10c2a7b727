// The task directory: list (GET …/files), download links (…/files/{name}), upload (multipart `file` +
// `overwrite_mode`).
import { apiToken, call, downloadWithToken, fileURL, seg } from "./api.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";
import { shortTime } from "./format.js";

const TYPE_LABELS = {
    ddl: "DDL", sql: "SQL", markdown: "文档", json: "JSON", text: "文本", log: "日志", other: "其他",
};

export function createFileView() {
    const el = {
        card: byId("files-card"), body: byId("files-body"), total: byId("files-total"), msg: byId("files-msg"),
        form: byId("upload-form"), file: byId("upload-file"), mode: byId("upload-mode"),
        submit: byId("upload-submit"), uploadMsg: byId("upload-msg"),
    };
    let taskId = null;
    let generation = 0;

    function row(file) {
        const name = file.file_name;
        const link = h("a", {
            href: fileURL(taskId, name), download: name, class: "mono",
            onclick: (event) => {
                if (!apiToken()) return;            // a plain link works when no token is configured
                event.preventDefault();
                downloadWithToken(fileURL(taskId, name), name).catch((error) => showError(el.msg, error));
            },
        }, name);
        return h("tr", { data: { file: name } },
            h("td", { class: "f-name" }, link),
            h("td", { class: "f-type" }, TYPE_LABELS[file.file_type] || file.file_type || ""),
            h("td", { class: "f-size" }, file.file_size_formatted || ""),
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
            setText(el.total, info.exists === false ? "任务目录不存在"
                : `${info.total_files ?? files.length} 个文件，共 ${info.total_size_formatted || "0 B"}`);
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
