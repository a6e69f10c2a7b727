// A small Markdown reader for the table documents (`<base>_detail.md`, FORMATS.md §2): headings, lists, fenced
// code, pipe tables and paragraphs, with **bold** and `code` inline. It builds DOM nodes (text only), never HTML.
import { h } from "./dom.js";

function inline(line) {
    const parts = [];
    const pattern = /\*\*([^*]+)\*\*|`([^`]+)`/g;
    let last = 0;
    for (const m of line.matchAll(pattern)) {
        if (m.index > last) parts.push(line.slice(last, m.index));
        parts.push(m[1] !== undefined ? h("strong", {}, m[1]) : h("code", {}, m[2]));
        last = m.index + m[0].length;
    }
    if (last < line.length) parts.push(line.slice(last));
    return parts;
}

const cells = (line) => line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());

/** The document's nodes, in order. */
export function renderMarkdown(source) {
    const lines = String(source).replace(/\r\n?/g, "\n").split("\n");
    const out = [];
    let i = 0;
    while (i < lines.length) {
        const line = lines[i];
        if (line.startsWith("```")) {
            const code = [];
            for (i += 1; i < lines.length && !lines[i].startsWith("```"); i += 1) code.push(lines[i]);
            out.push(h("pre", { class: "md-code" }, code.join("\n")));
            i += 1;
        } else if (/^#{1,6}\s/.test(line)) {
            const level = Math.min(6, Math.max(3, line.indexOf(" ") + 1));   // h3… inside a card
            out.push(h(`h${level}`, {}, inline(line.replace(/^#+\s*/, ""))));
            i += 1;
        } else if (/^\s*[-*]\s/.test(line)) {
            const items = [];
            for (; i < lines.length && /^\s*[-*]\s/.test(lines[i]); i += 1) {
                items.push(h("li", {}, inline(lines[i].replace(/^\s*[-*]\s+/, ""))));
            }
            out.push(h("ul", {}, items));
        } else if (line.trim().startsWith("|")) {
            const rows = [];
            for (; i < lines.length && lines[i].trim().startsWith("|"); i += 1) {
                if (!/^\s*\|[\s:|-]+\|?\s*$/.test(lines[i])) rows.push(cells(lines[i]));
            }
            const [head, ...body] = rows;
            out.push(h("div", { class: "md-table" }, h("table", {},
                h("thead", {}, h("tr", {}, head.map((c) => h("th", {}, inline(c))))),
                h("tbody", {}, body.map((r) => h("tr", {}, r.map((c) => h("td", {}, inline(c)))))))));
        } else if (line.trim()) {
            out.push(h("p", {}, inline(line)));
            i += 1;
        } else {
            i += 1;
        }
    }
    return out;
}
