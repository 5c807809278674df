"""Seeds the same feed into Chi hội số's SQLite and into PocketBase's, for `cargo xtask bench feed`.

usage: feed_data.py ours DB_PATH
       feed_data.py pocketbase-schema BASE_URL EMAIL PASSWORD   (the collection, through PocketBase's API)
       feed_data.py pocketbase DATA_DB_PATH                      (the rows, with PocketBase stopped)

Deterministic (fixed seed): both servers hold the same 100,000 posts over 50 groups, 2,000 each,
written by 500 members, with reaction counts and comment counts.
"""

import hashlib
import json
import random
import sqlite3
import sys
import time

from pocketbase_api import create_collection

GROUPS = 50
POSTS = 100_000
USERS = 500
WARD_UNIT = 100_565  # Xã Gia Lâm, seeded by the server's first start
CATEGORIES = ["hoi_news", "health_beauty", "arts_sports", "family_children", "law",
              "vocation_startup", "role_models", "entertainment"]
WORDS = ("chị em hội viên sinh hoạt chi hội tuần này sức khỏe gia đình con cái dân vũ văn nghệ "
         "thông báo lịch họp tổ dân phố vay vốn dạy nghề làm bánh trồng rau sạch khám bệnh").split()
NOW = int(time.time())
# The signed-in reader's cookie value: member 1's session (the database keeps only its SHA-256).
SESSION_TOKEN = "bench-session-token-2025"


def posts():
    rng = random.Random(2025)
    for n in range(POSTS):
        group = n % GROUPS + 1
        author = (n * 7) % USERS + 1
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))).capitalize() + "."
        reactions = [{"kind": k, "count": rng.randint(1, 30)} for k in ("like", "love") if rng.random() < 0.7]
        published = NOW - (POSTS - n) * 120
        yield (n + 1, group, author, rng.choice(CATEGORIES), body, json.dumps(reactions),
               rng.randint(0, 12), published)


def fold(text):
    table = str.maketrans("àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ",
                          "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")
    return text.lower().translate(table)


def ours(path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    with db:
        db.executemany(
            "INSERT INTO users (id, phone, display_name, password_hash, created_at) VALUES (?, ?, ?, 'x', ?)",
            [(u, f"+8498{u:07d}", f"Hội viên {u}", NOW) for u in range(1, USERS + 1)])
        db.executemany(
            "INSERT INTO community_groups (id, unit_id, name, name_folded, description, rules, questions, "
            "privacy, created_by, created_at) VALUES (?, ?, ?, ?, '', '', '[]', 'public', 1, ?)",
            [(g, WARD_UNIT, f"Nhóm {g}", f"nhom {g}", NOW) for g in range(1, GROUPS + 1)])
        db.executemany(
            "INSERT INTO memberships (group_id, user_id, role, status, answers, requested_at, decided_at) "
            "VALUES (?, ?, 'member', 'active', '[]', ?, ?)",
            [(g, u, NOW, NOW) for u in range(1, USERS + 1) for g in {(u * 13) % GROUPS + 1}])
        db.executemany(
            "INSERT INTO posts (id, group_id, author_id, kind, category, body, body_folded, status, reactions, "
            "comment_count, created_at, published_at) VALUES (?, ?, ?, 'post', ?, ?, ?, 'published', ?, ?, ?, ?)",
            [(i, g, a, c, b, fold(b), r, cc, p, p) for (i, g, a, c, b, r, cc, p) in posts()])
        db.execute("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, 1, ?, ?)",
                   (hashlib.sha256(SESSION_TOKEN.encode()).hexdigest(), NOW, NOW))
    db.execute("ANALYZE")
    db.close()


def pocketbase(path):
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO posts (id, group_id, author_name, category, body, status, reactions, comment_count, "
            "published) VALUES (?, ?, ?, ?, ?, 'published', ?, ?, ?)",
            [(f"p{i:014d}", g, f"Hội viên {a}", c, b, r, cc, p) for (i, g, a, c, b, r, cc, p) in posts()])
    db.execute("ANALYZE")
    db.close()


def pocketbase_schema(base, email, password):
    """The collection a PocketBase user would make for this feed: public list rule, an index for
    the page query, the author's name kept on the post (no expand)."""
    create_collection(base, email, password, {
        "name": "posts", "type": "base", "listRule": "", "viewRule": "",
        "fields": [
            {"name": "group_id", "type": "number"}, {"name": "author_name", "type": "text"},
            {"name": "category", "type": "text"}, {"name": "body", "type": "text"},
            {"name": "status", "type": "text"}, {"name": "reactions", "type": "json"},
            {"name": "comment_count", "type": "number"}, {"name": "published", "type": "number"},
        ],
        "indexes": ["CREATE INDEX idx_posts_feed ON posts (group_id, published)"],
    })


if __name__ == "__main__":
    if sys.argv[1] == "pocketbase-schema":
        pocketbase_schema(*sys.argv[2:5])
    else:
        {"ours": ours, "pocketbase": pocketbase}[sys.argv[1]](sys.argv[2])
