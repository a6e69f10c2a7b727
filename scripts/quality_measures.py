#!/usr/bin/env python3
"""The measures of QUALITY.md (the project's quality goals) for one run, computed apart from the service's Swift
code (standard library + `psql`): from the task directory (pair file, semantic_model.json, .ddl files), by running
each pair's SQL read-only on the business database, and — with an API and labelled questions — through
`POST /training_data/search`.

    quality_measures.py measure <task dir> <db> [--api BASE] [--questions FILE] [--out FILE]   < business DB URL
    quality_measures.py run <base url> <db> <tasks dir> <tables file> <questions file|-> <out file>
                                                                                     < {"business_url": …}

`measure` measures an existing run (the business database URL, with its password, on stdin: a URL or
{"business_url": URL}); retrieval is measured only with --api and --questions. `run` is `scripts/bench.sh quality`'s:
create a task on <db> with the tables of <tables file> (one name a line), execute a complete run, wait, then measure it
(scripts/quality_run.py). Prints a table measure | value | goal | ok/FAIL, the offending pairs of each failed
measure (first 5), and one line `QUALITY_JSON {…}` with every number (also written to --out).

Definitions (the SQL is read by scripts/quality_sql.py; roles come from semantic_model.json):
  executes     runs in `BEGIN READ ONLY; SET LOCAL statement_timeout = '5s'` as `SELECT json_agg(q) FROM (<sql>) q`
  empty        no rows, or every value of every row NULL
  degenerate   a GROUP BY anywhere in the SQL, ≥ 3 rows, and every numeric column (JSON numbers, NULLs allowed)
               holds one value on all rows
  shape        literals → `?` (a list of literals → one `?`), identifiers and qualified names → `I`; keywords,
               function and type names kept
  multi-table  ≥ 2 distinct tables in FROM/JOIN items, at any depth (CTE names and subqueries are not tables)
  time-scoped  a time column in WHERE/HAVING (not only `IS [NOT] NULL`), in GROUP BY, as a plain select item of a
               grouped query, or inside a date function (date_trunc, extract, date_part, to_char, age, date, …)
  count-only   the aggregate functions called are exactly {count}
  wording      a question holding a run of ≥ 3 Latin letters that is not all upper-case
  additivity   pairs with SUM over a column (not in a CASE condition, not an operand of * or /) that is not a
               measure with `additive: true`; counted per pair
  coverage     columns of role dimension/label/measure/time referenced (resolved through aliases) by some pair;
               `*` counts for none
  comments     comments (text after `--`, label `中文名:`/`描述:`/`类型:` removed) holding a CJK character and a
               run of ≥ 3 Latin letters that is not all upper-case
  retrieval    a top-5 result of type sql whose SQL reads a labelled table and, if measures are labelled, names one
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quality_sql  # noqa: E402

BUSINESS_ROLES = ("dimension", "label", "measure", "time")
TIMEOUT = "5s"
LATIN_WORD = re.compile(r"[A-Za-z]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
COMMENT_LABEL = re.compile(r"^\s*(中文名|描述|类型)\s*[:：]\s*")


# ---------------------------------------------------------------------------------------------------------------
# Inputs

def pair_file(task_dir):
    """The final pair file: the newest `*_pair.json` (never a `.backup`)."""
    files = [f for f in os.listdir(task_dir) if f.endswith("_pair.json")]
    if not files:
        return None
    return os.path.join(task_dir, max(files, key=lambda f: (os.path.getmtime(os.path.join(task_dir, f)), f)))


def load_model(task_dir):
    """{table: {column: (role, additive)}} from semantic_model.json, names lower-case."""
    path = os.path.join(task_dir, "semantic_model.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        model = json.load(f)
    tables = {}
    for table in model.get("tables", []):
        columns = {}
        for column in table.get("columns", []):
            measure = column.get("measure") or {}
            columns[column["name"].lower()] = (column.get("role"), bool(measure.get("additive")))
        tables[table["name"].lower()] = columns
    return tables


def latin_words(text, lower_only=True):
    """Latin words of ≥ 3 letters; all-upper-case codes (SKU, GMV) left out when lower_only."""
    return [w for w in LATIN_WORD.findall(text) if len(w) >= 3 and not (lower_only and w.isupper())]


def ddl_comments(task_dir):
    """(file, comment) for every Chinese comment of the .ddl files (the text after `--`, its label such as `中文名:`
    removed; Chinese = it holds a CJK character)."""
    found = []
    for name in sorted(os.listdir(task_dir)):
        if not name.endswith(".ddl"):
            continue
        with open(os.path.join(task_dir, name), encoding="utf-8") as f:
            for line in f:
                comment = comment_of(line)
                if comment is None:
                    continue
                comment = COMMENT_LABEL.sub("", comment).strip()
                if CJK.search(comment):
                    found.append((name, comment))
    return found


def comment_of(line):
    """The text after the first `--` outside a string literal, or None."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == "'":
            quoted = not quoted
        elif not quoted and line.startswith("--", i):
            return line[i + 2:].rstrip("\n")
    return None


# ---------------------------------------------------------------------------------------------------------------
# Running the SQL (psql, read-only, 5 s; the password travels in psql's environment, never in argv)

def psql_target(url):
    """(URL without password, environment with PGPASSWORD) for psql."""
    parts = urllib.parse.urlsplit(url)
    env = dict(os.environ)
    env.pop("PGPASSWORD", None)
    if parts.password is not None:
        env["PGPASSWORD"] = urllib.parse.unquote(parts.password)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = (urllib.parse.quote(urllib.parse.unquote(parts.username or ""), safe="") + "@" if parts.username else "") \
            + host + (f":{parts.port}" if parts.port else "")
        url = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return url, env


def run_sql(target, sql):
    """('ok', rows) with rows as lists of values (column order kept), or ('error', message)."""
    url, env = target
    body = sql.strip().rstrip(";").strip()
    script = (f"BEGIN READ ONLY;\nSET LOCAL statement_timeout = '{TIMEOUT}';\n"
              f"SELECT json_agg(q) FROM (\n{body}\n) AS q;\nROLLBACK;\n")
    proc = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url], input=script,
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        message = " ".join(line.split("ERROR:", 1)[-1].strip() for line in proc.stderr.splitlines() if "ERROR:" in line)
        return "error", message or proc.stderr.strip()[:300]
    out = proc.stdout.strip()
    if not out:
        return "ok", []
    return "ok", [[value for _, value in row] for row in json.loads(out, object_pairs_hook=list)]


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def classify(rows, grouped):
    """'empty' (no rows, or only NULLs), 'degenerate' (GROUP BY, ≥ 3 rows, every numeric column constant) or 'ok'."""
    if not rows or all(value is None for row in rows for value in row):
        return "empty"
    if grouped and len(rows) >= 3:
        numeric = [c for c in range(len(rows[0]))
                   if any(row[c] is not None for row in rows) and all(row[c] is None or is_number(row[c]) for row in rows)]
        if numeric and all(len({json.dumps(row[c]) for row in rows}) == 1 for c in numeric):
            return "degenerate"
    return "ok"


# ---------------------------------------------------------------------------------------------------------------
# The measures

def scopes_time(analysis, ref):
    """Whether a reference (to a time column) scopes its pair in time: it filters (WHERE/HAVING, not only a NULL
    test), groups (GROUP BY, or a plain select item of a grouped query), or is inside a date function."""
    return ((ref.clause in ("where", "having") and not ref.null_test) or ref.clause == "group" or ref.in_date_function
            or (ref.clause == "select" and analysis.has_group_by and not ref.in_aggregate))


def measure(task_dir, target, retrieval=None):
    """Every measure of QUALITY.md: {'measures': [...], 'offenders': {...}, …}. retrieval: (hits, total, misses)."""
    path = pair_file(task_dir)
    pairs = json.load(open(path, encoding="utf-8")) if path else []
    model = load_model(task_dir) or {}

    def columns_of(table):
        return model.get(table, {}).keys()

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda p: run_sql(target, p["sql"]), pairs))

    offenders = {k: [] for k in ("executes", "empty", "degenerate", "shape variety", "multi-table", "time-scoped",
                                 "count-only", "wording", "additivity", "coverage", "comments", "retrieval")}
    counts = dict.fromkeys(("executes", "empty", "degenerate", "multi", "time", "count_only", "wording",
                            "additivity"), 0)
    shapes, used = {}, set()
    for n, (pair, (status, rows)) in enumerate(zip(pairs, results), 1):
        question, sql = pair["question"], pair["sql"]
        label = f"#{n} {question} | {sql}"
        analysis = quality_sql.Analysis(sql)
        if status == "ok":
            counts["executes"] += 1
            verdict = classify(rows, analysis.has_group_by)
            if verdict != "ok":
                counts[verdict] += 1
                offenders[verdict].append(f"{label} → {len(rows)} rows {json.dumps(rows[:3], ensure_ascii=False)[:160]}")
        else:
            offenders["executes"].append(f"{label} → {rows}")
        shapes.setdefault(quality_sql.shape(sql), []).append(n)
        tables = set(analysis.tables)
        if len(tables) >= 2:
            counts["multi"] += 1
        else:
            offenders["multi-table"].append(f"{label} → reads {sorted(tables)}")
        timed, summed_bad = False, []
        for ref, owners in quality_sql.resolve(analysis, columns_of):
            for table in owners:
                used.add((table, ref.name.lower()))
            roles = [model[t][ref.name.lower()] for t in owners]
            if any(role == "time" for role, _ in roles) and scopes_time(analysis, ref):
                timed = True
            if ref.summed and roles and not any(role == "measure" and additive for role, additive in roles):
                summed_bad.append(f"{owners[0]}.{ref.name} ({roles[0][0]}{', not additive' if roles[0][0] == 'measure' else ''})")
        if timed:
            counts["time"] += 1
        else:
            offenders["time-scoped"].append(label)
        if analysis.aggregates == {"count"}:
            counts["count_only"] += 1
            offenders["count-only"].append(label)
        words = latin_words(question)
        if words:
            counts["wording"] += 1
            offenders["wording"].append(f"#{n} {question} → {words}")
        if summed_bad:
            counts["additivity"] += 1
            offenders["additivity"].append(f"{label} → SUM over {', '.join(sorted(set(summed_bad)))}")
    for shape, numbers in sorted(shapes.items(), key=lambda kv: -len(kv[1])):
        if len(numbers) > 1:
            offenders["shape variety"].append(f"{len(numbers)} pairs (#{', #'.join(map(str, numbers[:8]))}) share: {shape}")

    business = sorted((t, c) for t, cols in model.items() for c, (role, _) in cols.items() if role in BUSINESS_ROLES)
    unused = [f"{t}.{c} ({model[t][c][0]})" for t, c in business if (t, c) not in used]
    offenders["coverage"] = unused
    comments = ddl_comments(task_dir) if os.path.isdir(task_dir) else []
    bad_comments = [(f, c) for f, c in comments if latin_words(c)]
    offenders["comments"] = [f"{f}: {c} → {latin_words(c)}" for f, c in bad_comments]

    total = len(pairs)

    def share(k):
        return counts[k] / total if total else 0.0

    m = [
        ("pairs", total, "≥ 40", total >= 40, str(total)),
        ("executes", share("executes"), "100 %", total > 0 and counts["executes"] == total,
         f"{counts['executes']}/{total}"),
        ("empty", share("empty"), "≤ 5 %", total > 0 and share("empty") <= 0.05, f"{counts['empty']}/{total}"),
        ("degenerate", share("degenerate"), "≤ 5 %", total > 0 and share("degenerate") <= 0.05,
         f"{counts['degenerate']}/{total}"),
        ("shape variety", len(shapes) / total if total else 0.0, "≥ 0.6", total > 0 and len(shapes) / total >= 0.6,
         f"{len(shapes)} shapes"),
        ("multi-table", share("multi"), "≥ 30 %", share("multi") >= 0.30, f"{counts['multi']}/{total}"),
        ("time-scoped", share("time"), "≥ 30 %", share("time") >= 0.30, f"{counts['time']}/{total}"),
        ("count-only", share("count_only"), "≤ 20 %", total > 0 and share("count_only") <= 0.20,
         f"{counts['count_only']}/{total}"),
        ("wording", counts["wording"], "0", counts["wording"] == 0, f"{counts['wording']} questions"),
        ("additivity", counts["additivity"], "0", counts["additivity"] == 0, f"{counts['additivity']} pairs"),
        ("coverage", (len(business) - len(unused)) / len(business) if business else 0.0, "≥ 70 %",
         bool(business) and (len(business) - len(unused)) / len(business) >= 0.70,
         f"{len(business) - len(unused)}/{len(business)} columns"),
        ("comments", len(bad_comments), "0", len(bad_comments) == 0, f"{len(bad_comments)} of {len(comments)} comments"),
    ]
    if retrieval is not None:
        hits, asked, misses = retrieval
        of10 = 10 * hits / asked if asked else 0.0
        m.append(("retrieval", of10, "≥ 8 of 10", asked > 0 and of10 >= 8, f"{hits}/{asked} questions"))
        offenders["retrieval"] = misses
    else:
        m.append(("retrieval", None, "≥ 8 of 10", None, "not measured"))
    return {"pair_file": os.path.basename(path) if path else None, "semantic_model": bool(model),
            "measures": m, "offenders": offenders}


# ---------------------------------------------------------------------------------------------------------------
# Output

def value_text(name, value):
    if value is None:
        return "n/a"
    if name in ("pairs", "wording", "additivity", "comments"):
        return str(value)
    if name == "shape variety":
        return f"{value:.2f}"
    if name == "retrieval":
        return f"{value:.1f} of 10"
    return f"{100 * value:.1f} %"


def report(db, result, extra=None, out=None):
    """Prints the table, the offenders of failed measures and the QUALITY_JSON line; writes it to `out`."""
    print(f"\nquality of {db}: {result['pair_file'] or 'no pair file'}"
          f"{'' if result['semantic_model'] else ' (no semantic_model.json: role-based measures are 0)'}")
    print(f"  {'measure':<14}{'value':>12}  {'':<22}{'goal':>10}  ok")
    for name, value, goal, ok, detail in result["measures"]:
        mark = "-" if ok is None else "ok" if ok else "FAIL"
        print(f"  {name:<14}{value_text(name, value):>12}  {('(' + detail + ')'):<22}{goal:>10}  {mark}")
    failed = [name for name, _, _, ok, _ in result["measures"] if ok is False]
    for name in failed:
        items = result["offenders"].get(name) or []
        if items:
            print(f"  {name}: {len(items)} offending, first {min(5, len(items))}:")
            for item in items[:5]:
                print(f"    - {item[:400]}")
    record = {"database": db, "pair_file": result["pair_file"],
              "measures": {name: {"value": round(value, 4) if isinstance(value, float) else value, "goal": goal,
                                  "ok": ok, "detail": detail} for name, value, goal, ok, detail in result["measures"]},
              "failed": failed}
    record.update(extra or {})
    line = json.dumps(record, ensure_ascii=False)
    print("QUALITY_JSON " + line)
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump(dict(record, offenders=result["offenders"]), f, ensure_ascii=False, indent=2)
        print(f"  written to {out}")
    return record


def business_url_from_stdin():
    text = sys.stdin.read().strip()
    if text.startswith("{"):
        return json.loads(text)["business_url"]
    return text


def main(argv):
    if len(argv) >= 3 and argv[0] == "measure":
        task_dir, db, options = argv[1], argv[2], argv[3:]
        if not os.path.isdir(task_dir):
            sys.exit(f"quality: error: no task directory {task_dir}")
        opts = dict(zip(options[::2], options[1::2]))
        target = psql_target(business_url_from_stdin())
        retrieval, extra = None, {"task_dir": os.path.abspath(task_dir)}
        if "--api" in opts and "--questions" in opts:
            import quality_run
            retrieval = quality_run.retrieval(opts["--api"], db, opts["--questions"],
                                              os.path.basename(os.path.normpath(task_dir)))
            extra["retrieval_task_only"] = retrieval[3]
            retrieval = retrieval[:3]
        result = measure(task_dir, target, retrieval)
        report(db, result, extra, opts.get("--out"))
    elif len(argv) == 7 and argv[0] == "run":
        import quality_run
        quality_run.run(*argv[1:], business_url=business_url_from_stdin())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
