#!/usr/bin/env python3
"""Offline checks of scripts/quality_sql.py and the result classes of scripts/quality_measures.py (no database):
`scripts/bench.sh quality` runs them first. Prints `quality_check: N checks passed` or the failed ones, exit 1."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quality_measures as qm  # noqa: E402
import quality_sql as q  # noqa: E402

MODEL = {"fact": {"d": ("time", False), "amount": ("measure", True), "price": ("measure", False), "qty": ("measure", True),
                  "kind": ("dimension", False), "dim_id": ("foreign_key", False), "id": ("identifier", False),
                  "delete_ts": ("audit", False)},
         "dim": {"id": ("identifier", False), "name": ("label", False), "opened": ("time", False)}}
FAILED, COUNT = [], 0


def check(label, got, want):
    global COUNT
    COUNT += 1
    if got != want:
        FAILED.append(f"{label}: got {got!r}, want {want!r}")


def refs(sql):
    a = q.Analysis(sql)
    return a, [(r, owners) for r, owners in q.resolve(a, lambda t: MODEL.get(t, {}).keys())]


def timed(sql):
    a, resolved = refs(sql)
    return any(MODEL[o[0]][r.name][0] == "time" and qm.scopes_time(a, r) for r, o in resolved if o)


def summed_bad(sql):
    _, resolved = refs(sql)
    return sorted({r.name for r, o in resolved if o and r.summed
                   and not any(MODEL[t][r.name][0] == "measure" and MODEL[t][r.name][1] for t in o)})


# Tables: joins, aliases, subqueries, CTEs, schema-qualified names, EXTRACT's FROM, IS DISTINCT FROM.
check("join", sorted(set(q.Analysis("SELECT n.name FROM fact f JOIN dim n ON n.id = f.dim_id").tables)), ["dim", "fact"])
check("cte not a table", q.Analysis("WITH m AS (SELECT kind FROM fact) SELECT * FROM m").tables, ["fact"])
check("subquery in WHERE", sorted(set(q.Analysis("SELECT 1 FROM fact WHERE dim_id IN (SELECT id FROM dim)").tables)),
      ["dim", "fact"])
check("comma list, schema", q.Analysis("SELECT 1 FROM public.fact a, dim b").tables, ["fact", "dim"])
check("extract", q.Analysis("SELECT EXTRACT(YEAR FROM d) FROM fact WHERE d IS DISTINCT FROM d").tables, ["fact"])
check("derived alias", q.Analysis("SELECT x.k FROM (SELECT kind AS k FROM fact) AS x").derived, {"x"})
check("aliases", q.Analysis("SELECT 1 FROM fact AS f LEFT JOIN dim d2 USING (id)").aliases, {"f": "fact", "d2": "dim"})
# Aggregates.
check("count only", q.Analysis("SELECT kind, COUNT(DISTINCT id) FROM fact GROUP BY kind").aggregates, {"count"})
check("window sum", q.Analysis("SELECT SUM(COUNT(*)) OVER () FROM fact").aggregates, {"sum", "count"})
check("no aggregate", q.Analysis("SELECT count FROM fact").aggregates, set())
# Time scope.
check("time in WHERE", timed("SELECT SUM(amount) FROM fact WHERE d >= DATE '2025-01-01'"), True)
check("time IS NOT NULL only", timed("SELECT SUM(amount) FROM fact WHERE d IS NOT NULL"), False)
check("date function", timed("SELECT to_char(d, 'YYYY-MM') m, SUM(amount) FROM fact GROUP BY 1"), True)
check("grouped select item", timed("SELECT d, SUM(amount) FROM fact GROUP BY 1"), True)
check("aggregated time", timed("SELECT MAX(d) FROM fact"), False)
check("FILTER (WHERE time)", timed("SELECT SUM(amount) FILTER (WHERE f.d > '2025-01-01') FROM fact f"), True)
check("other table's time", timed("SELECT n.opened FROM dim n ORDER BY n.opened"), False)
# Additivity.
check("additive", summed_bad("SELECT SUM(f.amount) FROM fact f"), [])
check("price", summed_bad("SELECT SUM(price) FROM fact"), ["price"])
check("price × qty", summed_bad("SELECT SUM(price * qty) FROM fact"), [])
check("f.qty × f.price", summed_bad("SELECT SUM(f.qty * f.price) FROM fact f"), [])
check("f.price::numeric", summed_bad("SELECT SUM(f.price::numeric) FROM fact f"), ["price"])
check("CASE condition", summed_bad("SELECT SUM(CASE WHEN kind = 'a' THEN amount ELSE 0 END) FROM fact"), [])
check("CASE value", summed_bad("SELECT SUM(CASE WHEN kind = 'a' THEN dim_id END) FROM fact"), ["dim_id"])
check("id", summed_bad("SELECT SUM(f.id) FROM fact f"), ["id"])
# Shapes.
check("shape", q.shape("SELECT a.kind AS 类, SUM(amount) FROM fact a WHERE kind IN ('x', 'y') AND d::date > '2024-01-01' "
                       "LIMIT 5;"),
      "SELECT I AS I , SUM ( I ) FROM I I WHERE I IN ( ? ) AND I :: DATE > ? LIMIT ?")
check("same shape", q.shape("SELECT name FROM dim WHERE id = 1"), q.shape('SELECT "kind" FROM fact WHERE qty = 2.5'))
check("other shape", q.shape("SELECT name FROM dim") == q.shape("SELECT name FROM dim ORDER BY name"), False)
# Result classes.
check("no rows", qm.classify([], False), "empty")
check("only NULLs", qm.classify([[None, None]], False), "empty")
check("zero count is data", qm.classify([[0]], False), "ok")
check("constant groups", qm.classify([["a", 5, 1.5], ["b", 5, 1.5], ["c", 5, 1.5]], True), "degenerate")
check("two rows", qm.classify([["a", 5], ["b", 5]], True), "ok")
check("varying key", qm.classify([[2024, 5], [2025, 5], [2026, 5]], True), "ok")
check("no GROUP BY", qm.classify([["a", 5], ["b", 5], ["c", 5]], False), "ok")
check("no numbers", qm.classify([["a", "x"], ["b", "x"], ["c", "x"]], True), "ok")
check("booleans are not numbers", qm.classify([["a", True, 1], ["b", False, 1], ["c", True, 1]], True), "degenerate")
# Words.
check("latin words", qm.latin_words("区域sqm和SKU、GMV以及Top10"), ["sqm", "Top"])

if FAILED:
    print("\n".join(f"quality_check: FAIL {f}" for f in FAILED))
    sys.exit(1)
print(f"quality_check: {COUNT} checks passed")
