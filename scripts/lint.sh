#!/usr/bin/env bash
# Enforces the module dependency table of docs ARCHITECTURE.md §2 (SwiftPM does not on Linux) and code rules:
#   * every import in Sources/<Target>/**/*.swift is allowed for that target (table below);
#   * Package.swift declares exactly the project modules and package products each target imports (tests too);
#   * no PQexec( under Sources (untrusted SQL only through PQexecParams, see STACK-NOTES);
#   * `unsafeSQL` (SQL text from outside the program) only at the allowed sites, counted per file (UNSAFE_SQL_SITES);
#   * no file under Sources or scripts longer than 500 lines;
#   * the scripts' default ports lie below the ephemeral range and differ;
#   * the web page (nginx/www) never parses text as HTML (innerHTML, outerHTML, insertAdjacentHTML, document.write)
#     nor runs text as code (eval, new Function): server strings go into the DOM as text only.
# Prints each violation as file:line: message; exit 1 if there is any. Targets not present yet are fine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MAX_LINES=500

# Project modules a target may import. dp-fcgi's PipelineProviders is a deliberate amendment of the table: the
# responder needs the business-database catalog adapter for /database/tables. It must never import PipelineSteps.
# FakeOpenAI is the fake OpenAI-compatible server (a test double, Foundation only); only its executable
# dp-fake-openai (and the test targets) may import it, never a production module.
declare -A ALLOWED=(
    [FastCGI]="CFastCGI"
    [Postgres]="CLibPQ"
    [PgQuery]="CPgQuery"
    [PipelineCore]="PgQuery"
    [PipelineWording]="PipelineCore"
    [PipelineAPI]="PipelineCore PipelineWording"
    [PipelineStore]="PipelineCore Postgres"
    [PipelineSteps]="PipelineCore PipelineWording"
    [PipelineProviders]="PipelineCore Postgres"
    [dp-fcgi]="PipelineAPI PipelineStore PipelineCore FastCGI PipelineProviders"
    [dp-worker]="PipelineSteps PipelineProviders PipelineStore PipelineCore PipelineWording"
    [FakeOpenAI]=""
    [dp-fake-openai]="FakeOpenAI"
    [dp-gate-bench]="PipelineCore"
)
PROJECT_MODULES=" CFastCGI CLibPQ CPgQuery FastCGI Postgres PgQuery PipelineCore PipelineWording PipelineAPI PipelineStore PipelineSteps PipelineProviders FakeOpenAI "
# Toolchain and approved package modules, allowed in every target. Anything else needs a decision: add it here.
SYSTEM_MODULES=" Foundation FoundationEssentials FoundationNetworking Glibc Darwin Musl Dispatch Logging XCTest Synchronization Crypto "

# Any directory under Sources is a project module too (a target added later is caught, not waved through).
if [[ -d Sources ]]; then
    for dir in Sources/*/; do
        name="${dir#Sources/}"; name="${name%/}"
        [[ "$PROJECT_MODULES" == *" $name "* ]] || PROJECT_MODULES+="$name "
    done
else
    echo "lint: no Sources directory, nothing to check"
    exit 0
fi

violations=0
report() { printf '%s:%s: %s\n' "$1" "$2" "$3"; violations=$((violations + 1)); }

# [attributes] [access level] import [kind] Module[.Sub]
import_re='^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal|fileprivate|private)[[:space:]]+)?import[[:space:]]+((typealias|struct|class|enum|protocol|let|var|func)[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)'

while IFS= read -r hit; do
    file="${hit%%:*}"; rest="${hit#*:}"
    line="${rest%%:*}"; text="${rest#*:}"
    [[ "$text" =~ $import_re ]] || continue
    module="${BASH_REMATCH[7]}"
    target="${file#Sources/}"; target="${target%%/*}"
    if [[ "$PROJECT_MODULES" == *" $module "* ]]; then
        if [[ "$module" == "$target" ]]; then continue; fi
        if [[ -z "${ALLOWED[$target]+set}" ]]; then
            report "$file" "$line" "target $target is not in the dependency table (ARCHITECTURE.md §2, scripts/lint.sh) and imports project module $module"
        elif [[ " ${ALLOWED[$target]} " != *" $module "* ]]; then
            report "$file" "$line" "$target must not import $module (allowed: ${ALLOWED[$target]:-no project module})"
        fi
    elif [[ "$SYSTEM_MODULES" != *" $module "* ]]; then
        report "$file" "$line" "import of unknown module $module (allowed besides the table:${SYSTEM_MODULES% })"
    fi
done < <(grep -rnE --include='*.swift' '^[[:space:]]*(@[^[:space:]]+[[:space:]]+)*([a-z]+[[:space:]]+)?import[[:space:]]' Sources || true)

# Package.swift against the imports, both ways, for every target with Swift files (tests included): an import of a
# project module or package product needs the target's own dependency (a transitive one builds today and breaks
# when the middle target drops it), and a declared dependency must be imported somewhere in the target (else it is
# linked for nothing and misleads the reader). SwiftPM's own reading of the manifest, in a scratch directory of its
# own so that a build holding .build's lock does not block the lint.
command -v swift > /dev/null || PATH="/opt/swift/usr/bin:$PATH"
command -v swift > /dev/null || { echo "lint: swift not found (needed to read Package.swift)" >&2; exit 2; }
scratch="$(mktemp -d)"
manifest="$(swift package --scratch-path "$scratch" dump-package)" || { rm -rf "$scratch"; echo "lint: swift package dump-package failed" >&2; exit 2; }
rm -rf "$scratch"
# One line per target: name, directory, declared dependencies (target names and product names).
targets_table="$(python3 -c '
import json, sys
for t in json.load(sys.stdin)["targets"]:
    if t["type"] in ("system", "binary", "plugin", "macro"):
        continue
    path = t.get("path") or ("Tests/" if t["type"] == "test" else "Sources/") + t["name"]
    deps = [next(iter(d.values()))[0] for d in t["dependencies"]]
    print(t["name"], path, *deps)
' <<< "$manifest")"
package_products=" Logging Crypto "
manifest_targets=" $(cut -d' ' -f1 <<< "$targets_table" | tr '\n' ' ') "
while read -r target path deps; do
    [[ -d "$path" ]] || continue
    declare -A first_import=()
    while IFS= read -r hit; do
        file="${hit%%:*}"; rest="${hit#*:}"
        line="${rest%%:*}"; text="${rest#*:}"
        [[ "$text" =~ $import_re ]] || continue
        module="${BASH_REMATCH[7]}"
        [[ "$module" == "$target" ]] && continue
        [[ "$PROJECT_MODULES$manifest_targets$package_products" == *" $module "* ]] || continue
        [[ -n "${first_import[$module]+set}" ]] || first_import[$module]="$file:$line"
    done < <(grep -rnE --include='*.swift' '^[[:space:]]*(@[^[:space:]]+[[:space:]]+)*([a-z]+[[:space:]]+)?import[[:space:]]' "$path" || true)
    for module in "${!first_import[@]}"; do
        if [[ " $deps " != *" $module "* ]]; then
            at="${first_import[$module]}"
            report "${at%:*}" "${at##*:}" "$target imports $module, which Package.swift does not declare as its dependency"
        fi
    done
    manifest_line="$(grep -n "name: \"$target\"" Package.swift | grep -v "\.executable(" | head -n 1 | cut -d: -f1)"
    for dep in $deps; do
        if [[ -z "${first_import[$dep]+set}" ]]; then
            report Package.swift "${manifest_line:-1}" "$target declares the dependency $dep but no file in $path imports it"
        fi
    done
    unset first_import
done <<< "$targets_table"

# Only PQexecParams: PQexec runs several statements and escapes a READ ONLY transaction. Comment lines are skipped.
while IFS= read -r hit; do
    file="${hit%%:*}"; rest="${hit#*:}"
    line="${rest%%:*}"; text="${rest#*:}"
    [[ "$text" =~ ^[[:space:]]*// ]] && continue
    report "$file" "$line" "PQexec( is forbidden: use PQexecParams (one statement, bound parameters)"
done < <(grep -rnF --include='*.swift' 'PQexec(' Sources || true)

# SQL is composed by `PostgresQuery` interpolation; `unsafeSQL` is for SQL text that truly comes from outside the
# program: the generated pairs' statements the validator EXPLAINs and runs read-only (validate, executeReadOnly,
# execute), plus the initializer itself. Lines counted per file, comment lines skipped; a new site needs a decision.
declare -A UNSAFE_SQL_SITES=(
    [Sources/Postgres/PostgresQuery.swift]=1
    [Sources/PipelineProviders/Validation/PostgresSQLValidator.swift]=3
)
declare -A unsafe_sql_found=() unsafe_sql_first=()
while IFS= read -r hit; do
    file="${hit%%:*}"; rest="${hit#*:}"
    line="${rest%%:*}"; text="${rest#*:}"
    [[ "$text" =~ ^[[:space:]]*// ]] && continue
    unsafe_sql_found[$file]=$(( ${unsafe_sql_found[$file]:-0} + 1 ))
    [[ -n "${unsafe_sql_first[$file]+set}" ]] || unsafe_sql_first[$file]="$line"
done < <(grep -rnF --include='*.swift' 'unsafeSQL' Sources || true)
for file in "${!unsafe_sql_found[@]}"; do
    if (( unsafe_sql_found[$file] != ${UNSAFE_SQL_SITES[$file]:-0} )); then
        report "$file" "${unsafe_sql_first[$file]}" "unsafeSQL used ${unsafe_sql_found[$file]} time(s), allowed ${UNSAFE_SQL_SITES[$file]:-0}: compose SQL by PostgresQuery interpolation (or update UNSAFE_SQL_SITES in scripts/lint.sh with the reason)"
    fi
done

while read -r count file; do
    [[ "$file" == total ]] && continue
    if (( count > MAX_LINES )); then
        report "$file" "$count" "file has $count lines (limit $MAX_LINES): split it"
    fi
done < <(find Sources -type f -print0 | xargs -0 -r wc -l)

# Scripts too (bash and Python alike): one that outgrows the limit is split by concern, as stack.sh sources
# stack-postgres.sh.
while read -r count file; do
    [[ "$file" == total ]] && continue
    if (( count > MAX_LINES )); then
        report "$file" "$count" "script has $count lines (limit $MAX_LINES): split it"
    fi
done < <(find scripts -type f -print0 | xargs -0 -r wc -l)

# The scripts' default ports stay below Linux's ephemeral range (net.ipv4.ip_local_port_range, 32768–60999): there an
# outgoing connection (a load test leaves thousands in TIME_WAIT) may hold the port and a start fails on "address
# already in use". Each default is used by one stack only.
declare -A default_port_at=()
while IFS= read -r hit; do
    file="${hit%%:*}"; rest="${hit#*:}"
    line="${rest%%:*}"; port="${rest#*:-}"; port="${port%\}}"
    if (( port >= 32768 && port <= 60999 )); then
        report "$file" "$line" "default port $port lies in the ephemeral range 32768-60999: choose one below 32768"
    fi
    if [[ -n "${default_port_at[$port]+set}" && "${default_port_at[$port]}" != "$file:$line" ]]; then
        report "$file" "$line" "default port $port is also the default at ${default_port_at[$port]}"
    fi
    default_port_at[$port]="$file:$line"
done < <(grep -onE '_PORT[A-Z_]*:-[0-9]+\}' scripts/*.sh || true)

if [[ -d nginx/www ]]; then
    while IFS= read -r hit; do
        file="${hit%%:*}"; rest="${hit#*:}"
        line="${rest%%:*}"
        report "$file" "$line" "HTML or code from text in the web page: build nodes with h()/setText (nginx/www/js/dom.js)"
    done < <(grep -rnE --include='*.js' --include='*.html' \
        'innerHTML|outerHTML|insertAdjacentHTML|document\.write|(^|[^A-Za-z_.])eval[[:space:]]*\(|new[[:space:]]+Function' \
        nginx/www || true)
fi

# The OpenAPI document the responder serves is the one in docs/openapi.yaml (scripts/gen-openapi.sh).
if ! said="$("$ROOT/scripts/gen-openapi.sh" --check 2>&1)"; then
    report Sources/PipelineAPI/OpenAPI/OpenAPIDocumentJSON.swift 1 "${said#gen-openapi: error: }"
fi

if (( violations > 0 )); then
    echo "lint: $violations violation(s)" >&2
    exit 1
fi
echo "lint: module dependencies, Package.swift against imports, PQexec, unsafeSQL sites, file sizes, default ports, web page DOM sinks and the OpenAPI document OK"
