//! The demo feed: a few days of a pilot group's life, so every screen has something to show.

use hoi_api::{
    feed::{Category, HoldReason, PostKind, Reaction},
    poll::{NewPoll, PollResults},
};

use crate::db::{conversation, now, polls, posts, Db};

/// A post: who wrote it (index into the people given to [`seed`]), how long ago, what.
struct DemoPost {
    author: usize,
    hours_ago: i64,
    kind: PostKind,
    category: Category,
    body: &'static str,
}

const POSTS: &[DemoPost] = &[
    DemoPost {
        author: 0,
        hours_ago: 70,
        kind: PostKind::Post,
        category: Category::HoiNews,
        body: "THÔNG BÁO: Hội LHPN xã tổ chức khám sức khỏe sinh sản miễn phí cho chị em vào sáng Chủ nhật \
               tuần này, 7h30 tại Trạm y tế xã. Chị em nhớ mang theo CCCD.\nChi tiết: https://hoilhpn.org.vn",
    },
    DemoPost {
        author: 2,
        hours_ago: 50,
        kind: PostKind::Post,
        category: Category::ArtsSports,
        body:
            "Đội dân vũ chi hội 3 tập bài mới tối thứ Ba và thứ Năm ở nhà văn hóa thôn. Chị em nào thích thì \
               ra tập cùng nhé, vui lắm!",
    },
    DemoPost {
        author: 1,
        hours_ago: 30,
        kind: PostKind::Post,
        category: Category::HealthBeauty,
        body: "Mùa lạnh chị em nhớ giữ ấm cổ và bàn chân, uống đủ nước ấm. Người lớn tuổi nên khởi động kỹ \
               trước khi tập thể dục buổi sáng.",
    },
    DemoPost {
        author: 3,
        hours_ago: 20,
        kind: PostKind::Question,
        category: Category::VocationStartup,
        body: "Cho em hỏi Hội có lớp dạy nghề làm bánh cho chị em không ạ? Em muốn học để bán hàng online.",
    },
    DemoPost {
        author: 4,
        hours_ago: 6,
        kind: PostKind::Question,
        category: Category::Law,
        body: "Thủ tục vay vốn hộ cận nghèo qua Hội cần những giấy tờ gì ạ?",
    },
    DemoPost {
        author: 5,
        hours_ago: 2,
        kind: PostKind::Post,
        category: Category::FamilyChildren,
        body: "Các mẹ ơi, bé nhà em 3 tuổi biếng ăn quá, mẹ nào có kinh nghiệm chia sẻ giúp em với ạ.",
    },
];

/// Seeds the feed of one group. `people[0]` is its admin; the rest are members.
pub async fn seed(db: &Db, group: i64, people: &[i64]) -> anyhow::Result<()> {
    let person = |index: usize| people[index % people.len()];
    let mut ids = Vec::new();
    for post in POSTS {
        let id = posts::insert(
            db,
            posts::NewPost {
                group_id: group,
                author_id: person(post.author),
                kind: post.kind,
                category: post.category,
                body: post.body,
                held_for: &[],
                idempotency_key: None,
                publish_at: None,
                poll: None,
            },
        )
        .await?;
        backdate(db, id, post.hours_ago).await?;
        ids.push(id);
    }
    posts::set_top(db, ids[0], false, Some(7)).await?;
    posts::answer(
        db,
        ids[3],
        "Chào em, Hội xã mở lớp làm bánh miễn phí vào tháng tới, em đăng ký với chi hội trưởng nhé.",
        person(0),
    )
    .await?;
    for (post, reactions) in [(ids[0], 9), (ids[1], 6), (ids[2], 4), (ids[5], 3)] {
        for n in 1..=reactions {
            let kind = Reaction::ALL[n % 3];
            conversation::react(db, post, person(n), Some(kind)).await?;
        }
    }
    let first = conversation::add(
        db,
        ids[1],
        None,
        person(6),
        "Tối thứ Năm em ra tập với các chị!",
        None,
    )
    .await?;
    conversation::add(db, ids[1], Some(first), person(2), "Ừ em, 7 giờ nhé.", None).await?;
    conversation::add(
        db,
        ids[5],
        None,
        person(7),
        "Chị cho bé ăn ít một, nhiều bữa, đừng ép em ạ.",
        None,
    )
    .await?;
    seed_poll(db, group, person(0), &people[1..people.len().min(7)]).await?;
    // One member's post waits for the board, held for a link to an unknown site.
    posts::insert(
        db,
        posts::NewPost {
            group_id: group,
            author_id: person(8),
            kind: PostKind::Post,
            category: Category::Entertainment,
            body: "Chị em xem clip hay này: https://clip-hay-lam.xyz/video/123",
            held_for: &[HoldReason::ApprovalRequired, HoldReason::Link],
            idempotency_key: None,
            publish_at: None,
            poll: None,
        },
    )
    .await?;
    Ok(())
}

/// The board's poll on the meeting time, a few days old, open for a week more, with some votes.
async fn seed_poll(db: &Db, group: i64, admin: i64, voters: &[i64]) -> anyhow::Result<()> {
    let poll = NewPoll {
        options: ["Sáng Chủ nhật", "Tối thứ Năm", "Chiều thứ Bảy"]
            .map(String::from)
            .to_vec(),
        multiple: false,
        closes_at: Some(chrono::Utc::now() + chrono::Duration::days(7)),
        results: PollResults::AfterVote,
    };
    let id = posts::insert(
        db,
        posts::NewPost {
            group_id: group,
            author_id: admin,
            kind: PostKind::Poll,
            category: Category::HoiNews,
            body: "Chị em muốn sinh hoạt chi hội tháng này vào buổi nào?",
            held_for: &[],
            idempotency_key: None,
            publish_at: None,
            poll: Some(&poll),
        },
    )
    .await?;
    backdate(db, id, 80).await?;
    // Thursday evening leads.
    for (voter, choice) in voters.iter().zip([1, 0, 1, 2, 1, 1]) {
        polls::write(db, id, *voter, 1 << choice, now(), false).await?;
    }
    Ok(())
}

async fn backdate(db: &Db, post: i64, hours: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE posts SET created_at = created_at - $1, published_at = published_at - $1 WHERE id = $2",
    )
    .bind(hours * 3600)
    .bind(post)
    .execute(&db.pool)
    .await?;
    Ok(())
}
