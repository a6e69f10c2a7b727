// Wire spellings → Chinese labels, and time formatting. The API's times are the server's local time without a
// zone ("2026-01-05T10:00:00.123456"); durations are therefore always computed between two server times (for a
// running task: the answer's own `timestamp` stands for "now"), so the browser's zone never matters.

/** The four steps in execution order. */
export const STEPS = [
    { name: "ddl_generation", label: "DDL/MD 生成" },
    { name: "qa_generation", label: "问答对生成" },
    { name: "sql_validation", label: "SQL 验证" },
    { name: "training_load", label: "训练数据加载" },
];

export function stepLabel(name) {
    const step = STEPS.find((s) => s.name === name);
    return step ? step.label : name;
}

const TASK_STATUS = {
    pending: "等待执行",
    in_progress: "执行中",
    partial_completed: "部分完成",
    completed: "已完成",
    failed: "失败",
};

const STEP_STATUS = {
    pending: "等待",
    running: "运行中",
    completed: "已完成",
    failed: "失败",
    skipped: "已跳过",
    cancelled: "已取消",
    not_run: "未执行",
};

const STEP_SUMMARY = {
    pending: "未开始",
    running: "运行中",
    all_completed: "全部完成",
    partial_completed: "部分完成",
    failed: "有失败",
};

export const taskStatusLabel = (s) => TASK_STATUS[s] || s || "未知";
export const stepStatusLabel = (s) => STEP_STATUS[s] || s || "未知";
export const stepSummaryLabel = (s) => STEP_SUMMARY[s] || s || "";

/** Milliseconds of a server time, compared only with other server times. */
export function serverMillis(text) {
    if (!text) return NaN;
    const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?/.exec(text);
    if (!m) return NaN;
    const ms = m[7] ? Number(m[7].padEnd(6, "0")) / 1000 : 0;
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + ms;
}

/** "2026-01-05T10:00:00.123456" → "2026-01-05 10:00:00". */
export function shortTime(text) {
    if (!text) return "—";
    const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)/.exec(text);
    return m ? `${m[1]} ${m[2]}` : String(text);
}

/** Seconds → "3.2 秒", "1 分 05 秒", "2 小时 03 分". */
export function duration(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) return "—";
    if (seconds < 60) return `${seconds.toFixed(1)} 秒`;
    const total = Math.floor(seconds);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0) return `${h} 小时 ${String(m).padStart(2, "0")} 分`;
    return `${m} 分 ${String(s).padStart(2, "0")} 秒`;
}

/** Bytes as people write them: "559 B", "102.5 KB", "3.2 MB" (the API's "559.0 B" has a needless decimal). */
export function fileSize(bytes) {
    const n = Number(bytes);
    if (!Number.isFinite(n) || n < 0) return "";
    if (n < 1024) return `${n} B`;
    const units = ["KB", "MB", "GB", "TB"];
    let value = n / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}
