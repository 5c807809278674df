"""Seeds a photo contest with 20,000 signed-in voters for `cargo xtask bench votes`, sets up the
same votes collection in PocketBase, recounts the stored votes, and holds 10,000 tally streams.

usage: votes_data.py sqlite DB_PATH              seed Chi hội số's SQLite (server stopped)
       votes_data.py postgres-sql                 print the same seed as SQL, for psql
       votes_data.py pocketbase-schema BASE EMAIL PASSWORD
       votes_data.py recount-sqlite DB_PATH       print "entry,voter" per stored vote, then the
                                                  entries whose kept count differs from their rows
       votes_data.py streams URL N SECONDS        hold N event streams open; print how many opened
                                                  and how many got a count update after the first

Voter n (1-based) signs in with the cookie value `bench-vote-n`. The contest (id 1) is the
group's, open for voting, with 20 approved entries, one vote per voter per entry, live results.
"""

import asyncio
import hashlib
import resource
import sqlite3
import sys
import time

from pocketbase_api import create_collection

VOTERS = 20_000
ENTRIES = 20
WARD_UNIT = 100_565  # Xã Gia Lâm, seeded by the server's first start
NOW = int(time.time())


def rows():
    """(table, columns, rows) in insertion order, shared by both backends."""
    users = [(u, f"+8496{u:07d}", f"Hội viên {u}", "x", NOW - 86_400) for u in range(1, VOTERS + 1)]
    yield "users", "id, phone, display_name, password_hash, created_at", users
    yield ("community_groups", "id, unit_id, name, name_folded, description, rules, questions, privacy, "
           "created_by, created_at", [(1, WARD_UNIT, "Nhóm bình chọn", "nhom binh chon", "", "", "[]", "public", 1, NOW)])
    yield ("memberships", "group_id, user_id, role, status, answers, requested_at, decided_at",
           [(1, u, "admin" if u == 1 else "member", "active", "[]", NOW, NOW) for u in range(1, VOTERS + 1)])
    yield ("sessions", "token_hash, user_id, created_at, last_seen_at",
           [(hashlib.sha256(f"bench-vote-{u}".encode()).hexdigest(), u, NOW, NOW) for u in range(1, VOTERS + 1)])
    yield ("photo_contests", "id, group_id, title, rules, entries_open_at, entries_close_at, voting_open_at, "
           "voting_close_at, who_enters, who_votes, entries_per_member, vote_rule, votes_per_day, live_results, "
           "judge_weight, criteria, address_salt, created_by, created_at",
           [(1, 1, "Duyên dáng áo dài", "", NOW - 3_600, NOW + 86_400, NOW - 3_600, NOW + 86_400, "group", "group",
             1, "per_entry", 0, True, 0, "[]", "bench-salt", 1, NOW)])
    yield ("photo_contest_entries", "id, contest_id, author_id, title, story, status, votes, created_at",
           [(e, 1, e, f"Bài dự thi {e}", "", "approved", 0, NOW) for e in range(1, ENTRIES + 1)])


def sqlite(path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    with db:
        for table, columns, values in rows():
            marks = ", ".join("?" for _ in columns.split(","))
            db.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                           [tuple(int(v) if isinstance(v, bool) else v for v in row) for row in values])
    db.execute("ANALYZE")
    db.close()


def literal(value):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def postgres_sql():
    out = sys.stdout
    out.write("BEGIN;\n")
    for table, columns, values in rows():
        for start in range(0, len(values), 1_000):
            chunk = values[start:start + 1_000]
            out.write(f"INSERT INTO {table} ({columns}) VALUES\n")
            out.write(",\n".join("(" + ", ".join(literal(v) for v in row) + ")" for row in chunk))
            out.write(";\n")
    # Identity columns continue after the seeded ids.
    for table in ("users", "community_groups", "photo_contests", "photo_contest_entries"):
        out.write(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}));\n")
    out.write("COMMIT;\nANALYZE;\n")


def pocketbase_schema(base, email, password):
    """What a PocketBase user would make: a votes collection anyone may add to, and a unique
    index on voter and entry so a vote counts once."""
    create_collection(base, email, password, {
        "name": "votes", "type": "base", "createRule": "", "listRule": None,
        "fields": [{"name": "voter", "type": "text", "required": True},
                   {"name": "entry", "type": "text", "required": True}],
        "indexes": ["CREATE UNIQUE INDEX idx_votes_once ON votes (voter, entry)"],
    })


def recount_sqlite(path):
    db = sqlite3.connect(path)
    for entry, voter in db.execute("SELECT entry_id, voter_id FROM photo_contest_votes"):
        print(f"{entry},{voter}")
    drift = db.execute(
        "SELECT COUNT(*) FROM photo_contest_entries e WHERE e.votes <> "
        "(SELECT COUNT(*) FROM photo_contest_votes v WHERE v.entry_id = e.id AND v.voided_at IS NULL)").fetchone()[0]
    print(f"drift {drift}")


async def stream(host, port, path, opened, updated):
    """One open contest page: counts its first tally event (the stream is open) and its second
    (an update arrived). Runs until cancelled."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n".encode())
    events = 0
    try:
        while line := await reader.readline():
            if line.startswith(b"event: tally"):
                events += 1
                if events == 1:
                    opened[0] += 1
                elif events == 2:
                    updated[0] += 1
    finally:
        writer.close()


async def streams(url, count, seconds):
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    host, rest = url.removeprefix("http://").split(":", 1)
    port, path = rest.split("/", 1)
    opened, updated = [0], [0]
    tasks = []
    for n in range(count):
        tasks.append(asyncio.create_task(stream(host, int(port), "/" + path, opened, updated)))
        if n % 500 == 499:
            await asyncio.sleep(0.05)
    started = time.time()
    while time.time() - started < seconds:
        print(f"open {opened[0]} updated {updated[0]}", flush=True)
        await asyncio.sleep(1)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(f"final open {opened[0]} updated {updated[0]}", flush=True)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "sqlite":
        sqlite(sys.argv[2])
    elif command == "postgres-sql":
        postgres_sql()
    elif command == "pocketbase-schema":
        pocketbase_schema(*sys.argv[2:5])
    elif command == "recount-sqlite":
        recount_sqlite(sys.argv[2])
    elif command == "streams":
        asyncio.run(streams(sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
