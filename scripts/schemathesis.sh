#!/usr/bin/env bash
# Fuzzes every operation of the API contract (GET /api/v0/openapi.json, i.e. docs/openapi.yaml) against a running
# stack with Schemathesis (PyPI, installed into a virtual environment under .build, never system-wide). Checks: no
# 5xx (not_a_server_error) and every answer conforms to the document (response_schema_conformance). Examples,
# coverage and fuzzing phases, positive and negative data. Destructive operations run too: use a private stack.
# Prints the figures (operations, cases generated, failures); exit status non-zero on any failure.
#
#   scripts/schemathesis.sh BASE_URL          e.g. http://127.0.0.1:18084 (scripts/test.sh passes its stack's)
#
#   DP_SCHEMATHESIS_MAX_EXAMPLES (default 50)   cases per operation and phase
#   DP_SCHEMATHESIS_TIMEOUT_S (default 600)     hard bound on the whole run
#   DP_SCHEMATHESIS_SEED (default 1)            reproducible runs; any integer
#   DP_API_TOKEN                                sent as a bearer token when set
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_URL="${1:?usage: scripts/schemathesis.sh BASE_URL}"
VERSION="4.32.5"
VENV="$ROOT/.build/schemathesis-venv"
REPORT_DIR="$ROOT/.build/test-output/schemathesis"
MAX_EXAMPLES="${DP_SCHEMATHESIS_MAX_EXAMPLES:-50}"

log() { printf 'schemathesis: %s\n' "$*"; }
die() { printf 'schemathesis: error: %s\n' "$*" >&2; exit 1; }

if [[ "$("$VENV/bin/schemathesis" --version 2> /dev/null || true)" != *" $VERSION" ]]; then
    log "installing schemathesis $VERSION into ${VENV#"$ROOT/"}"
    python3 -m venv "$VENV" || die "python3 -m venv failed: install python3-venv (scripts/setup.sh does)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
fi

# A real task with a table list, so the task routes are also reached past their 404 (scripts/schemathesis_hooks.py
# puts its id into some of the generated paths).
auth=()
if [[ -n "${DP_API_TOKEN:-}" ]]; then auth=(-H "Authorization: Bearer $DP_API_TOKEN"); fi
created="$(curl -sS "${auth[@]}" -H 'Content-Type: application/json' -d '{"task_name": "schemathesis"}' \
    "$BASE_URL/api/v0/data_pipeline/tasks")" || die "cannot create the seed task at $BASE_URL"
task_id="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["task_id"])' <<< "$created")" \
    || die "unexpected answer creating the seed task: $created"
curl -sS -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' -d '{"tables": "public.a, public.b"}' \
    "$BASE_URL/api/v0/data_pipeline/tasks/$task_id/table-list"
log "seed task $task_id"

rm -rf "$REPORT_DIR"
mkdir -p "$REPORT_DIR"
# The document as served, read from a file: given the document's own URL, Schemathesis leaves out the operation that
# serves it (GET /openapi.json), and every route is to be fuzzed.
curl -sS --fail "${auth[@]}" -o "$REPORT_DIR/openapi.json" "$BASE_URL/api/v0/openapi.json" \
    || die "cannot read $BASE_URL/api/v0/openapi.json"
# From the report directory: Schemathesis and Hypothesis keep their caches (.schemathesis, .hypothesis) in the
# current directory. One worker: with two threads, Python 3.11's ast module can fail inside Hypothesis
# ("AST constructor recursion depth mismatch"), a runtime error of the tool, not a finding.
cd "$REPORT_DIR"
set +e
PYTHONPATH="$ROOT/scripts" SCHEMATHESIS_HOOKS=schemathesis_hooks DP_SCHEMATHESIS_TASK_ID="$task_id" \
    timeout "${DP_SCHEMATHESIS_TIMEOUT_S:-600}" "$VENV/bin/schemathesis" run "$REPORT_DIR/openapi.json" \
    --url "$BASE_URL/api/v0" "${auth[@]}" \
    --checks not_a_server_error,response_schema_conformance \
    --phases examples,coverage,fuzzing --mode all \
    --max-examples "$MAX_EXAMPLES" --seed "${DP_SCHEMATHESIS_SEED:-1}" \
    --workers 1 --request-timeout 30 --suppress-health-check all \
    --report junit --report-dir "$REPORT_DIR" 2>&1 | tee "$REPORT_DIR/output.txt"
rc=${PIPESTATUS[0]}
set -e
# The figures on one line, from Schemathesis's summary ("Tested: 28", "1964 generated, 1964 passed" or
# "1964 generated, 3 found 2 unique failures").
output="$REPORT_DIR/output.txt"
operations="$(grep -oE 'Tested: [0-9]+' "$output" | grep -oE '[0-9]+' | tail -n 1 || true)"
cases="$(grep -oE '[0-9]+ generated' "$output" | grep -oE '[0-9]+' | tail -n 1 || true)"
failures="$(grep -oE '[0-9]+ unique failures?' "$output" | grep -oE '[0-9]+' | tail -n 1 || true)"
# The closing line ("== 40 failures, 2 errors in 5.24s ==") also counts runtime errors of the tool.
errors="$(grep -E '^=+ .* in [0-9.]+s =+$' "$output" | grep -oE '[0-9]+ errors?' | grep -oE '[0-9]+' | tail -n 1 || true)"
log "figures: ${operations:-?} operations, ${cases:-?} cases generated, ${failures:-0} failures, ${errors:-0} errors (exit $rc)"
(( rc != 124 )) || die "the run exceeded DP_SCHEMATHESIS_TIMEOUT_S"
exit "$rc"
