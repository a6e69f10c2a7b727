// The one place that talks to the service. Every answer is the envelope {code, success, message, data}; a failure
// becomes an ApiError whose userText is the API's Chinese data.response (or a fixed Chinese text when there is no
// envelope, e.g. the network is down), never an exception's own message or stack.

export const API_BASE = "/api/v0";
const TOKEN_KEY = "dp-pipeline.api-token";

/** A failed call, with the text to show the user. */
export class ApiError extends Error {
    constructor(userText, status = 0, errorType = "") {
        super(userText);
        this.userText = userText;
        this.status = status;
        this.errorType = errorType;
    }
}

/** The bearer token (DP_API_TOKEN on the server), kept for this browser tab only. */
export function apiToken() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch { return ""; }
}

/** Stores (or with "" forgets) the bearer token. */
export function setApiToken(token) {
    try {
        if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
    } catch { /* storage disabled: the token simply is not kept */ }
}

function headers(extra = {}) {
    const token = apiToken();
    return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

/**
 * Calls a route. `body`: an object (sent as JSON), a FormData (multipart), or undefined. Resolves with `data`
 * (which holds `response`); rejects with ApiError.
 */
export async function call(method, path, body = undefined) {
    const init = { method, headers: headers(), cache: "no-store" };
    if (body instanceof FormData) {
        init.body = body;
    } else if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers = headers({ "Content-Type": "application/json" });
    }
    let response;
    try {
        response = await fetch(API_BASE + path, init);
    } catch {
        throw new ApiError("无法连接服务，请检查网络或稍后重试");
    }
    let envelope = null;
    try { envelope = await response.json(); } catch { /* not JSON: handled below */ }
    const data = envelope && typeof envelope === "object" ? envelope.data : null;
    if (response.ok && envelope && envelope.success !== false) return data || {};
    const text = data && typeof data.response === "string" && data.response
        ? data.response
        : `请求失败（HTTP ${response.status}）`;
    throw new ApiError(text, response.status, (data && data.error_type) || "");
}

/** Encodes one path segment (task ids and file names). */
export function seg(value) {
    return encodeURIComponent(value);
}

/** URL of a task file's download. */
export function fileURL(taskId, name) {
    return `${API_BASE}/data_pipeline/tasks/${seg(taskId)}/files/${seg(name)}`;
}

/**
 * The text of a task file (for the result views): the same download route as a link, with the token. Rejects with
 * ApiError (the API's Chinese text for a 404 or 401).
 */
export async function fetchFileText(taskId, name) {
    let response;
    try {
        response = await fetch(fileURL(taskId, name), { headers: headers(), cache: "no-store" });
    } catch {
        throw new ApiError("无法连接服务，请检查网络或稍后重试");
    }
    if (!response.ok) throw await downloadError(response);
    return response.text();
}

async function downloadError(response) {
    let text = `下载失败（HTTP ${response.status}）`;
    try {
        const envelope = await response.json();
        if (envelope && envelope.data && envelope.data.response) text = envelope.data.response;
    } catch { /* keep the generic text */ }
    return new ApiError(text, response.status);
}

/**
 * Downloads with the bearer token (a plain link cannot send the header): fetch, then save the blob under `name`.
 */
export async function downloadWithToken(url, name) {
    let response;
    try {
        response = await fetch(url, { headers: headers(), cache: "no-store" });
    } catch {
        throw new ApiError("无法连接服务，请检查网络或稍后重试");
    }
    if (!response.ok) throw await downloadError(response);
    const blobURL = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = blobURL;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(blobURL), 10_000);
}
