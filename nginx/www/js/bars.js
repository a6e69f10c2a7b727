// Horizontal bar charts as inline SVG (no library, no request): one row per label, the count at the bar's end.
// Labels sit in their own column left of the bars, one row each, so they cannot overlap; the SVG scales to its box.

const NS = "http://www.w3.org/2000/svg";

function s(tag, attrs, text) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    return el;
}

/**
 * An SVG of `items` = [{label, value, cls}] with `title` as its accessible name. `max`: the value of a full bar
 * (default the largest value); `format(value)`: the text at the bar's end (default the number).
 */
export function barChart(title, items, { max: fullAt = null, format = String } = {}) {
    const row = 26, labelW = 120, barW = 220, countW = 56;
    const width = labelW + barW + countW, height = Math.max(1, items.length) * row + 4;
    const max = fullAt || Math.max(1, ...items.map((i) => i.value));
    const svg = s("svg", {
        viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": title,
        class: "bars", preserveAspectRatio: "xMinYMin meet",
    });
    svg.appendChild(s("title", {}, title));
    items.forEach((item, i) => {
        const y = i * row + 4;
        const w = item.value > 0 ? Math.max(2, (item.value / max) * barW) : 0;
        const g = s("g", { class: `bar ${item.cls || ""}`, "data-label": item.label, "data-value": item.value });
        g.appendChild(s("text", { x: labelW - 8, y: y + 15, "text-anchor": "end", class: "bar-label" }, item.label));
        g.appendChild(s("rect", { x: labelW, y, width: w, height: row - 8, rx: 3 }));
        g.appendChild(s("text", { x: labelW + w + 6, y: y + 15, class: "bar-count" }, format(item.value)));
        svg.appendChild(g);
    });
    return svg;
}

export { s as svgElement };
