// DOM construction without HTML parsing: every server string becomes a text node (textContent), so nothing the API
// returns can inject markup. Text also passes through maskSecrets on the way in, as a second line of defence
// behind the API's own masking of connection strings.

const CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*):[^\s@/?#]*@/gi;
const PASSWORD_PARAM = /(password\s*=\s*)[^\s&;]+/gi;

/** Hides `user:pass@` in URLs and `password=…` in key=value strings. */
export function maskSecrets(text) {
    return String(text).replace(CREDENTIALS, "$1:***@").replace(PASSWORD_PARAM, "$1***");
}

/**
 * Builds an element. `attrs`: `class`, `text`, `data` (object → data-* attributes), `on<event>` (listeners),
 * anything else as a property when the element has it (value, checked, type, href, …), else as an attribute.
 * Children: nodes, strings (text nodes), null/false (skipped), or arrays of these.
 */
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") el.className = value;
        else if (key === "text") el.textContent = maskSecrets(value);
        else if (key === "data") for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
        else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
        else if (key in el && key !== "list" && key !== "form") el[key] = value;
        else el.setAttribute(key, value === true ? "" : String(value));
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        if (Array.isArray(child)) append(el, child);
        else if (child instanceof Node) el.appendChild(child);
        else el.appendChild(document.createTextNode(maskSecrets(child)));
    }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
    el.replaceChildren();
    append(el, children);
}

/** Sets an element's text (masked). */
export function setText(el, text) {
    el.textContent = text === null || text === undefined ? "" : maskSecrets(text);
}

/** `document.getElementById`, failing loudly when the page and the script disagree. */
export function byId(id) {
    const el = document.getElementById(id);
    if (!el) throw new Error(`missing element #${id}`);
    return el;
}

/**
 * A message line: `kind` is "ok", "error", "busy" or "" (cleared). Error texts come from the API's `response`.
 */
export function showMessage(el, kind, text) {
    el.dataset.kind = kind || "";
    setText(el, text || "");
    el.hidden = !text;
}

/** Shows an error of any kind in a message line: the API's Chinese text, never a stack trace. */
export function showError(el, error) {
    showMessage(el, "error", error && error.userText ? error.userText : "操作失败，请稍后重试");
}
