#!/usr/bin/env bash
# Renders the nginx configurations from the templates in nginx/ (no envsubst: plain @PLACEHOLDER@ replacement).
#
#   scripts/render-nginx.sh production      print the production site (what nginx/dp-pipeline.conf must contain)
#   scripts/render-nginx.sh write           regenerate nginx/dp-pipeline.conf
#   scripts/render-nginx.sh check           exit 1 if nginx/dp-pipeline.conf differs from the template's rendering
#   scripts/render-nginx.sh local NGINX_DIR LISTEN FCGI_SOCKET TASKS_DIR WWW_DIR AS_ROOT(0|1)
#                                           print the private instance's nginx.conf (used by scripts/stack.sh)
#
# The server block lives once, in nginx/dp-pipeline.server.conf.template; both configurations embed it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NGINX_SRC="$ROOT/nginx"
SERVER_TEMPLATE="$NGINX_SRC/dp-pipeline.server.conf.template"
LOCAL_TEMPLATE="$NGINX_SRC/dp-pipeline.local.conf.template"
PRODUCTION_FILE="$NGINX_SRC/dp-pipeline.conf"

# Production values (Debian layout; the systemd unit in deploy/ creates /run/dp-pipeline).
PROD_LISTEN="8084"
PROD_FCGI_SOCKET="/run/dp-pipeline/dp-fcgi.sock"
PROD_TASKS_DIR="/var/lib/dp-pipeline/tasks/"
PROD_WWW_DIR="/usr/share/dp-pipeline/www"

die() { echo "render-nginx.sh: $*" >&2; exit 1; }

# A value goes into nginx syntax unquoted: refuse anything that could end or extend a directive.
check_value() {
    local name="$1" value="$2"
    [[ "$value" =~ ^[A-Za-z0-9_./:@+=,-]+$ ]] \
        || die "$name contains characters nginx cannot take unquoted (use a plain path): '$value'"
}

# substitute TEXT LISTEN FCGI_SOCKET TASKS_DIR WWW_DIR -> stdout
substitute() {
    local text="$1"
    check_value LISTEN "$2"; check_value FCGI_SOCKET "$3"; check_value TASKS_DIR "$4"; check_value WWW_DIR "$5"
    [[ "$4" == */ ]] || die "TASKS_DIR must end with / (nginx alias of a prefix location): '$4'"
    # Quoted replacements: bash 5.2 would otherwise expand '&' in them.
    text="${text//@LISTEN@/"$2"}"
    text="${text//@FCGI_SOCKET@/"$3"}"
    text="${text//@TASKS_DIR@/"$4"}"
    text="${text//@WWW_DIR@/"$5"}"
    if [[ "$text" =~ @[A-Z_]+@ ]]; then die "unreplaced placeholder ${BASH_REMATCH[0]}"; fi
    printf '%s\n' "$text"
}

# The server block without the template's leading comment, each line prefixed with $1 (indentation).
server_block() {
    local indent="$1" line started=0 out=""
    while IFS= read -r line || [[ -n "$line" ]]; do
        if (( ! started )) && [[ "$line" == \#* || -z "$line" ]]; then continue; fi
        started=1
        if [[ -n "$line" ]]; then out+="$indent$line"$'\n'; else out+=$'\n'; fi
    done < "$SERVER_TEMPLATE"
    printf '%s' "${out%$'\n'}"
}

render_production() {
    local body
    body="# dp-pipeline site for /etc/nginx/sites-available/dp-pipeline (then: ln -s ../sites-available/dp-pipeline
# /etc/nginx/sites-enabled/ && nginx -t && systemctl reload nginx).
# GENERATED from nginx/dp-pipeline.server.conf.template by 'scripts/render-nginx.sh write'; do not edit by hand
# (scripts/test.sh fails when this file and the template disagree).
$(server_block "")"
    substitute "$body" "$PROD_LISTEN" "$PROD_FCGI_SOCKET" "$PROD_TASKS_DIR" "$PROD_WWW_DIR"
}

render_local() {
    [[ $# -eq 6 ]] || die "usage: local NGINX_DIR LISTEN FCGI_SOCKET TASKS_DIR WWW_DIR AS_ROOT"
    local nginx_dir="$1" listen="$2" socket="$3" tasks="$4" www="$5" as_root="$6" text user_line=""
    check_value NGINX_DIR "$nginx_dir"
    # Started as root, nginx workers would switch to 'nobody', which can neither connect to dp-fcgi's 0660
    # socket nor read the task files (both owned by the user running the stack). Keep them as root then.
    # Started as another user, nginx cannot switch users and must not be told to.
    if [[ "$as_root" == 1 ]]; then
        user_line="user root;  # started as root: workers stay root to reach the 0660 socket and task files"
    fi
    text="$(<"$LOCAL_TEMPLATE")"
    text="${text//@USER_LINE@/"$user_line"}"
    text="${text//@NGINX_DIR@/"$nginx_dir"}"
    local before="${text%%@SERVER_BLOCK@*}" after="${text#*@SERVER_BLOCK@}"
    local indent="${before##*$'\n'}"
    text="${before%"$indent"}$(server_block "$indent")$after"
    substitute "$text" "$listen" "$socket" "$tasks" "$www"
}

case "${1:-}" in
    production) render_production ;;
    write)
        render_production > "$PRODUCTION_FILE.tmp"
        mv "$PRODUCTION_FILE.tmp" "$PRODUCTION_FILE"
        echo "wrote $PRODUCTION_FILE"
        ;;
    check)
        if ! diff -u "$PRODUCTION_FILE" <(render_production) >&2; then
            die "$PRODUCTION_FILE is out of date: edit the template, then run scripts/render-nginx.sh write"
        fi
        echo "nginx/dp-pipeline.conf matches nginx/dp-pipeline.server.conf.template"
        ;;
    local) shift; render_local "$@" ;;
    *) sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
esac
