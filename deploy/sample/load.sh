#!/usr/bin/env bash
# Load a sample business database (highway_db, retail_db) into a PostgreSQL server.
#
#   deploy/sample/load.sh <admin-database-url> [dbname=highway_db] [owner-role]
#
#   admin-database-url  a URL or key=value connection string for a role that may
#                       CREATE DATABASE, pointing at an existing database
#                       (e.g. postgresql://postgres:secret@127.0.0.1:5432/postgres)
#   dbname              database to create/fill (default highway_db); created if missing.
#                       The script is deploy/sample/<dbname>.sql when it exists
#                       (highway_db.sql, retail_db.sql), else highway_db.sql
#   owner-role          optional existing role: becomes the database owner and gets
#                       CONNECT + SELECT on all tables (tables stay owned by the
#                       loading role, so later re-loads keep working)
#
# Idempotent: re-running drops and recreates the sample tables (and anything that
# depends on them) with identical contents. Passwords are never printed.
set -euo pipefail

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -ge 1 && $# -le 3 ]] || usage
case "$1" in -h|--help) usage ;; esac

admin_url=$1
db=${2:-highway_db}
owner=${3:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
script="$here/highway_db.sql"
if [[ $db =~ ^[A-Za-z0-9_]+$ && -r "$here/$db.sql" ]]; then script="$here/$db.sql"; fi
[[ -r $script ]] || { echo "load.sh: cannot read $script" >&2; exit 1; }

# Hide passwords: user:pass@ in URLs, password=... in key=value strings and URL query.
mask() {
    sed -E -e 's#(://[^/:@?]*):[^@/?]*@#\1:****@#' \
           -e 's#(^|[ ?&])(password=)[^ &]*#\1\2****#g' <<<"$1"
}

# Same connection, different database.
with_db() {
    local url=$1 name=$2
    if [[ $url =~ ^postgres(ql)?:// ]]; then
        # scheme://authority[/dbname][?query]  ->  scheme://authority/<name>[?query]
        local enc
        enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$name" 2>/dev/null) || enc=$name
        sed -E "s#^(postgres(ql)?://[^/?]*)(/[^?]*)?(\?.*)?\$#\1/${enc//#/\\#}\4#" <<<"$url"
    else
        # key=value form: a later dbname= wins
        printf '%s dbname=%s\n' "$url" "'${name//\'/\\\'}'"
    fi
}

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 "$admin_url" "$@"; }

target_url=$(with_db "$admin_url" "$db")
start_ns=$(date +%s%N)

echo "load.sh: server   $(mask "$admin_url")"
echo "load.sh: database $db${owner:+ (owner role: $owner)} <- ${script#"$here"/}"

# 1. Role check (before touching anything).
if [[ -n $owner ]]; then
    exists=$(psql_admin -At -v role="$owner" <<'SQL'
SELECT count(*) FROM pg_roles WHERE rolname = :'role';
SQL
)
    [[ $exists == 1 ]] || { echo "load.sh: role \"$owner\" does not exist" >&2; exit 1; }
fi

# 2. Create the database if missing. CREATE DATABASE cannot run inside a
#    transaction block, so it is issued on its own (via \gexec, autocommit).
psql_admin -v db="$db" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db')
\gexec
SQL

# 3. Schema + data (one transaction inside the script).
psql -X -q -v ON_ERROR_STOP=1 "$target_url" -f "$script"

# 4. Optional owner role.
if [[ -n $owner ]]; then
    psql_admin -v db="$db" -v role="$owner" <<'SQL'
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role') \gexec
SQL
    psql -X -q -v ON_ERROR_STOP=1 -v role="$owner" "$target_url" <<'SQL'
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'role') \gexec
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'role') \gexec
SELECT format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', :'role') \gexec
SQL
fi

# 5. Report: rows and soft-deleted rows per table (delete_ts set, or a boolean
#    is_deleted true; empty when the table has neither column).
psql -X -q -v ON_ERROR_STOP=1 "$target_url" <<'SQL'
SELECT string_agg(
           format('SELECT %L AS "table", count(*) AS "rows", %s AS "soft-deleted" FROM public.%I',
                  c.relname,
                  CASE WHEN EXISTS (SELECT 1 FROM pg_attribute a
                                    WHERE a.attrelid = c.oid AND a.attname = 'delete_ts' AND NOT a.attisdropped)
                       THEN 'count(delete_ts)'
                       WHEN EXISTS (SELECT 1 FROM pg_attribute a
                                    WHERE a.attrelid = c.oid AND a.attname = 'is_deleted'
                                      AND a.atttypid = 'boolean'::regtype AND NOT a.attisdropped)
                       THEN 'count(*) FILTER (WHERE is_deleted)'
                       ELSE 'NULL::bigint' END,
                  c.relname),
           E'\nUNION ALL ' ORDER BY c.relname) || E'\nORDER BY 1'
FROM pg_class c
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
\gexec
SQL

end_ns=$(date +%s%N)
printf 'load.sh: done in %d.%03d s\n' $(( (end_ns - start_ns) / 1000000000 )) $(( (end_ns - start_ns) / 1000000 % 1000 ))
