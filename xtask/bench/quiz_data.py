"""Seeds a quiz and 2,000 signed-in entrants into Chi hội số's SQLite, and recounts the answers
afterwards, for `cargo xtask bench quiz`.

usage: quiz_data.py seed DB_PATH      (with the server stopped)
       quiz_data.py recount DB_PATH   prints: rows answered, rows whose answer differs from the expected one

Entrant n (1-based) signs in with the cookie value `bench-quiz-n` and answers question q
(1..20) with option (n + q) % 4: the recount knows every answer the driver sent.
"""

import hashlib
import json
import sqlite3
import sys
import time

ENTRANTS = 2_000
QUESTIONS = 20
WARD_UNIT = 100_565  # Xã Gia Lâm, seeded by the server's first start
NOW = int(time.time())


def seed(path):
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    with db:
        db.executemany(
            "INSERT INTO users (id, phone, display_name, password_hash, created_at) VALUES (?, ?, ?, 'x', ?)",
            [(u, f"+8497{u:07d}", f"Hội viên {u}", NOW) for u in range(1, ENTRANTS + 1)])
        db.execute(
            "INSERT INTO community_groups (id, unit_id, name, name_folded, description, rules, questions, "
            "privacy, created_by, created_at) VALUES (1, ?, 'Nhóm thi', 'nhom thi', '', '', '[]', 'public', 1, ?)",
            (WARD_UNIT, NOW))
        db.executemany(
            "INSERT INTO memberships (group_id, user_id, role, status, answers, requested_at, decided_at) "
            "VALUES (1, ?, ?, 'active', '[]', ?, ?)",
            [(u, "admin" if u == 1 else "member", NOW, NOW) for u in range(1, ENTRANTS + 1)])
        db.executemany("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
                       [(hashlib.sha256(f"bench-quiz-{u}".encode()).hexdigest(), u, NOW, NOW)
                        for u in range(1, ENTRANTS + 1)])
        db.execute(
            "INSERT INTO quizzes (id, title, rules, opens_at, closes_at, minutes, attempts_allowed, draw_count, "
            "shuffle_options, prediction, tie_breaks, prize_first, prize_second, prize_third, prize_consolation, "
            "score_after_submit, created_by, created_at) VALUES (1, 'Bench', '', ?, ?, 60, 1, 0, 0, "
            "'perfect_scores', 'prediction,time,submitted', 1, 1, 1, 0, 1, 1, ?)",
            (NOW - 60, NOW + 86_400, NOW))
        db.execute("INSERT INTO quiz_groups (quiz_id, group_id) VALUES (1, 1)")
        db.executemany(
            "INSERT INTO quiz_questions (id, quiz_id, position, text, kind, options, correct, points, explanation) "
            "VALUES (?, 1, ?, ?, 'single', ?, '0', 5, '')",
            [(q, q - 1, f"Câu {q}?", json.dumps(["A", "B", "C", "D"])) for q in range(1, QUESTIONS + 1)])
    db.execute("ANALYZE")
    db.close()


def recount(path):
    db = sqlite3.connect(path)
    rows = db.execute(
        "SELECT t.user_id, a.question_id, a.chosen, a.option_ids FROM quiz_attempt_questions a "
        "JOIN quiz_attempts t ON t.id = a.attempt_id WHERE a.chosen IS NOT NULL").fetchall()

    def sent_id(chosen, option_ids):
        # `chosen` holds the author's positions; the driver sent the ids drawn for the attempt.
        if option_ids is None:
            return chosen
        return option_ids.split(",")[int(chosen)]

    wrong = sum(1 for (user, question, chosen, ids) in rows
                if sent_id(chosen, ids) != str((user + question) % 4))
    print(len(rows), wrong)


if __name__ == "__main__":
    {"seed": seed, "recount": recount}[sys.argv[1]](sys.argv[2])
