#!/usr/bin/env python3
"""Check the labelled question sets against the loaded sample databases (standard library + psql only).

    deploy/sample/questions/check.py [set.json ...]  <<< "<admin database url>"

The admin URL (or key=value connection string) arrives on stdin, never in argv; it is handed to psql through PG*
environment variables with the database of each set swapped in. Without arguments every *.json next to this script
is checked. For each set:

  * the database answers, and the set has at least 32 questions;
  * every listed table exists in its public schema and is in deploy/sample/<database>.tables (the tables a user
    documents, so the pairs that answer a question can exist);
  * every measure is a numeric column of at least one of the question's tables;
  * no question contains a Latin word of 3 letters or more, short upper-case codes such as SKU excepted
    (QUALITY.md: wording);
  * no question is listed twice.

Exits 1 and names each problem when any check fails.
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent
SAMPLE_DIR = HERE.parent
MIN_QUESTIONS = 32
NUMERIC = {"smallint", "integer", "bigint", "numeric", "real", "double precision", "money"}
KEYWORDS = {"host": "PGHOST", "hostaddr": "PGHOSTADDR", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD",
            "dbname": "PGDATABASE", "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT",
            "connect_timeout": "PGCONNECT_TIMEOUT", "passfile": "PGPASSFILE", "options": "PGOPTIONS"}


def connection_env(conninfo):
    """PG* variables for a postgres:// URL or a key=value string."""
    env = {}
    if re.match(r"^postgres(ql)?://", conninfo):
        url = urllib.parse.urlsplit(conninfo)
        if url.hostname:
            env["PGHOST"] = url.hostname
        if url.port:
            env["PGPORT"] = str(url.port)
        if url.username:
            env["PGUSER"] = urllib.parse.unquote(url.username)
        if url.password is not None:
            env["PGPASSWORD"] = urllib.parse.unquote(url.password)
        if url.path.strip("/"):
            env["PGDATABASE"] = urllib.parse.unquote(url.path.strip("/"))
        for key, value in urllib.parse.parse_qsl(url.query):
            if key in KEYWORDS:
                env[KEYWORDS[key]] = value
    else:
        for key, value in re.findall(r"(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", conninfo):
            if value.startswith("'"):
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            if key in KEYWORDS:
                env[KEYWORDS[key]] = value
    return env


def columns(base_env, database):
    """{table: {column: data_type}} of the database's public schema."""
    env = {**os.environ, **base_env, "PGDATABASE": database}
    query = ("SELECT table_name, column_name, data_type FROM information_schema.columns "
             "WHERE table_schema = 'public' ORDER BY 1, ordinal_position")
    done = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "psql failed")
    found = {}
    for line in done.stdout.splitlines():
        table, column, data_type = line.split("\t")
        found.setdefault(table, {})[column] = data_type
    return found


def check(path, base_env):
    problems = []
    spec = json.loads(path.read_text(encoding="utf-8"))
    database, questions = spec["database"], spec["questions"]
    try:
        schema = columns(base_env, database)
    except RuntimeError as error:
        return [f"{path.name}: database {database}: {error}"], 0
    listed_file = SAMPLE_DIR / f"{database}.tables"
    listed = set(listed_file.read_text(encoding="utf-8").split()) if listed_file.is_file() else None
    if listed is None:
        problems.append(f"{path.name}: no table list {listed_file.name}")
    if len(questions) < MIN_QUESTIONS:
        problems.append(f"{path.name}: {len(questions)} questions, fewer than {MIN_QUESTIONS}")
    seen = set()
    for number, item in enumerate(questions, 1):
        where = f"{path.name} #{number} “{item.get('question', '')}”"
        question, tables, measures = item.get("question", ""), item.get("tables", []), item.get("measures")
        if not question or not tables or measures is None:
            problems.append(f"{where}: needs question, tables and measures")
            continue
        if question in seen:
            problems.append(f"{where}: listed twice")
        seen.add(question)
        if any(not word.isupper() for word in re.findall(r"[A-Za-z]{3,}", question)):
            problems.append(f"{where}: a Latin word in the question")
        for table in tables:
            if table not in schema:
                problems.append(f"{where}: no table {table} in {database}")
            elif listed is not None and table not in listed:
                problems.append(f"{where}: {table} is not in {listed_file.name}")
        for measure in measures:
            types = [schema[t][measure] for t in tables if t in schema and measure in schema[t]]
            if not types:
                problems.append(f"{where}: no column {measure} in {', '.join(tables)}")
            elif not any(t in NUMERIC for t in types):
                problems.append(f"{where}: {measure} is not numeric ({types[0]})")
    return problems, len(questions)


def main():
    conninfo = sys.stdin.readline().strip()
    if not conninfo:
        sys.exit("check: the admin database URL is read from stdin")
    base_env = connection_env(conninfo)
    paths = [pathlib.Path(p) for p in sys.argv[1:]] or sorted(HERE.glob("*.json"))
    failed = False
    for path in paths:
        problems, count = check(path, base_env)
        for problem in problems:
            print(f"check: {problem}")
        failed |= bool(problems)
        print(f"check: {path.name}: {count} questions, {'ok' if not problems else f'{len(problems)} problem(s)'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
