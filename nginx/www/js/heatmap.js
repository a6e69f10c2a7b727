// Column coverage as a table × column heat map in inline SVG (no library, no request): one row per table, one cell
// per column in the table's own order, coloured by how many pairs use the column; non-business columns (keys,
// free text) are drawn hatched-grey so that "never used" means something only where it matters. Table names sit in
// their own column left of the cells, one row each, so labels cannot overlap; every cell has a <title> tooltip.
// The SVG keeps its natural size (cells stay readable) inside a box that scrolls when it is wider or taller.
import { svgElement as s } from "./bars.js";

const CELL = 14, GAP = 2, ROW = CELL + GAP, LABEL_W = 150, COUNT_W = 52, MAX_LABEL = 22;

/** The colour class of a column used by `n` pairs. */
function level(column) {
    if (!column.business) return "hm-other";
    const n = Number(column.pairs) || 0;
    return n === 0 ? "hm-0" : n === 1 ? "hm-1" : n < 5 ? "hm-2" : "hm-3";
}

const short = (name) => (name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name);

/** `tables` = coverage.tables of quality_report.json ([{table, chinese_name, pairs: [...], columns: [...]}]). */
export function coverageHeatMap(tables) {
    const widest = Math.max(1, ...tables.map((t) => (Array.isArray(t.columns) ? t.columns.length : 0)));
    const width = LABEL_W + widest * ROW + COUNT_W, height = Math.max(1, tables.length) * ROW + 2;
    const svg = s("svg", {
        viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "heatmap",
        "aria-label": `列覆盖热力图：${tables.length} 个表`,
    });
    svg.appendChild(s("title", {}, "列覆盖热力图（每格一列，颜色表示用到该列的问答对数）"));
    tables.forEach((table, i) => {
        const y = i * ROW;
        const columns = Array.isArray(table.columns) ? table.columns : [];
        const name = String(table.table || "").replace(/^public\./, "");
        const business = columns.filter((c) => c.business);
        const unused = business.filter((c) => !(Number(c.pairs) > 0)).length;
        const row = s("g", { class: "hm-row", "data-table": table.table || "", "data-unused": unused,
            "data-pairs": Array.isArray(table.pairs) ? table.pairs.length : 0 });
        const label = s("text", { x: LABEL_W - 6, y: y + CELL - 3, "text-anchor": "end", class: "hm-label" }, short(name));
        label.appendChild(s("title", {}, `${table.table}${table.chinese_name ? `（${table.chinese_name}）` : ""}`));
        row.appendChild(label);
        columns.forEach((column, j) => {
            const cell = s("rect", { x: LABEL_W + j * ROW, y, width: CELL, height: CELL, rx: 2, class: level(column),
                "data-column": column.name, "data-pairs": Number(column.pairs) || 0 });
            const role = column.role ? ` · ${column.role}` : "";
            cell.appendChild(s("title", {}, `${name}.${column.name}${column.label ? `（${column.label}）` : ""}${role}：`
                + `${Number(column.pairs) || 0} 个问答对${column.business ? "" : "（非业务列）"}`));
            row.appendChild(cell);
        });
        row.appendChild(s("text", { x: LABEL_W + columns.length * ROW + 4, y: y + CELL - 3, class: "hm-count" },
            `${business.length - unused}/${business.length}`));
        svg.appendChild(row);
    });
    return svg;
}

/** The legend's entries: [colour class, text]. */
export const HEATMAP_LEGEND = [["hm-0", "业务列未被使用"], ["hm-1", "1 个问答对"], ["hm-2", "2–4 个"],
    ["hm-3", "5 个及以上"], ["hm-other", "非业务列"]];
