//! A photo contest's results: worked out from the entries' votes and the judges' scores, and at
//! the close announced once as a pinned post in the group.

use hoi_api::{
    feed::{Category, PostKind},
    photo_contest::{EntryStatus, ResultRow},
};

use crate::{
    db::{
        memberships, now, photo_contest_entries, photo_contests,
        photo_contests::PhotoContest,
        posts::{self, NewPost},
        Db,
    },
    photo_contests::ranking::{self, Standing},
};

/// Votes still in the writer's queue at the close are committed well within this.
const GRACE_SECONDS: i64 = 3;

/// The ranking as it stands: final once the contest is closed.
pub async fn standings(db: &Db, contest: &PhotoContest) -> Result<Vec<ResultRow>, sqlx::Error> {
    let entries = photo_contest_entries::list(db, contest.id, Some(EntryStatus::Approved), None).await?;
    let mut totals = photo_contest_entries::judge_totals(db, contest.id).await?;
    let standings: Vec<Standing> = entries
        .iter()
        .map(|e| Standing {
            entry_id: e.id,
            votes: e.votes,
            judge_totals: totals.remove(&e.id).unwrap_or_default(),
        })
        .collect();
    let ranked = ranking::rank(&standings, contest.judge_weight, contest.max_criteria_points());
    Ok(ranked
        .into_iter()
        .filter_map(|r| {
            let entry = entries.iter().find(|e| e.id == r.entry_id)?;
            Some(ResultRow {
                rank: r.rank,
                entry_id: r.entry_id,
                title: entry.title.clone(),
                author_name: entry.author_name.clone(),
                judge_average: r.judge_average,
                votes: r.votes,
                vote_score: r.vote_score,
                total: r.total,
            })
        })
        .collect())
}

/// Once the voting has closed (and the grace passed): writes each entry's rank and pins a post
/// with the winners in the group. Runs once per contest, whoever gets there first.
pub async fn announce_if_closed(db: &Db, contest: &PhotoContest) -> Result<(), sqlx::Error> {
    if contest.results_at.is_some() || now() < contest.voting_close_at + GRACE_SECONDS {
        return Ok(());
    }
    if !photo_contests::claim_results(db, contest.id).await? {
        return Ok(());
    }
    let announced = announce(db, contest).await;
    if announced.is_err() {
        photo_contests::release_results(db, contest.id).await?;
    }
    announced
}

async fn announce(db: &Db, contest: &PhotoContest) -> Result<(), sqlx::Error> {
    let rows = standings(db, contest).await?;
    for row in &rows {
        photo_contest_entries::set_rank(db, row.entry_id, row.rank).await?;
    }
    let author = match contest.created_by {
        Some(id) => Some(id),
        None => memberships::board_ids(db, contest.group_id)
            .await?
            .first()
            .copied(),
    };
    let Some(author) = author else { return Ok(()) };
    let body = announcement(contest, &rows);
    let post = posts::insert(
        db,
        NewPost {
            group_id: contest.group_id,
            author_id: author,
            kind: PostKind::Post,
            category: Category::HoiNews,
            body: &body,
            held_for: &[],
            idempotency_key: None,
            publish_at: None,
            poll: None,
        },
    )
    .await?;
    posts::set_top(db, post, true, None).await?;
    photo_contests::set_announcement(db, contest.id, post).await
}

/// The post: the winners (up to five lines), then where to see everything.
fn announcement(contest: &PhotoContest, rows: &[ResultRow]) -> String {
    let mut body = format!("Kết quả cuộc thi ảnh \"{}\"\n", contest.title);
    if rows.is_empty() {
        body.push_str("\nCuộc thi không có bài dự thi nào được duyệt.\n");
    }
    for row in rows.iter().take(5) {
        body.push_str(&format!(
            "\nHạng {}: \"{}\" của chị {}, {} điểm ({} lượt bình chọn)",
            row.rank,
            row.title,
            row.author_name,
            format_points(row.total),
            row.votes
        ));
    }
    body.push_str(&format!(
        "\n\nĐiểm tổng: giám khảo {}%, bình chọn {}%. Cảm ơn các chị đã dự thi và bình chọn! \
         Xem toàn bộ kết quả: /photo-contests/{}",
        contest.judge_weight,
        100 - contest.judge_weight.min(100),
        contest.id
    ));
    body
}

/// 87.5 → "87,5" (Vietnamese decimal comma).
pub fn format_points(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.replace('.', ",")
}

/// Announces every contest whose voting has closed (the 30-second tick).
pub async fn announce_closed(db: &Db) -> Result<(), sqlx::Error> {
    for id in photo_contests::unannounced_closed(db, now() - GRACE_SECONDS).await? {
        if let Some(contest) = photo_contests::get(db, id).await? {
            announce_if_closed(db, &contest).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::format_points;

    #[test]
    fn points_read_the_vietnamese_way() {
        assert_eq!(format_points(87.5), "87,5");
        assert_eq!(format_points(93.0), "93");
        assert_eq!(format_points(66.67), "66,67");
    }
}
