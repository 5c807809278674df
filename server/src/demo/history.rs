//! Six months of history for the Hà Nội pilot groups, so the reports have something to show: the
//! Gia Lâm group grows from 200 members to 1,500 (joining faster as word spreads, with some
//! leaving), Thạch Bàn from 40 to 180, with posts, comments, reactions, held posts and answered
//! questions every day. Generated, not random: the same demo every time.
//!
//! Rows are written as multi-row `INSERT`s of generated literals (numbers, and names and sentences
//! from the lists below, none with a quote) in one transaction: thousands of rows in well under a
//! second, so `cargo xtask serve` and the tests' demo stay quick.

use crate::db::{now, Backend, Db};

const DAY: i64 = 86_400;
/// The history's length: half a year before the demo starts.
pub const HISTORY_DAYS: i64 = 183;

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý",
];
const MIDDLE: [&str; 5] = ["Thị", "Thị", "Thị Thu", "Thị Minh", "Ngọc"];
/// Given names no named demo account has, so a search or a test finding "Nguyễn Thị Lan" finds her.
const GIVEN: [&str; 16] = [
    "Hà",
    "Nhàn",
    "Quế",
    "Phượng",
    "Thơm",
    "Lựu",
    "Huệ",
    "Cúc",
    "Đào",
    "Nụ",
    "Thoa",
    "Ngân",
    "Hoài",
    "Trâm",
    "Khánh",
    "Giang",
];
const SENTENCES: [&str; 8] = [
    "Chi hội tổ chức buổi sinh hoạt chuyên đề về nuôi dạy con tuổi mới lớn, mời chị em tham dự.",
    "Chia sẻ cách làm dưa góp ngon giòn cho cả nhà, chị em thử nhé.",
    "Lịch tập dân vũ tuần này: tối thứ Ba và thứ Năm tại nhà văn hóa thôn.",
    "Hội phát động quyên góp quần áo ấm cho học sinh vùng cao, chị em ủng hộ tại trụ sở xã.",
    "Nhắc chị em đưa con đi tiêm chủng đúng lịch tại trạm y tế xã.",
    "Buổi tập huấn làm bánh truyền thống đã có 30 chị em đăng ký, còn 10 chỗ.",
    "Cảm ơn Ban quản trị đã giúp em tìm được lớp học nghề phù hợp.",
    "Chị em chia sẻ kinh nghiệm trồng rau sạch trên sân thượng với ạ.",
];
const QUESTIONS: [&str; 3] = [
    "Cho em hỏi thủ tục vay vốn tạo việc làm qua Hội cần giấy tờ gì ạ?",
    "Lớp học nghề may của xã khi nào mở khóa mới ạ?",
    "Em mới chuyển về xã, muốn vào Hội thì đăng ký ở đâu ạ?",
];

/// How one group's history is shaped.
pub struct Plan {
    pub group: i64,
    pub commune: i64,
    /// Another commune some members live in ("from outside the locality").
    pub elsewhere: i64,
    /// Members at the start of the history, counting those who leave later.
    pub start: i64,
    /// Members today, the demo's own members included.
    pub end: i64,
    pub leaving: i64,
    pub posts: i64,
    /// First phone number of the generated members (+84 986 …).
    pub first_phone: i64,
    /// The group's admin: approves requests, answers questions.
    pub admin: i64,
}

/// A small deterministic mix (not random, so every demo is the same).
fn mix(n: i64) -> i64 {
    (n.wrapping_mul(2_654_435_761) >> 7).rem_euclid(1_000_003)
}

/// Run in chunks: both backends take a few hundred rows per statement comfortably.
async fn insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    head: &str,
    rows: &[String],
) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(400) {
        sqlx::query(&format!("{head} VALUES {}", chunk.join(",")))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Seeds one group's half year. The demo's own members (already in the group) are moved back in
/// time to before the history, so today does not show them all joining at once.
pub async fn seed(db: &Db, plan: &Plan, password_hash: &str) -> anyhow::Result<()> {
    let now = now();
    let start = now - HISTORY_DAYS * DAY;
    let mut tx = db.pool.begin().await?;
    let shift = (HISTORY_DAYS + 30) * DAY;
    sqlx::query(
        "UPDATE memberships SET requested_at = requested_at - $1, decided_at = decided_at - $1 \
         WHERE group_id = $2 AND status = 'active'",
    )
    .bind(shift)
    .bind(plan.group)
    .execute(&mut *tx)
    .await?;
    let existing: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE group_id = $1 AND status = 'active'")
            .bind(plan.group)
            .fetch_one(&mut *tx)
            .await?;
    // Before the history: `start` members, of whom `leaving` leave during it.
    let before = (plan.start - existing - plan.leaving).max(0);
    let joining = (plan.end - existing - before).max(0);
    let people = before + joining;
    let first_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM users")
        .fetch_one(&mut *tx)
        .await?;

    let mut users = Vec::new();
    let mut memberships = Vec::new();
    for k in 0..people {
        let id = first_id + k;
        let name = format!(
            "{} {} {}",
            FAMILY[(mix(id) % 12) as usize],
            MIDDLE[(mix(id + 7) % 5) as usize],
            GIVEN[(mix(id + 13) % 16) as usize]
        );
        // TRUE and FALSE: SQLite (3.23+) reads them as 1 and 0, PostgreSQL as booleans.
        let (home, overseas) = match mix(id + 3) % 20 {
            19 => ("NULL".to_owned(), "TRUE"),
            17 | 18 => (plan.elsewhere.to_string(), "FALSE"),
            _ => (plan.commune.to_string(), "FALSE"),
        };
        let hoi = if mix(id + 5) % 100 < 55 { "TRUE" } else { "FALSE" };
        // Before the history: spread over the 7 months before it. During it: joining speeds up
        // (the k-th of n joins at start + length * sqrt(k/n)).
        let joined = if k < before {
            start - DAY - (k * 210 * DAY) / before.max(1)
        } else {
            let j = (k - before) as f64 / joining.max(1) as f64;
            start + ((HISTORY_DAYS * DAY) as f64 * j.sqrt()) as i64
        };
        let asked = joined - 3600 * (1 + mix(id) % 30);
        users.push(format!(
            "({id}, '+84986{:06}', '{name}', '{password_hash}', {home}, {overseas}, {hoi}, {asked})",
            plan.first_phone + k
        ));
        memberships.push(format!(
            "({}, {id}, 'member', 'active', '[]', {asked}, {joined}, {})",
            plan.group, plan.admin
        ));
    }
    insert(
        &mut tx,
        "INSERT INTO users (id, phone, display_name, password_hash, home_unit_id, overseas, hoi_member, created_at)",
        &users,
    )
    .await?;
    insert(
        &mut tx,
        "INSERT INTO memberships (group_id, user_id, role, status, answers, requested_at, decided_at, decided_by)",
        &memberships,
    )
    .await?;
    // Those who left: joined before the history, left during it (counts only, as the trigger keeps them).
    let leaves: Vec<String> = (0..plan.leaving)
        .map(|k| {
            let joined = start - DAY * (20 + mix(k) % 150);
            let left = start + DAY * (1 + (k * (HISTORY_DAYS - 2)) / plan.leaving.max(1));
            format!("({}, {joined}, {left})", plan.group)
        })
        .collect();
    insert(
        &mut tx,
        "INSERT INTO membership_leaves (group_id, joined_at, left_at)",
        &leaves,
    )
    .await?;

    // Posts by members who had joined by then: every 10th held for approval, every 15th a question.
    let first_post: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM posts")
        .fetch_one(&mut *tx)
        .await?;
    let first_comment: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM comments")
        .fetch_one(&mut *tx)
        .await?;
    let (mut posts, mut comments, mut reactions) = (Vec::new(), Vec::new(), Vec::new());
    let mut comment_id = first_comment;
    for p in 0..plan.posts {
        let id = first_post + p;
        // More posts as the group grows; at a Vietnamese day's hours (6:00–22:00).
        let day = ((p as f64 / plan.posts as f64).sqrt() * (HISTORY_DAYS - 4) as f64) as i64;
        let created = start + day * DAY - 7 * 3600 + (6 + mix(id) % 16) * 3600 + mix(id + 1) % 3600;
        // The author: a member who had joined by then (those before the history, or early joiners).
        let known = before + (joining * day / HISTORY_DAYS).min(joining);
        let author = first_id + mix(id + 2) % known.max(1);
        let question = p % 15 == 7;
        let held = p % 10 == 3;
        let published = if held {
            created + 1800 + (mix(id) % 20) * 900
        } else {
            created
        };
        let body = if question {
            QUESTIONS[(mix(id) % 3) as usize]
        } else {
            SENTENCES[(mix(id) % 8) as usize]
        };
        let answered = if question {
            format!(
                "'Ban quản trị đã trả lời chị trong tin nhắn.', {}, {}",
                created + 3600 * (1 + mix(id) % 20),
                plan.admin
            )
        } else {
            "NULL, NULL, NULL".to_owned()
        };
        let n_comments = mix(id + 4) % 4;
        posts.push(format!(
            "({id}, {}, {author}, '{}', 'hoi_news', '{body}', '{}', 'published', '{}', {answered}, {created}, {published}, {n_comments})",
            plan.group,
            if question { "question" } else { "post" },
            hoi_api::text::fold_vietnamese(body),
            if held { "link" } else { "" },
        ));
        for c in 0..n_comments {
            let who = first_id + mix(id + 10 + c) % known.max(1);
            comments.push(format!(
                "({comment_id}, {id}, {who}, 'Cảm ơn chị đã chia sẻ!', 'published', {}, {})",
                published + 600 * (c + 1),
                plan.group
            ));
            comment_id += 1;
        }
        for r in 0..(mix(id + 6) % 9) {
            let who = first_id + (mix(id + 20) + r * 37) % known.max(1);
            reactions.push(format!(
                "({id}, {who}, 'like', {}, {})",
                published + 300 * (r + 1),
                plan.group
            ));
        }
    }
    insert(
        &mut tx,
        "INSERT INTO posts (id, group_id, author_id, kind, category, body, body_folded, status, held_for, \
         answer_body, answered_at, answered_by, created_at, published_at, comment_count)",
        &posts,
    )
    .await?;
    insert(
        &mut tx,
        "INSERT INTO comments (id, post_id, author_id, body, status, created_at, group_id)",
        &comments,
    )
    .await?;
    // A member reacts once per post: duplicates from the mix are dropped.
    for chunk in reactions.chunks(400) {
        sqlx::query(&format!(
            "INSERT INTO reactions (post_id, user_id, kind, created_at, group_id) VALUES {} ON CONFLICT DO NOTHING",
            chunk.join(",")
        ))
        .execute(&mut *tx)
        .await?;
    }
    // Some requests have waited too long: the advisors' overdue queue is not empty on day one.
    sqlx::query(
        "UPDATE memberships SET requested_at = requested_at - $1 WHERE group_id = $2 AND status = 'pending'",
    )
    .bind(5 * DAY)
    .bind(plan.group)
    .execute(&mut *tx)
    .await?;
    if db.backend == Backend::Postgres {
        // Rows were given their ids: move the identity sequences past them.
        for table in ["users", "posts", "comments"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
