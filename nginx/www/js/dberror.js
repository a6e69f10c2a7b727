// Business-database errors as the API says them: Chinese first, then the driver's own line in parentheses
// (`…（驱动信息：connection to server … failed: Connection refused）`). The page shows the Chinese text and keeps the
// driver's line folded under 驱动信息 for whoever reads the log or asks for support.
import { h, showError } from "./dom.js";

const MARK = "（驱动信息：";

/** [Chinese text, driver detail or ""]. */
export function splitDriverDetail(text) {
    const at = text.indexOf(MARK);
    if (at < 0) return [text, ""];
    return [text.slice(0, at), text.slice(at + MARK.length).replace(/）$/, "")];
}

/** Shows an API error in a message line, the driver's detail folded away. */
export function showDatabaseError(el, error) {
    showError(el, error);
    const [text, detail] = splitDriverDetail(el.textContent);
    if (!detail) return;
    el.textContent = text;
    el.appendChild(h("details", { class: "driver-detail" }, h("summary", {}, "驱动信息"), h("code", {}, detail)));
}
