// The table list of the selected task: pick tables read from the business database (POST /database/tables, with a
// filter and checkboxes) and/or paste names, then POST …/table-list. Tables are read with the task's own stored
// connection (`task_id`: the password stays on the server, nothing needs retyping after a reload); a connection
// typed into the field wins. The database's schemas come back with the tables and are offered as tick boxes.
import { call, seg } from "./api.js";
import { showDatabaseError } from "./dberror.js";
import { byId, h, replace, setText, showError, showMessage } from "./dom.js";

const SHOWN_NAMES = 6;

export function createTablePicker() {
    const el = {
        card: byId("tables-card"), current: byId("tables-current"), loadForm: byId("tables-load-form"),
        conn: byId("tables-conn"), schema: byId("tables-schema"), load: byId("tables-load"),
        picker: byId("tables-picker"), filter: byId("tables-filter"), list: byId("tables-list"),
        count: byId("tables-count"), paste: byId("tables-paste"), submit: byId("tables-submit"), msg: byId("tables-msg"),
        fold: byId("tables-fold"), schemas: byId("tables-schemas"),
    };
    let taskId = null;
    let tables = [];                   // names as the database listed them ("public.bss_company")
    let selected = new Set();
    let stored = [];                   // the task's submitted list
    let generation = 0;

    function visible(name) {
        const text = el.filter.value.trim().toLowerCase();
        return !text || name.toLowerCase().includes(text);
    }

    function renderList() {
        replace(el.list, tables.map((name) => h("li", { hidden: !visible(name) },
            h("label", {},
                h("input", {
                    type: "checkbox", value: name, checked: selected.has(name),
                    onchange: (event) => {
                        if (event.target.checked) selected.add(name); else selected.delete(name);
                        renderCount();
                    },
                }),
                h("span", { class: "mono" }, name)))));
        renderCount();
    }

    function renderCount() {
        const shown = tables.filter(visible).length;
        setText(el.count, `共 ${tables.length} 个表，筛选出 ${shown} 个，已选 ${selected.size} 个`);
    }

    function setChecked(value) {
        for (const name of tables.filter(visible)) {
            if (value) selected.add(name); else selected.delete(name);
        }
        if (!value && !el.filter.value.trim()) selected.clear();
        renderList();
    }

    async function loadInfo(gen) {
        try {
            const info = await call("GET", `/data_pipeline/tasks/${seg(taskId)}/table-list-info`);
            if (gen !== generation) return;
            stored = info.exists && Array.isArray(info.table_names) ? info.table_names : [];
            el.fold.open = !stored.length;          // the picker folds away once a list is submitted
            if (!stored.length) {
                setText(el.current, "尚未提交表清单");
            } else {
                const more = stored.length > SHOWN_NAMES ? ` 等` : "";
                setText(el.current, `已提交 ${stored.length} 个表：${stored.slice(0, SHOWN_NAMES).join("，")}${more}`);
            }
        } catch (error) {
            if (gen === generation) setText(el.current, error.userText || "");
        }
    }

    // A stored name "bss_company" matches the listed "public.bss_company" too.
    function isStored(name) {
        const bare = name.startsWith("public.") ? name.slice("public.".length) : name;
        return stored.includes(name) || stored.includes(bare);
    }

    /** The schemas of the database as tick boxes; a change re-reads the tables of the ticked ones. */
    function renderSchemas(available, chosen) {
        el.schemas.hidden = !available.length;
        replace(el.schemas, h("span", { class: "muted small" }, "模式："), available.map((s) => h("label", { class: "inline" },
            h("input", {
                type: "checkbox", value: s.name, checked: chosen.includes(s.name),
                onchange: () => {
                    const ticked = [...el.schemas.querySelectorAll("input:checked")].map((e) => e.value);
                    el.schema.value = ticked.join(",");
                    el.loadForm.requestSubmit();
                },
            }), ` ${s.name}（${s.table_count}）`)));
    }

    el.loadForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (!taskId) return;
        const conn = el.conn.value.trim();
        const body = conn ? { db_connection: conn } : { task_id: taskId };
        const schema = el.schema.value.trim();
        if (schema) body.schema = schema;
        const gen = generation;
        el.load.disabled = true;
        showMessage(el.msg, "busy", "正在读取数据库表…");
        try {
            const data = await call("POST", "/database/tables", body);
            if (gen !== generation) return;
            tables = Array.isArray(data.tables) ? data.tables : [];
            selected = new Set(tables.filter(isStored));
            el.picker.hidden = false;
            renderList();
            renderSchemas(Array.isArray(data.available_schemas) ? data.available_schemas : [],
                Array.isArray(data.schemas) ? data.schemas : []);
            const where = data.db_connection_info ? `数据库 ${data.db_connection_info.database}` : "";
            showMessage(el.msg, "ok", `${data.response}：${where}${conn ? "" : "（使用任务保存的连接）"}，${tables.length} 个表`);
        } catch (error) {
            if (gen === generation) showDatabaseError(el.msg, error);
        } finally {
            el.load.disabled = false;
        }
    });

    el.filter.addEventListener("input", renderList);
    byId("tables-all").addEventListener("click", () => setChecked(true));
    byId("tables-none").addEventListener("click", () => setChecked(false));

    el.submit.addEventListener("click", async () => {
        if (!taskId) return;
        const names = [];
        for (const name of [...tables.filter((t) => selected.has(t)), ...el.paste.value.split(/[,，\r\n]+/)]) {
            const clean = name.trim();
            if (clean && !names.includes(clean)) names.push(clean);
        }
        // An empty list is sent too: the API answers with its own message (表名列表不能为空).
        const gen = generation;
        el.submit.disabled = true;
        try {
            const data = await call("POST", `/data_pipeline/tasks/${seg(taskId)}/table-list`, { tables: names });
            if (gen !== generation) return;
            showMessage(el.msg, "ok", data.response);
            el.paste.value = "";
            await loadInfo(gen);
            if (gen === generation && tables.length) {
                selected = new Set(tables.filter(isStored));     // pasted names that were listed get their tick
                renderList();
            }
        } catch (error) {
            if (gen === generation) showError(el.msg, error);
        } finally {
            el.submit.disabled = false;
        }
    });

    return {
        show(id) {
            generation += 1;
            taskId = id;
            el.card.hidden = !id;
            tables = [];
            selected = new Set();
            stored = [];
            el.picker.hidden = true;
            el.filter.value = "";
            el.paste.value = "";
            el.schema.value = "";
            el.fold.open = true;
            el.conn.value = "";
            el.schemas.hidden = true;
            replace(el.schemas);
            replace(el.list);
            setText(el.current, "");
            showMessage(el.msg, "", "");
            if (id) loadInfo(generation);
        },
    };
}
