"""SQL reading for scripts/quality_measures.py (standard library only), written apart from the service's Swift code.

A small PostgreSQL tokenizer and one pass over its tokens that finds what the quality measures need: the tables a
statement reads (FROM/JOIN items, not CTEs or subqueries), the column references with the clause they stand in
(and whether they are inside a date function or summed), the aggregate functions called, and the statement's shape.
"""
import re

# Words that are never column or table names here (PostgreSQL reserved words and clause words the pairs use).
KEYWORDS = set("""
SELECT FROM WHERE GROUP BY ORDER HAVING LIMIT OFFSET JOIN INNER LEFT RIGHT FULL OUTER CROSS ON AS AND OR NOT IN IS
NULL LIKE ILIKE SIMILAR BETWEEN SYMMETRIC CASE WHEN THEN ELSE END DISTINCT UNION ALL INTERSECT EXCEPT WITH RECURSIVE
MATERIALIZED ASC DESC NULLS FIRST LAST OVER PARTITION WINDOW INTERVAL EXISTS ANY SOME CAST TRUE FALSE FILTER LATERAL
USING NATURAL FETCH NEXT ONLY ROWS ROW RANGE UNBOUNDED PRECEDING FOLLOWING CURRENT CURRENT_DATE CURRENT_TIMESTAMP
CURRENT_TIME LOCALTIMESTAMP WITHIN ROLLUP CUBE GROUPING SETS ESCAPE COLLATE AT ZONE VALUES TIES TO FOR ARRAY
""".split())
# Aggregate functions (PostgreSQL's general-purpose and statistical ones).
AGGREGATES = set("""
count sum avg min max string_agg array_agg json_agg jsonb_agg json_object_agg jsonb_object_agg bool_and bool_or every
bit_and bit_or stddev stddev_pop stddev_samp variance var_pop var_samp corr covar_pop covar_samp regr_slope
regr_intercept regr_count regr_r2 percentile_cont percentile_disc mode
""".split())
# Functions that work on a date or timestamp value.
DATE_FUNCTIONS = set("""
date_trunc extract date_part to_char age date make_date justify_days justify_interval date_bin isfinite timezone
""".split())
# Clause words that end a FROM list or start a new clause at the same parenthesis level.
CLAUSES = {"SELECT": "select", "WHERE": "where", "HAVING": "having", "LIMIT": "limit", "OFFSET": "limit",
           "FETCH": "limit", "WINDOW": "window", "UNION": "select", "INTERSECT": "select", "EXCEPT": "select",
           "ON": "on", "USING": "on", "VALUES": "values"}

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>--[^\n]*|/\*.*?\*/)
  | (?P<estr>[eE]'(?:[^'\\]|\\.|'')*')
  | (?P<str>'(?:[^']|'')*')
  | (?P<dollar>\$(?P<tag>[A-Za-z_]*)\$.*?\$(?P=tag)\$)
  | (?P<qident>"(?:[^"]|"")+")
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<param>\$\d+)
  | (?P<word>[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)
  | (?P<op>::|<=|>=|<>|!=|\|\||->>|->|[-+*/%<>=~!^&|#@])
  | (?P<punct>[(),.;\[\]:])
""", re.S | re.X)


class Token:
    __slots__ = ("kind", "text", "value")

    def __init__(self, kind, text, value):
        self.kind, self.text, self.value = kind, text, value

    def __repr__(self):
        return f"{self.kind}:{self.text}"


def tokenize(sql):
    """Tokens of kind kw (value upper-cased), ident (value lower-cased, or the quoted name), str, num, op, punct."""
    tokens, pos = [], 0
    while pos < len(sql):
        m = _TOKEN.match(sql, pos)
        if not m:  # a character no rule knows: keep it as punctuation
            tokens.append(Token("punct", sql[pos], sql[pos]))
            pos += 1
            continue
        pos = m.end()
        kind, text = m.lastgroup, m.group()
        if kind == "tag":
            kind = "dollar"
        if kind in ("ws", "comment"):
            continue
        if kind == "word":
            upper = text.upper()
            if upper in KEYWORDS:
                tokens.append(Token("kw", text, upper))
            else:
                tokens.append(Token("ident", text, text.lower()))
        elif kind == "qident":
            tokens.append(Token("ident", text, text[1:-1].replace('""', '"')))
        elif kind in ("str", "estr", "dollar"):
            tokens.append(Token("str", text, text))
        elif kind in ("num", "param"):
            tokens.append(Token("num", text, text))
        else:
            tokens.append(Token(kind, text, text))
    # DATE/TIMESTAMP/TIME before a string literal are type words of a typed literal, not identifiers.
    for i, t in enumerate(tokens[:-1]):
        if t.kind == "ident" and t.value in ("date", "timestamp", "time", "timestamptz") and tokens[i + 1].kind == "str":
            t.kind, t.value = "kw", t.value.upper()
    while tokens and tokens[-1].text == ";":
        tokens.pop()
    return tokens


def shape(sql):
    """The statement with literals as `?` and identifiers (tables, columns, aliases, qualified names) as `I`;
    keywords, function names, type names, operators and punctuation kept. A list of literals is one `?`."""
    tokens = tokenize(sql)
    out = []
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        prev = tokens[i - 1] if i else None
        if t.kind == "ident":
            if nxt is not None and nxt.text == "(":
                out.append(t.value.upper())           # a function name
            elif prev is not None and prev.text == "::":
                out.append(t.value.upper())           # a type name
            elif out and out[-1] == "." and len(out) >= 2 and out[-2] == "I":
                out.pop()                             # a qualified name is one identifier
            else:
                out.append("I")
        elif t.kind in ("str", "num"):
            if len(out) >= 2 and out[-1] == "," and out[-2] == "?":
                out.pop()                             # `?, ?, ?` → `?`
            else:
                out.append("?")
        elif t.kind == "kw":
            out.append(t.value)
        elif t.text == "*" and out and out[-1] == "." and len(out) >= 2 and out[-2] == "I":
            out.pop()                                 # t.* → I
        else:
            out.append(t.text)
    return " ".join(out)


class Frame:
    """One parenthesis level: its clause, the function that opened it, whether a SELECT runs at this level."""
    __slots__ = ("clause", "func", "has_select", "expect_table", "subquery_in_from", "open_index")

    def __init__(self, clause, func, open_index):
        self.clause, self.func, self.open_index = clause, func, open_index
        self.has_select = False
        self.expect_table = False
        self.subquery_in_from = False


class Reference:
    """A column reference: qualifier (alias or table, lower-case) or None, column name, clause, inside a date
    function, inside an aggregate's arguments, summed value (inside SUM, not in a CASE condition, not an operand of
    * or /), only tested for NULL."""
    __slots__ = ("qualifier", "name", "clause", "in_date_function", "in_aggregate", "summed", "null_test")

    def __init__(self, qualifier, name, clause, in_date_function, in_aggregate, summed, null_test):
        self.qualifier, self.name, self.clause = qualifier, name, clause
        self.in_date_function, self.in_aggregate, self.summed = in_date_function, in_aggregate, summed
        self.null_test = null_test    # the reference is only tested for NULL (`x IS [NOT] NULL`)


class Analysis:
    def __init__(self, sql):
        self.tokens = tokenize(sql)
        self.tables = []          # real tables read, lower-case names without schema, in order of appearance
        self.aliases = {}         # alias → table
        self.ctes = set()
        self.derived = set()      # aliases of subqueries and CTE references
        self.aggregates = set()   # lower-case aggregate function names called
        self.references = []
        self.has_group_by = False
        self._walk()
        self.tables = [t for t in self.tables if t not in self.ctes]
        for alias, table in list(self.aliases.items()):
            if table in self.ctes:
                del self.aliases[alias]
                self.derived.add(alias)

    # -- helpers over the token list
    def _tok(self, i):
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def _is(self, i, text):
        t = self._tok(i)
        return t is not None and (t.value == text if t.kind == "kw" else t.text == text)

    def _matching(self, i):
        depth = 0
        for j in range(i, len(self.tokens)):
            if self.tokens[j].text == "(" and self.tokens[j].kind == "punct":
                depth += 1
            elif self.tokens[j].text == ")" and self.tokens[j].kind == "punct":
                depth -= 1
                if depth == 0:
                    return j
        return len(self.tokens)

    def _summed_positions(self):
        """Token positions of values summed: inside SUM(...), outside CASE conditions, not next to * or /."""
        summed = set()
        for i, t in enumerate(self.tokens):
            if t.kind == "ident" and t.value == "sum" and self._is(i + 1, "("):
                end = self._matching(i + 1)
                cases = []    # per open CASE: True while in its WHEN condition
                for j in range(i + 2, end):
                    u = self.tokens[j]
                    if u.kind == "kw" and u.value == "CASE":
                        cases.append(False)
                    elif u.kind == "kw" and u.value == "WHEN" and cases:
                        cases[-1] = True
                    elif u.kind == "kw" and u.value in ("THEN", "ELSE") and cases:
                        cases[-1] = False
                    elif u.kind == "kw" and u.value == "END" and cases:
                        cases.pop()
                    elif u.kind == "ident" and not any(cases) and not self._is(j - 1, "."):
                        k = j
                        while self._is(k + 1, ".") and self._tok(k + 2) is not None and self._tok(k + 2).kind == "ident":
                            k += 2
                        before, after = self._tok(j - 1), self._tok(k + 1)
                        if before is not None and before.text in ("*", "/") and before.kind == "op":
                            continue
                        if after is not None and after.text in ("*", "/") and after.kind == "op":
                            continue
                        summed.add(k)
        return summed

    def _positions_inside(self, functions):
        inside = set()
        for i, t in enumerate(self.tokens):
            if t.kind == "ident" and t.value in functions and self._is(i + 1, "("):
                inside.update(range(i + 2, self._matching(i + 1)))
        return inside

    # -- the pass
    def _walk(self):
        toks = self.tokens
        summed, dated = self._summed_positions(), self._positions_inside(DATE_FUNCTIONS)
        aggregated = self._positions_inside(AGGREGATES)
        frames = [Frame(None, None, -1)]
        i = 0
        while i < len(toks):
            t, f = toks[i], frames[-1]
            nxt = self._tok(i + 1)
            if t.kind == "punct" and t.text == "(":
                prev = self._tok(i - 1)
                func = prev.value if prev is not None and prev.kind == "ident" else None
                if f.expect_table:      # a subquery or function call as a FROM item
                    f.expect_table = False
                    f.subquery_in_from = True
                frames.append(Frame(f.clause, func, i))
                i += 1
                continue
            if t.kind == "punct" and t.text == ")":
                if len(frames) > 1:
                    frames.pop()
                f = frames[-1]
                if f.subquery_in_from and f.clause == "from":
                    f.subquery_in_from = False
                    j = i + 1
                    if self._is(j, "AS"):
                        j += 1
                    a = self._tok(j)
                    if a is not None and a.kind == "ident" and not self._is(j + 1, "("):
                        self.derived.add(a.value)
                        i = j + 1
                        continue
                i += 1
                continue
            if t.kind == "kw":
                v = t.value
                if v == "SELECT":
                    f.has_select, f.clause, f.expect_table = True, "select", False
                elif v == "FROM":
                    prev = self._tok(i - 1)
                    distinct_from = prev is not None and prev.kind == "kw" and prev.value == "DISTINCT"
                    if f.has_select and not distinct_from and f.func not in ("extract", "substring", "trim", "overlay"):
                        f.clause, f.expect_table = "from", True
                elif v == "JOIN":
                    f.clause, f.expect_table = "from", True
                elif v == "GROUP" and self._is(i + 1, "BY"):
                    f.clause, f.expect_table = "group", False
                    if f.has_select:
                        self.has_group_by = True
                    i += 2
                    continue
                elif v == "ORDER" and self._is(i + 1, "BY"):
                    f.clause, f.expect_table = "order", False
                    i += 2
                    continue
                elif v == "PARTITION" and self._is(i + 1, "BY"):
                    f.clause = "partition"
                    i += 2
                    continue
                elif v == "WITH" and not f.has_select and (i == 0 or self._is(i - 1, "(")):
                    f.clause = "with"
                elif v in CLAUSES and not (v == "ON" and f.clause not in ("from", "on")):
                    f.clause, f.expect_table = CLAUSES[v], False
                elif v == "AS" and nxt is not None and nxt.kind == "ident":
                    i += 2          # an alias (or a CAST's type name): not a column
                    continue
                i += 1
                continue
            if t.kind == "ident":
                # A CTE: name [ (columns) ] AS [NOT] [MATERIALIZED] (
                if f.clause == "with":
                    j = i + 1
                    if self._is(j, "("):
                        j = self._matching(j) + 1
                    if self._is(j, "AS"):
                        self.ctes.add(t.value)
                        i = j + 1
                        continue
                if nxt is not None and nxt.text == "(" and nxt.kind == "punct":
                    if t.value in AGGREGATES:
                        self.aggregates.add(t.value)
                    i += 1
                    continue
                prev = self._tok(i - 1)
                if prev is not None and prev.text == "::":
                    i += 1
                    continue
                if frames[-1].func == "extract" and prev is not None and prev.text == "(":
                    i += 1          # EXTRACT(YEAR FROM …): a field name
                    continue
                # a dotted name: a.b or s.t.c
                parts, j = [t.value], i
                while self._is(j + 1, ".") and self._tok(j + 2) is not None:
                    if self._tok(j + 2).kind == "ident":
                        parts.append(self._tok(j + 2).value)
                        j += 2
                    elif self._tok(j + 2).text == "*":
                        parts.append("*")
                        j += 2
                        break
                    else:
                        break
                if f.clause == "from" and f.expect_table:
                    table = parts[-1]
                    self.tables.append(table)
                    f.expect_table = False
                    k = j + 1
                    if self._is(k, "AS"):
                        k += 1
                    a = self._tok(k)
                    if a is not None and a.kind == "ident":
                        self.aliases[a.value] = table
                        k += 1
                    i = k
                    continue
                if parts[-1] != "*":
                    qualifier = parts[-2] if len(parts) >= 2 else None
                    null_test = self._is(j + 1, "IS") and (self._is(j + 2, "NULL") or (
                        self._is(j + 2, "NOT") and self._is(j + 3, "NULL")))
                    self.references.append(Reference(qualifier, parts[-1], f.clause, j in dated, j in aggregated,
                                                     j in summed, null_test))
                i = j + 1
                continue
            if t.kind == "punct" and t.text == "," and f.clause == "from":
                f.expect_table = True
            i += 1


def resolve(analysis, columns_of):
    """(table, column) pairs for each reference of the analysis: a qualifier names an alias or a table; an unqualified
    name belongs to every table read that has such a column. columns_of(table) → set of column names (lower-case).
    Yields (reference, [tables])."""
    read = list(dict.fromkeys(analysis.tables))
    for ref in analysis.references:
        name = ref.name.lower()
        if ref.qualifier is not None:
            q = ref.qualifier.lower()
            table = analysis.aliases.get(q, q if q in read else None)
            owners = [table] if table is not None and name in columns_of(table) else []
        else:
            owners = [t for t in read if name in columns_of(t)]
        yield ref, owners
